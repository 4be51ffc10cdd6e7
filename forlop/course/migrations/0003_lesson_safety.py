"""Safer lesson texts (issue 9): no lesson suggests days without alcohol or pills before it has warned that
daily heavy drinkers and users of benzodiazepines, z-drugs or GHB must not stop abruptly on their own;
withdrawal with confusion or hallucinations always means 113; opioid withdrawal is never said to give
seizures (the danger there is overdose after a break). Rules: shared/clinical/triage.md, IS-2211.

Each revision replaces one passage of the text shipped in 0002. A lesson an admin has edited keeps the edit:
the passage is replaced only where it is still there word for word (the admin sees the lesson unchanged
otherwise, and the lead is told in the issue)."""

from importlib import import_module

from django.db import migrations

_original = import_module("forlop.course.migrations.0002_lessons")

LESSON_2_SELF_OLD = """## Neste steg

Sett deg et lite, konkret mål for den neste uken, for eksempel to bestemte dager uten noe. Skriv ned på forhånd hva du skal gjøre i stedet de kveldene. Går det ikke som planlagt, er ikke det et nederlag, men nyttig informasjon: Det viser hvor sterkt grepet er. I morgen handler det om hva som skjer når rusen tar stadig større plass.
"""
LESSON_2_SELF_NEW = """## Viktig før du kutter ned

Drikker du mye hver dag, eller bruker du beroligende tabletter eller sovemedisiner (benzodiazepiner eller z-legemidler) eller GHB jevnlig, skal du ikke slutte brått på egen hånd, heller ikke for én dag. Kroppen kan ha vent seg så mye til stoffet at et brått stopp gir farlige abstinenser, med kramper eller akutt forvirring (delirium). Snakk med fastlegen eller en lege hos oss først, så kan dere legge en trygg plan. GHB-abstinens kan være livstruende og behandles der du kan følges døgnet rundt. Har du allerede sluttet og kjenner deg dårlig, ring legevakten på 116 117. Får du kramper, blir forvirret eller ser og hører ting som ikke er der, ring 113.

Er du gravid, er det tryggest å slutte nå, fordi ingen mengde alkohol eller rusmidler er kjent for å være trygg i svangerskapet. Snakk med jordmor eller fastlegen. Gjelder avsnittet over også deg, skal du likevel ikke slutte brått på egen hånd: Kontakt fastlegen eller jordmor i dag, så kan en lege planlegge det.

## Neste steg

Gjelder ikke noe av dette deg, kan du sette deg et lite, konkret mål for den neste uken, for eksempel to bestemte dager uten alkohol eller andre rusmidler. Skriv ned på forhånd hva du skal gjøre i stedet de kveldene. Går det ikke som planlagt, er ikke det et nederlag, men nyttig informasjon: Det viser hvor sterkt grepet er.

Gjelder noe av det deg, er målet for denne uken et annet: Snakk med fastlegen, jordmor eller en lege hos oss om en trygg plan.

I morgen handler det om hva som skjer når rusen tar stadig større plass.
"""

LESSON_3_SELF_OLD = """Velg én ting du har gjort mindre av det siste året, og som du savner. Sett av en time til den i løpet av de neste dagene, helst på et tidspunkt da du ellers ville ha brukt. Legg merke til hvordan det kjennes."""
LESSON_3_SELF_NEW = """Velg én ting du har gjort mindre av det siste året, og som du savner. Sett av en time til den i løpet av de neste dagene, helst på et tidspunkt da du ellers ville ha brukt. Legg merke til hvordan det kjennes. Drikker du mye hver dag, eller bruker du beroligende tabletter eller GHB jevnlig, gjelder det vi skrev i går: Ikke kutt ut brått på egen hånd før du har snakket med en lege."""

LESSON_5_SELF_OLD = """Med noen rusmidler kan det være farlig å slutte brått på egen hånd. Det gjelder særlig alkohol etter lang tids daglig bruk, beroligende tabletter og sovemedisiner, og GHB. Abstinensen kan da gi kramper eller delirium. Bruker du mye og daglig, snakk med fastlegen eller en behandler før du slutter, så kan nedtrappingen legges opp trygt."""
LESSON_5_SELF_NEW = """Med noen rusmidler kan det være farlig å slutte brått på egen hånd. Det gjelder særlig alkohol etter lang tids daglig bruk, beroligende tabletter og sovemedisiner (benzodiazepiner og z-legemidler), og GHB. Abstinensen kan da gi kramper eller delirium. Drikker du mye hver dag, eller bruker du beroligende tabletter eller GHB jevnlig, snakk med fastlegen eller en lege hos oss før du slutter, så kan nedtrappingen legges opp trygt. GHB-abstinens kan være livstruende og behandles der du kan følges døgnet rundt. Abstinenser etter opioider er svært ubehagelige, men sjelden farlige i seg selv. Faren er overdose hvis du begynner igjen etter en pause, fordi toleransen faller raskt."""

