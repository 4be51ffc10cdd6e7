"""Database triggers that keep rows from changing once they must not: a signed journal note, an approved taper
plan. The ORM refuses too (the models' `save`), but only a trigger also stops the admin's bulk actions and raw
SQL. Each app builds its set with `immutable_when` and installs it from a migration; `register` lists it so
that `manage.py flush` (forlop.audit's, for SQLite) can step the triggers aside while it empties every table.

PostgreSQL's flush uses TRUNCATE, which row triggers do not cover, so only SQLite needs the stepping aside.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper


@dataclass(frozen=True)
class TriggerSet:
    name: str
    table: str
    install_sql: dict[str, list[str]]
    drop_sql: dict[str, list[str]]

    def install(self, connection: BaseDatabaseWrapper) -> None:
        _run(connection, self.install_sql)

    def drop(self, connection: BaseDatabaseWrapper) -> None:
        _run(connection, self.drop_sql)


def _run(connection: BaseDatabaseWrapper, statements: dict[str, list[str]]) -> None:
    # Other databases are not supported by Forløp; there the ORM guards still hold.
    with connection.cursor() as cursor:
        for sql in statements.get(connection.vendor, []):
            cursor.execute(sql)


def immutable_when(*, name: str, table: str, condition: str, message: str) -> TriggerSet:
    """Refuse UPDATE and DELETE of a row of `table` whose old values meet `condition`, an SQL expression over
    `OLD.<column>` that both SQLite and PostgreSQL understand (e.g. "OLD.signed_at IS NOT NULL")."""
    if "'" in message:
        raise ValueError("the message is put in SQL quotes; leave quotes out")
    sqlite = [
        f"CREATE TRIGGER IF NOT EXISTS {name}_no_update BEFORE UPDATE ON {table} WHEN {condition} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        f"CREATE TRIGGER IF NOT EXISTS {name}_no_delete BEFORE DELETE ON {table} WHEN {condition} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
    ]
    postgres = [
        f"CREATE OR REPLACE FUNCTION {name}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{message}'; END; $$",
        f"DROP TRIGGER IF EXISTS {name}_no_change ON {table}",
        f"CREATE TRIGGER {name}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION {name}_refuse()",
    ]
    return TriggerSet(
        name=name,
        table=table,
        install_sql={"sqlite": sqlite, "postgresql": postgres},
        drop_sql={
            "sqlite": [
                f"DROP TRIGGER IF EXISTS {name}_no_update",
                f"DROP TRIGGER IF EXISTS {name}_no_delete",
            ],
            "postgresql": [
                f"DROP TRIGGER IF EXISTS {name}_no_change ON {table}",
                f"DROP FUNCTION IF EXISTS {name}_refuse()",
            ],
        },
    )


_REGISTRY: dict[str, TriggerSet] = {}


def register(trigger_set: TriggerSet) -> TriggerSet:
    """List a set for `flush`; call it at import time of the module that defines the set."""
    _REGISTRY[trigger_set.name] = trigger_set
    return trigger_set


def registered() -> list[TriggerSet]:
    return list(_REGISTRY.values())


def migration_operations(trigger_set: TriggerSet) -> tuple[Callable, Callable]:
    """(forwards, backwards) for `migrations.RunPython`: install the set, or drop it."""

    def forwards(apps, schema_editor) -> None:
        trigger_set.install(schema_editor.connection)

    def backwards(apps, schema_editor) -> None:
        trigger_set.drop(schema_editor.connection)

    return forwards, backwards
