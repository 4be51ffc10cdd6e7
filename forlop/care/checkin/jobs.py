from datetime import timedelta

from forlop.core.jobs import register

from . import services


@register("care_checkin.send_digests", every=timedelta(minutes=30))
def send_digests() -> None:
    services.send_digests()
