"""A booking points to the person who booked (forlop.people); forlop/people/migrations/0002 fills it in."""

import django.db.models.deletion
from django.db import migrations, models

from forlop.booking import guard


def reinstall_guard(apps, schema_editor):
    # Undoing AddField on SQLite rebuilds the table, which drops its triggers: the guard must come back.
    # PostgreSQL drops the column in place and keeps its exclusion constraint.
    if schema_editor.connection.vendor == "sqlite":
        guard.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0005_for_new_clients"),
        ("people", "0001_initial"),
    ]

    operations = [
        # Runs last when this migration is undone (operations are reversed).
        migrations.RunPython(migrations.RunPython.noop, reinstall_guard, elidable=False),
        migrations.AddField(
            model_name="booking",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bookings",
                to="people.person",
                verbose_name="person",
            ),
        ),
    ]
