"""Relatives: signing up, being added by a person in a course, the consent dial, the summary, and reading.

The only writers of `Consent` and `Summary`. Every change is recorded (`record_change`) with the person who
shares as the subject, in the change's own transaction, so it shows in the person's "who has read my data".
Every read by a relative goes through `read_shared`, which asks the policy and logs the read with the person
as subject, in the transaction that holds the consent row.

Emails name no one else and carry no health details: a relative is told that someone wants to share
information with them via Forløp, and to log in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts import clients
from forlop.accounts.models import User
from forlop.audit.models import Action
from forlop.audit.policy import RelativeShare, relative_may_see
from forlop.audit.services import Ref, log_access, record_change
from forlop.booking.models import Booking
from forlop.care.models import Course
from forlop.core.services import consume
from forlop.lib.emails import normalise_email
from forlop.outbox.services import queue_email
from forlop.people.models import Person
from forlop.people.services import person_for

from .models import Consent, Dial, Summary

SIGNUP_SCOPE = "relatives-signup"  # per address
SIGNUP_LIMIT = 3
SIGNUP_IP_SCOPE = "relatives-signup-ip"  # per address the requests come from
SIGNUP_IP_LIMIT = 10
SIGNUP_WINDOW = timedelta(hours=1)
ADD_SCOPE = "relatives-add"  # relatives a person may add per day: an invitation is an email to someone
ADD_LIMIT = 10
ADD_WINDOW = timedelta(days=1)
SUMMARY_MAX = 2000

# Log rows of a relative's reads: what they read, in the person's own log ("Pårørende Ola leste timene dine").
READ_APPOINTMENTS = "relatives.appointments"
READ_SUMMARY = "relatives.summary"


class RelativesError(Exception):
    """A change that cannot be made; the message is shown to the person."""


class NotShared(Exception):
    """No current consent names this relative: the page is not theirs to see."""


def open_course(person: Person) -> Course | None:
    return Course.objects.open().filter(person=person).first()


def home_url() -> str:
    return reverse("relatives:home")


def _login_link() -> str:
    return (
        settings.SITE_URL + reverse("accounts:client_login") + "?" + urlencode({"next": home_url()}, safe="/")
    )


def _is_staff_address(email: str) -> bool:
    return User.objects.filter(email=email).exclude(is_client=True, is_staff=False).exists()


def _invite_or_tell(*, relative: Person, shared: bool) -> None:
    """An invitation to set up an account, or (the account is set up) an email that says to log in."""
    user = relative.user
    if user is not None and user.has_usable_password():
        queue_email(
            to=[user.email],
            template="relatives_shared" if shared else "relatives_has_account",
            context={"link": _login_link()},
        )
        return
    clients.invite_client(
        person=relative, by=None, template="relatives_invitation", url_name="relatives:invitation"
    )


# --- Signing up without anyone knowing -----------------------------------------------------------------------


@transaction.atomic
def sign_up(*, email: str, ip_hash: str, now: datetime | None = None) -> None:
    """Someone close to a person with a drug or alcohol problem asks for their own account from the public
    page. Says nothing either way (the page always says "check your email"): an address already set up gets
    an email that says to log in; a staff address gets nothing; too many asks get nothing."""
    now = now or timezone.now()
    email = normalise_email(email)
    if not email:
        return
    if not consume(scope=SIGNUP_IP_SCOPE, key=ip_hash, limit=SIGNUP_IP_LIMIT, window=SIGNUP_WINDOW, now=now):
        return
    if not consume(scope=SIGNUP_SCOPE, key=email, limit=SIGNUP_LIMIT, window=SIGNUP_WINDOW, now=now):
        return
    if _is_staff_address(email):
        return
    relative = person_for(email=email, now=now)
    try:
        _invite_or_tell(relative=relative, shared=False)
    except clients.ClientAccountError:
        return  # e.g. the address belongs to another person's account: nothing to say to a stranger


# --- The person's side: adding relatives and setting the dial -----------------------------------------------


def _check_person(person: Person, by: User) -> None:
    if person.user_id is None or person.user_id != by.pk or by.is_staff:
        raise RelativesError(_("Bare du selv kan bestemme hva pårørende får se."))


@transaction.atomic
def add_relative(
    *, person: Person, name: str, email: str, dial: str = Dial.NOTHING, by: User, now: datetime | None = None
) -> Consent:
    """The person (and only the person, in a course) names a relative: a consent row with the dial, and an
    email to the relative (an invitation, or "log in" when they have an account)."""
    now = now or timezone.now()
    _check_person(person, by)
    name = " ".join(name.split())[:120]
    email = normalise_email(email)
    if dial not in Dial.values:
        raise RelativesError(_("Velg hva pårørende skal få se."))
    if not name or not email:
        raise RelativesError(_("Skriv navnet og e-postadressen til den pårørende."))
    if open_course(person) is None:
        raise RelativesError(_("Du kan dele med pårørende når du er i et forløp hos oss."))
    if email == normalise_email(person.email):
        raise RelativesError(_("Det er din egen e-postadresse. Skriv adressen til den pårørende."))
    if _is_staff_address(email):
        raise RelativesError(_("Denne adressen kan ikke brukes. Skriv en annen e-postadresse."))
    if not consume(scope=ADD_SCOPE, key=str(person.pk), limit=ADD_LIMIT, window=ADD_WINDOW, now=now):
        raise RelativesError(_("Du har lagt til mange pårørende i dag. Prøv igjen i morgen."))
    relative = person_for(email=email, now=now)
    if Consent.objects.current().filter(person=person, relative=relative).exists():
        raise RelativesError(_("Denne personen står allerede på listen din."))
    consent = Consent.objects.create(
        person=person, relative=relative, relative_name=name, dial=dial, created_at=now, changed_at=now
    )
    try:
        _invite_or_tell(relative=relative, shared=True)
    except clients.ClientAccountError as refusal:
        raise RelativesError(_("Vi kunne ikke sende en invitasjon til denne adressen.")) from refusal
    relative.refresh_from_db(fields=["user"])
    if relative.user is not None and not relative.user.full_name:
        # The name the person knows them by, for the person's own log ("Pårørende Ola leste …").
        User.objects.filter(pk=relative.user.pk).update(full_name=name)
    record_change(
        by=by,
        obj=consent,
        subject=person,
        action=Action.CREATE,
        why=f"Pårørende lagt til: {Dial(dial).label}",
    )
    return consent


def _locked_consent(*, person: Person, consent_id: int) -> Consent:
    consent = Consent.objects.select_for_update().current().filter(pk=consent_id, person=person).first()
    if consent is None:
        raise RelativesError(_("Fant ikke denne pårørende på listen din."))
    return consent


@transaction.atomic
def set_dial(*, person: Person, consent_id: int, dial: str, by: User, now: datetime | None = None) -> Consent:
    """The person turns the dial. Effective at once: the relative's next read takes the consent row's lock
    after this commits (or this waits for a read in progress to finish)."""
    now = now or timezone.now()
    _check_person(person, by)
    if dial not in Dial.values:
        raise RelativesError(_("Velg hva pårørende skal få se."))
    consent = _locked_consent(person=person, consent_id=consent_id)
    if consent.dial != dial:
        consent.dial = dial
        consent.changed_at = now
        consent.save(update_fields=["dial", "changed_at"])
        record_change(
            by=by, obj=consent, subject=person, why=f"Deling med pårørende endret: {Dial(dial).label}"
        )
    return consent


@transaction.atomic
def remove_relative(*, person: Person, consent_id: int, by: User, now: datetime | None = None) -> None:
    """The relative is taken off the list: nothing shared from the next request on."""
    now = now or timezone.now()
    _check_person(person, by)
    consent = _locked_consent(person=person, consent_id=consent_id)
    consent.dial = Dial.NOTHING
    consent.ended_at = now
    consent.changed_at = now
    consent.save(update_fields=["dial", "ended_at", "changed_at"])
    record_change(by=by, obj=consent, subject=person, action=Action.DELETE, why="Pårørende fjernet")


def draft_of(person: Person) -> Summary | None:
    return Summary.objects.filter(person=person, approved_at__isnull=True).first()


def approved_of(person: Person) -> Summary | None:
    return (
        Summary.objects.filter(person=person, approved_at__isnull=False)
        .order_by("-approved_at", "-pk")
        .first()
    )


@transaction.atomic
def save_summary(
    *, person: Person, text: str, approve: bool, by: User, now: datetime | None = None
) -> Summary:
    """The person writes (or edits) the summary, and approves it or keeps it as a draft. Relatives see only
    the latest approved one."""
    now = now or timezone.now()
    _check_person(person, by)
    text = text.strip()
    if not text:
        raise RelativesError(_("Skriv noen ord før du lagrer."))
    if len(text) > SUMMARY_MAX:
        raise RelativesError(_("Oppsummeringen kan være på høyst 2000 tegn."))
    if open_course(person) is None:
        raise RelativesError(_("Du kan dele med pårørende når du er i et forløp hos oss."))
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one writer of the draft at a time
    summary = draft_of(person) or Summary(person=person, written_at=now)
    summary.text = text
    summary.written_at = now
    summary.approved_at = now if approve else None
    summary.save()
    record_change(
        by=by,
        obj=summary,
        subject=person,
        why="Oppsummering til pårørende godkjent" if approve else "Utkast til oppsummering lagret",
    )
    return summary


# --- The relative's side --------------------------------------------------------------------------------------


def shared_with_me(relative: Person) -> list[Consent]:
    """Whoever shares with this relative (whatever the dial), for the relative's own area."""
    return list(Consent.objects.current().filter(relative=relative).select_related("person").order_by("pk"))


