"""The only writers of treatment plans and evaluations, and what the caseload asks of them.

Every writer takes `by=` (who acts), re-checks the one access policy (Data.TREATMENT, change: the therapist or
doctor on the course's team) and records the change in the access log inside its own transaction.

Dates: an evaluation is due on a calendar day in the clinic's time zone (settings.TIME_ZONE, Europe/Oslo). It
is overdue from the first moment of the following day there, whatever the daylight-saving time does between.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
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
from forlop.care.flags import Flag, Severity
from forlop.care.models import Course, Phase

from .models import (
    DEFAULT_INTERVAL_WEEKS,
    MAX_INTERVAL_WEEKS,
    MIN_INTERVAL_WEEKS,
    Evaluation,
    GoalOutcome,
    PlanRevision,
    TreatmentPlan,
)

# Phases in which a course should have a treatment plan: from behandling on, while it is open.
PLAN_EXPECTED_IN = (Phase.BEHANDLING, Phase.OPPFOLGING)


class PlanError(ValidationError):
    """A change the rules do not allow; the message is for the person who tried it."""


@dataclass(frozen=True)
class Measure:
    what: str
    who: str
    how_often: str

    def as_dict(self) -> dict[str, str]:
        return {"what": self.what, "who": self.who, "how_often": self.how_often}


# --- dates -------------------------------------------------------------------------------------------------


def clinic_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def clinic_day(now: datetime) -> date:
    """The calendar day `now` falls on in the clinic's time zone."""
    return timezone.localtime(now, clinic_zone()).date()


def due_after(start: date, weeks: int) -> date:
    return start + timedelta(weeks=weeks)


def days_overdue(due_on: date, *, now: datetime) -> int:
    """0 on and before the due day; 1 from midnight (clinic time) after it, and so on."""
    return max(0, (clinic_day(now) - due_on).days)


def is_overdue(due_on: date, *, now: datetime) -> bool:
    return days_overdue(due_on, now=now) > 0


# --- reading -----------------------------------------------------------------------------------------------


def plan_for(course: Course) -> TreatmentPlan | None:
    return TreatmentPlan.objects.filter(course=course).first()


def current_revision(plan: TreatmentPlan) -> PlanRevision:
    return plan.revisions.select_related("by").order_by("-number").first()  # type: ignore[return-value]


def pending_evaluation(plan: TreatmentPlan) -> Evaluation | None:
    return plan.evaluations.filter(done_at__isnull=True).first()


def changes_between(older: PlanRevision | None, newer: PlanRevision) -> list[str]:
    """What a revision changed, in short sentences a clinician can check against the two versions."""
    if older is None:
        return [_("Planen ble laget.")]
    found: list[str] = []
    old_goals, new_goals = list(older.goals), list(newer.goals)
    for goal in new_goals:
        if goal not in old_goals:
            found.append(_("Nytt mål: «%(goal)s»") % {"goal": goal})
    for goal in old_goals:
        if goal not in new_goals:
            found.append(_("Mål tatt bort: «%(goal)s»") % {"goal": goal})
    if not found and old_goals != new_goals:
        found.append(_("Målene fikk ny rekkefølge."))
    old_measures = [tuple(m.values()) for m in older.measures]
    new_measures = [tuple(m.values()) for m in newer.measures]
    for measure in newer.measures:
        if tuple(measure.values()) not in old_measures:
            found.append(_("Nytt eller endret tiltak: «%(what)s»") % {"what": measure["what"]})
    for measure in older.measures:
        if tuple(measure.values()) not in new_measures:
            found.append(_("Tiltak tatt bort eller endret: «%(what)s»") % {"what": measure["what"]})
    if older.interval_weeks != newer.interval_weeks:
        found.append(
            _("Evaluering hver %(new)s. uke (før hver %(old)s. uke).")
            % {"new": newer.interval_weeks, "old": older.interval_weeks}
        )
    return found or [_("Ingen endring i mål eller tiltak.")]


# --- writing -----------------------------------------------------------------------------------------------


def _require(by: User, course: Course) -> None:
    if not policy.may(by, Act.CHANGE, Data.TREATMENT, team=course.team_user_ids()):
        raise PermissionDenied(_("Bare terapeuten eller legen på teamet kan endre behandlingsplanen."))


