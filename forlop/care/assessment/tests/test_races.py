"""Two of the team saving the first kartlegging of a course at the same moment (real threads, PostgreSQL via
scripts/with-postgres.sh): both saves succeed, there is one kartlegging, every save is logged, and a § 10 a
tick keeps the first stamp."""

import threading

import pytest
from django.db import connection

from forlop.audit.models import AccessLog
from forlop.care.assessment import services
from forlop.care.assessment.models import Assessment, SubstanceUse

THREADS = 6

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_simultaneous_first_saves_give_one_kartlegging_and_lose_no_log_row(world):
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    clinicians = [world.users["team_therapist"], world.users["team_doctor"]]

    def save(index: int) -> None:
        try:
            barrier.wait()
            services.save_assessment(
                course=world.course,
                by=clinicians[index % 2],
                data={"children_count": 1, "children_needs": True, "own_goals": f"Mål {index}"},
                substances={"alkohol": {"frequency": "daily"}},
            )
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    [assessment] = Assessment.objects.filter(course=world.course)
    assert SubstanceUse.objects.filter(assessment=assessment).count() == 1
    assert AccessLog.objects.filter(why="Lagret kartlegging", person=world.nora).count() == THREADS
    assert assessment.children_needs_at is not None and assessment.children_needs_by in clinicians
