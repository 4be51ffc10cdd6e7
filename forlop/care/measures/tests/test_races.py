"""A double submit of the same form (the person pressing "Send svarene" twice, or the person and a clinician
entering the same occasion at once): exactly one measurement, the other is told, no error page. Real threads
on PostgreSQL (scripts/with-postgres.sh)."""

import threading

import pytest
from django.db import connection, connections

from forlop.care.measures import services
from forlop.care.measures.models import Measurement

from .conftest import NOW

THREADS = 4


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_answers_to_one_occasion_store_one_measurement(world):
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()
    who = ["the_person", "team_therapist", "the_person", "team_doctor"]

    def submit(persona: str) -> None:
        try:
            barrier.wait()
            services.record(
                course=world.course,
                by=world.users[persona],
                instrument="phq9",
                answers=[1] * 9,
                occasion="start",
                taken_at=NOW,
                now=NOW,
            )
            outcome = "stored"
        except services.MeasureRejected:
            outcome = "refused"
        except Exception as error:  # noqa: BLE001 - any other error is the failure this test looks for
            outcome = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=submit, args=(who[n],)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["stored"]
    assert Measurement.objects.filter(course=world.course, instrument="phq9").count() == 1
