from django.db import migrations

from forlop.care.tapering.models import APPROVED_IS_FINAL
from forlop.core.triggers import migration_operations

forwards, backwards = migration_operations(APPROVED_IS_FINAL)


class Migration(migrations.Migration):
    dependencies = [
        ("care_tapering", "0001_taper_plans"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
