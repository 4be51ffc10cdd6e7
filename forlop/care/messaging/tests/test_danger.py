"""A message that reveals acute danger ("jeg vil ta livet mitt i kveld") is a form that reveals acute danger:
the person sees 113 and 116 117 at once on the page they are looking at, and the team sees it as urgent."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.care.flags import Severity
from forlop.care.messaging import services
from forlop.care.messaging.models import Message
from forlop.lib.timezones import OSLO

pytestmark = pytest.mark.django_db

NIGHT = datetime(2026, 3, 3, 23, 40, tzinfo=OSLO)  # a Tuesday night: no one reads until the morning


def send(client, body: str):
    with time_machine.travel(NIGHT, tick=False):
        response = client.post(reverse("care_messaging:mine_new"), {"subject": "I kveld", "body": body})
        assert response.status_code == 302
        return client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "body",
    ["Jeg orker ikke mer, jeg vil ta livet mitt i kveld.", "Har tenkt på selvmord hele dagen"],
)
def test_the_person_sees_the_emergency_numbers_at_once(client, course, person, body):
    login_verified(client, person.user)
    page = send(client, body)
    assert 'role="alert"' in page
    alert = page.index('role="alert"')
    assert alert < page.index("113") and alert < page.index("116 117")
    assert page.index("113") < page.index(body)  # above the message, where the person is looking


def test_the_team_gets_an_urgent_flag_until_someone_reads_it(client, course, person, therapist):
    login_verified(client, person.user)
    send(client, "Jeg vil ta livet mitt i kveld.")
    with time_machine.travel(NIGHT + timedelta(minutes=5), tick=False):
        flags = services.flags_for([course.pk], now=NIGHT + timedelta(minutes=5))[course.pk]
    urgent = [f for f in flags if f.kind == "message_danger"]
    assert urgent and urgent[0].severity == Severity.URGENT and urgent[0].for_doctor
    services.mark_read(messages=list(Message.objects.all()), reader=therapist, as_team=True)
    flags = services.flags_for([course.pk], now=NIGHT + timedelta(hours=9)).get(course.pk, [])
    assert not [f for f in flags if f.kind == "message_danger"]


def test_an_ordinary_message_shows_no_alarm(client, course, person):
    login_verified(client, person.user)
    page = send(client, "Kan vi flytte timen på torsdag?")
    assert "Trenger du akutt hjelp? Ring nå" not in page
    flags = services.flags_for([course.pk], now=NIGHT).get(course.pk, [])
    assert not [f for f in flags if f.kind == "message_danger"]