def _clean(
    goals: Sequence[str], measures: Sequence[Measure], interval_weeks: int
) -> tuple[list[str], list[dict[str, str]]]:
    clean_goals = [g.strip() for g in goals if g.strip()]
    if not clean_goals:
        raise PlanError(_("Skriv minst ett mål, med personens egne ord."))
    clean_measures = []
    for m in measures:
        what, who, how_often = m.what.strip(), m.who.strip(), m.how_often.strip()
        if not (what or who or how_often):
            continue
        if not (what and who and how_often):
            raise PlanError(_("Hvert tiltak trenger hva, hvem og hvor ofte."))
        clean_measures.append(Measure(what, who, how_often).as_dict())
    if not MIN_INTERVAL_WEEKS <= interval_weeks <= MAX_INTERVAL_WEEKS:
        raise PlanError(
            _("Evalueringen skal være minst hver %(max)s. uke (mellom %(min)s og %(max)s uker).")
            % {"min": MIN_INTERVAL_WEEKS, "max": MAX_INTERVAL_WEEKS}
        )
    return clean_goals, clean_measures


def _schedule(plan: TreatmentPlan, *, due_on: date, now: datetime) -> Evaluation:
    return Evaluation.objects.create(plan=plan, due_on=due_on, scheduled_at=now)


@transaction.atomic
def create_plan(
    *,
    course: Course,
    by: User,
    goals: Sequence[str],
    measures: Sequence[Measure] = (),
    interval_weeks: int = DEFAULT_INTERVAL_WEEKS,
    note: str = "",
    now: datetime | None = None,
) -> TreatmentPlan:
    """Make the course's treatment plan (version 1) and schedule its first evaluation `interval_weeks` from
    today. One plan per course."""
    _require(by, course)
    if not course.is_open:
        raise PlanError(_("Forløpet er avsluttet; planen kan ikke lages nå."))
    now = now or timezone.now()
    clean_goals, clean_measures = _clean(goals, measures, interval_weeks)
    try:
        with transaction.atomic():
            plan = TreatmentPlan.objects.create(course=course, created_at=now, created_by=by)
    except IntegrityError as error:  # someone else made it a moment ago
        raise PlanError(_("Forløpet har allerede en behandlingsplan. Last siden på nytt.")) from error
    PlanRevision.objects.create(
        plan=plan,
        number=1,
        at=now,
        by=by,
        goals=clean_goals,
        measures=clean_measures,
        interval_weeks=interval_weeks,
        note=note.strip(),
    )
    _schedule(plan, due_on=due_after(clinic_day(now), interval_weeks), now=now)
    record_change(
        by=by, obj=plan, subject=course.person, action=Action.CREATE, why=_("Laget behandlingsplan")
    )
    return plan


@transaction.atomic
def revise_plan(
    *,
    plan: TreatmentPlan,
    by: User,
    goals: Sequence[str],
    measures: Sequence[Measure],
    interval_weeks: int,
    note: str = "",
    based_on: int | None = None,
    now: datetime | None = None,
) -> PlanRevision:
    """Write a new version of the plan. `based_on` is the version the editor saw: if someone else saved a
    newer one meanwhile, this one is refused rather than silently overwriting theirs. A new interval moves the
    pending evaluation to `interval_weeks` after the last evaluation (or after the plan was made)."""
    course = plan.course
    _require(by, course)
    if not course.is_open:
        raise PlanError(_("Forløpet er avsluttet; planen kan ikke endres."))
    now = now or timezone.now()
    clean_goals, clean_measures = _clean(goals, measures, interval_weeks)
    latest = current_revision(plan)
    if based_on is not None and based_on != latest.number:
        raise PlanError(
            _("Noen andre endret planen mens du skrev. Last siden på nytt og se over endringene.")
        )
    try:
        with transaction.atomic():
            revision = PlanRevision.objects.create(
                plan=plan,
                number=latest.number + 1,
                at=now,
                by=by,
                goals=clean_goals,
                measures=clean_measures,
                interval_weeks=interval_weeks,
                note=note.strip(),
            )
    except IntegrityError as error:
        raise PlanError(
            _("Noen andre endret planen mens du skrev. Last siden på nytt og se over endringene.")
        ) from error
    if interval_weeks != latest.interval_weeks:
        last_done = plan.evaluations.filter(done_at__isnull=False).order_by("-done_at").first()
        base = (
            clinic_day(last_done.done_at) if last_done and last_done.done_at else clinic_day(plan.created_at)
        )
        due_on = due_after(base, interval_weeks)
        if not plan.evaluations.filter(done_at__isnull=True).update(due_on=due_on):
            _schedule(plan, due_on=due_on, now=now)
    record_change(
        by=by,
        obj=revision,
        subject=course.person,
        action=Action.CREATE,
        why=_("Endret behandlingsplan (versjon %(n)s)") % {"n": revision.number},
    )
    return revision


