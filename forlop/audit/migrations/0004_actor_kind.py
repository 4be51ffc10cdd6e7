"""The access log says who acted: staff, the person themself, or the system. Old rows were all written by
staff pages, so the default STAFF is true of them; the column is filled at the table rebuild, not by UPDATE."""

from django.db import migrations, models

from forlop.audit import triggers


def reinstall_triggers(apps, schema_editor):
    # SQLite rebuilds the table to add a column with a default, and a rebuild drops its triggers.
    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_person"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, reinstall_triggers, elidable=False),
        migrations.AddField(
            model_name="accesslog",
            name="actor_kind",
            field=models.CharField(
                choices=[("staff", "Ansatt"), ("self", "Personen selv"), ("system", "Systemet")],
                default="staff",
                max_length=10,
                verbose_name="utført av",
            ),
        ),
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop, elidable=False),
    ]
