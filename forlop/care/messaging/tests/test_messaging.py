"""Messages between the person and their team: secure (portal only, emails without content), read receipts,
the promised reply time, access, and the caseload flag."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.care import services as care
from forlop.care.flags import Severity
from forlop.care.messaging import services
from forlop.care.messaging.models import Message, ReadReceipt
from forlop.conftest import make_user
from forlop.lib.timezones import OSLO
from forlop.outbox.models import OutboxMessage
from forlop.people.models import Person

from .conftest import START

SECRET = "Jeg drakk en flaske vodka i går og er redd"
# Tuesday 3 March 2026, 10:00 in Oslo: before the same-day cut-off (14:00), so "i dag, innen kl. 16".
TUESDAY_MORNING = datetime(2026, 3, 3, 10, 0, tzinfo=OSLO)
# Friday 6 March 2026, 15:00: after the cut-off, so Monday 9 March.
FRIDAY_AFTERNOON = datetime(2026, 3, 6, 15, 0, tzinfo=OSLO)


def staff_url(course, name="care_messaging:staff", **kwargs):
    return reverse(name, kwargs={"course_pk": course.pk, **kwargs})


# --- emails ------------------------------------------------------------------------------------------------


def test_a_message_from_the_person_emails_each_team_member_without_its_text(
    course, person, therapist, doctor, coordinator
):
    services.start_thread(course=course, by=person.user, subject="Alkohol og vodka", body=SECRET)
    emails = list(OutboxMessage.objects.all())
    assert sorted(e.to[0] for e in emails) == sorted([therapist.email, doctor.email, coordinator.email])
    for email in emails:
        text = email.subject + email.body_text + email.body_html
        assert SECRET not in text and "vodka" not in text.lower() and "alkohol" not in text.lower()
        assert person.name not in text
        assert "/ansatt/forlop/" in email.body_text


def test_a_message_from_staff_emails_the_person_only_a_link(course, person, therapist):
    services.start_thread(course=course, by=therapist, subject="Om neste time", body=SECRET)
    [email] = OutboxMessage.objects.all()
    assert email.to == [person.email]
    assert SECRET not in email.body_text and "Om neste time" not in email.subject + email.body_text
    assert "/min-side/meldinger/" in email.body_text


def test_a_message_and_its_emails_are_one_transaction(course, person, monkeypatch):
    def broken(**_kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(services, "queue_email", broken)
    with pytest.raises(RuntimeError):
        services.start_thread(course=course, by=person.user, subject="Hei", body="Hei")
    assert not Message.objects.exists()


# --- who may write ----------------------------------------------------------------------------------------


def test_another_client_and_another_therapist_cannot_write(course, other_therapist, other_person):
    for user in (other_therapist, other_person.user):
        with pytest.raises(PermissionDenied):
            services.start_thread(course=course, by=user, subject="Hei", body="Hei")


def test_it_refuses_an_empty_or_too_long_message(course, person):
    with pytest.raises(services.MessageError):
        services.start_thread(course=course, by=person.user, subject="Hei", body="   ")
    with pytest.raises(services.MessageError, match="for lang"):
        services.start_thread(course=course, by=person.user, subject="Hei", body="x" * 4001)


# --- Min side ----------------------------------------------------------------------------------------------


def test_the_person_writes_and_is_told_when_to_expect_an_answer(client, course, person):
    login_verified(client, person.user)
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        page = client.get(reverse("care_messaging:mine_new")).content.decode()
        assert "Sender du nå, svarer vi deg i dag, innen kl. 16." in page
        assert "Meldinger er ikke for akutte situasjoner." in page
        assert reverse("care_relapse:mine") in page
        response = client.post(reverse("care_messaging:mine_new"), {"subject": "Spørsmål", "body": SECRET})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.from_person and message.body == SECRET
    with time_machine.travel(TUESDAY_MORNING + timedelta(minutes=5), tick=False):
        html = client.get(response["Location"]).content.decode()
    assert SECRET in html and "Vi svarer deg i dag, innen kl. 16." in html
    assert "ikke lest ennå" in html


def test_the_promise_names_the_day_when_read_later(client, course, person):
    with time_machine.travel(FRIDAY_AFTERNOON, tick=False):
        message = services.start_thread(course=course, by=person.user, subject="Hei", body="Hei")
    with time_machine.travel(FRIDAY_AFTERNOON + timedelta(days=1), tick=False):
        html = (
            login_verified(client, person.user)
            .get(reverse("care_messaging:mine_thread", kwargs={"thread_pk": message.thread_id}))
            .content.decode()
        )
    assert "Vi svarer deg innen mandag 9. mars kl. 16." in html


def test_a_refused_message_keeps_what_was_typed(client, course, person):
    login_verified(client, person.user)
    response = client.post(reverse("care_messaging:mine_new"), {"subject": "", "body": SECRET})
    assert response.status_code == 400
    assert SECRET in response.content.decode()
    assert not Message.objects.exists()


def test_the_person_sees_lest_once_the_therapist_opened_it(client, course, person, therapist):
    message = services.start_thread(course=course, by=person.user, subject="Hei", body="Hei der")
    login_verified(Client(), therapist).get(
        staff_url(course, "care_messaging:staff_thread", thread_pk=message.thread_id)
    )
    receipt = ReadReceipt.objects.get(message=message)
    assert receipt.reader == therapist and receipt.as_team
    html = (
        login_verified(client, person.user)
        .get(reverse("care_messaging:mine_thread", kwargs={"thread_pk": message.thread_id}))
        .content.decode()
    )
    assert "· lest" in html


def test_the_person_cannot_open_another_persons_thread(client, course, person, therapist, other_person):
    message = services.start_thread(course=course, by=therapist, subject="Hei", body=SECRET)
    response = login_verified(client, other_person.user).get(
        reverse("care_messaging:mine_thread", kwargs={"thread_pk": message.thread_id})
    )
    assert response.status_code == 404
    assert not ReadReceipt.objects.exists()


def test_the_nav_counts_unread_messages_from_the_team(client, course, person, therapist):
    message = services.start_thread(course=course, by=therapist, subject="Hei", body="Hei")
    login_verified(client, person.user)
    assert "1 ny" in client.get(reverse("care_messaging:mine")).content.decode()
    client.get(reverse("care_messaging:mine_thread", kwargs={"thread_pk": message.thread_id}))
    assert "1 ny" not in client.get(reverse("care_messaging:mine")).content.decode()


def test_reading_the_thread_is_logged_with_the_person_as_subject(client, course, person, therapist):
    message = services.start_thread(course=course, by=person.user, subject="Hei", body="Hei")
    login_verified(client, therapist).get(
        staff_url(course, "care_messaging:staff_thread", thread_pk=message.thread_id)
    )
    assert AccessLog.objects.filter(
        person=person, user=therapist, object_type="care_messaging.thread", why__contains="meldingstråd"
    ).exists()


# --- staff -------------------------------------------------------------------------------------------------


def test_staff_see_who_read_each_message_and_when(client, course, person, therapist, doctor):
    message = services.start_thread(course=course, by=therapist, subject="Hei", body="Hei")
    login_verified(Client(), person.user).get(
        reverse("care_messaging:mine_thread", kwargs={"thread_pk": message.thread_id})
    )
    login_verified(Client(), doctor).get(
        staff_url(course, "care_messaging:staff_thread", thread_pk=message.thread_id)
    )
    html = (
        login_verified(client, therapist)
        .get(staff_url(course, "care_messaging:staff_thread", thread_pk=message.thread_id))
        .content.decode()
    )
    assert "Lest av: personen" in html and "Lege" in html
    # the writer's own view is no receipt
    assert not ReadReceipt.objects.filter(reader=therapist).exists()


def test_the_therapist_replies_on_the_course_page(client, course, person, therapist):
    message = services.start_thread(course=course, by=person.user, subject="Hei", body="Hei")
    login_verified(client, therapist)
    url = staff_url(course, "care_messaging:staff_thread", thread_pk=message.thread_id)
    assert client.post(url, {"body": "Vi snakkes på torsdag."}).status_code == 302
    assert Message.objects.filter(from_person=False, body="Vi snakkes på torsdag.").exists()


def test_another_therapist_is_refused_the_course_messages(client, course, person, other_therapist):
    message = services.start_thread(course=course, by=person.user, subject="Hei", body=SECRET)
    login_verified(client, other_therapist)
    for url in (
        staff_url(course),
        staff_url(course, "care_messaging:staff_thread", thread_pk=message.thread_id),
    ):
        response = client.get(url)
        assert response.status_code == 403 and SECRET not in response.content.decode()
    assert not ReadReceipt.objects.exists()


def test_the_inbox_lists_only_the_users_own_courses(
    client, course, person, therapist, other_therapist, coordinator
):
    services.start_thread(course=course, by=person.user, subject="Nora skriver", body="Hei")
    other = Person.objects.create(email="p2@example.no", name="Per Persen", created_at=START)
    other_course = care.start_course(
        by=coordinator,
        person=other,
        therapist=other_therapist,
        coordinator=coordinator,
        substances=[],
        now=START,
    )
    services.start_thread(course=other_course, by=other_therapist, subject="Til Per", body="Hei")
    html = login_verified(client, therapist).get(reverse("care_messaging:inbox")).content.decode()
    assert "Nora skriver" in html and "Til Per" not in html and "Per Persen" not in html


# --- flags -------------------------------------------------------------------------------------------------


def test_an_unread_message_flags_the_course_and_warns_past_the_promised_time(course, person):
    services.start_thread(course=course, by=person.user, subject="Hei", body="Hei", now=FRIDAY_AFTERNOON)
    [early] = services.flags_for([course.pk], now=FRIDAY_AFTERNOON + timedelta(hours=2))[course.pk]
    assert early.label == "Ulest melding fra personen" and early.severity == Severity.INFO
    assert "2 timer" in early.why and "mandag 9. mars" in early.why
    [late] = services.flags_for([course.pk], now=datetime(2026, 3, 9, 16, 30, tzinfo=OSLO))[course.pk]
    assert late.severity == Severity.WARNING and "3 døgn" in late.why


def test_a_message_read_by_the_team_no_longer_flags(course, person, therapist):
    message = services.start_thread(course=course, by=person.user, subject="Hei", body="Hei")
    services.mark_read(messages=[message], reader=therapist, as_team=True)
    assert services.flags_for([course.pk], now=message.at + timedelta(days=3)) == {}


def test_flags_take_two_queries_however_many_courses(person, therapist, coordinator):
    courses = []
    for i in range(5):
        user = make_user(f"p{i}@example.no", is_client=True)
        p = Person.objects.create(email=user.email, name=f"P{i}", created_at=START, user=user)
        c = care.start_course(by=coordinator, person=p, therapist=therapist, substances=[], now=START)
        services.start_thread(course=c, by=user, subject="Hei", body="Hei", now=START)
        courses.append(c)
    ids = [c.pk for c in courses]
    with CaptureQueriesContext(connection) as few:
        assert len(services.flags_for(ids[:1], now=START + timedelta(days=1))) == 1
    with CaptureQueriesContext(connection) as many:
        assert len(services.flags_for(ids, now=START + timedelta(days=1))) == 5
    assert len(few) == len(many) == 2  # unread messages, and those that speak of acute danger
