"""Help on the same day: a request no triage rule flags gets the top suggestions at once on the thank-you page,
each with why and the next free first talk, and a button straight into booking; a flagged one never does."""

import re

import pytest
import time_machine

from forlop.booking.tests.conftest import NOW, make_profile
from forlop.therapists.models import FocusArea

from .conftest import fill_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def alcohol_therapist(db):
    therapist = make_profile(slug="ada-berg", name="Ada Berg")
    therapist.focus_areas.set(FocusArea.objects.filter(key="alkohol"))
    return therapist


@time_machine.travel(NOW, tick=False)  # Monday 08:00: the first free first talk is 10:00 (2 h notice)
def test_an_unflagged_request_is_offered_a_free_first_talk_at_once(client, alcohol_therapist):
    fill_steps(client)
    client.post("/finn-terapeut/oppsummering/")
    html = client.get("/finn-terapeut/takk/").content.decode()
    assert "Terapeuter som passer, med ledig tid" in html
    assert "Ada Berg" in html and "Jobber med alkohol" in html
    assert "Første ledige førstesamtale: mandag 2. mars kl. 10:00" in html
    link = re.search(r'<a class="button" href="([^"]+)">Bestill gratis førstesamtale', html)
    url = link.group(1).replace("&amp;", "&") if link else ""
    assert url == "/bestill/ada-berg/?type=forstesamtale&dag=2026-03-02"
    assert "10:00" in client.get(url).content.decode()  # straight into the picker on that day
    assert "En koordinator leser også forespørselen" in html


@time_machine.travel(NOW, tick=False)
def test_a_flagged_request_is_never_offered_a_booking_and_is_told_why(client, alcohol_therapist):
    fill_steps(client, step_2={"frequency_alkohol": "daily", "amount": "a_lot"})
    client.post("/finn-terapeut/oppsummering/")
    html = client.get("/finn-terapeut/takk/").content.decode()
    assert "Bestill gratis førstesamtale" not in html
    assert "En av legene våre leser forespørselen før vi foreslår en terapeut" in html


@time_machine.travel(NOW, tick=False)
def test_a_therapist_not_taking_new_clients_is_not_offered(client, alcohol_therapist):
    alcohol_therapist.accepting_new_clients = False
    alcohol_therapist.save()
    fill_steps(client)
    client.post("/finn-terapeut/oppsummering/")
    html = client.get("/finn-terapeut/takk/").content.decode()
    assert "Bestill gratis førstesamtale" not in html
