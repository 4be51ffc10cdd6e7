"""The public forms and the hold API while another connection holds a SQLite *file* database's write lock for
longer than the busy timeout (a long write, a stuck process, a backup tool). Run in its own process with the
real settings (WAL, IMMEDIATE transactions), the busy timeout shortened so the test waits half a second
instead of twenty, and prints each scenario's result as JSON. Used by test_locked_sqlite.py.

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/db.sqlite3 python -m forlop.core.tests.faults.locked_sqlite
"""

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlop.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

BUSY_MS = 500
waits: list[float] = []


def _short_busy_timeout() -> None:
    """The production busy timeout is 20 s; the same settings with half a second."""
    options = settings.DATABASES["default"]["OPTIONS"]
    options["timeout"] = BUSY_MS / 1000
    options["init_command"] = options["init_command"].replace("busy_timeout=20000", f"busy_timeout={BUSY_MS}")
    connection.close()


@contextmanager
def locked() -> Iterator[None]:
    """Another connection holds the write lock (readers go on, as they do in WAL mode) until the block ends."""
    other = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE django_migrations SET app = app WHERE id = 0")
    started = time.monotonic()
    try:
        yield
    finally:
        waits.append(time.monotonic() - started)
        other.execute("ROLLBACK")
        other.close()


def main() -> None:
    _short_busy_timeout()
    call_command("migrate", verbosity=0, interactive=False)
    from forlop.core.tests.faults.refused_writes import SCENARIOS

    results = {name: SCENARIOS[name](locked) for name in sys.argv[1:] or SCENARIOS}
    json.dump({"results": results, "waits": [min(waits), max(waits)]}, sys.stdout)


if __name__ == "__main__":
    main()
