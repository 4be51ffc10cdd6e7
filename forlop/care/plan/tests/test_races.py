"""Two clinicians (or two clicks) at the same moment: one plan per course, one recording per evaluation.
Real threads on PostgreSQL."""

import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection

from forlop.care.plan import services
from forlop.care.plan.models import Evaluation, GoalOutcome, TreatmentPlan

THREADS = 6

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)"
    ),
    pytest.mark.django_db(transaction=True),
]


def at_once(action: Callable[[], object]) -> list[BaseException]:
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            action()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_plans_for_one_course_make_one(course, therapist):
    errors = at_once(lambda: services.create_plan(course=course, by=therapist, goals=["Mål"]))
    assert TreatmentPlan.objects.filter(course=course).count() == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, services.PlanError) for e in errors)
    assert Evaluation.objects.filter(plan__course=course, done_at__isnull=True).count() == 1


def test_simultaneous_recordings_of_one_evaluation_record_it_once(course, therapist):
    plan = services.create_plan(course=course, by=therapist, goals=["Mål"])
    pending = services.pending_evaluation(plan)
    errors = at_once(
        lambda: services.record_evaluation(
            plan=plan, by=therapist, summary="Bra.", goals_outcome=GoalOutcome.MET, evaluation_id=pending.pk
        )
    )
    assert Evaluation.objects.filter(plan=plan, done_at__isnull=False).count() == 1
    assert Evaluation.objects.filter(plan=plan, done_at__isnull=True).count() == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, services.PlanError) for e in errors)
