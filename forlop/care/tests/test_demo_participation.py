"""The demo of issue 14 that `load_demo` makes for `make run`: Kim takes part in the alcohol course, Tor sees
what waits for him, and Kim's sister Hilde sees only what Kim shares with her."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from forlop.accounts import demo as accounts_demo
from forlop.accounts.models import User
from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.care.checkin.models import CheckIn
from forlop.care.measures.models import Measurement
from forlop.care.messaging.demo import CHECKINS
from forlop.care.messaging.demo import load as load_participation
from forlop.care.messaging.models import Message, ReadReceipt, Thread
from forlop.care.models import Course
from forlop.care.modules.models import Answer, Assignment, Comment
from forlop.care.modules.services import is_unlocked
from forlop.care.relapse.models import PlanVersion
from forlop.lib.timezones import OSLO
from forlop.outbox.models import OutboxMessage
from forlop.relatives.craft.models import ExerciseAnswer, LessonDone
from forlop.relatives.demo import SUMMARY
from forlop.relatives.demo import load as load_relatives
from forlop.relatives.models import Consent, Dial, Summary

pytestmark = pytest.mark.django_db

KIM = "klient@forlop.test"
TOR = "terapeut@forlop.test"
HILDE = "parorende@forlop.test"
DOSE = re.compile(r"\d\s*mg\b", re.IGNORECASE)


def load_twice() -> None:
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            User,
            CheckIn,
            Assignment,
            Answer,
            Comment,
            PlanVersion,
            Measurement,
            Thread,
            Message,
            ReadReceipt,
            Consent,
            Summary,
            LessonDone,
            ExerciseAnswer,
            OutboxMessage,
        )
    )


def kims_course() -> Course:
    return Course.objects.get(person__email=KIM)


def logged_in(email: str) -> Client:
    return login_verified(Client(), User.objects.get(email=email))


def test_it_makes_everything_once_and_nothing_more_the_second_time():
    call_command("load_demo", stdout=StringIO())
    first = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == first
    assert "Demo av deltakelse (Kim Olsen): alt fantes fra før." in out.getvalue()
    assert "Demo for pårørende (Hilde Olsen): 0 leksjoner nye" in out.getvalue()


def test_kim_has_taken_part_honestly_for_the_days_since_the_course_started():
    load_twice()
    now = timezone.now()
    course = kims_course()
    checkins = list(CheckIn.objects.filter(course=course).order_by("day"))
    today = now.astimezone(OSLO).date()
    days = [(today - c.day).days for c in checkins]
    assert days == [d for d, *_ in CHECKINS]
    assert 6 not in days and 0 not in days  # one day missed; today is left for Kim
    assert sum(c.used for c in checkins) == 2
    assert checkins[-1].craving < checkins[0].craving
    assert not any(c.red_flags for c in checkins)
    assert all(c.taper for c in checkins if (today - c.day).days <= 3)
    modules = {a.slug: a for a in Assignment.objects.filter(course=course)}
    assert sorted(modules) == ["motivasjon", "suget", "triggere"]
    assert [is_unlocked(modules[s], now=now) for s in ("motivasjon", "triggere", "suget")] == [
        True,
        True,
        False,
    ]
    [answer] = Answer.objects.filter(assignment__course=course)
    assert answer.shared_at is not None and answer.comments.get().by.email == TOR
    version = PlanVersion.objects.get(plan__course=course)
    assert version.by.email == TOR and not version.by_person and version.contacts
    start = {m.instrument: m for m in Measurement.objects.filter(course=course)}
    assert sorted(start) == ["audit", "gad7", "phq9"]
    assert start["phq9"].answers[8] == 0 and not start["phq9"].safety_flag


def test_kims_progress_page_shows_his_check_ins():
    load_twice()
    response = logged_in(KIM).get(reverse("care_checkin:progress"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sug over tid" in text
    first = CheckIn.objects.filter(course=kims_course()).order_by("day").first()
    assert first is not None and f"{first.day.day}." in text


def test_tors_caseload_flags_kims_unread_message():
    load_twice()
    response = logged_in(TOR).get(reverse("staff:caseload"))
    assert response.status_code == 200
    assert "Ulest melding fra personen" in response.content.decode()
    [unread] = Message.objects.filter(course=kims_course(), from_person=True).exclude(receipts__as_team=True)
    assert unread.by.email == KIM


def test_the_emails_the_demo_queued_say_nothing_about_kims_health():
    load_twice()
    for message in OutboxMessage.objects.all():
        text = f"{message.subject} {message.body_text}".lower()
        for word in ("alkohol", "innsjekk", "sug", "diazepam", "sykmelding", "audit", "phq"):
            assert word not in text, (word, message.subject)


def test_hilde_sees_the_summary_kim_approved_and_never_his_check_ins_notes_or_doses():
    load_twice()
    consent = Consent.objects.get(person__email=KIM, relative__email=HILDE)
    assert consent.dial == Dial.SUMMARY
    hilde = logged_in(HILDE)
    home = hilde.get(reverse("relatives:home")).content.decode()
    assert "Kim Olsen" in home
    response = hilde.get(reverse("relatives:person", kwargs={"pk": consent.pk}))
    assert response.status_code == 200
    main = re.search(r"<main.*</main>", response.content.decode(), re.DOTALL)
    assert main is not None
    text = main.group(0)
    assert SUMMARY.split(".")[0] in text
    for hidden in ("sug", "innsjekk", "diazepam", "tiamin", "videosamtale", "ciwa", "pils", "humør"):
        assert hidden not in text.lower()
    assert not DOSE.search(text)
    course = kims_course()
    for url in (
        reverse("care_checkin:staff", kwargs={"course_pk": course.pk}),
        reverse("care_journal:notes", kwargs={"course_pk": course.pk}),
        reverse("care_tapering:plans", kwargs={"course_pk": course.pk}),
    ):
        assert hilde.get(url).status_code in (302, 403, 404)
    # Hilde's own Min side pages show her nothing of Kim's course
    assert "Fire pils" not in hilde.get(reverse("care_checkin:progress")).content.decode()
    assert AccessLog.objects.about_person(consent.person).filter(user__email=HILDE).exists()


def test_hilde_has_done_two_lessons_of_her_own_course():
    load_twice()
    assert sorted(LessonDone.objects.filter(relative__email=HILDE).values_list("lesson", flat=True)) == [
        "forsta-monsteret",
        "sikkerhet-forst",
    ]
    response = logged_in(HILDE).get(reverse("relatives:craft:lesson", kwargs={"slug": "forsta-monsteret"}))
    assert response.status_code == 200
    assert "Fredagskvelder alene" in response.content.decode()


def test_make_run_prints_the_relatives_login():
    call_command("load_demo", stdout=StringIO())
    text = accounts_demo.describe_logins()
    assert HILDE in text and "pårørende" in text and "/min-side/parorende/" in text


@override_settings(DEMO_DATA_ALLOWED=False)
@pytest.mark.parametrize("load", [load_participation, load_relatives])
def test_it_refuses_in_production(load):
    with pytest.raises(CommandError):
        load(StringIO())
