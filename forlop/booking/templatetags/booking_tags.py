from datetime import datetime

from django import template

from forlop.lib import timezones
from forlop.therapists.models import Therapist

from ..models import ConsultationType

register = template.Library()


@register.filter
def offers_booking(therapist: Therapist) -> bool:
    """The profile's "Bestill time" button shows only when there is something to book. One query."""
    return ConsultationType.objects.offered_by(therapist).exists()


@register.filter
def clock(value: datetime) -> str:
    """Oslo time "HH:MM"; the twice-happening times on the autumn DST day are labelled (see lib/timezones)."""
    return timezones.clock(value) if value else ""
