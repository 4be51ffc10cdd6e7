"""Writing the access log. Every view that shows personal or health data calls one of these.

List pages log one row per object shown (`log_access_many`, one INSERT). One row per object keeps "whose
data was this" a plain indexed equality, so one person's history is a simple query and a simple export; a
single row with a list of ids would need JSON searches that neither SQLite nor an index helps with.
"""

import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from forlop.accounts.models import User
from forlop.lib.requests import client_ip
from forlop.people.models import Person

from .access import LOGGED_ATTR
from .models import AccessLog, Action


@dataclass(frozen=True)
class Ref:
    """A reference to something that is not (or no longer) a model instance: a list page, a person."""

    type: str
    id: str = ""
    label: str = ""
    person_id: int | None = None  # the forlop.people.Person this is about, when there is one


type Thing = models.Model | Ref


def person_id_of(obj: Thing, subject: Thing) -> int | None:
    """The person whose data this is: the subject itself when it is a Person, else the `person` that the
    subject or the object points to (a booking, a match request, an enquiry, a course sign-up). Every call
    that logs one of those therefore names the person without saying so."""
    for thing in (subject, obj):
        if isinstance(thing, Person):
            return thing.pk
        if isinstance(thing, Ref):
            if thing.person_id is not None:
                return thing.person_id
            continue
        person_id = getattr(thing, "person_id", None)
        if isinstance(person_id, int):
            return person_id
    return None


def ref_of(thing: Thing) -> Ref:
    if isinstance(thing, Ref):
        return thing
    if isinstance(thing, User):
        label = f"{thing.full_name} <{thing.email}>" if thing.full_name else thing.email
        return Ref(thing._meta.label_lower, str(thing.pk), label)
    return Ref(thing._meta.label_lower, str(thing.pk), str(thing))


def subject_of(obj: Thing) -> Ref:
    """Whose data `obj` is: what `obj.access_log_subject()` says, else `obj` itself."""
    declared = getattr(obj, "access_log_subject", None)
    if callable(declared):
        return ref_of(declared())
    return ref_of(obj)


def _actor(request: HttpRequest) -> tuple[int | None, str, str]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, "", ""
    roles = ",".join(sorted(str(role) for role in user.roles))  # type: ignore[union-attr]
    return user.pk, user.email, roles  # type: ignore[union-attr]


def _ip(request: HttpRequest) -> str | None:
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _entries(
    *,
    request: HttpRequest,
    pairs: Iterable[tuple[Thing, Thing]],
    action: str,
    why: str | None,
) -> list[AccessLog]:
    action = Action(action)
    purpose = why if why is not None else getattr(request, "access_purpose", "")
    if not purpose:
        raise ValueError("say why the data is shown: pass why= or use @personal_data(purpose=…)")
    user_id, user_label, roles = _actor(request)
    now = timezone.now()
    common = {
        "at": now,
        "user_id": user_id,
        "user_label": user_label,
        "roles": roles,
        "action": action,
        "why": purpose[:200],
        "request_id": str(getattr(request, "request_id", ""))[:64],
        "ip": _ip(request),
    }
    entries = []
    for obj, subject in pairs:
        what, whose = ref_of(obj), ref_of(subject)
        entries.append(
            AccessLog(
                person_id=person_id_of(obj, subject),
                object_type=what.type,
                object_id=what.id[:64],
                subject_type=whose.type,
                subject_id=whose.id[:64],
                subject_label=whose.label[:200],
                **common,
            )
        )
    return entries


def log_access(
    *,
    request: HttpRequest,
    obj: Thing,
    action: str = Action.VIEW,
    subject: Thing | None = None,
    why: str | None = None,
) -> AccessLog:
    """Record that `request.user` did `action` on `obj`, which is `subject`'s data, because `why`."""
    [entry] = _entries(
        request=request,
        pairs=[(obj, subject if subject is not None else subject_of(obj))],
        action=action,
        why=why,
    )
    entry.save()  # one INSERT; no transaction needed
    setattr(request, LOGGED_ATTR, True)
    return entry


def log_access_many[T: models.Model | Ref](
    *,
    request: HttpRequest,
    objs: Iterable[T],
    action: str = Action.VIEW,
    subject: Callable[[T], Thing] | None = None,
    why: str | None = None,
) -> list[AccessLog]:
    """One row per object shown on a list page, written in one INSERT. An empty page logs nothing."""
    whose = subject or subject_of
    entries = _entries(request=request, pairs=[(obj, whose(obj)) for obj in objs], action=action, why=why)
    created = AccessLog.objects.bulk_create(entries)
    setattr(request, LOGGED_ATTR, True)
    return created
