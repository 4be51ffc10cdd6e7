"""The staff frame's pieces: the menu's counts ("Forespørsler (4)", read once per request by
forlop.staff.waiting) and the roles of whoever is logged in."""

from django import template

from forlop.accounts.models import Role
from forlop.staff import waiting

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_counts(context) -> waiting.Counts:
    request = context.get("request")
    if request is None or not getattr(request.user, "is_authenticated", False):
        return waiting.Counts()
    return waiting.counts(request)


# How the header names the roles someone holds, most specific first ("lege, terapeut").
ROLE_ORDER = (Role.DOCTOR, Role.THERAPIST, Role.COORDINATOR, Role.ADMIN)


@register.filter
def staff_roles(user) -> str:
    held: set[Role] = getattr(user, "roles", set())
    labels = [str(role.label) for role in ROLE_ORDER if role in held]
    return ", ".join(labels).lower()
