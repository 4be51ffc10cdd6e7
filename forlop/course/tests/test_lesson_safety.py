"""The lessons give no advice that can hurt someone (shared/clinical/triage.md, IS-2211): nothing suggests days
without alcohol or pills before the warning about stopping abruptly; withdrawal with seizures, confusion or
hallucinations always means 113; opioid withdrawal is never said to give seizures."""

import re
from importlib import import_module

import pytest
from django.apps import apps

from forlop.course.models import Lesson

revision = import_module("forlop.course.migrations.0003_lesson_safety")
original = import_module("forlop.course.migrations.0002_lessons")

# Suggestions to stop or pause, in the words the lessons use.
PAUSE = re.compile(r"dager uten|uker uten|døgn uten|ta en pause|prøv å slutte|kutt ut", re.IGNORECASE)
WARNING = "ikke slutte brått"
WITHDRAWAL_EMERGENCY = re.compile(r"forvirr|hallusin|ser og hører ting|ser eller hører ting|delirium")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+|\n+", text) if s.strip()]


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


@pytest.fixture
def bodies(lessons) -> dict[str, str]:
    return {str(lesson): lesson.body for lesson in Lesson.objects.all()}


@pytest.mark.django_db
def test_no_lesson_suggests_days_without_before_warning_against_stopping_abruptly(bodies):
    for name, body in bodies.items():
        warned = False
        for sentence in sentences(body):
            if "brått" in sentence:  # "skal du ikke slutte brått", "Ikke kutt ut brått …"
                warned = True
            elif PAUSE.search(sentence):
                assert warned, f"{name}: «{sentence}» comes before the warning against stopping abruptly"


@pytest.mark.django_db
def test_lesson_2_warns_daily_heavy_drinkers_and_benzodiazepine_and_ghb_users_first(lessons):
    body = Lesson.objects.get(number=2, audience="self").body
    warning = body.index("skal du ikke slutte brått på egen hånd")
    assert body.index("Drikker du mye hver dag") < warning
    assert "benzodiazepiner eller z-legemidler" in body[:warning]
    assert "GHB" in body[:warning]
    assert warning < body.index("to bestemte dager uten alkohol eller andre rusmidler")
    assert "Snakk med fastlegen eller en lege hos oss først" in body
    # Pregnant: stop now and talk to jordmor/fastlege, unless a dependence-risk substance is used.
    assert "Er du gravid, er det tryggest å slutte nå" in body and "jordmor" in body


@pytest.mark.django_db
def test_every_mention_of_dangerous_withdrawal_in_a_lesson_says_113(bodies):
    for name, body in bodies.items():
        for paragraph in paragraphs(body):
            if WITHDRAWAL_EMERGENCY.search(paragraph):
                assert "113" in paragraph, f"{name}: {paragraph[:80]}…"


@pytest.mark.django_db
def test_no_lesson_says_opioid_withdrawal_gives_seizures(bodies):
    for name, body in bodies.items():
        for sentence in sentences(body):
            assert not ("opioid" in sentence.lower() and "kramper" in sentence), f"{name}: {sentence}"
    last = bodies[str(Lesson.objects.get(number=5, audience="self"))]
    assert "Abstinenser etter opioider er svært ubehagelige, men sjelden farlige i seg selv" in last
    assert "overdose hvis du begynner igjen etter en pause" in last


@pytest.mark.django_db
def test_the_relative_is_told_that_pouring_out_alcohol_can_be_dangerous(lessons):
    body = Lesson.objects.get(number=2, audience="relative").body
    assert "kan det være farlig å helle ut alkoholen eller ta bort tablettene" in body


def test_the_shipped_lesson_2_failed_the_rule_and_the_revision_fixes_it():
    old = next(item for item in original.LESSONS if (item["number"], item["audience"]) == (2, "self"))
    new = next(item for item in revision.LESSONS if (item["number"], item["audience"]) == (2, "self"))
    assert "dager uten noe" in old["body"] and WARNING not in old["body"]
    assert new["body"].index(WARNING) < new["body"].index("dager uten")


@pytest.mark.django_db
def test_the_migration_revises_shipped_text_keeps_admin_edits_and_never_adds_twice(lessons):
    Lesson.objects.all().delete()
    original.seed_lessons(Lesson)
    edited = Lesson.objects.get(number=3, audience="self")
    edited.body = "Redigert av en admin.\n\n" + edited.body
    edited.save()
    rewritten = Lesson.objects.get(number=5, audience="relative")
    rewritten.body = "Helt ny tekst fra en admin."
    rewritten.save()

    revision.forwards(apps, None)
    revision.forwards(apps, None)  # a second run changes nothing

    assert Lesson.objects.get(number=2, audience="self").body == revision.LESSONS[1]["body"]
    edited.refresh_from_db()
    assert edited.body.startswith("Redigert av en admin.")
    assert edited.body.count("gjelder det vi skrev i går") == 1
    rewritten.refresh_from_db()
    assert rewritten.body == "Helt ny tekst fra en admin."
