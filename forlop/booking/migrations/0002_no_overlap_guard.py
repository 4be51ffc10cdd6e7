from django.db import migrations

from forlop.booking import guard


def install(apps, schema_editor):
    guard.install(schema_editor.connection)


def drop(apps, schema_editor):
    guard.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [migrations.RunPython(install, drop)]
