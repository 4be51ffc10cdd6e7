"""The only writers of the journal. Each takes `by=` (who acts), re-checks it against the one access policy
(Data.TREATMENT, change: a therapist or doctor on the course's team) and records the change in the access log
in its own transaction. The log rows never carry the note's text.

Drafts change by conditional UPDATE (`filter(pk=…, signed_at=None, author=by)`), so a draft signed in another
tab cannot be edited afterwards, and two signatures cannot both succeed.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.models import Action
from forlop.audit.policy import Act, Data
from forlop.audit.services import record_change
from forlop.booking.models import Booking
from forlop.care.flags import Flag, Severity
from forlop.care.models import Course
from forlop.people.models import Person

from .models import Amendment, JournalNote, Withholding, WithholdingGround

# A draft older than this is flagged on the caseload: a note should be signed the day it is written.
UNSIGNED_AFTER = timedelta(hours=24)
MIN_REASON = 10
BOOKING_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.HELD_DONE, Booking.Status.NO_SHOW)


class JournalError(ValidationError):
    """A change the rules do not allow; the message is for the clinician who tried it."""


def may_write(by: User, course: Course) -> bool:
    return policy.may(by, Act.CHANGE, Data.TREATMENT, team=course.team_user_ids())


def _require_writer(by: User, course: Course) -> None:
    if not may_write(by, course):
        raise PermissionDenied(_("Bare terapeut eller lege på teamet kan skrive i journalen."))


def bookings_for(course: Course) -> list[Booking]:
    """The person's consultations a note may be about, newest first."""
    return list(
        Booking.objects.filter(person_id=course.person_id, status__in=BOOKING_STATUSES)
        .select_related("consultation_type")
        .order_by("-start_at")[:50]
    )


def _check_booking(course: Course, booking: Booking | None) -> None:
    if booking is not None and (
        booking.person_id != course.person_id or booking.status not in BOOKING_STATUSES
    ):
        raise JournalError(_("Timen hører ikke til personen i dette forløpet."))


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise JournalError(_("Skriv notatet."))
    return text


@transaction.atomic
def write_note(
    *,
    course: Course,
    by: User,
    text: str,
    consulted_on: date,
    booking: Booking | None = None,
    now: datetime | None = None,
) -> JournalNote:
    """A new draft by `by`. Only its author may change or sign it."""
    _require_writer(by, course)
    _check_booking(course, booking)
    now = now or timezone.now()
    note = JournalNote(
        course=course, booking=booking, consulted_on=consulted_on, author=by, created_at=now, updated_at=now
    )
    note.text = _clean_text(text)
    note.save()
    record_change(
        by=by, obj=note, subject=course.person, action=Action.CREATE, why=_("Skrev utkast til journalnotat")
    )
    return note


def _draft_of_author(note: JournalNote, by: User) -> None:
    if note.is_signed:
        raise JournalError(_("Notatet er signert og kan ikke endres. Skriv et tillegg i stedet."))
    if note.author_id != by.pk:
        raise PermissionDenied(_("Bare den som skrev utkastet, kan endre eller signere det."))


@transaction.atomic
def edit_draft(
    *,
    note: JournalNote,
    by: User,
    text: str,
    consulted_on: date,
    booking: Booking | None = None,
    now: datetime | None = None,
) -> JournalNote:
    _require_writer(by, note.course)
    _draft_of_author(note, by)
    _check_booking(note.course, booking)
    now = now or timezone.now()
    note.text = _clean_text(text)
    updated = JournalNote.objects.filter(pk=note.pk, signed_at__isnull=True, author=by).update(
        body_ciphertext=note.body_ciphertext, consulted_on=consulted_on, booking=booking, updated_at=now
    )
    if not updated:
        raise JournalError(
            _("Notatet ble signert i mellomtiden og kan ikke endres. Skriv et tillegg i stedet.")
        )
    note.consulted_on, note.booking, note.updated_at = consulted_on, booking, now
    record_change(by=by, obj=note, subject=note.course.person, why=_("Endret utkast til journalnotat"))
    return note


@transaction.atomic
def sign_note(*, note: JournalNote, by: User, now: datetime | None = None) -> JournalNote:
    """Sign the author's draft. From now on the note cannot change (model, triggers)."""
    _require_writer(by, note.course)
    _draft_of_author(note, by)
    now = now or timezone.now()
    updated = JournalNote.objects.filter(pk=note.pk, signed_at__isnull=True, author=by).update(signed_at=now)
    if not updated:
        raise JournalError(_("Notatet er allerede signert."))
    note.signed_at = now
    record_change(by=by, obj=note, subject=note.course.person, why=_("Signerte journalnotat"))
    return note


def _require_signed(note: JournalNote) -> None:
    if not note.is_signed:
        raise JournalError(_("Notatet er ikke signert ennå. Et utkast endrer du direkte."))


