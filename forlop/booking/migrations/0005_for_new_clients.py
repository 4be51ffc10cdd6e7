"""Consultation types say whether they are for new clients: a therapist who is not taking new clients does
not offer those. Of the seeded types, only the free first talk is (see ConsultationType.for_new_clients)."""

from django.db import migrations, models

NEW_CLIENT_TYPES = ["forstesamtale"]


def mark(apps, schema_editor):
    ConsultationType = apps.get_model("booking", "ConsultationType")
    ConsultationType.objects.filter(slug__in=NEW_CLIENT_TYPES).update(for_new_clients=True)


class Migration(migrations.Migration):
    dependencies = [("booking", "0004_calendar_feed")]

    operations = [
        migrations.AddField(
            model_name="consultationtype",
            name="for_new_clients",
            field=models.BooleanField(
                default=False,
                help_text="Kryss av for typer som er for nye klienter, som førstesamtalen. Terapeuter som ikke "
                "tar imot nye klienter, tilbyr dem ikke.",
                verbose_name="for nye klienter",
            ),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
