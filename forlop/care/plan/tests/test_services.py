"""The plan's services: who may write, the default 8-week interval, the next evaluation scheduled when one is
recorded, revisions kept, and "overdue" from the first minute of the day after the due day in Oslo, across the
change to summer time."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from forlop.audit.models import AccessLog
from forlop.care.plan import services
from forlop.care.plan.models import Evaluation, GoalOutcome, PlanRevision
from forlop.care.plan.services import Measure
from forlop.lib.timezones import OSLO

pytestmark = pytest.mark.django_db

GOALS = ["Jeg vil klare meg uten alkohol på hverdager", "Være med på fotballtreningen til sønnen min"]
WALK = Measure("Samtale om sug og situasjoner", "Terapeut og Nora", "Hver uke")


def make_plan(course, by, **kwargs):
    return services.create_plan(course=course, by=by, goals=GOALS, measures=[WALK], **kwargs)


def test_it_schedules_the_first_evaluation_eight_weeks_out_by_default(course, therapist):
    # 00:30 in Oslo on 2 March is still 1 March in UTC: the due day counts from the Oslo day.
    with time_machine.travel(datetime(2026, 3, 2, 0, 30, tzinfo=OSLO), tick=False):
        plan = make_plan(course, therapist)
    revision = services.current_revision(plan)
    assert revision.interval_weeks == 8
    assert revision.goals == GOALS
    assert revision.measures == [{"what": WALK.what, "who": WALK.who, "how_often": WALK.how_often}]
    assert services.pending_evaluation(plan).due_on == date(2026, 4, 27)
    assert AccessLog.objects.filter(person=course.person, user=therapist).exists()


def test_it_schedules_the_next_evaluation_when_one_is_recorded(course, therapist):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=OSLO), tick=False):
        plan = make_plan(course, therapist, interval_weeks=4)
    assert services.pending_evaluation(plan).due_on == date(2026, 3, 30)
    with time_machine.travel(datetime(2026, 3, 27, 14, 0, tzinfo=OSLO), tick=False):
        done = services.record_evaluation(
            plan=plan,
            by=therapist,
            summary="Går bedre.",
            goals_outcome=GoalOutcome.PARTLY,
            goals_adjusted=True,
        )
    assert done.done_by == therapist
    assert done.due_on == date(2026, 3, 30)
    assert done.goals_adjusted
    assert services.pending_evaluation(plan).due_on == date(2026, 4, 24)  # four weeks after 27 March
    assert Evaluation.objects.filter(plan=plan).count() == 2


def test_it_flags_overdue_from_midnight_in_oslo_after_the_due_day_across_summer_time(course, therapist):
    # Made in winter time (UTC+1); due 27 April, in summer time (UTC+2).
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=OSLO), tick=False):
        plan = make_plan(course, therapist)
    due = services.pending_evaluation(plan).due_on
    assert due == date(2026, 4, 27)
    last_minute = datetime(2026, 4, 27, 23, 59, 59, tzinfo=OSLO)
    first_minute = datetime(2026, 4, 28, 0, 0, tzinfo=OSLO)
    assert first_minute.astimezone(UTC) == datetime(2026, 4, 27, 22, 0, tzinfo=UTC)  # still 27th in UTC
    with time_machine.travel(last_minute, tick=False):
        assert services.flags_for([course.pk], now=datetime.now(UTC)) == {course.pk: []}
    with time_machine.travel(first_minute, tick=False):
        [flag] = services.flags_for([course.pk], now=datetime.now(UTC))[course.pk]
    assert flag.kind == "evaluation_overdue"
    assert flag.label == "Evaluering forfalt"
    assert "27.04.2026" in flag.why and "i går" in flag.why
    with time_machine.travel(first_minute + timedelta(days=3), tick=False):
        [flag] = services.flags_for([course.pk], now=datetime.now(UTC))[course.pk]
    assert "4 dager siden" in flag.why


def test_it_keeps_every_revision_and_says_what_changed(course, therapist, doctor):
    plan = make_plan(course, therapist)
    services.revise_plan(
        plan=plan,
        by=doctor,
        goals=[GOALS[1], "Sove bedre"],
        measures=[WALK],
        interval_weeks=8,
        note="Nora ville bytte ut det første målet.",
        based_on=1,
    )
    first, second = PlanRevision.objects.filter(plan=plan).order_by("number")
    assert first.goals == GOALS  # the old version is still there
    assert second.by == doctor and second.number == 2
    changes = services.changes_between(first, second)
    assert "Nytt mål: «Sove bedre»" in changes
    assert f"Mål tatt bort: «{GOALS[0]}»" in changes
    with pytest.raises(ValueError):
        first.save()


def test_it_refuses_a_revision_based_on_an_old_version(course, therapist, doctor):
    plan = make_plan(course, therapist)
    services.revise_plan(plan=plan, by=doctor, goals=GOALS, measures=[], interval_weeks=8, based_on=1)
    with pytest.raises(services.PlanError):
        services.revise_plan(
            plan=plan, by=therapist, goals=["Noe annet"], measures=[], interval_weeks=8, based_on=1
        )
    assert PlanRevision.objects.filter(plan=plan).count() == 2


def test_it_moves_the_pending_evaluation_when_the_interval_changes(course, therapist):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=OSLO), tick=False):
        plan = make_plan(course, therapist)
        services.revise_plan(plan=plan, by=therapist, goals=GOALS, measures=[WALK], interval_weeks=2)
    assert services.pending_evaluation(plan).due_on == date(2026, 3, 16)
    assert Evaluation.objects.filter(plan=plan, done_at__isnull=True).count() == 1


@pytest.mark.parametrize("weeks", [0, 9])
def test_it_refuses_an_interval_outside_one_to_eight_weeks(course, therapist, weeks):
    with pytest.raises(services.PlanError):
        make_plan(course, therapist, interval_weeks=weeks)


def test_it_refuses_a_plan_without_goals_or_with_half_a_measure(course, therapist):
    with pytest.raises(services.PlanError):
        services.create_plan(course=course, by=therapist, goals=["  "], measures=[])
    with pytest.raises(services.PlanError):
        services.create_plan(course=course, by=therapist, goals=GOALS, measures=[Measure("Gå tur", "", "")])


def test_it_lets_only_the_therapist_or_doctor_on_the_team_write(
    course, therapist, coordinator, other_therapist
):
    for outsider in (coordinator, other_therapist):
        with pytest.raises(PermissionDenied):
            make_plan(course, outsider)
    plan = make_plan(course, therapist)
    with pytest.raises(PermissionDenied):
        services.record_evaluation(plan=plan, by=other_therapist, summary="x", goals_outcome=GoalOutcome.MET)


def test_it_refuses_recording_the_same_evaluation_twice(course, therapist):
    plan = make_plan(course, therapist)
    pending = services.pending_evaluation(plan)
    services.record_evaluation(plan=plan, by=therapist, summary="Bra.", goals_outcome=GoalOutcome.MET)
    # A second clinician who loaded the same pending evaluation loses the conditional update.
    assert not Evaluation.objects.filter(pk=pending.pk, done_at__isnull=True).exists()
    with pytest.raises(ValueError):
        pending.save()


def test_it_refuses_a_second_click_that_would_record_the_next_evaluation_too(course, therapist):
    plan = make_plan(course, therapist)
    shown = services.pending_evaluation(plan).pk
    services.record_evaluation(
        plan=plan, by=therapist, summary="Bra.", goals_outcome=GoalOutcome.MET, evaluation_id=shown
    )
    with pytest.raises(services.PlanError):
        services.record_evaluation(
            plan=plan, by=therapist, summary="Bra.", goals_outcome=GoalOutcome.MET, evaluation_id=shown
        )
    assert Evaluation.objects.filter(plan=plan, done_at__isnull=False).count() == 1


def test_it_says_when_a_course_in_behandling_has_no_plan(course, therapist, coordinator):
    from .conftest import move_to_behandling

    now = datetime(2026, 3, 10, 9, 0, tzinfo=OSLO)
    assert services.flags_for([course.pk], now=now) == {course.pk: []}  # kartlegging: not yet
    move_to_behandling(course, coordinator)
    [flag] = services.flags_for([course.pk], now=now)[course.pk]
    assert flag.kind == "plan_missing" and flag.label == "Ingen behandlingsplan"
    assert flag.url == f"/ansatt/forlop/{course.pk}/behandlingsplan/"
    make_plan(course, therapist)
    assert services.flags_for([course.pk], now=now) == {course.pk: []}