@dataclass
class Shared:
    consent: Consent
    dial: str
    appointments: list[Booking] = field(default_factory=list)
    summary: Summary | None = None
    sees_appointments: bool = False
    sees_summary: bool = False


def upcoming_appointments(person: Person, *, now: datetime) -> list[Booking]:
    return list(
        Booking.objects.filter(person=person, status=Booking.Status.CONFIRMED, end_at__gt=now)
        .select_related("consultation_type")
        .order_by("start_at", "pk")
    )


def read_shared(
    *,
    request: HttpRequest,
    relative: Person,
    consent_id: int,
    now: datetime | None = None,
    between: Callable[[], None] | None = None,
) -> Shared:
    """What the person shares with this relative right now, read and logged in one transaction that holds
    the consent row: a revocation (`set_dial`, `remove_relative`) either committed before, and this reads
    nothing, or waits until this read has committed. `between` is a seam for the race test (called after the
    consent is read, before the data)."""
    now = now or timezone.now()
    user = request.user
    with transaction.atomic():
        consent = (
            Consent.objects.select_for_update()
            .current()
            .filter(pk=consent_id, relative=relative)
            .select_related("person")
            .first()
        )
        if consent is None:
            raise NotShared
        if between is not None:
            between()
        shared = Shared(consent=consent, dial=consent.dial)
        person = consent.person

        def may(what: RelativeShare) -> bool:
            return relative_may_see(
                user, relative, consent_relative_id=consent.relative_id, dial=consent.dial, what=what
            )

        if may(RelativeShare.APPOINTMENTS):
            shared.sees_appointments = True
            shared.appointments = upcoming_appointments(person, now=now)
            ids = ",".join(str(b.pk) for b in shared.appointments)[:64]
            log_access(
                request=request,
                obj=Ref(READ_APPOINTMENTS, ids, person_id=person.pk),
                subject=person,
                why="Pårørende: timene som er delt",
            )
        if may(RelativeShare.SUMMARY):
            shared.sees_summary = True
            shared.summary = approved_of(person)
            log_access(
                request=request,
                obj=Ref(READ_SUMMARY, str(shared.summary.pk) if shared.summary else "", person_id=person.pk),
                subject=person,
                why="Pårørende: oppsummeringen som er delt",
            )
        if not (shared.sees_appointments or shared.sees_summary):
            # Nothing of the person's: the relative's own page, logged as their own read.
            log_access(
                request=request,
                obj=Ref("relatives.consent", str(consent.pk), person_id=relative.pk),
                subject=relative,
                why="Pårørende: ingenting delt",
            )
    return shared
