"""Ways to make the database itself refuse a write, with no mock: for the tests in this folder.

- `read_only()`: the engine refuses every write on this connection, the way a read-only disk (SQLite) or a
  read-only PostgreSQL session does: SQLite's query_only, PostgreSQL's default_transaction_read_only.
- `pg_locked()`: another PostgreSQL session holds every table in EXCLUSIVE mode (reads pass, writes wait)
  and this one gives up after lock_timeout, as when a long migration or a stuck transaction holds the tables.
- SQLite's file lock (another connection holding the write lock past the busy timeout) needs a file
  database: see locked_sqlite.py.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, connections
from django.db.backends.signals import connection_created

REFUSE = {"sqlite": "PRAGMA query_only = ON", "postgresql": "SET default_transaction_read_only = on"}
ALLOW = {"sqlite": "PRAGMA query_only = OFF", "postgresql": "RESET default_transaction_read_only"}


def _on_every_connection(sql: str):
    def receiver(sender, connection, **kwargs) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)

    return receiver


@contextmanager
def _session_setting(refuse: str, allow: str) -> Iterator[None]:
    """`refuse` on the open connection and on any opened meanwhile (a connection that saw an error is
    dropped and reopened); `allow` on the connection left open afterwards."""
    receiver = _on_every_connection(refuse)
    connection_created.connect(receiver)
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(refuse)
    try:
        yield
    finally:
        connection_created.disconnect(receiver)
        if connection.connection is not None:  # the request may have closed it after the failure
            with connection.cursor() as cursor:
                cursor.execute(allow)


@contextmanager
def read_only() -> Iterator[None]:
    vendor = connection.vendor
    with _session_setting(REFUSE[vendor], ALLOW[vendor]):
        yield


@contextmanager
def pg_locked(lock_timeout_ms: int = 300) -> Iterator[None]:
    """Every table of the site locked against writes by another session, on PostgreSQL."""
    tables = connection.introspection.table_names()
    locked, release, done = threading.Event(), threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def holder() -> None:
        other = connections.create_connection("default")
        try:
            other.ensure_connection()
            other.set_autocommit(False)
            with other.cursor() as cursor:
                quoted = ", ".join(other.ops.quote_name(name) for name in tables)
                cursor.execute(f"LOCK TABLE {quoted} IN EXCLUSIVE MODE")
            locked.set()
            release.wait(timeout=60)
            other.rollback()
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            failure.append(exc)
            locked.set()
        finally:
            other.close()
            done.set()

    thread = threading.Thread(target=holder)
    thread.start()
    locked.wait(timeout=30)
    if failure:
        raise failure[0]
    try:
        with _session_setting(f"SET lock_timeout = {int(lock_timeout_ms)}", "RESET lock_timeout"):
            yield
    finally:
        release.set()
        done.wait(timeout=30)
        thread.join(timeout=30)
