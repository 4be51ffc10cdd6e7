"""Re-encrypt every encrypted column with the newest key in FORLOP_FIELD_KEYS (forlop.core.crypto).

Rotating a key:
1. put the new key first in FORLOP_FIELD_KEYS, keep the old ones after it, restart;
2. `manage.py rotate_field_keys` (safe to run again, and while the site runs: values written meanwhile are
   already under the new key, and a value changed while we worked is skipped, not overwritten);
3. `manage.py rotate_field_keys --check` reports 0 values under older keys: remove the old keys, restart.

Rows are read and written in batches by primary key, each batch in its own short transaction, so a large
journal does not hold one long lock. Every rewritten value is decrypted again and compared with the old
plaintext before it is written. Immutable rows (signed notes) accept only this rewrite: the writes happen
inside the owning app's rewrite gate (see forlop/care/journal/triggers.py).
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from forlop.core import crypto


class Command(BaseCommand):
    help = "Krypterer alle krypterte felt på nytt med den nyeste nøkkelen i FORLOP_FIELD_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--check",
            action="store_true",
            help="Bare tell verdier som ennå ikke er kryptert med den nyeste nøkkelen; avslutt med feil om noen er det.",
        )

    def handle(self, *args, batch_size: int, check: bool, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size må være minst 1.")
        total_old = total_rewritten = total_skipped = 0
        for columns in crypto.registered_columns():
            old, rewritten, skipped = self._columns(columns, batch_size=batch_size, check=check)
            total_old += old
            total_rewritten += rewritten
            total_skipped += skipped
            self.stdout.write(
                f"{columns.model._meta.label}: {old} med eldre nøkkel, {rewritten} kryptert på nytt, {skipped} hoppet over"
            )
        if check:
            if total_old:
                raise CommandError(f"{total_old} verdier er fortsatt kryptert med en eldre nøkkel.")
            self.stdout.write("Alle verdier er kryptert med den nyeste nøkkelen. Eldre nøkler kan fjernes.")
            return
        self.stdout.write(
            f"Ferdig: {total_rewritten} verdier kryptert på nytt, {total_skipped} endret underveis."
        )

    def _columns(
        self, columns: crypto.EncryptedColumns, *, batch_size: int, check: bool
    ) -> tuple[int, int, int]:
        manager = columns.model._base_manager
        old = rewritten = skipped = 0
        last_pk = None
        while True:
            rows = manager.order_by("pk")
            if last_pk is not None:
                rows = rows.filter(pk__gt=last_pk)
            batch = list(rows.values_list("pk", *columns.fields)[:batch_size])
            if not batch:
                return old, rewritten, skipped
            last_pk = batch[-1][0]
            changes: list[tuple[object, dict[str, str], dict[str, str]]] = []
            for pk, *values in batch:
                before: dict[str, str] = {}
                after: dict[str, str] = {}
                for name, value in zip(columns.fields, values, strict=True):
                    if not value or crypto.is_current(value):
                        continue
                    try:
                        fresh = crypto.rotate(value)
                        same = crypto.decrypt(fresh) == crypto.decrypt(value)
                    except crypto.DecryptionError as error:
                        raise CommandError(
                            f"{columns.model._meta.label} #{pk}.{name}: ingen nøkkel i FORLOP_FIELD_KEYS kan dekryptere verdien."
                        ) from error
                    if not same:  # pragma: no cover - Fernet guarantees it; never write a changed text
                        raise CommandError(
                            f"{columns.model._meta.label} #{pk}.{name}: ny kryptering ga annen tekst."
                        )
                    before[name], after[name] = value, fresh
                if before:
                    old += 1
                    changes.append((pk, before, after))
            if check or not changes:
                continue
            with columns.rewrite_gate():
                for pk, before, after in changes:
                    # Conditional on the old ciphertext: a draft edited meanwhile is already under the new key.
                    if manager.filter(pk=pk, **before).update(**after):
                        rewritten += 1
                    else:
                        skipped += 1
