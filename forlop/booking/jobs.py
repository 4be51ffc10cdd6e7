from datetime import timedelta

from forlop.core.jobs import register

from . import services


@register("booking.send_reminders", every=timedelta(minutes=5))
def send_reminders() -> None:
    services.send_due_reminders()


@register("booking.purge_abandoned_holds", every=timedelta(hours=6))
def purge_abandoned_holds() -> None:
    services.purge_abandoned_holds()
