"""The access log names the person whose data was read (forlop.people). Old rows keep person empty: the
append-only triggers refuse UPDATE (AccessLogQuerySet.about_person finds them by what they named then)."""

import django.db.models.deletion
from django.db import migrations, models

from forlop.audit import triggers


def reinstall_triggers(apps, schema_editor):
    # SQLite drops a table's triggers when Django rebuilds it (undoing AddField does; adding a nullable
    # column does not, but the log must never be left without them).
    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, reinstall_triggers, elidable=False),
        migrations.AddField(
            model_name="accesslog",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.person",
                verbose_name="person",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(fields=["person", "at"], name="audit_person_at"),
        ),
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop, elidable=False),
    ]
