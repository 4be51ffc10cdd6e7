"""Database triggers that make `audit_accesslog` append-only, so raw SQL cannot edit history either.

PostgreSQL gets no TRUNCATE trigger: TRUNCATE needs the table owner, and `manage.py flush` (used by
transactional tests) relies on it. SQLite has no TRUNCATE; the `flush` command in this app drops and
re-creates the triggers around its DELETEs.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_accesslog"
MESSAGE = "audit_accesslog is append-only"

_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS audit_accesslog_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_accesslog_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_accesslog_no_update",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_delete",
]
_POSTGRES_INSTALL = [
    "CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_change ON audit_accesslog",
    f"CREATE TRIGGER audit_accesslog_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only()",
]
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_accesslog_no_change ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_accesslog_append_only()",
]

_INSTALL = {"sqlite": _SQLITE_INSTALL, "postgresql": _POSTGRES_INSTALL}
_DROP = {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRES_DROP}


def _run(connection: BaseDatabaseWrapper, statements: dict[str, list[str]]) -> None:
    # Other databases are not supported by Forløp; there the ORM guards still hold.
    with connection.cursor() as cursor:
        for sql in statements.get(connection.vendor, []):
            cursor.execute(sql)


def install(connection: BaseDatabaseWrapper) -> None:
    _run(connection, _INSTALL)


def drop(connection: BaseDatabaseWrapper) -> None:
    _run(connection, _DROP)
