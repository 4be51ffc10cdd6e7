"""Signed notes, amendments and lifted withholdings refuse UPDATE and DELETE in the database too; only the
key rotation may rewrite their ciphertext (forlop/care/journal/triggers.py)."""

from django.db import migrations

from forlop.care.journal.models import AMENDMENT_TRIGGERS, LIFTED_WITHHOLDING_TRIGGERS, SIGNED_NOTE_TRIGGERS
from forlop.core.triggers import migration_operations


class Migration(migrations.Migration):
    dependencies = [("care_journal", "0001_initial")]

    operations = [
        migrations.RunPython(*migration_operations(SIGNED_NOTE_TRIGGERS), elidable=False),
        migrations.RunPython(*migration_operations(AMENDMENT_TRIGGERS), elidable=False),
        migrations.RunPython(*migration_operations(LIFTED_WITHHOLDING_TRIGGERS), elidable=False),
    ]
