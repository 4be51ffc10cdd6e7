"""Drop a database connection that has seen an error, instead of reusing it.

Persistent connections (CONN_MAX_AGE) are kept between requests. At the end of a request Django only asks a
connection that flagged an error whether it "is usable" — SQLite always says yes, PostgreSQL runs SELECT 1,
which a read-only session passes — and the flag is cleared anyway by the rollback that ends a failed
transaction. So a connection opened while the disk was read-only stayed read-only after the disk recovered,
and every write on it failed until CONN_MAX_AGE ran out.

Here any statement that raises a DatabaseError marks its connection, and the connection is closed when the
request (or the worker's round) ends, whether or not the view caught the error. IntegrityError and DataError
are left alone: they are answers about the data (a taken slot, a too-long value), not about the connection.
Reconnecting costs about a millisecond, and only after an error.

The honest limit: an error raised by COMMIT itself passes no statement wrapper, so it is not seen here. On
PostgreSQL such a connection is usually dead and Django's own check drops it; SQLite reports a read-only or
locked database when the write starts, which is seen.
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress

from django.db import DatabaseError, DataError, IntegrityError, connections
from django.http import HttpRequest, HttpResponse


class _Watch:
    """An execute wrapper that notes the alias of a connection whose statement raised."""

    def __init__(self, alias: str, failed: set[str]):
        self.alias = alias
        self.failed = failed

    def __call__(self, execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except (IntegrityError, DataError):
            raise
        except DatabaseError:
            self.failed.add(self.alias)
            raise


@contextmanager
def closing_failed_connections() -> Iterator[set[str]]:
    """Run the block; afterwards close every connection on which a statement raised a DatabaseError.

    Yields the set of failed aliases. A connection inside an atomic block is left open (only tests run
    requests inside a transaction; closing it there would end the test's transaction).
    """
    failed: set[str] = set()
    try:
        with ExitStack() as stack:
            for conn in connections.all():
                stack.enter_context(conn.execute_wrapper(_Watch(conn.alias, failed)))
            yield failed
    finally:
        for alias in failed:
            conn = connections[alias]
            if not conn.in_atomic_block:
                with suppress(DatabaseError):  # a broken connection may fail to close; it is dropped anyway
                    conn.close()


class CloseFailedConnectionsMiddleware:
    """Outermost middleware: a request that saw a database error leaves no connection behind to reuse."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with closing_failed_connections():
            return self.get_response(request)
