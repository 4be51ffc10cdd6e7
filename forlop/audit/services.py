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

from .access import LOGGED_ATTR, OWN_PERSON_ATTR
from .actors import Actor, actor_of
from .models import AccessLog, Action, ActorKind


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


def request_actor(request: HttpRequest) -> Actor:
    """Who is behind a request: the person themself on an `@own_data` page (the view class put the person on
    the request), else the logged-in account in its roles; an anonymous request is nobody in particular."""
    own = getattr(request, OWN_PERSON_ATTR, None)
    user = getattr(request, "user", None)
    account = user if user is not None and user.is_authenticated else None
    if own is not None:
        return Actor.person_self(own, user=account, request=request)  # type: ignore[arg-type]
    if account is None:
        return Actor(
            ActorKind.STAFF, request_id=str(getattr(request, "request_id", ""))[:64], ip=_ip(request)
        )
    return Actor.staff(account, request=request)  # type: ignore[arg-type]


def _ip(request: HttpRequest) -> str | None:
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _entries(
    *,
    by: Actor,
    pairs: Iterable[tuple[Thing, Thing]],
    action: str,
    purpose: str,
) -> list[AccessLog]:
    action = Action(action)
    if not purpose:
        raise ValueError("say why the data is shown: pass why= or use @personal_data(purpose=…)")
    common = {
        "at": timezone.now(),
        "user_id": by.user.pk if by.user is not None else None,
        "user_label": by.label[:254],
        "roles": by.roles,
        "actor_kind": by.kind,
        "action": action,
        "why": purpose[:200],
        "request_id": by.request_id,
        "ip": by.ip,
    }
    entries = []
    for obj, subject in pairs:
        what, whose = ref_of(obj), ref_of(subject)
        person_id = person_id_of(obj, subject)
        if person_id is None and by.kind == ActorKind.SELF and by.person is not None:
            person_id = by.person.pk
        entries.append(
            AccessLog(
                person_id=person_id,
                object_type=what.type,
                object_id=what.id[:64],
                subject_type=whose.type,
                subject_id=whose.id[:64],
                subject_label=whose.label[:200],
                **common,
            )
        )
    return entries


def _purpose(request: HttpRequest, why: str | None) -> str:
    return why if why is not None else getattr(request, "access_purpose", "")


def record_change(
    *,
    by: Actor | User,
    obj: Thing,
    why: str,
    action: str = Action.CHANGE,
    subject: Thing | None = None,
) -> AccessLog:
    """For services: record that `by` changed (or created, or deleted) `obj`, `subject`'s data, because `why`.

    Call it inside the service's transaction, after the write it records, so that the change and its log row
    commit or roll back together and a caller cannot forget it. The request's address and id come with `by`
    (`Actor.of(request)`), or from the staff view the service runs under."""
    [entry] = _entries(
        by=actor_of(by),
        pairs=[(obj, subject if subject is not None else subject_of(obj))],
        action=action,
        purpose=why,
    )
    entry.save()
    return entry


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
        by=request_actor(request),
        pairs=[(obj, subject if subject is not None else subject_of(obj))],
        action=action,
        purpose=_purpose(request, why),
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
    entries = _entries(
        by=request_actor(request),
        pairs=[(obj, whose(obj)) for obj in objs],
        action=action,
        purpose=_purpose(request, why),
    )
    created = AccessLog.objects.bulk_create(entries)
    setattr(request, LOGGED_ATTR, True)
    return created
