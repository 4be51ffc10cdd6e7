"""The practice's consultation types. Admin-editable afterwards; which therapists offer them is set there."""

from django.db import migrations

TYPES = [
    # slug, name, description, minutes, buffer, floor (øre), mode, doctors only, position
    ("forstesamtale", "Uforpliktende førstesamtale",
     "En kort, gratis prat på video der dere blir kjent og finner ut om dette passer for deg.",
     20, 10, 0, "video", False, 0),
    ("konsultasjon", "Konsultasjon", "En vanlig samtale på video med terapeuten din.",
     50, 10, 49500, "video", False, 1),
    ("parorende", "Pårørendesamtale", "Samtale for deg som står nær noen som strever med rus.",
     50, 10, 49500, "video", False, 2),
    ("legekonsultasjon", "Legekonsultasjon (avrusning)",
     "Samtale med lege om medisinsk støttet avrusning.", 30, 15, 95000, "video", True, 3),
]


def create(apps, schema_editor):
    ConsultationType = apps.get_model("booking", "ConsultationType")
    for slug, name, description, minutes, buffer, price, mode, doctors_only, position in TYPES:
        ConsultationType.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "duration_minutes": minutes,
                "buffer_after_minutes": buffer,
                "price_ore": price,
                "mode": mode,
                "doctors_only": doctors_only,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("booking", "0002_no_overlap_guard")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
