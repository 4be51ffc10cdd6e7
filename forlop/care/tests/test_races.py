"""One open course per person, even when several staff press "Start forløpet" for the same person at once, and
one phase step when two of the team move the same course on at once, and one doctor (and no error) when
several of the team change the doctor at once:
real threads on a SQLite file database (in a separate process, with the production settings) and on
PostgreSQL. The control shows the race is real: a naive check-then-create on a schema without the index
gives one person several open courses with the very same threads."""

import pytest
from django.db import connection

from forlop.core.testing import run_on_sqlite_file

from . import course_races


def check(results: dict) -> None:
    served = results["with_service"]
    assert served["errors"] == [], served
    assert served["open_courses_per_person"] == [1] * served["rounds"], served
    assert served["outcomes"] == {
        "started": served["rounds"],
        "refused": served["rounds"] * (course_races.THREADS - 1),
    }, served
    # Without the service's check in a transaction, the database's index alone still lets one through.
    alone = results["database_alone"]
    assert alone["errors"] == [], alone
    assert alone["open_courses_per_person"] == [1] * alone["rounds"], alone
    assert alone["outcomes"].get("started") == alone["rounds"], alone
    assert alone["outcomes"].get("refused_by_database", 0) > 0, alone  # the index did the refusing
    # Control: without either guard, the same threads give one person several open courses.
    control = results["control"]
    assert control["errors"] == [], control
    assert max(control["open_courses_per_person"]) > 1, control
    assert results["index_restored"]
    # Two of the team moving the same course on at once: one wins, the other is told, one step in history.
    phase = results["phase_race"]
    assert phase["errors"] == [], phase
    assert phase["outcomes"] == {"moved": phase["rounds"], "refused": phase["rounds"]}, phase
    assert phase["steps_out_of_kartlegging"] == [1] * phase["rounds"], phase
    # Control: a plain save of what each page showed lets both through, and the history contradicts itself.
    phase_control = results["phase_control"]
    assert phase_control["errors"] == [], phase_control
    assert phase_control["steps_out_of_kartlegging"] == [2] * phase_control["rounds"], phase_control
    # Several of the team changing the same role at once: every change goes through in turn, one holder after.
    team = results["team_race"]
    assert team["errors"] == [], team
    assert team["outcomes"] == {"set": team["rounds"] * course_races.THREADS}, team
    assert team["doctors_after"] == [1] * team["rounds"], team


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_simultaneous_starts_give_one_open_course_on_a_sqlite_file_database(tmp_path):
    check(run_on_sqlite_file("forlop.care.tests.course_race_script", tmp_path))


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_starts_give_one_open_course_on_postgresql():
    course_races.setup_world()
    check(
        {
            "with_service": course_races.with_service(),
            "database_alone": course_races.database_alone(),
            "control": course_races.control(),
            "index_restored": course_races.index_is_installed(),
            "phase_race": course_races.phase_race(),
            "phase_control": course_races.phase_control(),
            "team_race": course_races.team_race(),
        }
    )
    # Control, PostgreSQL only (SQLite's write lock serialises the transactions anyway): without the course
    # lock, the same threads break the one-member-per-role constraint, which the view would show as an error.
    unlocked = course_races.team_race(unlocked=True)
    assert unlocked["outcomes"].get("refused_by_database", 0) > 0, unlocked
