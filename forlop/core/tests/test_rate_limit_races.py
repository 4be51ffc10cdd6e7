"""Rate limits hold exactly under real concurrency: 40 threads at once against a limit of 20 let exactly 20
through, on a SQLite file database (in its own process, with the production settings) and on PostgreSQL.
Also end to end: 15 simultaneous contact posts against 5 store 5, 40 simultaneous holds against 20 create
20 (before, 8 and 22). The control shows the race is real: the check-then-write it replaced lets every
thread through."""

import pytest
import time_machine
from django.db import connection

from forlop.core.testing import run_on_sqlite_file

from . import rate_limit_races as races


def check(results: dict) -> None:
    for name, outcome in results.items():
        assert outcome["errors"] == [], name
    assert results["consume_at_once"] == {"allowed": 20, "counted": 20, "errors": []}
    assert results["consume_in_transactions"] == {"allowed": 20, "written": 20, "errors": []}
    assert results["contact_posts"] == {"accepted": 5, "stored": 5, "errors": []}
    assert results["api_holds"] == {"accepted": 20, "created": 20, "errors": []}
    # Control: without the single conditional write, every thread got through.
    assert results["check_then_write"]["allowed"] > 20


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_limits_are_exact_on_a_sqlite_file_database(tmp_path):
    check(
        run_on_sqlite_file(
            "forlop.core.tests.rate_limit_race_script",
            tmp_path,
            *races.SCENARIOS,
            env={"CONTACT_RATE_LIMIT_PER_HOUR": "5", "BOOKING_HOLD_RATE_LIMIT_PER_HOUR": "20"},
        )
    )


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_limits_are_exact_on_postgresql(settings):
    settings.CONTACT_RATE_LIMIT_PER_HOUR = 5
    settings.BOOKING_HOLD_RATE_LIMIT_PER_HOUR = 20
    with time_machine.travel(races.NOW, tick=True):
        check({name: getattr(races, name)() for name in races.SCENARIOS})
