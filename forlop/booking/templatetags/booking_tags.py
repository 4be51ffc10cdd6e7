from django import template

from forlop.therapists.models import Therapist

from ..models import ConsultationType

register = template.Library()


@register.filter
def offers_booking(therapist: Therapist) -> bool:
    """The profile's "Bestill time" button shows only when there is something to book. One query."""
    return ConsultationType.objects.offered_by(therapist).exists()
