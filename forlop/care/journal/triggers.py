"""Immutable rows whose ciphertext may still be re-encrypted: the triggers for signed journal notes, their
amendments and lifted withholdings.

Why not `forlop.core.triggers.immutable_when` as it is: it refuses *every* UPDATE of a row that meets the
condition, and then `manage.py rotate_field_keys` could never re-encrypt a signed note with a new key. The
choice was between two designs:

- keep the ciphertext in a separate table that rotation may update. But that table's rows then change freely
  (the database cannot tell a re-encryption from a new text), so the note's text would be exactly as mutable
  as before, only one join further away; and a PostgreSQL trigger's WHEN cannot look up the note's signature;
- keep the ciphertext in the row and let the trigger **compare every other column**: on a signed row an UPDATE
  that changes any column except the ciphertext is refused, a DELETE is refused, and a change of the
  ciphertext itself is refused too unless the rewrite gate is open: a row in `care_journal_ciphertextrewrite`
  that only the rotation command inserts, inside its own transaction, and deletes before it commits
  (`rewrite_gate`). Other connections never see the gate open (PostgreSQL shows no uncommitted row to
  another transaction; SQLite lets only one writer in at a time), so `queryset.update(body_ciphertext=…)`
  and raw SQL outside the rotation are refused like any other change.

We chose the second. The gate is a speed bump, not a wall: whoever can run arbitrary SQL can also insert the
gate row (or drop the triggers); the triggers are there so that no code path of the application, the admin,
a bulk update or a well-meant raw fix changes a signed record. The rotation itself only writes a value after
checking that it decrypts to the same text as before.

The column list is written out here; a test compares it with the models' concrete columns, so a column added
later without adding it here fails the suite instead of becoming silently mutable.
"""

from collections.abc import Iterable

from forlop.core.triggers import TriggerSet

GATE_TABLE = "care_journal_ciphertextrewrite"


def immutable_except_ciphertext(
    *,
    name: str,
    table: str,
    condition: str,
    fixed: Iterable[str],
    ciphertext: Iterable[str],
    message: str,
) -> TriggerSet:
    """Refuse DELETE of a row whose old values meet `condition`, and UPDATE of such a row that changes a
    `fixed` column, or a `ciphertext` column while the rewrite gate is closed."""
    if "'" in message:
        raise ValueError("the message is put in SQL quotes; leave quotes out")
    fixed, ciphertext = list(fixed), list(ciphertext)
    gate_closed = f"NOT EXISTS (SELECT 1 FROM {GATE_TABLE})"  # noqa: S608 - constant names, no input
    sqlite_changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in fixed)
    sqlite_rewritten = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in ciphertext)
    sqlite = [
        f"CREATE TRIGGER IF NOT EXISTS {name}_no_update BEFORE UPDATE ON {table} "
        f"WHEN ({condition}) AND (({sqlite_changed}) OR (({sqlite_rewritten}) AND {gate_closed})) "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        f"CREATE TRIGGER IF NOT EXISTS {name}_no_delete BEFORE DELETE ON {table} WHEN {condition} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
    ]
    new_fixed = ", ".join(f"NEW.{c}" for c in fixed)
    old_fixed = ", ".join(f"OLD.{c}" for c in fixed)
    pg_rewritten = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in ciphertext)
    postgres = [
        f"CREATE OR REPLACE FUNCTION {name}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN "
        f"IF TG_OP = 'DELETE' THEN RAISE EXCEPTION '{message}'; END IF; "
        f"IF ROW({new_fixed}) IS DISTINCT FROM ROW({old_fixed}) THEN RAISE EXCEPTION '{message}'; END IF; "
        f"IF ({pg_rewritten}) AND {gate_closed} THEN RAISE EXCEPTION '{message}'; END IF; "
        f"RETURN NEW; END; $$",
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
