"""Each role's start page (/ansatt/) shows what waits for that role, urgent first and then whoever has waited
longest, and the staff menu counts it (issue 11, "The staff's day")."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.booking.models import ConsultationType
from forlop.booking.tests.helpers import book
from forlop.contact.models import ContactEnquiry
from forlop.matching import services as matching
from forlop.matching.models import DoctorDecision

from .conftest import GHB_DAILY, NOW, PREGNANT, oslo

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    """What a reader sees: tags dropped, white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def start_page(client) -> str:
    response = client.get("/ansatt/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    return response.content.decode()


def logged(object_type: str) -> set[str]:
    """What the start page showed (the services' change rows from setting the scene left out)."""
    rows = AccessLog.objects.filter(object_type=object_type, action="view")
    return set(rows.values_list("object_id", flat=True))


# --- the coordinator ------------------------------------------------------------------------------------


@pytest.fixture
def four_waiting(frozen, match_request, coordinator):
    """The issue's morning: four match requests wait, one of them urgent and the newest."""
    oldest = match_request("Anne Eldst", at="2026-02-26 09:00")
    asked = match_request("Bjørn Spurt", at="2026-02-27 10:00")
    matching.ask_question(
        match_request=asked, question="Hvor bor du?", by=coordinator, now=oslo("2026-02-27 11:00")
    )
    newer = match_request("Cecilie Nyere", at="2026-02-28 08:00")
    urgent = match_request("Dag Haster", at="2026-03-01 11:00", acute_signs=["suicide"])
    assert urgent.urgent and not oldest.urgent
    return [urgent, oldest, asked, newer]


def test_the_coordinator_sees_the_four_waiting_match_requests_urgent_first_then_oldest(
    client, coordinator, four_waiting
):
    login_verified(client, coordinator)
    html = start_page(client)
    text = text_of(html)
    assert "4 forespørsler om terapeut venter på oss." in text
    names = ["Dag Haster", "Anne Eldst", "Bjørn Spurt", "Cecilie Nyere"]
    assert [text.index(name) for name in names] == sorted(text.index(name) for name in names)
    for request in four_waiting:
        assert f'href="/ansatt/foresporsler/{request.pk}/"' in html
    assert "Haster" in text and "Spørsmål sendt" in text
    assert "Forespørsler (4)" in text
    assert logged("matching.matchrequest") == {str(r.pk) for r in four_waiting}


def test_the_coordinator_sees_urgent_and_unanswered_enquiries(client, coordinator, frozen, enquiry):
    old = enquiry("Kari Nordmann", at="2026-02-27 09:00")
    newer = enquiry("Ola Hansen", at="2026-02-28 09:00")
    urgent = enquiry("Siri Haster", at="2026-03-01 10:00", urgent=True)
    enquiry("Per Behandlet", at="2026-02-20 09:00", status=ContactEnquiry.Status.HANDLED)
    login_verified(client, coordinator)
    html = start_page(client)
    text = text_of(html)
    assert "3 nye henvendelser venter på svar." in text
    assert text.index("Siri Haster") < text.index("Kari Nordmann") < text.index("Ola Hansen")
    assert "Per Behandlet" not in text
    assert "Jeg vil ha hjelp" not in text  # what they wrote is only on the enquiry's own page
    assert "Henvendelser (3)" in text
    assert logged("contact.contactenquiry") == {str(e.pk) for e in (old, newer, urgent)}


def test_an_admin_sees_the_coordinators_lists_and_the_admin_links(client, admin_user, four_waiting):
    login_verified(client, admin_user)
    text = text_of(start_page(client))
    assert "Dag Haster" in text and "Forespørsler (4)" in text
    assert "Tilgangslogg" in text


def test_it_says_so_when_nothing_waits_for_the_coordinator(client, coordinator):
    login_verified(client, coordinator)
    text = text_of(start_page(client))
    assert "Ingen forespørsler venter på oss akkurat nå." in text
    assert "Ingen nye henvendelser akkurat nå." in text
    assert "Forespørsler (" not in text and "Henvendelser (" not in text
    assert not AccessLog.objects.exists()


# --- the doctor -----------------------------------------------------------------------------------------


@pytest.fixture
def two_flagged(frozen, match_request):
    older = match_request("Eva Eldre", at="2026-02-27 09:00", **PREGNANT)
    urgent = match_request("Frode Haster", at="2026-02-28 20:00", **GHB_DAILY)
    assert older.medical_assessment and not older.urgent
    assert urgent.medical_assessment and urgent.urgent
    return [urgent, older]


def test_the_doctor_sees_the_two_flagged_requests_urgent_first_and_articles_to_review(
    client, doctor, two_flagged, match_request, article, coordinator
):
    decided = match_request("Gunn Vurdert", at="2026-02-26 09:00", **GHB_DAILY)
    matching.record_doctor_decision(
        match_request=decided, decision=DoctorDecision.RESIDENTIAL, reason="Trenger døgnplass.", by=doctor
    )
    match_request("Hans Uflagget", at="2026-02-26 10:00")
    article("Abstinenser etter alkohol", gives_medical_advice=True)
    article("Om pårørende")  # gives no medical advice: no review needed
    login_verified(client, doctor)
    html = start_page(client)
    text = text_of(html)
    assert "Du har ingen oppgaver" not in text
    assert "2 forespørsler venter på legevurdering." in text
    assert text.index("Frode Haster") < text.index("Eva Eldre")
    assert "Gunn Vurdert" not in text and "Hans Uflagget" not in text
    assert "Abstinenser etter alkohol" in text and "Om pårørende" not in text
    assert "Medisinsk vurdering (2)" in text and "Artikkelgjennomgang (1)" in text
    assert logged("matching.matchrequest") == {str(r.pk) for r in two_flagged}


# --- the therapist --------------------------------------------------------------------------------------


def test_the_therapist_sees_tuesdays_booking_and_the_requests_assigned_to_them(
    client, therapist, profile, frozen, match_request, coordinator
):
    ctype = ConsultationType.objects.get(slug="konsultasjon")
    tuesday = book(therapist=profile, ctype=ctype, start=oslo("2026-03-03 10:00"), now=NOW).booking
    later = book(therapist=profile, ctype=ctype, start=oslo("2026-03-05 09:00"), now=NOW).booking
    assigned = match_request("Ida Tildelt", at="2026-02-27 09:00")
    matching.send_suggestion(match_request=assigned, therapist=profile, by=coordinator)
    match_request("Jon Annen", at="2026-02-27 10:00")
    login_verified(client, therapist)
    html = start_page(client)
    text = text_of(html)
    assert "ingen oppgaver" not in text
    assert "Tirsdag 3. mars" in text and "10:00–10:50" in text
    assert text.index("Tirsdag 3. mars") < text.index("Torsdag 5. mars")
    assert "Nora Nordmann" in text  # the client's name, from the booking
    assert "Ida Tildelt" in text and "Jon Annen" not in text
    assert "Mine forespørsler (1)" in text
    assert 'href="/ansatt/kalender/?uke=2026-03-02"' in html  # the week of the booking
    assert logged("booking.booking") == {str(tuesday.pk), str(later.pk)}
    assert logged("matching.matchrequest") == {str(assigned.pk)}


def test_it_tells_the_therapist_when_no_bookings_are_coming(client, therapist, profile, frozen):
    login_verified(client, therapist)
    text = text_of(start_page(client))
    assert "Ingen timer de neste 14 dagene." in text
    assert "Ingen forespørsler er tildelt deg nå." in text


# --- the menu's counts and the page's queries -----------------------------------------------------------


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/ansatt/", "/ansatt/sikkerhet/"])
def test_the_counts_cost_the_same_queries_however_much_waits(
    client, admin_user, frozen, match_request, enquiry, article, path
):
    match_request("Først Venter", at="2026-02-19 09:00")
    match_request("Først Lege", at="2026-02-19 09:30", **GHB_DAILY)
    enquiry("Første Skriver", at="2026-02-19 10:00")
    article("Første artikkel", gives_medical_advice=True)
    login_verified(client, admin_user)
    few = queries_for(client, path)
    for n in range(6):
        match_request(f"Person{n} Venter", at=f"2026-02-2{n} 09:00", **(GHB_DAILY if n % 2 else {}))
        enquiry(f"Skriver{n} Noe", at=f"2026-02-2{n} 10:00", urgent=n == 3)
        article(f"Artikkel {n}", gives_medical_advice=True)
    login_verified(client, admin_user)
    assert queries_for(client, path) == few


@pytest.mark.parametrize("persona", ["coordinator", "doctor", "therapist", "admin_user"])
def test_the_start_page_stays_within_its_query_budget(
    client, request, persona, frozen, match_request, enquiry, article, django_assert_max_num_queries
):
    for n in range(4):
        match_request(f"Person{n} Venter", at=f"2026-02-2{n} 09:00", **(GHB_DAILY if n % 2 else {}))
        enquiry(f"Skriver{n} Noe", at=f"2026-02-2{n} 10:00")
        article(f"Artikkel {n}", gives_medical_advice=True)
    login_verified(client, request.getfixturevalue(persona))
    # Session, user, second factor; all the counts; one query per list; one INSERT per kind of thing logged.
    with django_assert_max_num_queries(10):
        start_page(client)


def test_the_menu_counts_show_on_every_staff_page(client, coordinator, four_waiting):
    login_verified(client, coordinator)
    assert "Forespørsler (4)" in text_of(client.get("/ansatt/sikkerhet/").content.decode())


# --- who may come in ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["client_person", "stranger"])
def test_people_without_a_staff_role_are_refused(client, request, persona):
    login_verified(client, request.getfixturevalue(persona))
    assert client.get("/ansatt/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/ansatt/")
    assert response["Location"] == "/ansatt/logg-inn/?next=/ansatt/"


@pytest.mark.parametrize("persona", ["therapist", "doctor"])
def test_therapists_and_doctors_see_no_enquiries(client, request, persona, frozen, enquiry):
    enquiry("Kari Nordmann", at="2026-02-27 09:00")
    login_verified(client, request.getfixturevalue(persona))
    assert "Kari Nordmann" not in start_page(client)
    assert not AccessLog.objects.filter(object_type="contact.contactenquiry").exists()


def test_the_staff_menu_shows_admin_links_to_admins_only(client, coordinator, admin_user):
    login_verified(client, coordinator)
    assert 'href="/admin/"' not in client.get("/ansatt/").content.decode()
    login_verified(client, admin_user)
    assert 'href="/admin/"' in client.get("/ansatt/").content.decode()
