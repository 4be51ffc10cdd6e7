"""`{% unread_messages as n %}`: how many messages from the team the person on this Min side page has not
opened (one COUNT query; 0 off Min side)."""

from typing import Any

from django import template

from forlop.audit.access import OWN_PERSON_ATTR

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages(context: dict[str, Any]) -> int:
    from forlop.care.messaging.services import unread_for_person

    person = getattr(context.get("request"), OWN_PERSON_ATTR, None)
    return unread_for_person(person) if person is not None else 0
