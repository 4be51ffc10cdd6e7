"""Two tabs (or two clicks) at the same moment: the first answer to an exercise and the first assignment of a
module are made once, and nobody gets an error page. Real threads on PostgreSQL."""

import threading
from collections.abc import Callable
from datetime import date, datetime

import pytest
from django.db import close_old_connections, connection

from forlop.care.modules import services
from forlop.care.modules.models import Answer, Assignment
from forlop.lib.timezones import OSLO

THREADS = 6
NOW = datetime(2026, 3, 10, 20, 0, tzinfo=OSLO)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)"
    ),
    pytest.mark.django_db(transaction=True),
]


def at_once(action: Callable[[int], object]) -> list[BaseException]:
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            action(i)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_first_answers_to_one_exercise_make_one_answer(course, therapist, person):
    services.set_schedule(course=course, by=therapist, schedule={"suget": date(2026, 3, 9)}, now=NOW)
    assignment = Assignment.objects.get()
    errors = at_once(
        lambda i: services.save_answers(
            assignment=assignment, by=person.user, answers={"verktoy": f"Svar {i}"}, share=True, now=NOW
        )
    )
    assert errors == []
    [answer] = Answer.objects.all()
    assert answer.text.startswith("Svar ") and answer.shared_at == NOW


def test_simultaneous_assignments_of_one_module_make_one(course, therapist):
    errors = at_once(
        lambda i: services.set_schedule(
            course=course, by=therapist, schedule={"suget": date(2026, 3, 9 + i)}, now=NOW
        )
    )
    assert errors == []
    assert Assignment.objects.filter(course=course, slug="suget").count() == 1
