"""The staff menu's counts ("Forespørsler (4)"), read once per request by forlop.staff.waiting."""

from django import template

from forlop.staff import waiting

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_counts(context) -> waiting.Counts:
    request = context.get("request")
    if request is None or not getattr(request.user, "is_authenticated", False):
        return waiting.Counts()
    return waiting.counts(request)
