"""The only writer of outcome measurements, what is due in a course, and the team's flags.

`record` takes `by=` (who acts): the person themselves (their own client account, on Min side) or a therapist
or doctor on the course's team (from a paper form; forlop.audit.policy, Data.TREATMENT, change). It scores the
answers with forlop.care.measures.scoring (a client-side total is never trusted), writes the row and its access
log row in one transaction.

Flags (`flags_for`): URGENT when a course's latest PHQ-9 has item 9 above 0 (the item-9 rule), until a newer
PHQ-9 has item 9 at 0; INFO when a measure has been due for more than seven days without an answer.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.models import Action
from forlop.audit.policy import Act, Data
from forlop.audit.services import record_change
from forlop.care.flags import Flag, Severity
from forlop.care.models import Course, TeamMember, TeamRole
from forlop.care.plan.models import Evaluation
from forlop.care.plan.services import clinic_day
from forlop.outbox.services import queue_email

from . import schedule, scoring
from .models import Context, EnteredVia, Measurement
from .scoring import INSTRUMENTS, Kind, Sex

EXTRA = "extra"


class MeasureRejected(ValidationError):
    """The measurement cannot be recorded; the message is Norwegian and fit to show."""

    def __init__(self, message: str, *, item: int | None = None) -> None:
        super().__init__(message)
        self.item = item


# --- what is due ---------------------------------------------------------------------------------------------


def evaluations_of(course: Course) -> list[tuple[int, date]]:
    return list(Evaluation.objects.filter(plan__course=course).values_list("pk", "due_on"))


def answered_of(measurements: Iterable[Measurement]) -> set[tuple[str, str]]:
    return {(m.instrument, m.occasion_key) for m in measurements}


def due_for(
    course: Course, *, now: datetime, measurements: Sequence[Measurement] | None = None
) -> list[schedule.Due]:
    """What the course's person should answer now (nothing once the course is closed). Two queries, or one
    when the caller has the measurements already."""
    if not course.is_open:
        return []
    if measurements is None:
        measurements = list(Measurement.objects.filter(course=course))
    return schedule.due(
        substances=list(course.substances or []),
        started_on=clinic_day(course.started_at),
        evaluations=evaluations_of(course),
        answered=answered_of(measurements),
        today=clinic_day(now),
    )


def occasions_for_staff(course: Course) -> list[schedule.Occasion]:
    """The occasions staff may enter a paper form for: the start and every evaluation of the plan."""
    return schedule.occasions(clinic_day(course.started_at), evaluations_of(course))


def series(course: Course) -> list[Measurement]:
    """Every measurement in the course, oldest first."""
    return list(
        Measurement.objects.filter(course=course).select_related("entered_by").order_by("taken_at", "pk")
    )


# --- the writer ----------------------------------------------------------------------------------------------


def _entered_via(by: User, course: Course) -> str:
    if policy.is_own(by, course.person):
        return EnteredVia.PERSON
    if policy.may(by, Act.CHANGE, Data.TREATMENT, team=course.team_user_ids()):
        return EnteredVia.STAFF
    raise PermissionDenied(_("Bare personen selv eller behandlerne på teamet kan registrere skjemaer."))


def _occasion(course: Course, occasion: str) -> tuple[str, Evaluation | None]:
    if occasion == schedule.START:
        return Context.START, None
    if occasion == EXTRA:
        return Context.EXTRA, None
    prefix, _sep, pk = occasion.partition(":")
    if prefix == "evaluation" and pk.isdigit():
        evaluation = Evaluation.objects.filter(pk=int(pk), plan__course=course).first()
        if evaluation is not None:
            return Context.EVALUATION, evaluation
    raise MeasureRejected(_("Velg når skjemaet ble fylt ut: ved start, ved en evaluering eller ekstra."))


def record(
    *,
    course: Course,
    by: User,
    instrument: str,
    answers: Sequence[int | None],
    occasion: str,
    taken_at: datetime,
    now: datetime,
    sex: Sex | None = None,
) -> Measurement:
    """Score and store one measure. Raises MeasureRejected (answers that cannot be scored, an occasion that
    is not the course's, one already answered, a closed course) or PermissionDenied."""
    via = _entered_via(by, course)
    try:
        kind = Kind(instrument)
    except ValueError as error:
        raise MeasureRejected(_("Ukjent skjema.")) from error
    if not course.is_open:
        raise MeasureRejected(_("Forløpet er avsluttet. Nye skjemaer kan ikke registreres."))
    if taken_at > now:
        raise MeasureRejected(_("Tidspunktet kan ikke være frem i tid."))
    if via == EnteredVia.PERSON and occasion == EXTRA:
        raise MeasureRejected(_("Dette skjemaet er ikke til utfylling nå."))
    context, evaluation = _occasion(course, occasion)
    try:
        result = scoring.score(kind, answers, sex=sex if kind in (Kind.AUDIT, Kind.DUDIT) else None)
    except scoring.AnswerNotAllowed as error:
        raise MeasureRejected(error.message, item=error.item) from error
    except scoring.AnswersMissing as error:
        raise MeasureRejected(error.message, item=error.items[0] if error.items else None) from error
    except scoring.AnswerError as error:
        raise MeasureRejected(error.message) from error
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                course=course,
                instrument=kind.value,
                answers=list(result.answers),
                sex=result.sex.value if result.sex else "",
                total=result.total,
                band=result.band.key,
                safety_flag=result.safety_flag,
                taken_at=taken_at,
                context=context,
                evaluation=evaluation,
                entered_via=via,
                entered_by=by,
                entered_at=now,
            )
            record_change(
                by=by,
                obj=measurement,
                subject=course.person,
                action=Action.CREATE,
                why=_("Fylte ut %(name)s") % {"name": INSTRUMENTS[kind].short_name}
                if via == EnteredVia.PERSON
                else _("Registrerte %(name)s fra papirskjema") % {"name": INSTRUMENTS[kind].short_name},
            )
            if measurement.safety_flag and via == EnteredVia.PERSON:
                _notify_clinicians(course)
    except IntegrityError as error:
        raise MeasureRejected(
            _("%(name)s er allerede fylt ut for denne anledningen.") % {"name": INSTRUMENTS[kind].short_name}
        ) from error
    return measurement


