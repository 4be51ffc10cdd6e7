"""A race between the person's revocation and a relative's read never shows data after the revocation
committed: real threads on a SQLite file database (its own process, the production settings) and on
PostgreSQL. The control (consent and data read in separate statements) shows the race is real."""

import pytest
from django.db import connection

from forlop.core.testing import run_on_sqlite_file

from . import relative_races


def check(results: dict) -> None:
    guarded = results["guarded"]
    assert guarded["errors"] == [], guarded
    assert guarded["shown_after_revocation"] == 0, guarded
    assert guarded["shown"] == guarded["rounds"], (
        guarded
    )  # the read in progress finished first, then the revocation
    assert guarded["next_read_shows"] == 0, guarded
    control = results["control"]
    assert control["errors"] == [], control
    assert control["shown_after_revocation"] > 0, control


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_a_revocation_racing_a_read_never_shows_data_after_it_committed_on_a_sqlite_file_database(tmp_path):
    check(
        run_on_sqlite_file("forlop.relatives.tests.relative_race_script", tmp_path, env={"RACE_ROUNDS": "4"})
    )


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_a_revocation_racing_a_read_never_shows_data_after_it_committed_on_postgresql():
    relative_races.setup_world()
    check({"guarded": relative_races.guarded(4), "control": relative_races.control(4)})
