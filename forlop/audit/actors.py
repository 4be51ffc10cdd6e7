"""Who acts: the `by=` of every service that changes something about a person.

Three kinds, as the access log records them (`AccessLog.actor_kind`): a staff account in its roles, the
person the data is about (on their own page, or through the link in their own email), and the system (a
scheduled job). Services that already took a `User` (they need it for their own event rows) keep taking one;
`actor_of` turns it into an Actor.

The request's address and id are carried along when the caller has a request, so a row written by a service
says as much as one written by a view did: views build `Actor.of(request)`. A service called from a staff
page without an Actor (a plain `User`) still gets them, from `current_request`, which the view classes in
`forlop.audit.access` set for the duration of a view.
"""

import ipaddress
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest

from forlop.accounts.models import User
from forlop.lib.requests import client_ip
from forlop.people.models import Person

from .models import ActorKind

current_request: ContextVar[HttpRequest | None] = ContextVar("forlop_audit_request", default=None)


def _ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        return None


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    user: User | None = (
        None  # the account that acted (staff; or the person's own account, when they have one)
    )
    person: Person | None = None  # SELF: the person themself
    name: str = ""  # SYSTEM: what acted ("booking.send_due_reminders")
    ip: str | None = None
    request_id: str = ""

    @classmethod
    def staff(cls, user: User, *, request: HttpRequest | None = None) -> "Actor":
        return cls(ActorKind.STAFF, user=user, **_request_fields(request))

    @classmethod
    def person_self(
        cls, person: Person | None, *, user: User | None = None, request: HttpRequest | None = None
    ) -> "Actor":
        """The person acting on their own data. `person` may be None for a row from before persons existed;
        the log row then names the person through the object it is about."""
        return cls(ActorKind.SELF, user=user, person=person, **_request_fields(request))

    @classmethod
    def system(cls, name: str) -> "Actor":
        return cls(ActorKind.SYSTEM, name=name)

    @classmethod
    def of(cls, request: HttpRequest) -> "Actor":
        """The staff user behind a staff page's request (the view classes have checked who it is)."""
        return cls.staff(request.user, request=request)  # type: ignore[arg-type]

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.email
        if self.kind == ActorKind.SYSTEM:
            return f"system:{self.name}"
        return ""

    @property
    def roles(self) -> str:
        if self.kind != ActorKind.STAFF or self.user is None:
            return ""
        return ",".join(sorted(str(role) for role in self.user.roles))


def _request_fields(request: HttpRequest | None) -> dict:
    request = request if request is not None else current_request.get()
    if request is None:
        return {}
    return {"ip": _ip(request), "request_id": str(getattr(request, "request_id", ""))[:64]}


def actor_of(by: "Actor | User") -> Actor:
    """An Actor for services that take a `User`: a staff account acts as staff; any other account is a
    client's, which only ever acts on its own person's data (Min side), so it acts as the person themself."""
    if isinstance(by, Actor):
        return by
    if by.is_staff:
        return Actor.staff(by)
    return Actor.person_self(Person.objects.filter(user=by).first(), user=by)
