"""A persistent connection opened while the database refused writes, then the database recovers.

Shared by test_connections.py: in-process on PostgreSQL, and on a SQLite *file* database in its own process
(the test database on SQLite lives in memory, where Django never really closes a connection):

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/db.sqlite3 python -m forlop.core.tests.stale_connections

While "the disk is read-only", every new connection refuses writes the way the database engine does when it
cannot write (SQLite's query_only, PostgreSQL's read-only session): it stays that way for its whole life, as a
SQLite connection opened on a read-only file does. Each scenario sends a request that fails, lets the disk
recover, and sends the same request again on the same thread, with Django's own end-of-request connection
handling run between them as the WSGI handler does.
"""

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlop.settings")
    django.setup()

from django.conf import settings  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import path  # noqa: E402

from forlop import urls as site_urls  # noqa: E402
from forlop.core import health  # noqa: E402

GUARD = "forlop.core.connections.CloseFailedConnectionsMiddleware"
REFUSE_WRITES = {"sqlite": "PRAGMA query_only = ON", "postgresql": "SET default_transaction_read_only = on"}


def write_something(request: HttpRequest) -> HttpResponse:
    """A view that writes and lets a database error become a 500, as most views do."""
    health.beat(name="stale-connection-scenario")
    return HttpResponse("lagret")


# The site's own URLs (with /healthz and the 500 page), plus one view that writes.
urlpatterns = [path("skriv/", write_something), *site_urls.urlpatterns]
handler500 = site_urls.handler500


def _refuse_writes(sender, connection, **kwargs) -> None:
    with connection.cursor() as cursor:
        cursor.execute(REFUSE_WRITES[connection.vendor])


@contextmanager
def disk_read_only() -> Iterator[None]:
    connection_created.connect(_refuse_writes)
    try:
        yield
    finally:
        connection_created.disconnect(_refuse_writes)


def _request(client: Client, url: str) -> int:
    close_old_connections()  # request_started, as the WSGI handler sends it (the test client does not)
    status = client.get(url).status_code
    close_old_connections()  # request_finished
    return status


def run(*, guarded: bool) -> dict[str, list[int]]:
    """Status codes of each URL while the disk is read-only and after it recovered, on one thread."""
    middleware = [m for m in settings.MIDDLEWARE if guarded or m != GUARD]
    results = {}
    with override_settings(MIDDLEWARE=middleware, ROOT_URLCONF="forlop.core.tests.stale_connections"):
        for url in ("/healthz", "/skriv/"):
            client = Client(raise_request_exception=False)
            connection.close()  # the next request opens a new connection…
            with disk_read_only():  # …while the disk refuses writes
                during = _request(client, url)
            after = _request(client, url)  # the disk is writable again
            results[url] = [during, after]
    connection.close()
    return results


def locked_database_probe(db_path: str) -> dict:
    """SQLite: another process holds the write lock far longer than the probe's timeout."""
    holder = sqlite3.connect(db_path, isolation_level=None, timeout=1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with override_settings(ROOT_URLCONF="forlop.core.tests.stale_connections"):
            response = Client().get("/healthz")
        seconds = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    return {"status": response.status_code, "seconds": seconds, "body": response.json()}


def main() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    results = {
        "guarded": run(guarded=True),
        "control": run(guarded=False),
        "locked": locked_database_probe(settings.DATABASES["default"]["NAME"]),
    }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
