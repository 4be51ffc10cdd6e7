"""The pårørendesamtale as a consultation type.

It already exists: booking's 0003 seeded it as slug "parorende" ("Pårørendesamtale", video, 50 min + 10,
from 495 kr, like a consultation), and the demo data gives it to the therapists who work with relatives (the
"parorende" theme). A second type with the same name (slug "parorendesamtale", as first planned) would show
twice in the picker, so this keeps the one type and only says in its description that it is for the relative,
with or without the person. A description an administrator has changed is left alone; a database without the
type (it was deleted) gets it back.
"""

from django.db import migrations

SLUG = "parorende"
SEEDED = "Samtale for deg som står nær noen som strever med rus."
DESCRIPTION = (
    "For deg som står nær noen som strever med rus: alene, eller sammen med personen. "
    "Personen trenger ikke å vite om det eller være klient hos oss. Skriv gjerne i meldingen om dere kommer to."
)


def describe(apps, schema_editor):
    ConsultationType = apps.get_model("booking", "ConsultationType")
    ctype, created = ConsultationType.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Pårørendesamtale",
            "description": DESCRIPTION,
            "duration_minutes": 50,
            "buffer_after_minutes": 10,
            "price_ore": 49500,
            "mode": "video",
            "doctors_only": False,
            "for_new_clients": False,
            "position": 2,
        },
    )
    if not created and ctype.description == SEEDED:
        ctype.description = DESCRIPTION
        ctype.save(update_fields=["description"])


def undescribe(apps, schema_editor):
    ConsultationType = apps.get_model("booking", "ConsultationType")
    ConsultationType.objects.filter(slug=SLUG, description=DESCRIPTION).update(description=SEEDED)


class Migration(migrations.Migration):
    dependencies = [
        ("relatives", "0002_craft"),
        ("booking", "0006_person"),
    ]

    operations = [migrations.RunPython(describe, undescribe)]
