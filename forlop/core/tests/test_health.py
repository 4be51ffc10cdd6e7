"""/healthz: read and write probed separately, the worker's heartbeat and the outbox delay reported, 503 only
when the database cannot be read or written, and the write probe never touches anyone's data."""

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forlop.core import health
from forlop.core.models import Heartbeat
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import queue_email

REFUSE_WRITES = {
    "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF"),
    "postgresql": ("SET default_transaction_read_only = on", "RESET default_transaction_read_only"),
}


@contextmanager
def database_refusing_writes():
    """The database engine itself refuses every write on this connection, the way a read-only disk or a
    read-only PostgreSQL session does (no mock: SQLite's query_only, PostgreSQL's read-only transactions)."""
    refuse, allow = REFUSE_WRITES[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(refuse)
    try:
        yield
    finally:
        if connection.connection is not None:  # /healthz may have closed it after the failure
            with connection.cursor() as cursor:
                cursor.execute(allow)


def healthz(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_it_reports_every_part_ok_when_all_is_well(client):
    health.beat(name=health.WORKER)

    status, body = healthz(client)

    assert status == 200
    assert body["status"] == "ok"
    assert body["database"] == {"read": "ok", "write": "ok"}
    assert body["worker"]["status"] == "ok"
    assert body["worker"]["seconds_ago"] < 60
    assert body["worker"]["last_heartbeat"].endswith("Z")
    assert body["outbox"] == {"status": "ok", "oldest_due_seconds": 0}
    assert "errors" not in body


@pytest.mark.django_db(transaction=True)
def test_it_is_not_ok_when_the_database_refuses_writes(client):
    health.beat(name=health.WORKER)

    with database_refusing_writes():
        status, body = healthz(client)

    assert status == 503
    assert body["status"] == "error"
    assert body["database"] == {"read": "ok", "write": "error"}
    assert body["errors"]["write"] in {"OperationalError", "InternalError"}
    # What could still be read is still reported.
    assert body["worker"]["status"] == "ok"


@pytest.mark.django_db
def test_it_answers_503_when_the_database_cannot_be_read(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("database is down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    status, body = healthz(client)

    assert status == 503
    assert body["status"] == "error"
    assert body["database"] == {"read": "error", "write": "error"}
    assert "worker" not in body  # nothing could be read, so nothing is claimed


@pytest.mark.django_db
def test_it_reports_a_worker_that_stopped_beating_as_degraded(client, settings):
    settings.HEALTH_WORKER_STALE_SECONDS = 300
    health.beat(name=health.WORKER, now=timezone.now() - timedelta(seconds=301))

    status, body = healthz(client)

    assert status == 200  # the site still serves; monitoring should alert
    assert body["status"] == "degraded"
    assert body["worker"]["status"] == "stale"
    assert body["worker"]["seconds_ago"] >= 301


@pytest.mark.django_db
def test_it_reports_a_worker_that_never_ran_as_degraded(client):
    status, body = healthz(client)

    assert status == 200
    assert body["status"] == "degraded"
    assert body["worker"] == {"status": "missing", "last_heartbeat": None, "seconds_ago": None}


@pytest.mark.django_db
def test_it_reports_an_email_due_for_too_long_as_degraded(client, settings):
    settings.HEALTH_OUTBOX_DELAY_SECONDS = 600
    health.beat(name=health.WORKER)
    waiting = queue_email(to="person@example.no", template="contact_receipt", context={"crisis_url": "x"})
    OutboxMessage.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=15))
    # Not due yet (waiting out a retry): not late, however old.
    later = queue_email(to="other@example.no", template="contact_receipt", context={"crisis_url": "x"})
    OutboxMessage.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + timedelta(hours=1), created_at=timezone.now() - timedelta(days=1)
    )

    status, body = healthz(client)

    assert status == 200
    assert body["status"] == "degraded"
    assert body["outbox"]["status"] == "delayed"
    assert 900 <= body["outbox"]["oldest_due_seconds"] < 960


@pytest.mark.django_db
def test_an_email_due_for_a_moment_is_not_a_delay(client):
    health.beat(name=health.WORKER)
    queue_email(to="person@example.no", template="contact_receipt", context={"crisis_url": "x"})

    status, body = healthz(client)

    assert (status, body["status"], body["outbox"]["status"]) == (200, "ok", "ok")


@pytest.mark.django_db
def test_the_write_probe_touches_nothing_but_its_own_heartbeat_row(client, django_assert_max_num_queries):
    queue_email(to="person@example.no", template="contact_receipt", context={"crisis_url": "x"})
    health.beat(name=health.WORKER)
    worker_before = Heartbeat.objects.get(name=health.WORKER).beat_at

    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")  # the first probe also inserts its row
        with django_assert_max_num_queries(6):  # cheap: read, write (with its lock timeout), outbox
            client.get("/healthz")

    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes, "the write probe must really write"
    assert all(
        re.match(r'(INSERT (OR IGNORE )?INTO|UPDATE) "core_heartbeat"', sql.lstrip()) for sql in writes
    ), writes
    assert Heartbeat.objects.get(name=health.WORKER).beat_at == worker_before
    assert set(Heartbeat.objects.values_list("name", flat=True)) == {health.WORKER, health.PROBE}


@pytest.mark.django_db
def test_it_is_never_cached(client):
    first = client.get("/healthz")
    probed_first = Heartbeat.objects.get(name=health.PROBE).beat_at
    second = client.get("/healthz")

    assert "no-store" in first["Cache-Control"] and "no-store" in second["Cache-Control"]
    assert Heartbeat.objects.get(name=health.PROBE).beat_at > probed_first


@pytest.mark.django_db
def test_the_worker_writes_its_heartbeat_every_round():
    call_command("worker", "--once")
    first = Heartbeat.objects.get(name=health.WORKER)
    call_command("worker", "--once")
    second = Heartbeat.objects.get(name=health.WORKER)

    assert second.beat_at > first.beat_at
    assert second.pid and second.host
