"""What a person does from Min side that changes something: leave the email course, withdraw a match
request, ask for deletion. Each takes `by=` (the person's own account) and writes its own record in its own
transaction; the views only call these."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from forlop.accounts.models import User
from forlop.care.assessment.models import Assessment, SettingDecision, SubstanceUse
from forlop.care.checkin.models import CheckIn
from forlop.care.journal import services as journal_services
from forlop.care.measures.models import Measurement
from forlop.care.messaging.models import Message
from forlop.care.models import Course, EmergencyAccess, PhaseChange, TeamMember
from forlop.care.modules import catalog as module_catalog
from forlop.care.modules.models import Answer as ModuleAnswer
from forlop.care.modules.models import Comment as ModuleComment
from forlop.care.plan.models import Evaluation, PlanRevision
from forlop.care.relapse.models import PlanVersion as RelapseVersion
from forlop.care.tapering.models import PlanVersion as TaperVersion
from forlop.care.withdrawal.models import ScaleEntry
from forlop.course import services as course_services
from forlop.course.models import Enrollment
from forlop.matching import services as matching_services
from forlop.matching.models import CloseReason, MatchRequest
from forlop.people.models import Person
from forlop.relatives.craft import content as craft_content
from forlop.relatives.models import Consent, ExerciseAnswer, LessonDone, Summary
from forlop.therapists.vocabulary import SUBSTANCES

from .models import DeletionRequest


class NotYours(Exception):
    """The row does not belong to the person acting."""


def _check_actor(person: Person, by: User) -> None:
    if person.user_id != by.pk:
        raise NotYours("only the person themselves may do this from Min side")


@transaction.atomic
def request_deletion(
    *, person: Person, by: User, note: str = "", now: datetime | None = None
) -> DeletionRequest:
    """Record that the person asks for their account and data to be deleted. One open request at a time: a
    second ask while one is open returns the open one (with its first note)."""
    _check_actor(person, by)
    Person.objects.select_for_update().filter(pk=person.pk).first()  # two clicks at once make one request
    open_request = DeletionRequest.objects.filter(person=person, handled_at__isnull=True).first()
    if open_request is not None:
        return open_request
    return DeletionRequest.objects.create(
        person=person, requested_by=by, requested_at=now or timezone.now(), note=note.strip()[:1000]
    )


def leave_course(*, person: Person, enrollment_id: int, by: User) -> course_services.UnsubscribeOutcome:
    """Leave the email course through the course's own unsubscribe (queued lessons are stopped too)."""
    _check_actor(person, by)
    enrollment = Enrollment.objects.filter(pk=enrollment_id, person=person).first()
    if enrollment is None:
        raise NotYours("no such course sign-up for this person")
    return course_services.unsubscribe(token=enrollment.token)


def withdraw_match_request(*, person: Person, request_id: int, by: User) -> bool:
    """Withdraw consent for an open match request: it is closed as withdrawn, so nobody works on it or sends
    suggestions any more (it is deleted with the other requests when retention comes). False when it was no
    longer open."""
    _check_actor(person, by)
    match_request = MatchRequest.objects.filter(pk=request_id, person=person).first()
    if match_request is None:
        raise NotYours("no such match request for this person")
    if not match_request.is_open:
        return False
    try:
        matching_services.close_request(
            match_request=match_request, reason=CloseReason.WITHDRAWN, by=by, note="Min side"
        )
    except matching_services.RequestChanged:
        return False
    return True


# --- Export -------------------------------------------------------------------------------------------------

# Fields that are machinery, not information about the person (hashes of links, internal keys).
HIDDEN_FIELDS = {
    "checkout_token_hash",
    "manage_token_hash",
    "manage_salt",
    "video_room",
    "ics_sequence",
    "idempotency_key",
    "token",
    "email_hash",
    "person",
    "user",
    "doctor_decided_by",
    "handled_by",
    "requested_by",
}


def labels(model) -> dict[str, str]:
    return {f.name: str(f.verbose_name) for f in model._meta.concrete_fields}


