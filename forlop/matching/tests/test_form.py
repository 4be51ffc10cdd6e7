import re

import pytest
import time_machine
from django.conf import settings

from forlop.matching.flow import SESSION_KEY
from forlop.matching.models import MatchRequest, MatchRequestEvent
from forlop.outbox.models import OutboxMessage

from .conftest import STEP_DATA, fill_steps, step_path

pytestmark = pytest.mark.django_db

SESSION_COOKIE = settings.SESSION_COOKIE_NAME


def crisis_position(html: str) -> int:
    return html.find('class="crisis-alert"')


def h1_position(html: str) -> int:
    return html.find("<h1")


def test_it_shows_the_first_step_without_starting_a_session(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/finn-terapeut/")
    html = response.content.decode()
    assert 'data-hx-history="false"' in html  # htmx keeps no copy of the answers in localStorage
    assert response.status_code == 200
    assert "Steg 1 av 5" in html
    assert "Match meg med en terapeut" in html
    assert SESSION_COOKIE not in response.cookies
    assert "no-store" in response["Cache-Control"]
    # The live crisis alert is there for JavaScript, but hidden until someone answers "yes".
    assert re.search(r'id="match-crisis"[^>]*hidden', html)


def test_it_starts_the_session_only_when_the_first_step_is_sent(client):
    response = client.post("/finn-terapeut/", {**STEP_DATA[1], "action": "next"})
    assert response.status_code == 302
    assert response["Location"] == "/finn-terapeut/steg/2/"
    assert SESSION_COOKIE in response.cookies
    assert client.session[SESSION_KEY]["valid"] == ["1"]


def test_it_explains_each_missing_answer_in_norwegian_and_keeps_what_was_typed(client):
    response = client.post(
        "/finn-terapeut/", {"who_for": "loved_one", "acute_suicide": "no", "action": "next"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Noe må rettes før du kan sende" in html
    assert "Velg aldersgruppen til den hjelpen gjelder." in html
    assert "Kryss av for minst ett ønske" in html
    assert "Svar ja eller nei på om noen kan ha tatt en overdose." in html
    assert re.search(r'value="loved_one"[^>]*checked', html)
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("number", "data", "message"),
    [
        (2, {**STEP_DATA[2], "substances": []}, "Kryss av for minst ett rusmiddel eller én vane."),
        (2, {**STEP_DATA[2], "frequency_alkohol": "hver time"}, "Velg ett av alternativene."),
        (2, {**STEP_DATA[2], "frequency_alkohol": ""}, "Velg omtrent hvor ofte: alkohol."),
        (2, {**STEP_DATA[2], "amount": ""}, "Velg omtrent hvor mye alkohol, eller «Vet ikke»."),
        (3, {**STEP_DATA[3], "benzo_use": ""}, "Svar på om det brukes beroligende medisiner"),
        (3, {**STEP_DATA[3], "epilepsy": ""}, "Svar ja, nei eller vet ikke på om det er epilepsi"),
        (3, {**STEP_DATA[3], "physical_health": "x" * 2001}, "Skriv høyst 2000 tegn (nå er det 2001)."),
        (4, {**STEP_DATA[4], "budget": ""}, "Svar på om prisen passer, eller at du er usikker."),
        (4, {**STEP_DATA[4], "gender_required": "on"}, "Velg kvinne eller mann over"),
        (5, {**STEP_DATA[5], "email": "kari(at)example.no"}, "Skriv inn en gyldig e-postadresse"),
        (5, {**STEP_DATA[5], "email": ""}, "Skriv inn e-postadressen din"),
        (5, {**STEP_DATA[5], "phone": "123"}, "Vi kjenner ikke igjen «123» som et telefonnummer."),
        (5, {**STEP_DATA[5], "consent": ""}, "Du må krysse av for samtykke"),
        (5, {**STEP_DATA[5], "name": "  "}, "Skriv et navn vi kan bruke."),
    ],
)
def test_it_refuses_bad_answers_on_each_step_with_a_clear_message(client, number, data, message):
    fill_steps(client, upto=number - 1)
    response = client.post(step_path(number), {**data, "action": "next"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert str(number) not in client.session[SESSION_KEY]["valid"]


def test_it_sends_people_back_to_the_first_step_they_have_not_answered(client):
    assert client.get("/finn-terapeut/steg/3/")["Location"] == "/finn-terapeut/"
    fill_steps(client, upto=1)
    assert client.get("/finn-terapeut/steg/4/")["Location"] == "/finn-terapeut/steg/2/"
    assert client.get("/finn-terapeut/oppsummering/")["Location"] == "/finn-terapeut/steg/2/"


def test_it_has_only_five_steps(client):
    fill_steps(client)
    assert client.get("/finn-terapeut/steg/6/").status_code == 404
    assert client.get("/finn-terapeut/steg/1/").status_code == 404


def test_back_keeps_the_answers_of_both_steps(client):
    fill_steps(client, upto=1, step_1={"who_for": "loved_one", "goals": ["relative", "understand"]})
    # Half-filled and invalid: "Tilbake" still keeps what was typed.
    response = client.post(
        "/finn-terapeut/steg/2/",
        {"substances": ["cannabis", "spill"], "duration": "over_5", "action": "back"},
    )
    assert response["Location"] == "/finn-terapeut/"

    first = client.get("/finn-terapeut/").content.decode()
    assert re.search(r'value="loved_one"[^>]*checked', first)
    assert re.search(r'value="relative"[^>]*checked', first)
    assert re.search(r'value="understand"[^>]*checked', first)
    assert "Noe må rettes" not in first

    second = client.get("/finn-terapeut/steg/2/").content.decode()
    assert re.search(r'value="cannabis"[^>]*checked', second)
    assert re.search(r'value="spill"[^>]*checked', second)
    assert re.search(r'value="over_5"[^>]*checked', second)
    assert "Noe må rettes" not in second  # not judged until they press "Neste"


def test_it_shows_the_progress_and_links_to_finished_steps(client, django_assert_max_num_queries):
    fill_steps(client, upto=2)
    with django_assert_max_num_queries(3):
        html = client.get("/finn-terapeut/steg/3/").content.decode()
    assert "Steg 3 av 5" in html
    assert '<li aria-current="step">Helse</li>' in html
    assert '<a href="/finn-terapeut/steg/2/">Rus og vaner</a>' in html


@pytest.mark.parametrize("field", ["acute_suicide", "acute_overdose", "acute_withdrawal"])
def test_a_yes_to_acute_danger_shows_the_emergency_numbers_first_on_the_next_page(client, field):
    fill_steps(client, upto=1, step_1={field: "yes"})
    html = client.get("/finn-terapeut/steg/2/").content.decode()
    assert "Trenger du akutt hjelp? Ring nå" in html
    assert 'href="tel:113"' in html
    assert 0 < crisis_position(html) < h1_position(html)
    # and on every page after it, until the form is sent
    fill_steps(client, upto=5, step_1={field: "yes"})
    summary = client.get("/finn-terapeut/oppsummering/").content.decode()
    assert 0 < crisis_position(summary) < h1_position(summary)


def test_a_yes_to_acute_danger_shows_the_numbers_at_once_when_the_page_comes_back_with_errors(client):
    html = client.post("/finn-terapeut/", {"acute_suicide": "yes", "action": "next"}).content.decode()
    assert re.search(r'id="match-crisis" class="match-crisis">', html)  # not hidden
    assert "Trenger du akutt hjelp? Ring nå" in html


def test_no_acute_danger_means_no_crisis_alert_on_later_pages(client):
    fill_steps(client, upto=1)
    assert crisis_position(client.get("/finn-terapeut/steg/2/").content.decode()) == -1


@pytest.mark.parametrize(
    "step_2",
    [
        {"substances": ["ghb"], "frequency_ghb": "daily"},
        {
            "substances": ["alkohol"],
            "frequency_alkohol": "daily",
            "amount": "a_lot",
            "earlier_seizures": "yes",
        },
        {
            "substances": ["alkohol", "cannabis", "sentralstimulerende"],
            "frequency_cannabis": "weekly",
            "frequency_sentralstimulerende": "rarely",
        },
    ],
)
def test_it_tells_the_person_a_doctor_looks_first_when_the_answers_call_for_it(client, step_2):
    fill_steps(client, upto=2, step_2=step_2)
    html = client.get("/finn-terapeut/steg/3/").content.decode()
    assert "Viktig før du gjør endringer: en lege ser på svarene" in html


def test_it_tells_a_pregnant_woman_to_stop_now_and_talk_to_jordmor(client):
    fill_steps(client, upto=3, step_3={"pregnant": "yes"})
    html = client.get("/finn-terapeut/steg/4/").content.decode()
    assert "Slutt nå: ingen mengde alkohol eller rusmidler er kjent for å være trygg" in html
    assert "ikke slutt brått" not in html.lower()


def test_the_summary_shows_every_answer_with_links_to_change_them(client, django_assert_max_num_queries):
    fill_steps(client, step_4={"meeting_modes": ["video", "oppmote"], "place": "Bergen"})
    with django_assert_max_num_queries(3):
        response = client.get("/finn-terapeut/oppsummering/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    for text in [
        "Se over før du sender",
        "Bruke mindre",
        "Alkohol",
        "Ett til fem år",
        "Angst eller depresjon",
        "Høyt blodtrykk",
        "Videosamtale, Oppmøte – oppmøte i Bergen",
        "Tirsdag",
        "kari@example.no",
        "Jeg drikker for mye i helgene.",
    ]:
        assert text in html, text
    for number in (2, 3, 4, 5):
        assert f'href="/finn-terapeut/steg/{number}/"' in html
    assert "Send forespørselen" in html


@time_machine.travel("2026-03-27 15:00 +01:00", tick=False)  # a Friday: the next working day is Monday
def test_sending_stores_the_request_and_queues_a_confirmation_without_health_details(client, make_therapist):
    make_therapist(name="Ada Berg", focus=("alkohol",))
    fill_steps(client)
    response = client.post("/finn-terapeut/oppsummering/")
    assert response["Location"] == "/finn-terapeut/takk/"

    match_request = MatchRequest.objects.get()
    assert match_request.email == "kari@example.no"
    assert match_request.substances == ["alkohol"]
    assert match_request.physical_health == "Høyt blodtrykk"
    assert match_request.days == [1]
    assert match_request.status == MatchRequest.Status.NEW
    assert not match_request.urgent and not match_request.medical_assessment
    assert [s["name"] for s in match_request.suggestions] == ["Ada Berg"]
    assert list(match_request.events.values_list("kind", flat=True)) == [MatchRequestEvent.Kind.SUBMITTED]

    confirmation = OutboxMessage.objects.get(to=["kari@example.no"])
    body = confirmation.subject + confirmation.body_text + confirmation.body_html
    assert "Hei Kari" in body
    assert "mandag 30. mars" in body
    for health_detail in ["lkohol", "blodtrykk", "drikker", "angst", "Ada Berg", "kognitiv"]:
        assert health_detail not in body
    notice = OutboxMessage.objects.get(to=[settings.PRACTICE_EMAIL])
    assert f"/ansatt/foresporsler/{match_request.pk}/" in notice.body_text
    assert "Kari" not in notice.body_text and "kari@" not in notice.body_text

    # The answers are gone from the session, and the thank-you page says what happens next.
    assert SESSION_KEY not in client.session
    thanks = client.get("/finn-terapeut/takk/").content.decode()
    assert "mandag 30. mars" in thanks  # Friday 15:00: the honest promise is Monday
    assert crisis_position(thanks) == -1


def test_the_request_and_its_emails_are_written_together(client, monkeypatch):
    fill_steps(client)

    def broken(**kwargs):
        raise RuntimeError("the outbox is down")

    monkeypatch.setattr("forlop.matching.services.queue_email", broken)
    with pytest.raises(RuntimeError):
        client.post("/finn-terapeut/oppsummering/")
    assert not MatchRequest.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_urgent_request_is_flagged_and_the_thank_you_page_shows_the_numbers(client):
    fill_steps(client, step_1={"acute_overdose": "yes"})
    client.post("/finn-terapeut/oppsummering/")
    match_request = MatchRequest.objects.get()
    assert match_request.urgent
    assert match_request.acute_signs == ["overdose"]
    assert OutboxMessage.objects.get(to=[settings.PRACTICE_EMAIL]).subject.startswith("HASTER")
    thanks = client.get("/finn-terapeut/takk/")
    html = thanks.content.decode()
    assert 0 < crisis_position(html) < h1_position(html)
    # Read once: the session is empty again, so its cookie is removed.
    assert thanks.cookies[SESSION_COOKIE].value == ""


def test_a_request_needing_a_doctor_is_flagged_and_says_so_on_the_thank_you_page(client):
    fill_steps(client, step_2={"substances": ["ghb"], "frequency_ghb": "daily"})
    client.post("/finn-terapeut/oppsummering/")
    match_request = MatchRequest.objects.get()
    assert match_request.medical_assessment and match_request.urgent and match_request.residential_likely
    assert match_request.medical_reasons == ["ghb"]
    html = client.get("/finn-terapeut/takk/").content.decode()
    assert "En av legene våre leser forespørselen før vi foreslår en terapeut" in html
    assert "GHB-avrusning gjør vi ikke over video" in html


def test_sending_twice_stores_one_request(client):
    fill_steps(client)
    client.post("/finn-terapeut/oppsummering/")
    second = client.post("/finn-terapeut/oppsummering/")
    assert second["Location"] == "/finn-terapeut/"
    assert MatchRequest.objects.count() == 1


def test_it_pauses_after_too_many_requests_from_one_address_and_keeps_the_answers(client, settings):
    settings.MATCH_RATE_LIMIT_PER_HOUR = 1
    fill_steps(client)
    client.post("/finn-terapeut/oppsummering/")
    fill_steps(client)
    response = client.post("/finn-terapeut/oppsummering/")
    assert response.status_code == 429
    assert "Vent litt før du sender igjen" in response.content.decode()
    assert MatchRequest.objects.count() == 1
    assert client.get("/finn-terapeut/oppsummering/").status_code == 200


def test_cancelling_deletes_the_answers(client):
    fill_steps(client, upto=3)
    response = client.post("/finn-terapeut/avbryt/")
    assert response["Location"] == "/finn-terapeut/?slettet=1"
    assert response.cookies[SESSION_COOKIE].value == ""  # nothing else was in it: the cookie goes too
    assert SESSION_KEY not in client.session
    assert "Svarene dine er slettet." in client.get(response["Location"]).content.decode()
    assert client.get("/finn-terapeut/steg/2/")["Location"] == "/finn-terapeut/"


def test_avbryt_og_slett_asks_first_and_leads_back_to_the_step(client):
    fill_steps(client, upto=2)
    page = client.get("/finn-terapeut/steg/3/").content.decode()
    assert 'href="/finn-terapeut/avbryt/?fra=/finn-terapeut/steg/3/"' in page
    assert 'action="/finn-terapeut/avbryt/"' not in page  # no one-tap delete on the step itself
    response = client.get("/finn-terapeut/avbryt/?fra=/finn-terapeut/steg/3/")
    page = response.content.decode()
    assert "Er du sikker på at du vil avbryte?" in page and "kan ikke hentes fram igjen" in page
    assert 'href="/finn-terapeut/steg/3/">Nei, gå tilbake til skjemaet' in page
    assert client.session[SESSION_KEY]["valid"] == ["1", "2"]
    client.post("/finn-terapeut/avbryt/")
    assert SESSION_KEY not in client.session


def test_the_way_back_from_the_question_stays_in_the_form(client):
    fill_steps(client, upto=1)
    page = client.get("/finn-terapeut/avbryt/?fra=https://evil.example/").content.decode()
    assert 'href="/finn-terapeut/">Nei, gå tilbake til skjemaet' in page


def test_with_nothing_to_delete_the_question_is_not_asked(client):
    assert client.get("/finn-terapeut/avbryt/")["Location"] == "/finn-terapeut/"


def test_the_form_is_also_in_english_urls(client):
    assert client.get("/en/finn-terapeut/").status_code == 200


def test_visiting_the_cancel_and_attach_addresses_changes_nothing(client):
    fill_steps(client, upto=2)
    assert client.get("/finn-terapeut/avbryt/").status_code == 200  # the question, nothing deleted
    assert client.get("/finn-terapeut/selvtest/")["Location"] == "/selvtest/"
    assert client.session[SESSION_KEY]["valid"] == ["1", "2"]