LESSON_1_RELATIVE_OLD = """- Flasker, bokser eller pakninger går raskere tom enn de pleide."""
LESSON_1_RELATIVE_NEW = """- Flasker, bokser eller pakninger blir tomme fortere enn før."""

LESSON_2_RELATIVE_OLD = """Men å styre en annens bruk over tid sliter deg ut, og det pleier ikke å virke. Det du kan styre, er hva du selv sier og gjør, og hvor grensene dine går."""
LESSON_2_RELATIVE_NEW = """Men å styre en annens bruk over tid sliter deg ut, og det pleier ikke å virke. Det du kan styre, er hva du selv sier og gjør, og hvor grensene dine går.

Vær klar over én ting: Drikker personen mye hver dag, eller bruker hun eller han beroligende tabletter eller GHB jevnlig, kan det være farlig å helle ut alkoholen eller ta bort tablettene. Et brått stopp kan gi kramper eller akutt forvirring (delirium). Oppfordre heller personen til å snakke med fastlegen eller en lege før bruken stopper. Får personen kramper, blir forvirret eller ser og hører ting som ikke er der, ring 113."""

LESSON_5_RELATIVE_OLD = """Abstinensen kan gi kramper eller delirium. Oppfordre derfor personen til å snakke med fastlegen eller en behandler før en slik nedtrapping, i stedet for å slutte alene."""
LESSON_5_RELATIVE_NEW = """Abstinensen kan gi kramper eller delirium. Oppfordre derfor personen til å snakke med fastlegen eller en lege før en slik nedtrapping, i stedet for å slutte alene. GHB-abstinens kan være livstruende og behandles der personen kan følges døgnet rundt. Abstinenser etter opioider er svært ubehagelige, men sjelden farlige i seg selv. Faren er overdose hvis personen begynner igjen etter en pause, fordi toleransen faller raskt. Spør gjerne fastlegen om nalokson nesespray, som kan redde liv ved en opioidoverdose."""

REVISIONS: dict[tuple[int, str], list[tuple[str, str]]] = {
    (2, "self"): [(LESSON_2_SELF_OLD, LESSON_2_SELF_NEW)],
    (3, "self"): [(LESSON_3_SELF_OLD, LESSON_3_SELF_NEW)],
    (5, "self"): [(LESSON_5_SELF_OLD, LESSON_5_SELF_NEW)],
    (1, "relative"): [(LESSON_1_RELATIVE_OLD, LESSON_1_RELATIVE_NEW)],
    (2, "relative"): [(LESSON_2_RELATIVE_OLD, LESSON_2_RELATIVE_NEW)],
    (5, "relative"): [(LESSON_5_RELATIVE_OLD, LESSON_5_RELATIVE_NEW)],
}


def revise(body: str, number: int, audience: str) -> str:
    for old, new in REVISIONS.get((number, audience), []):
        if new not in body:  # some revisions keep the old passage and add to it: never add twice
            body = body.replace(old, new)
    return body


def _current(lesson: dict) -> dict:
    return {**lesson, "body": revise(lesson["body"], lesson["number"], lesson["audience"])}


# The ten lessons as they are now: what a fresh database and the tests get.
LESSONS = [_current(lesson) for lesson in _original.LESSONS]


def seed_lessons(lesson_model) -> int:
    """Create whichever of the ten lessons are missing, in today's wording (never overwrites an edit)."""
    created = 0
    for lesson in LESSONS:
        _, was_created = lesson_model.objects.get_or_create(
            number=lesson["number"], audience=lesson["audience"], defaults=lesson
        )
        created += was_created
    return created


def forwards(apps, schema_editor):
    lesson_model = apps.get_model("course", "Lesson")
    for lesson in lesson_model.objects.all():
        body = revise(lesson.body, lesson.number, lesson.audience)
        if body != lesson.body:
            lesson.body = body
            lesson.save(update_fields=["body", "updated_at"])
    seed_lessons(lesson_model)


class Migration(migrations.Migration):
    dependencies = [("course", "0002_lessons")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