# One row of a section: (key in the JSON, label for people, value). Values stay Python values here (datetimes
# in UTC from the database); `plain` turns them into JSON and `shown` into words for the HTML page, both in
# the clinic's time zone.
type Row = list[tuple[str, str, Any]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[Row]
    intro: str = ""


def plain(value: Any) -> Any:
    """A value as JSON: times in Europe/Oslo with their offset, choices already as words."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def shown(value: Any) -> str:
    """A value in words for the readable page: "5. desember 2026 kl. 10.12", "Ja", "a, b"."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nei"))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j. F Y \\k\\l. H.i")
    if isinstance(value, date):
        return formats.date_format(value, "j. F Y")
    if isinstance(value, list | tuple):
        return "; ".join(shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {shown(v)}" for k, v in value.items())
    return str(value)


def _field(obj: models.Model, name: str, label: str = "") -> tuple[str, str, Any]:
    field = obj._meta.get_field(name)
    value = getattr(obj, f"get_{name}_display")() if getattr(field, "choices", None) else getattr(obj, name)
    if getattr(field, "choices", None) and getattr(obj, name) in ("", None):
        value = ""
    return (name, label or str(field.verbose_name), value)  # type: ignore[union-attr]


def _fields(obj: models.Model, names: list[str]) -> Row:
    return [_field(obj, name) for name in names]


def _staff(user: Any) -> str:
    """A staff member by name, never by email."""
    return (getattr(user, "full_name", "") or "") or str(_("En ansatt"))


def _model_rows(queryset) -> list[Row]:
    """The older sections (bookings, requests, …): every field but the machinery in HIDDEN_FIELDS."""
    rows = []
    for obj in queryset:
        fields = [f for f in obj._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
        rows.append([(f.name, str(f.verbose_name), getattr(obj, f.attname)) for f in fields])
    return rows


# --- The treatment course (issue 13) and taking part, relatives (issue 14) ----------------------------------
# Each reader takes the person and returns its rows in a fixed number of queries, whatever the number of rows.
# Only what the person is entitled to read: signed journal notes (a withheld one as "holdt tilbake" with its
# date and legal ground, never its text or the clinician's explanation), approved taper plans, never a draft
# of the team's, never another person's data (a relative's CRAFT answers are the relative's alone).


def _courses(person: Person) -> list[Row]:
    rows = []
    for course in Course.objects.filter(person=person).order_by("started_at", "pk"):
        rows.append(
            [
                ("id", str(_("forløp nr.")), course.pk),
                _field(course, "phase"),
                ("substances", str(_("rusmidler")), [str(SUBSTANCES.get(k, k)) for k in course.substances]),
                *_fields(course, ["started_at", "closed_at", "closing_summary"]),
            ]
        )
    return rows


def _team(person: Person) -> list[Row]:
    members = TeamMember.objects.filter(course__person=person).select_related("user").order_by("course", "pk")
    return [
        [
            ("course", str(_("forløp nr.")), m.course_id),
            ("name", str(_("navn")), _staff(m.user)),
            _field(m, "role"),
            _field(m, "added_at"),
        ]
        for m in members
    ]


def _phases(person: Person) -> list[Row]:
    changes = PhaseChange.objects.filter(course__person=person).select_related("by").order_by("at", "pk")
    return [
        [
            ("course", str(_("forløp nr.")), c.course_id),
            *_fields(c, ["at", "from_phase", "to_phase", "note"]),
            ("by", str(_("av")), _staff(c.by)),
        ]
        for c in changes
    ]


def _emergency(person: Person) -> list[Row]:
    # Who opened the journal without being on the team, when and why (the review's note is the clinic's own
    # control and stays there; that it was reviewed, and when, is shown).
    rows = EmergencyAccess.objects.filter(course__person=person).select_related("user").order_by("at", "pk")
    return [
        [
            ("course", str(_("forløp nr.")), e.course_id),
            *_fields(e, ["at", "expires_at"]),
            ("by", str(_("hvem")), _staff(e.user)),
            *_fields(e, ["reason", "reviewed_at"]),
        ]
        for e in rows
    ]


ASSESSMENT_FIELDS = [
    f.name for f in Assessment._meta.concrete_fields if not f.is_relation and f.name not in {"id"}
]


def _assessments(person: Person) -> list[Row]:
    return [
        [("course", str(_("forløp nr.")), a.course_id), *_fields(a, ASSESSMENT_FIELDS)]
        for a in Assessment.objects.filter(course__person=person).order_by("pk")
    ]


def _substance_use(person: Person) -> list[Row]:
    uses = SubstanceUse.objects.filter(assessment__course__person=person).order_by("assessment", "pk")
    return [
        _fields(u, ["substance", "amount", "units_per_day", "frequency", "route", "duration", "last_use"])
        for u in uses
    ]


def _settings(person: Person) -> list[Row]:
    decisions = (
        SettingDecision.objects.filter(course__person=person).select_related("by").order_by("at", "pk")
    )
    return [
        [
            ("course", str(_("forløp nr.")), d.course_id),
            *_fields(d, ["at", "setting", "suggested", "reason"]),
            ("by", str(_("av")), _staff(d.by)),
        ]
        for d in decisions
    ]


def _withdrawal(person: Person) -> list[Row]:
    entries = (
        ScaleEntry.objects.filter(course__person=person)
        .select_related("entered_by", "error")
        .order_by("taken_at", "pk")
    )
    rows = []
    for e in entries:
        error = getattr(e, "error", None)
        rows.append(
            [
                *_fields(e, ["taken_at", "instrument", "applicable", "answers", "total"]),
                ("band", str(_("gruppe")), _band(e)),
                _field(e, "flagged"),
                *_fields(e, ["note"]),
                ("entered_by", str(_("registrert av")), _staff(e.entered_by)),
                ("in_error", str(_("markert som feilført")), error.reason if error else ""),
            ]
        )
    return rows


def _band(row: Any) -> str:
    """A score's band in words ("Moderat abstinens"), not its key."""
    band = row.band_obj
    return str(band.label) if band is not None else row.band


def _schedule_words(schedule: dict[str, Any]) -> list[str]:
    days = schedule.get("days", []) if isinstance(schedule, dict) else []
    return [
        f"{d.get('date')}: "
        + ", ".join(f"{x.get('time')} {x.get('drug')} {x.get('mg')} mg" for x in d.get("doses", []))
        for d in days
    ]


def _tapering(person: Person) -> list[Row]:
    # Only approved versions: a proposal the doctor has not approved is the team's work in progress.
    versions = (
        TaperVersion.objects.filter(plan__course__person=person, approved_at__isnull=False)
        .select_related("plan", "approved_by")
        .order_by("plan", "number")
    )
    return [
        [
            ("plan", str(_("plan nr.")), v.plan_id),
            _field(v.plan, "kind"),
            *_fields(v, ["number", "approved_at", "first_day", "last_day", "reason"]),
            ("approved_by", str(_("godkjent av")), _staff(v.approved_by)),
            ("schedule", str(_("doser dag for dag")), _schedule_words(v.schedule)),
        ]
        for v in versions
    ]


def _plan(person: Person) -> list[Row]:
    revisions = (
        PlanRevision.objects.filter(plan__course__person=person)
        .select_related("by")
        .order_by("plan", "number")
    )
    return [
        [
            *_fields(r, ["number", "at", "goals", "measures", "interval_weeks", "note"]),
            ("by", str(_("av")), _staff(r.by)),
        ]
        for r in revisions
    ]


def _evaluations(person: Person) -> list[Row]:
    evaluations = Evaluation.objects.filter(plan__course__person=person).order_by("due_on", "pk")
    return [
        _fields(e, ["due_on", "done_at", "summary", "goals_outcome", "goals_adjusted"]) for e in evaluations
    ]


def _journal(person: Person) -> list[Row]:
    """Signed notes only (a draft is not yet journal); a withheld note shows only that it is held back, when
    and on which legal ground (pasient- og brukerrettighetsloven § 5-1), never its text or the explanation."""
    rows = []
    for note in journal_services.notes_of_person(person):
        row: Row = [
            _field(note, "consulted_on"),
            ("author", str(_("skrevet av")), _staff(note.author)),
            _field(note, "signed_at"),
        ]
        withheld = note.active_withholding()
        if withheld is not None:
            row += [
                (
                    "withheld_note",
                    str(_("notat")),
                    _(
                        "Dette notatet er holdt tilbake. Behandleren din har bestemt at du ikke får lese det nå "
                        "(pasient- og brukerrettighetsloven § 5-1 annet ledd)."
                    ),
                ),
                ("withheld", str(_("holdt tilbake")), withheld.withheld_at),
                _field(withheld, "ground", str(_("hjemmel"))),
            ]
        else:
            row += [("text", str(_("notat")), note.text)]
            row += [
                (
                    "amendments",
                    str(_("tillegg")),
                    [
                        {
                            str(_("signert")): a.signed_at,
                            str(_("skrevet av")): _staff(a.author),
                            str(_("tillegg")): a.text,
                            str(_("begrunnelse")): a.reason,
                        }
                        for a in note.amendments.all()
                    ],
                )
            ]
        rows.append(row)
    return rows


def _checkins(person: Person) -> list[Row]:
    checkins = CheckIn.objects.filter(course__person=person).order_by("day", "pk")
    rows = []
    for c in checkins:
        rows.append(
            [
                *_fields(c, ["day", "craving", "used"]),
                ("substances", str(_("hva")), c.substance_labels()),
                *_fields(c, ["amount", "amount_text", "mood", "sleep", "sleep_hours", "suicide_thoughts"]),
                *_fields(c, ["seizure", "taper", "dose", "withdrawal"]),
                ("symptoms", str(_("abstinenssymptomer")), c.symptom_labels()),
                *_fields(c, ["late", "created_at", "updated_at"]),
            ]
        )
    return rows


def _module_title(slug: str) -> str:
    module = module_catalog.get(slug)
    return module.title if module is not None else slug


def _exercise_title(slug: str, key: str) -> str:
    module = module_catalog.get(slug)
    exercise = module.exercise(key) if module is not None else None
    return exercise.title if exercise is not None else key


def _module_answers(person: Person) -> list[Row]:
    answers = (
        ModuleAnswer.objects.filter(assignment__course__person=person)
        .select_related("assignment")
        .prefetch_related(Prefetch("comments", queryset=ModuleComment.objects.select_related("by")))
        .order_by("assignment__unlocks_on", "assignment", "pk")
    )
    return [
        [
            ("module", str(_("modul")), _module_title(a.assignment.slug)),
            ("exercise", str(_("øvelse")), _exercise_title(a.assignment.slug, a.exercise)),
            *_fields(a, ["text", "shared_at", "draft"]),
            ("draft_saved_at", str(_("utkast lagret")), a.draft_saved_at),
            ("seen_at", str(_("lest av behandler")), a.seen_at),
            (
                "comments",
                str(_("kommentarer")),
                [
                    {str(_("fra")): _staff(c.by), str(_("tid")): c.at, str(_("kommentar")): c.text}
                    for c in a.comments.all()
                ],
            ),
        ]
        for a in answers
    ]


def _measures(person: Person) -> list[Row]:
    measurements = Measurement.objects.filter(course__person=person).order_by("taken_at", "pk")
    return [
        [
            *_fields(m, ["taken_at", "instrument", "context", "answers", "total"]),
            ("band", str(_("gruppe")), _band(m)),
            _field(m, "entered_via"),
        ]
        for m in measurements
    ]


def _relapse(person: Person) -> list[Row]:
    versions = (
        RelapseVersion.objects.filter(plan__course__person=person)
        .select_related("by")
        .order_by("plan", "number")
    )
    return [
        [
            *_fields(v, ["number", "at"]),
            ("by", str(_("lagret av")), str(_("deg")) if v.by_person else _staff(v.by)),
            *_fields(v, ["warning_signs", "triggers", "actions"]),
            (
                "contacts",
                str(_("folk jeg ringer")),
                [" ".join(str(c.get(k, "")) for k in ("name", "phone")).strip() for c in v.contacts or []],
            ),
            _field(v, "reasons"),
        ]
        for v in versions
    ]


def _messages(person: Person) -> list[Row]:
    messages = (
        Message.objects.filter(thread__course__person=person)
        .select_related("thread", "by")
        .order_by("thread", "at", "pk")
    )
    return [
        [
            ("thread", str(_("samtale")), m.thread.subject),
            _field(m, "at"),
            ("by", str(_("fra")), str(_("deg")) if m.from_person else _staff(m.by)),
            _field(m, "body"),
        ]
        for m in messages
    ]


def _relatives(person: Person) -> list[Row]:
    """The relatives this person shares with, and what each may see (the relative's own data is not here)."""
    return [
        _fields(c, ["relative_name", "dial", "created_at", "changed_at", "ended_at"])
        for c in Consent.objects.filter(person=person).order_by("created_at", "pk")
    ]


def _relative_summaries(person: Person) -> list[Row]:
    return [
        _fields(s, ["text", "written_at", "approved_at"])
        for s in Summary.objects.filter(person=person).order_by("written_at", "pk")
    ]


def _shared_with_me(person: Person) -> list[Row]:
    """As a relative: that someone shares with this person, and how much (only the dial and the dates: what
    the other person shares is theirs, and is not copied into this person's export)."""
    return [
        _fields(c, ["dial", "created_at", "ended_at"])
        for c in Consent.objects.filter(relative=person).order_by("created_at", "pk")
    ]


def _lesson_title(slug: str) -> str:
    lesson = craft_content.lesson(slug)
    return lesson.title if lesson is not None else slug


def _craft_lessons(person: Person) -> list[Row]:
    return [
        [("lesson", str(_("leksjon")), _lesson_title(d.lesson)), _field(d, "done_at")]
        for d in LessonDone.objects.filter(relative=person).order_by("done_at")
    ]


def _craft_answers(person: Person) -> list[Row]:
    answers = ExerciseAnswer.objects.filter(relative=person).order_by("lesson", "exercise", "pk")
    return [
        [
            ("lesson", str(_("leksjon")), _lesson_title(a.lesson)),
            *_fields(a, ["exercise", "text", "written_at"]),
        ]
        for a in answers
    ]


# (key in the JSON, heading in plain Norwegian, reader). The older sections read every field but the
# machinery; the care sections pick what the person may read.
SECTIONS: tuple[tuple[str, Any, Callable[[Person], list[Row]]], ...] = (
    ("bookings", _lazy("Timebestillinger"), lambda p: _model_rows(p.bookings.all())),
    ("match_requests", _lazy("Forespørsler om behandler"), lambda p: _model_rows(p.match_requests.all())),
    ("enquiries", _lazy("Henvendelser"), lambda p: _model_rows(p.enquiries.all())),
    ("course", _lazy("E-postkurset"), lambda p: _model_rows(p.course_enrollments.all())),
    ("deletion_requests", _lazy("Ønsker om sletting"), lambda p: _model_rows(p.deletion_requests.all())),
    ("care_courses", _lazy("Behandlingsforløpet ditt"), _courses),
    ("care_team", _lazy("Behandlerne dine i forløpet"), _team),
    ("care_phases", _lazy("Fasene i forløpet"), _phases),
    ("care_emergency_access", _lazy("Akuttilgang til journalen din"), _emergency),
    ("assessment", _lazy("Kartleggingen"), _assessments),
    ("assessment_substances", _lazy("Rusmidler i kartleggingen"), _substance_use),
    ("assessment_settings", _lazy("Valg av behandlingsnivå"), _settings),
    ("withdrawal", _lazy("Abstinensmålinger"), _withdrawal),
    ("tapering", _lazy("Nedtrappingsplaner (godkjente)"), _tapering),
    ("treatment_plan", _lazy("Behandlingsplanen"), _plan),
    ("evaluations", _lazy("Evalueringer av behandlingsplanen"), _evaluations),
    ("journal", _lazy("Journalnotater"), _journal),
    ("checkins", _lazy("Innsjekkene dine"), _checkins),
    ("module_answers", _lazy("Svarene dine i modulene"), _module_answers),
    ("measures", _lazy("Skjemaer du har fylt ut"), _measures),
    ("relapse_plan", _lazy("Tilbakefallsplanen"), _relapse),
    ("messages", _lazy("Meldinger"), _messages),
    ("relatives", _lazy("Pårørende du deler med"), _relatives),
    ("relatives_summaries", _lazy("Oppsummeringer til pårørende"), _relative_summaries),
    ("shared_with_me", _lazy("Noen deler med deg som pårørende"), _shared_with_me),
    ("craft_lessons", _lazy("Kurset for pårørende: leksjoner du har fullført"), _craft_lessons),
    ("craft_answers", _lazy("Kurset for pårørende: svarene dine"), _craft_answers),
)


def sections(*, person: Person) -> list[Section]:
    """Every section, in the order above, for the readable page (headings in words)."""
    return [Section(key=key, title=str(title), rows=read(person)) for key, title, read in SECTIONS]


def export(*, person: Person) -> dict[str, Any]:
    """Everything the practice holds about the person, as plain JSON-able values (times in Europe/Oslo)."""
    return as_json(person=person, parts=sections(person=person))


def as_json(*, person: Person, parts: list[Section]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "person": {"email": person.email, "name": person.name, "created_at": plain(person.created_at)},
        "headings": {part.key: part.title for part in parts},
    }
    for part in parts:
        data[part.key] = [{key: plain(value) for key, _label, value in row} for row in part.rows]
    return data
