"""A coordinator's send and a doctor's decision at the same moment never send an undecided flagged request:
real threads on a SQLite file database (in a separate process, with the production settings) and on
PostgreSQL. The control shows the race is real: the service as it was before the gate, on a schema without
the constraint, sends undecided flagged requests with the very same threads."""

import pytest
from django.db import connection

from forlop.core.testing import run_on_sqlite_file

from . import gate_races


def check(results: dict) -> None:
    gated = results["with_gate"]
    assert gated["errors"] == [], gated
    assert gated["requests_sent_undecided"] == 0, gated
    assert "sent_undecided" not in gated["outcomes"], gated
    assert gated["outcomes"]["decided"] == gated["rounds"], gated  # the doctor is never turned away
    assert gated["max_sends_per_request"] <= 1, gated
    # The old service without the gate in its UPDATE: the constraint alone still refuses every early send.
    alone = results["database_alone"]
    assert alone["errors"] == [] and alone["requests_sent_undecided"] == 0, alone
    assert "sent_undecided" not in alone["outcomes"], alone
    # Control: without either guard, the same threads send undecided flagged requests.
    control = results["control"]
    assert control["errors"] == [], control
    assert control["requests_sent_undecided"] > 0, control
    assert results["gate_restored"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_a_send_racing_a_decision_never_sends_undecided_on_a_sqlite_file_database(tmp_path):
    check(run_on_sqlite_file("forlop.matching.tests.gate_race_script", tmp_path))


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_a_send_racing_a_decision_never_sends_undecided_on_postgresql():
    gate_races.setup_world()
    check(
        {
            "with_gate": gate_races.with_gate(),
            "database_alone": gate_races.database_alone(),
            "control": gate_races.without_gate(),
            "gate_restored": gate_races.gate_is_installed(),
        }
    )
