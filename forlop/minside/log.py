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
        "relatives.lessondone": _("leksjonene dine i kurset for pårørende"),
        "relatives.exerciseanswer": _("svarene dine i kurset for pårørende"),
        # The treatment course (issue 13) and taking part (issue 14): one phrase per model of the care apps, so
        # nobody reads "opplysningene dine" where we know what was read (a test walks the apps' models).
        "care.course": _("behandlingsforløpet ditt"),
        "care.teammember": _("hvem som er behandlerne dine"),
        "care.phasechange": _("fasene i forløpet ditt"),
        "care.emergencyaccess": _("akuttilgang til journalen din"),
        "care_assessment.assessment": _("kartleggingen din"),
        "care_assessment.substanceuse": _("rusmiddelbruken din i kartleggingen"),
        "care_assessment.settingdecision": _("valget av behandlingsnivå for deg"),
        "care_withdrawal.scaleentry": _("abstinensmålingene dine"),
        "care_withdrawal.entryerror": _("en rettet abstinensmåling"),
        "care_tapering.taperplan": _("nedtrappingsplanen din"),
        "care_tapering.planversion": _("nedtrappingsplanen din"),
        "care_tapering.stepreminder": _("påminnelsene om nedtrappingen din"),
        "care_plan.treatmentplan": _("behandlingsplanen din"),
        "care_plan.planrevision": _("behandlingsplanen din"),
        "care_plan.evaluation": _("evalueringen av behandlingsplanen din"),
        "care_journal.journalnote": _("journalnotatene dine"),
        "care_journal.amendment": _("et tillegg i journalen din"),
        "care_journal.withholding": _("et journalnotat som er holdt tilbake"),
        "care_journal.ciphertextrewrite": _("journalen din"),
        "care_checkin.checkin": _("innsjekkene dine"),
        "care_checkin.digestsent": _("oversikten over innsjekkene dine"),
        "care_modules.assignment": _("modulene dine"),
        "care_modules.answer": _("svarene dine i modulene"),
        "care_modules.comment": _("kommentarene til svarene dine"),
        "care_measures.measurement": _("skjemaene du har fylt ut"),
        "care_relapse.relapseplan": _("tilbakefallsplanen din"),
        "care_relapse.planversion": _("tilbakefallsplanen din"),
        "care_messaging.thread": _("meldingene dine"),
        "care_messaging.message": _("meldingene dine"),
        "care_messaging.readreceipt": _("meldingene dine"),
    }.get(object_type, _("opplysningene dine"))


# The purpose a read under emergency access carries (forlop.care.access / care.services: "Akuttilgang: <the
# reason given> (<the page's purpose>)"), in Norwegian or, from an English-speaking staff member, in English.
EMERGENCY_PREFIXES = ("Akuttilgang:", "Emergency access:")


def emergency_reason(why: str) -> str | None:
    """The reason stated for emergency access, or None when the read was not one."""
    for prefix in EMERGENCY_PREFIXES:
        if why.startswith(prefix):
            body = why[len(prefix) :].strip()
            if body.endswith(")") and " (" in body:  # the page's own purpose, added after the reason
                body = body.rsplit(" (", 1)[0]
            return body
    return None


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
    emergency: bool = False  # read under emergency access (not on the team); `why` is the reason they gave


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
    reason = None if own or entry.user_id is None else emergency_reason(entry.why or "")
    if reason is not None:
        # Not on the person's team: "Kari Lie, lege, åpnet journalnotatene dine med akuttilgang", with the
        # reason they gave in place of the purpose (the page heads the row "Akuttilgang: <reason>").
        if entry.object_type == "care.emergencyaccess" and entry.action == Action.CREATE:
            did = _("tok akuttilgang til journalen din")  # the declaration itself
        else:
            did = _("%(did)s med akuttilgang") % {"did": did}
    text = f"{who} {did}" if own or entry.user_id is None else f"{who}, {did}"
    return Line(
        at=at,
        text=text,
        same_year=at.year == timezone.localtime(now).year,
        who=who,
        did=did,
        why="" if own else (reason if reason is not None else entry.why),
        own=own,
        emergency=reason is not None,
    )
