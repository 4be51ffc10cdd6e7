from django.db import migrations

from forlop.care.measures.models import APPEND_ONLY
from forlop.core.triggers import migration_operations

forwards, backwards = migration_operations(APPEND_ONLY)


class Migration(migrations.Migration):
    dependencies = [
        ("care_measures", "0001_measurements"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
