"""Two people saving the relapse plan at the same moment: one plan per course, and of several saves from the
same version exactly one wins while the others are told to look at the newer version. Real threads on
PostgreSQL."""

import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection

from forlop.care.relapse import services
from forlop.care.relapse.models import PlanVersion, RelapsePlan

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


def save(course, by, based_on):
    return services.save_plan(
        course=course,
        by=by,
        warning_signs="Sover dårlig",
        triggers="",
        actions="",
        contacts=[],
        reasons="",
        based_on=based_on,
    )


def test_simultaneous_first_saves_make_one_plan_with_one_version(course, therapist):
    errors = at_once(lambda: save(course, therapist, None))
    assert RelapsePlan.objects.filter(course=course).count() == 1
    assert PlanVersion.objects.count() == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, services.RelapsePlanError) for e in errors)


def test_simultaneous_saves_from_one_version_keep_one_and_refuse_the_rest(course, therapist, person):
    save(course, therapist, None)
    errors = at_once(lambda: save(course, therapist, 1))
    assert list(PlanVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, services.RelapsePlanError) for e in errors)
