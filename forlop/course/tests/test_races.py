"""Exactly once under real concurrency: four schedulers run the lesson job at the same moment every
morning, on a SQLite file database (in its own process, with the production settings) and on PostgreSQL.
The control shows the race is real: without the delivery row and the locked re-check, every scheduler
sends every lesson."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from . import races

ROOT = Path(__file__).resolve().parents[3]
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
    env = {
        **os.environ,
        "FORLOP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "SITE_URL": "https://forlop.example",
        "PYTHONWARNINGS": "error::RuntimeWarning",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    finished = subprocess.run(
        [sys.executable, "-m", "forlop.course.tests.race_script"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    check(json.loads(finished.stdout))


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_schedulers_at_once_send_each_lesson_once_on_postgresql():
    races.setup_world()
    check({"schedulers": races.schedulers_at_once(), "control": races.naive_without_guard()})
