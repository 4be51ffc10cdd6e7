"""Seed the vocabulary tables with the matching engine's keys (forlop/matching/engine.py), in its order.

The keys are written out here rather than imported, so this migration means the same thing forever; the test
test_it_keeps_the_vocabulary_tables_equal_to_the_engine fails when the engine gains a key without a new
migration like this one."""

from django.db import migrations

SUBSTANCES = ["alkohol", "cannabis", "opioider", "benzodiazepiner", "sentralstimulerende", "ghb", "spill", "annet"]
THEMES = ["parorende", "traumer", "angst_depresjon", "ungdom"]
METHODS = ["kognitiv_terapi", "motiverende_intervju", "act", "traumebehandling", "familieterapi", "gruppeterapi"]
MEETING_MODES = ["video", "telefon", "oppmote"]
LANGUAGES = [
    "nb", "en", "sv", "da", "se", "pl", "lt", "de", "fr", "es", "it", "pt", "nl", "fi", "ro", "ru", "uk", "bs",
    "hr", "sr", "sq", "tr", "ar", "fa", "ku", "ur", "pa", "hi", "ta", "so", "ti", "am", "sw", "zh", "vi", "th", "tl",
]


def seed(apps, schema_editor):
    FocusArea = apps.get_model("therapists", "FocusArea")
    position = 0
    for kind, keys in (("substance", SUBSTANCES), ("theme", THEMES)):
        for key in keys:
            FocusArea.objects.update_or_create(key=key, defaults={"kind": kind, "position": position})
            position += 1
    for model_name, keys in (("Method", METHODS), ("MeetingMode", MEETING_MODES), ("Language", LANGUAGES)):
        model = apps.get_model("therapists", model_name)
        for position, key in enumerate(keys):
            model.objects.update_or_create(key=key, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("therapists", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
