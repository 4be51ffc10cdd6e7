"""The access log in plain words for the person it is about: "Tor Haugen, terapeut, åpnet timebestillingen
din". Never a staff member's email: a reader without a name on their account is "en ansatt"."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts.models import Role
from forlop.audit.models import AccessLog, AccessLogQuerySet, Action, ActorKind
from forlop.people.models import Person

PER_PAGE = 25


def rows_about(person: Person) -> AccessLogQuerySet:
    """Newest first, each with its reader in the same query (no query per row)."""
    return AccessLog.objects.about_person(person).newest_first().select_related("user")


def _what(object_type: str) -> str:
    return {
        "booking.booking": _("timebestillingen din"),
        "booking.client": _("timebestillingen din"),
        "matching.matchrequest": _("forespørselen din om behandler"),
        "contact.contactenquiry": _("henvendelsen din"),
        "course.enrollment": _("påmeldingen din til e-postkurset"),
        "people.person": _("opplysningene dine"),
        "minside.deletionrequest": _("ønsket ditt om sletting"),
        "relatives.consent": _("delingen din med pårørende"),
        "relatives.summary": _("oppsummeringen din til pårørende"),
        "relatives.appointments": _("timene dine"),
    }.get(object_type, _("opplysningene dine"))


def _verb(action: str) -> str:
    verbs: dict[str, str] = {
        Action.VIEW: _("åpnet"),
        Action.CREATE: _("opprettet"),
        Action.CHANGE: _("endret"),
        Action.EXPORT: _("lastet ned"),
        Action.DELETE: _("slettet"),
    }
    return verbs.get(action, action)


@dataclass(frozen=True)
class Line:
    at: datetime
    who: str  # "Tor Haugen, terapeut" / "Du" / "Systemet"
    did: str  # "åpnet timebestillingen din"
    why: str
    own: bool
    text: str  # the sentence without its time
    same_year: bool = True  # this year's rows leave the year out, as people say it


def describe(entry: AccessLog, *, person: Person, now: datetime) -> Line:
    own = entry.user_id is not None and entry.user_id == person.user_id
    # Another person's own account reading this person's data: only a relative the person shares with does
    # that (forlop.relatives), and says so: "Pårørende Ola Nordmann leste timene dine".
    relative = not own and entry.user_id is not None and entry.actor_kind == ActorKind.SELF
    if relative:
        name = entry.user.full_name if entry.user else ""
        who = _("Pårørende %(name)s") % {"name": name} if name else _("En pårørende")
        did = (
            f"{_('leste') if entry.action == Action.VIEW else _verb(entry.action)} {_what(entry.object_type)}"
        )
        at = timezone.localtime(entry.at)
        return Line(
            at=at,
            text=f"{who} {did}",
            same_year=at.year == timezone.localtime(now).year,
            who=who,
            did=did,
            why=entry.why,
            own=False,
        )
    if own:
        who = _("Du")
    elif entry.user_id is None:
        who = _("Systemet")
    else:
        name = (entry.user.full_name if entry.user else "") or _("En ansatt")
        roles = [str(Role(r).label).lower() for r in entry.role_list if r in Role.values and r != Role.CLIENT]
        who = ", ".join([name, *roles])
    at = timezone.localtime(entry.at)
    # "Tor Haugen, terapeut, åpnet …"; "Du åpnet …"; "Systemet åpnet …".
    did = f"{_verb(entry.action)} {_what(entry.object_type)}"
    text = f"{who} {did}" if own or entry.user_id is None else f"{who}, {did}"
    return Line(
        at=at,
        text=text,
        same_year=at.year == timezone.localtime(now).year,
        who=who,
        did=f"{_verb(entry.action)} {_what(entry.object_type)}",
        why="" if own else entry.why,
        own=own,
    )
