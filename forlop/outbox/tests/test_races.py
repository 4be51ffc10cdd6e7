"""Several workers at once, with real threads: on a SQLite file database (its own process, the real
settings) and on PostgreSQL. Each message is claimed and sent once, each periodic job runs once per period,
and the control shows that without the conditional UPDATE every worker would think it had the message."""

import pytest
from django.db import connection

from forlop.core.testing import run_on_sqlite_file
from forlop.outbox.models import OutboxMessage

from . import races

EVERYONE = sorted(f"person{n}@example.no" for n in range(20))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_workers_never_share_a_message_or_a_job_on_a_sqlite_file_database(tmp_path):
    results = run_on_sqlite_file("forlop.outbox.tests.race_script", tmp_path)
    races.check_claims(results["claims"])
    races.check_control(results["control"])
    races.check_jobs(results["jobs"])
    assert results["delivery"]["errors"] == []
    assert sum(results["delivery"]["sent_per_worker"]) == 20
    # Every message reached the server once (the claim and control rounds were never sent).
    assert results["received"] == EVERYONE


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_one_worker_wins_each_message_on_postgresql():
    races.check_claims(races.claim_race())
    races.check_control(races.naive_claim_race())


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_a_periodic_job_runs_once_per_period_on_postgresql():
    races.check_jobs(races.job_race())


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_workers_delivering_at_once_send_each_message_once_on_postgresql(running_smtp_server):
    results = races.delivery_race()

    assert results["errors"] == []
    assert sum(results["sent_per_worker"]) == 20
    assert results["rows_sent"] == OutboxMessage.objects.count() == 20
    assert sorted(r.recipients[0] for r in running_smtp_server.received) == EVERYONE
