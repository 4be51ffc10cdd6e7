"""Setting decisions refuse UPDATE and DELETE in the database too (append-only history)."""

from django.db import migrations

from forlop.care.assessment.models import DECISION_TRIGGERS
from forlop.core.triggers import migration_operations


class Migration(migrations.Migration):
    dependencies = [("care_assessment", "0001_assessment")]

    operations = [
        migrations.RunPython(*migration_operations(DECISION_TRIGGERS), elidable=False),
    ]
