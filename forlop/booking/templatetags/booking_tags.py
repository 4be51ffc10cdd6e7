import re
from datetime import datetime

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

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


@register.filter
def breakable_address(value: str) -> str:
    """An email address that may wrap after its dots and before the @ (<wbr>), so a narrow calendar column
    wraps "kari.nordmann@example.no" at those points rather than in the middle of a name."""
    parts = re.split(r"(?<=\.)|(?=@)", value or "")
    return mark_safe("<wbr>".join(escape(part) for part in parts if part))  # noqa: S308 - every part escaped