def _notify_clinicians(course: Course) -> None:
    """PHQ-9 item 9 above 0, answered by the person on Min side: the therapist and the doctor on the team get
    an email at once (in the caller's transaction), so it never waits for the next appointment or the daily
    digest. Only "something new, log in" and a link: no name, no instrument, no score."""
    link = settings.SITE_URL + reverse("care_measures:staff", kwargs={"course_pk": course.pk})
    members = TeamMember.objects.filter(
        course=course, role__in=[TeamRole.THERAPIST, TeamRole.DOCTOR], user__is_active=True
    ).select_related("user")
    for address in sorted({m.user.email for m in members if m.user.email}):  # one each: no shared To
        queue_email(to=address, template="care_measures_to_team", context={"link": link})


# --- the team's flags ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CourseRow:
    pk: int
    substances: list[str]
    started_at: datetime


def flags_for(course_ids: Iterable[int], *, now: datetime) -> dict[int, list[Flag]]:
    """URGENT "PHQ-9 spørsmål 9 besvart over 0" and INFO "Skjema ikke fylt ut" per open course. Three queries
    whatever the number of courses."""
    ids = list(course_ids)
    flags: dict[int, list[Flag]] = {pk: [] for pk in ids}
    if not ids:
        return flags
    courses = [
        _CourseRow(pk, list(substances or []), started_at)
        for pk, substances, started_at in Course.objects.open()
        .filter(pk__in=ids)
        .values_list("pk", "substances", "started_at")
    ]
    evaluations: dict[int, list[tuple[int, date]]] = {pk: [] for pk in ids}
    for course_id, pk, due_on in Evaluation.objects.filter(plan__course_id__in=ids).values_list(
        "plan__course_id", "pk", "due_on"
    ):
        evaluations[course_id].append((pk, due_on))
    answered: dict[int, set[tuple[str, str]]] = {pk: set() for pk in ids}
    latest_phq9: dict[int, tuple[datetime, int, bool, int]] = {}
    rows = Measurement.objects.filter(course_id__in=ids).values_list(
        "course_id", "pk", "instrument", "context", "evaluation_id", "safety_flag", "taken_at", "total"
    )
    for course_id, pk, instrument, context, evaluation_id, safety_flag, taken_at, total in rows:
        if context == Context.START:
            answered[course_id].add((instrument, schedule.START))
        elif context == Context.EVALUATION:
            answered[course_id].add((instrument, schedule.evaluation_key(evaluation_id)))
        if instrument == Kind.PHQ9:
            current = latest_phq9.get(course_id)
            if current is None or (taken_at, pk) > (current[0], current[1]):
                latest_phq9[course_id] = (taken_at, pk, safety_flag, total)
    today = clinic_day(now)
    for course in courses:
        url = reverse("care_measures:staff", kwargs={"course_pk": course.pk})
        phq9 = latest_phq9.get(course.pk)
        if phq9 is not None and phq9[2]:
            taken_at = phq9[0]
            flags[course.pk].append(
                Flag(
                    course_id=course.pk,
                    kind="phq9_item9",
                    label=_("PHQ-9 spørsmål 9 over 0"),
                    why=_(
                        "PHQ-9 spørsmål 9 besvart over 0 (tanker om å være død eller skade seg selv) %(day)s. "
                        "Ta kontakt med personen snarest; ikke vent til neste time."
                    )
                    % {"day": clinic_day(taken_at).strftime("%d.%m.%Y")},
                    severity=Severity.URGENT,
                    url=url,
                    for_doctor=True,
                )
            )
        late = [
            d
            for d in schedule.due(
                substances=course.substances,
                started_on=clinic_day(course.started_at),
                evaluations=evaluations[course.pk],
                answered=answered[course.pk],
                today=today,
            )
            if d.late
        ]
        if late:
            names = ", ".join(INSTRUMENTS[d.kind].short_name for d in late)
            flags[course.pk].append(
                Flag(
                    course_id=course.pk,
                    kind="measures_not_answered",
                    label=_("Skjema ikke fylt ut"),
                    why=_("%(names)s skulle vært fylt ut %(day)s og er ikke besvart etter 7 dager.")
                    % {"names": names, "day": late[0].occasion.due_on.strftime("%d.%m.%Y")},
                    severity=Severity.INFO,
                    url=url,
                )
            )
    return flags