@transaction.atomic
def record_evaluation(
    *,
    plan: TreatmentPlan,
    by: User,
    summary: str,
    goals_outcome: str,
    goals_adjusted: bool = False,
    evaluation_id: int | None = None,
    now: datetime | None = None,
) -> Evaluation:
    """Record the pending evaluation as done now, and schedule the next one the plan's interval from today.
    A conditional UPDATE, so two clinicians recording at once cannot both succeed. `evaluation_id` is the
    pending evaluation the form showed: a second click after the first one went through is refused instead of
    recording the next evaluation too."""
    course = plan.course
    _require(by, course)
    if not course.is_open:
        raise PlanError(_("Forløpet er avsluttet."))
    now = now or timezone.now()
    summary = summary.strip()
    if not summary:
        raise PlanError(_("Skriv en kort oppsummering av evalueringen."))
    if goals_outcome not in GoalOutcome.values:
        raise PlanError(_("Velg om målene ble nådd."))
    pending = pending_evaluation(plan)
    if evaluation_id is not None and (pending is None or pending.pk != evaluation_id):
        raise PlanError(_("Evalueringen ble nettopp registrert av noen andre. Last siden på nytt."))
    if pending is None:  # should not happen; keep going with one due today
        pending = _schedule(plan, due_on=clinic_day(now), now=now)
    updated = Evaluation.objects.filter(pk=pending.pk, done_at__isnull=True).update(
        done_at=now, done_by=by, summary=summary, goals_outcome=goals_outcome, goals_adjusted=goals_adjusted
    )
    if not updated:
        raise PlanError(_("Evalueringen ble nettopp registrert av noen andre. Last siden på nytt."))
    pending.refresh_from_db()
    interval = current_revision(plan).interval_weeks
    _schedule(plan, due_on=due_after(clinic_day(now), interval), now=now)
    record_change(
        by=by, obj=pending, subject=course.person, why=_("Registrerte evaluering av behandlingsplanen")
    )
    return pending


# --- for the caseload --------------------------------------------------------------------------------------


def next_evaluations(course_ids: Iterable[int]) -> dict[int, date | None]:
    """The next evaluation's due day per course (None without a plan). One query."""
    ids = list(course_ids)
    found: dict[int, date | None] = dict.fromkeys(ids)
    rows = Evaluation.objects.filter(plan__course_id__in=ids, done_at__isnull=True).values_list(
        "plan__course_id", "due_on"
    )
    for course_id, due_on in rows:
        found[course_id] = due_on
    return found


def flags_for(course_ids: Iterable[int], *, now: datetime) -> dict[int, list[Flag]]:
    """ "Evaluering forfalt" for an open course whose evaluation is past its due day, and "Ingen
    behandlingsplan" for a course in behandling or oppfølging without one. Two queries."""
    ids = list(course_ids)
    flags: dict[int, list[Flag]] = {pk: [] for pk in ids}
    if not ids:
        return flags
    courses = Course.objects.filter(pk__in=ids).values_list("pk", "phase", "treatment_plan")
    due = next_evaluations(ids)
    for pk, phase, plan_id in courses:
        url = reverse("care_plan:plan", kwargs={"course_pk": pk})
        if phase == Phase.AVSLUTTET:
            continue
        if plan_id is None:
            if phase in PLAN_EXPECTED_IN:
                flags[pk].append(
                    Flag(
                        course_id=pk,
                        kind="plan_missing",
                        label=_("Ingen behandlingsplan"),
                        why=_("Forløpet er i fasen «%(phase)s» uten behandlingsplan.")
                        % {"phase": Phase(phase).label},
                        severity=Severity.WARNING,
                        url=url,
                    )
                )
            continue
        due_on = due.get(pk)
        if due_on is not None and is_overdue(due_on, now=now):
            days = days_overdue(due_on, now=now)
            flags[pk].append(
                Flag(
                    course_id=pk,
                    kind="evaluation_overdue",
                    label=_("Evaluering forfalt"),
                    why=_("Evalueringen skulle vært gjort %(day)s (%(days)s dager siden).")
                    % {"day": due_on.strftime("%d.%m.%Y"), "days": days}
                    if days != 1
                    else _("Evalueringen skulle vært gjort %(day)s (i går).")
                    % {"day": due_on.strftime("%d.%m.%Y")},
                    severity=Severity.WARNING,
                    url=url,
                )
            )
    return flags
