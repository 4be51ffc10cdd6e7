"""Exactly once under real concurrency: four schedulers run the lesson job at the same moment every
morning, on a SQLite file database (in its own process, with the production settings) and on PostgreSQL.
The control shows the race is real: without the delivery row and the locked re-check, every scheduler
sends every lesson."""

import pytest
from django.db import connection

from forlop.core.testing import run_on_sqlite_file

from . import races

LESSONS = races.ENROLLMENTS * 5


def check(results: dict) -> None:
    schedulers = results["schedulers"]
    assert schedulers["errors"] == []
    assert schedulers["queued_per_day"] == [races.ENROLLMENTS] * 5  # each morning, each person, once
    assert schedulers["deliveries"] == schedulers["lesson_emails"] == LESSONS
    assert schedulers["deliveries_per_lesson"] == {str(n): races.ENROLLMENTS for n in range(1, 6)}
    assert schedulers["completed"] == races.ENROLLMENTS
    control = results["control"]
    assert control["errors"] == []
    assert control["lesson_emails"] == races.SCHEDULERS * races.ENROLLMENTS


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_schedulers_at_once_send_each_lesson_once_on_a_sqlite_file_database(tmp_path):
    check(
        run_on_sqlite_file(
            "forlop.course.tests.race_script", tmp_path, env={"SITE_URL": "https://forlop.example"}
        )
    )


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_schedulers_at_once_send_each_lesson_once_on_postgresql():
    races.setup_world()
    check({"schedulers": races.schedulers_at_once(), "control": races.naive_without_guard()})
