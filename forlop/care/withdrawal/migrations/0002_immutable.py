"""Scale entries and their error marks refuse UPDATE and DELETE in the database too."""

from django.db import migrations

from forlop.care.withdrawal.models import ENTRY_TRIGGERS, ERROR_TRIGGERS
from forlop.core.triggers import migration_operations


class Migration(migrations.Migration):
    dependencies = [("care_withdrawal", "0001_entries")]

    operations = [
        migrations.RunPython(*migration_operations(ENTRY_TRIGGERS), elidable=False),
        migrations.RunPython(*migration_operations(ERROR_TRIGGERS), elidable=False),
    ]