@transaction.atomic
def amend_note(
    *, note: JournalNote, by: User, text: str, reason: str, now: datetime | None = None
) -> Amendment:
    """A correction of a signed note, signed by `by` when written; the note itself stays as it was."""
    _require_writer(by, note.course)
    _require_signed(note)
    text = text.strip()
    reason = reason.strip()
    if not text:
        raise JournalError(_("Skriv tillegget."))
    if len(reason) < MIN_REASON:
        raise JournalError(_("Skriv hvorfor notatet rettes eller utfylles (minst 10 tegn)."))
    amendment = Amendment(note=note, author=by, signed_at=now or timezone.now())
    amendment.text = text
    amendment.reason = reason
    amendment.save()
    record_change(
        by=by,
        obj=amendment,
        subject=note.course.person,
        action=Action.CREATE,
        why=_("Signerte tillegg til journalnotat"),
    )
    return amendment


@transaction.atomic
def withhold_note(
    *, note: JournalNote, by: User, ground: str, explanation: str, now: datetime | None = None
) -> Withholding:
    """Refuse the person access to a signed note (and its amendments) on a ground of pasient- og
    brukerrettighetsloven § 5-1 second paragraph, with the clinician's explanation. The person sees that a
    note from that date is withheld, and how to have the decision reviewed."""
    _require_writer(by, note.course)
    _require_signed(note)
    if ground not in WithholdingGround.values:
        raise JournalError(_("Velg hjemmelen for å holde notatet tilbake."))
    explanation = explanation.strip()
    if len(explanation) < MIN_REASON:
        raise JournalError(_("Begrunn hvorfor vilkåret er oppfylt for dette notatet (minst 10 tegn)."))
    withholding = Withholding(note=note, ground=ground, withheld_by=by, withheld_at=now or timezone.now())
    withholding.explanation = explanation
    try:
        with transaction.atomic():
            withholding.save()
    except IntegrityError as error:
        raise JournalError(_("Notatet er allerede holdt tilbake.")) from error
    record_change(
        by=by,
        obj=note,
        subject=note.course.person,
        why=_("Holdt journalnotat tilbake for pasienten (pbrl. § 5-1 annet ledd: %(ground)s)")
        % {"ground": WithholdingGround(ground).label},
    )
    return withholding


@transaction.atomic
def lift_withholding(*, note: JournalNote, by: User, now: datetime | None = None) -> Withholding:
    """Let the person read the note again. The decision and its lifting both stay on record."""
    _require_writer(by, note.course)
    now = now or timezone.now()
    withholding = Withholding.objects.filter(note=note, lifted_at__isnull=True).first()
    if withholding is None:
        raise JournalError(_("Notatet er ikke holdt tilbake."))
    updated = Withholding.objects.filter(pk=withholding.pk, lifted_at__isnull=True).update(
        lifted_at=now, lifted_by=by
    )
    if not updated:
        raise JournalError(_("Notatet er ikke holdt tilbake."))
    withholding.lifted_at, withholding.lifted_by = now, by
    record_change(
        by=by, obj=note, subject=note.course.person, why=_("Opphevet tilbakeholdelse av journalnotat")
    )
    return withholding


# --- Reads --------------------------------------------------------------------------------------------------


def notes_of_person(person: Person) -> list[JournalNote]:
    """The person's signed notes in every course, newest first (drafts are never theirs to read)."""
    return list(JournalNote.objects.filter(course__person=person).signed().for_page())


def flags_for(course_ids: list[int], *, now: datetime) -> dict[int, list[Flag]]:
    """ "Usignert journalnotat": a draft older than 24 hours, naming its author (the one who must sign).
    One query however many courses."""
    drafts = (
        JournalNote.objects.filter(
            course_id__in=list(course_ids), signed_at__isnull=True, created_at__lte=now - UNSIGNED_AFTER
        )
        .select_related("author")
        .order_by("course_id", "created_at")
    )
    found: dict[int, list[JournalNote]] = defaultdict(list)
    for note in drafts:
        found[note.course_id].append(note)
    flags: dict[int, list[Flag]] = {}
    for course_id, notes in found.items():
        authors = sorted({n.author.full_name or n.author.email for n in notes})
        oldest = notes[0]
        flags[course_id] = [
            Flag(
                course_id=course_id,
                kind="journal_unsigned",
                label=_("Usignert journalnotat"),
                why=_(
                    "%(count)s utkast er ikke signert etter 24 timer (eldste fra %(when)s), skrevet av %(authors)s."
                )
                % {
                    "count": len(notes),
                    "when": timezone.localtime(oldest.created_at).strftime("%d.%m.%Y %H:%M"),
                    "authors": ", ".join(authors),
                },
                severity=Severity.WARNING,
                url=reverse("care_journal:notes", kwargs={"course_pk": course_id}),
            )
        ]
    return flags
