from datetime import timedelta

from forlop.core.jobs import register

from . import services


@register("care_tapering.send_step_reminders", every=timedelta(minutes=30))
def send_step_reminders() -> None:
    services.send_step_reminders()
