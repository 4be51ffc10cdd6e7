"""Periodic jobs of the treatment course that need every part of it."""

from datetime import timedelta

from forlop.core.jobs import register

from . import summary
from .checkin import services as checkin


@register("care_checkin.send_digests", every=timedelta(minutes=30))
def send_digests() -> None:
    """The daily "N flagg venter" email, counting the same flags as the caseload (`summary.FLAG_PROVIDERS`)."""
    checkin.send_digests(providers=summary.FLAG_PROVIDERS)
