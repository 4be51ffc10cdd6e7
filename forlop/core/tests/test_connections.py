"""A persistent connection that saw a database error is dropped, not reused: once the database takes writes
again, the next request on the same thread succeeds. The control (without the middleware) shows the bug it
fixes: Django's own end-of-request check keeps the read-only connection, and the site keeps failing."""

import pytest
from django.db import IntegrityError, connection, connections

from forlop.core.connections import closing_failed_connections
from forlop.core.models import Heartbeat
from forlop.core.testing import run_on_sqlite_file

from . import stale_connections

FIXED = {"/healthz": [503, 200], "/skriv/": [500, 200]}
STALE = {"/healthz": [503, 503], "/skriv/": [500, 500]}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run uses its own file database")
def test_a_request_after_the_database_recovers_succeeds_on_a_sqlite_file_database(tmp_path):
    results = run_on_sqlite_file(
        "forlop.core.tests.stale_connections", tmp_path, env={"LOG_LEVEL": "CRITICAL"}
    )

    assert results["guarded"] == FIXED
    assert results["control"] == STALE
    # A database locked by a long write: /healthz says so within seconds, not after the 20 s busy timeout.
    assert results["locked"]["status"] == 503
    assert results["locked"]["body"]["database"] == {"read": "ok", "write": "error"}
    assert results["locked"]["seconds"] < 6


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_a_request_after_the_database_recovers_succeeds_on_postgresql():
    assert stale_connections.run(guarded=True) == FIXED
    assert stale_connections.run(guarded=False) == STALE


@pytest.mark.django_db(transaction=True)
def test_an_integrity_error_keeps_the_connection():
    """A refused duplicate is an answer about the data, not a broken connection: no reconnect for it."""
    Heartbeat.objects.create(name="x", beat_at="2026-01-01T00:00:00Z")
    connection.ensure_connection()
    raw = connection.connection

    with closing_failed_connections() as failed:
        with pytest.raises(IntegrityError):
            Heartbeat.objects.create(name="x", beat_at="2026-01-01T00:00:00Z")

    assert failed == set()
    assert connections["default"].connection is raw


@pytest.mark.django_db(transaction=True)
def test_a_worker_round_that_hit_a_database_error_drops_its_connection(monkeypatch, caplog):
    from django.core.management import call_command

    from .test_health import database_refusing_writes

    closed = []
    conn = connections["default"]
    real_close = conn.close
    monkeypatch.setattr(conn, "close", lambda: (closed.append(True), real_close()))

    with database_refusing_writes():
        call_command("worker", "--once")

    assert "worker round failed" in caplog.text
    assert closed, "the worker must not keep a connection that refused its heartbeat"
