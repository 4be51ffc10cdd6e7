"""One version number for everything a free-slot answer depends on except the bookings themselves: working
hours, date overrides, booking settings, therapists, consultation types, who offers them and at what price.

The database keeps it: triggers on those tables set a new random number in the single row of `scheduling_scheduleversion` in the
same transaction as the edit (PostgreSQL: one statement-level trigger per table; SQLite: a row trigger per
table and operation). No code path can forget it (admin, services, bulk updates, raw SQL, another server),
and an edit is visible to every process as soon as it commits. Caches of those rows (forlop.booking.slots)
are keyed by (epoch, version), read with one small query per request *before* the rows they cache.

The epoch is random and set when the row is created: a database that was flushed and set up again (tests)
starts a new epoch, so a process never mistakes an old cache entry for a current one. Without the row (a
flushed test database) nothing is cached.

Installed by migration 0002 and again after every `migrate` (SQLite drops a table's triggers when a
migration rebuilds the table).
"""

import secrets

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "scheduling_scheduleversion"
WATCHED = (
    "scheduling_workinghours",
    "scheduling_dateoverride",
    "scheduling_bookingsettings",
    "therapists_therapist",
    "booking_consultationtype",
    "booking_consultationtype_therapists",
    "booking_therapistprice",
)
# A new random version rather than version + 1: a transaction that bumped it and rolled back must never
# leave its number to the next edit, or what a process cached inside the rolled-back transaction would
# match it. (PostgreSQL's random() has 52 bits.)
_BUMP = {
    "sqlite": f"UPDATE {TABLE} SET version = random() WHERE id = 1",  # noqa: S608 - constants only
    "postgresql": f"UPDATE {TABLE} SET version = floor(random() * 4503599627370496)::bigint WHERE id = 1",  # noqa: S608
}
_PG_FUNCTION = "forlop_bump_schedule_version"


def _sqlite_install() -> list[str]:
    return _sqlite_drop() + [
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_{table}_{op.lower()} AFTER {op} ON {table} "
        f"BEGIN {_BUMP['sqlite']}; END"
        for table in WATCHED
        for op in ("INSERT", "UPDATE", "DELETE")
    ]


def _postgres_install() -> list[str]:
    statements = [
        f"CREATE OR REPLACE FUNCTION {_PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {_BUMP['postgresql']}; RETURN NULL; END $$"
    ]
    for table in WATCHED:
        name = f"{TABLE}_{table}"[:63]
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_PG_FUNCTION}()",
        ]
    return statements


def _sqlite_drop() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {TABLE}_{table}_{op.lower()}"
        for table in WATCHED
        for op in ("INSERT", "UPDATE", "DELETE")
    ]


def _postgres_drop() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {f'{TABLE}_{table}'[:63]} ON {table}" for table in WATCHED] + [
        f"DROP FUNCTION IF EXISTS {_PG_FUNCTION}()"
    ]


def install(connection: BaseDatabaseWrapper) -> None:
    statements = {"sqlite": _sqlite_install, "postgresql": _postgres_install}.get(connection.vendor)
    if statements is None:
        return
    existing = connection.introspection.table_names()
    if TABLE not in existing or not all(table in existing for table in WATCHED):
        return  # migrating forward: the last of the tables' migrations installs them
    with connection.cursor() as cursor:
        for sql in statements():
            cursor.execute(sql)


def drop(connection: BaseDatabaseWrapper) -> None:
    statements = {"sqlite": _sqlite_drop, "postgresql": _postgres_drop}.get(connection.vendor)
    if statements is None:
        return
    with connection.cursor() as cursor:
        for sql in statements():
            cursor.execute(sql)


def current(connection: BaseDatabaseWrapper = default_connection) -> tuple[str, int] | None:
    """(epoch, version) as committed now: one query. None when the row is missing (a flushed test database):
    callers then read the rows themselves every time."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT epoch, version FROM {TABLE} WHERE id = 1")  # noqa: S608 - constants only
        row = cursor.fetchone()
    return (row[0], row[1]) if row is not None else None


def create_row(connection: BaseDatabaseWrapper = default_connection) -> None:
    """The version row with a new epoch (migration 0002; tests after a flush)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 - constants only
        cursor.execute(
            f"INSERT INTO {TABLE} (id, epoch, version) VALUES (1, %s, 0)",  # noqa: S608 - constants only
            [secrets.token_hex(8)],
        )
