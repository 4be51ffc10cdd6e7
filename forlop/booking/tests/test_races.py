"""No double booking under real concurrency: 20 threads at once, on a SQLite file database (in a separate
process, with the production settings) and on PostgreSQL. The control shows the race is real: without the
service's lock + re-check and without the database guard, the same threads double-book."""

import pytest
from django.db import connection

from forlop.core.testing import run_on_sqlite_file

from . import races


def check(results: dict) -> None:
    same = results["same_slot"]
    assert same["errors"] == []
    assert set(same["bookings_per_round"]) == {1}
    assert set(same["wins_per_round"]) == {1}
    overlap = results["partial_overlap"]
    assert overlap["errors"] == [] and set(overlap["bookings_per_round"]) == {1}
    assert results["back_to_back"] == {"wins": 2, "errors": []}
    # Control: the naive check-then-write without the guard double-books in every round.
    assert min(results["control"]["bookings_per_round"]) > 1
    check_idempotency(results)


def check_idempotency(results: dict) -> None:
    """Twenty requests with one Idempotency-Key at once: every one answered with the same hold, one hold."""
    same_key = results["idempotency"]
    assert same_key["rounds"] == 3 and same_key["holds"] == 3
    for answers in same_key["distinct_answers_per_round"]:
        assert len(answers) == 1 and answers[0].startswith("201 "), answers
    # Control: looking the key up only before the therapist's lock turns the other retries into slot_taken.
    assert results["idempotency_control"] == {"held": 1, "slot_taken": races.THREADS - 1}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_it_never_double_books_on_a_sqlite_file_database(tmp_path):
    check(run_on_sqlite_file("forlop.booking.tests.race_script", tmp_path))


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_it_never_double_books_on_postgresql():
    races.setup_world()
    check(
        {
            "same_slot": races.same_slot(rounds=5),
            "partial_overlap": races.partial_overlap(),
            "back_to_back": races.back_to_back(),
            "control": races.naive_without_guard(),
            "idempotency": races.same_idempotency_key(),
            "idempotency_control": races.idempotency_key_checked_only_before_the_lock(),
        }
    )
