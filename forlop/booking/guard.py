"""The database's own refusal of double bookings, installed by migration (vendor by vendor).

A row occupies [start_at, blocked_until) while its status is active (ACTIVE_SQL). Two active rows of one
therapist may not overlap; touching (one ends exactly when the next starts) is fine.

- PostgreSQL: an exclusion constraint over (therapist_id WITH =, tstzrange(start_at, blocked_until) WITH &&),
  which needs btree_gist for the `=` on an integer column inside a GiST index.
- SQLite: BEFORE INSERT and BEFORE UPDATE triggers that RAISE(ABORT) when an overlapping active row exists.
  julianday() compares instants whatever text format a raw insert used ('T' or ' ', with or without
  fractions). Writers are serialised by IMMEDIATE transactions, so the trigger's check cannot race.

Both surface as IntegrityError; the message contains GUARD_NAME, which is how the service tells it apart
from other integrity errors.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

GUARD_NAME = "booking_no_overlap"
TABLE = "booking_booking"
ACTIVE_SQL = "('held', 'confirmed', 'held_done', 'no_show')"

# Built from module constants only; no value from outside reaches this SQL.
_OVERLAP = (
    f"SELECT RAISE(ABORT, '{GUARD_NAME}: the therapist already has a booking at this time') "  # noqa: S608
    f"WHERE EXISTS (SELECT 1 FROM {TABLE} AS other WHERE other.therapist_id = NEW.therapist_id "
    f"AND other.status IN {ACTIVE_SQL} "
    "AND julianday(other.start_at) < julianday(NEW.blocked_until) "
    "AND julianday(NEW.start_at) < julianday(other.blocked_until)"
)

_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS {GUARD_NAME}_insert BEFORE INSERT ON {TABLE} "
    f"WHEN NEW.status IN {ACTIVE_SQL} BEGIN {_OVERLAP}); END",
    f"CREATE TRIGGER IF NOT EXISTS {GUARD_NAME}_update "
    f"BEFORE UPDATE OF therapist_id, start_at, blocked_until, status ON {TABLE} "
    f"WHEN NEW.status IN {ACTIVE_SQL} BEGIN {_OVERLAP} AND other.id != NEW.id); END",
]
_SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {GUARD_NAME}_insert",
    f"DROP TRIGGER IF EXISTS {GUARD_NAME}_update",
]
_POSTGRES_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"ALTER TABLE {TABLE} ADD CONSTRAINT {GUARD_NAME} EXCLUDE USING gist "
    "(therapist_id WITH =, tstzrange(start_at, blocked_until, '[)') WITH &&) "
    f"WHERE (status IN {ACTIVE_SQL})",
]
_POSTGRES_DROP = [f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {GUARD_NAME}"]

_INSTALL = {"sqlite": _SQLITE_INSTALL, "postgresql": _POSTGRES_INSTALL}
_DROP = {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRES_DROP}


def _run(connection: BaseDatabaseWrapper, statements: dict[str, list[str]]) -> None:
    # Forløp supports SQLite and PostgreSQL only; elsewhere the service's lock and re-check still hold.
    with connection.cursor() as cursor:
        for sql in statements.get(connection.vendor, []):
            cursor.execute(sql)


def install(connection: BaseDatabaseWrapper) -> None:
    _run(connection, _INSTALL)


def drop(connection: BaseDatabaseWrapper) -> None:
    _run(connection, _DROP)


def is_overlap_error(exc: BaseException) -> bool:
    return GUARD_NAME in str(exc)
