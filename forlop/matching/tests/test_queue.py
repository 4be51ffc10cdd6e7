import re

import pytest
from django.conf import settings

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog, Action
from forlop.matching.models import MatchRequest, MatchRequestEvent
from forlop.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

QUEUE = "/ansatt/foresporsler/"


def detail(match_request) -> str:
    return f"/ansatt/foresporsler/{match_request.pk}/"


@pytest.fixture
def three_therapists(make_therapist):
    return [
        make_therapist(name="Anna Aas", focus=("alkohol", "parorende"), methods=("motiverende_intervju",)),
        make_therapist(name="Bjørn Berg", focus=("alkohol", "cannabis")),
        make_therapist(name="Cecilie Dahl", focus=("cannabis",)),
        make_therapist(name="Dag Dam", languages=("da",)),  # excluded: does not speak Norwegian
    ]


@pytest.fixture
def coordinator_client(client, coordinator):
    return login_verified(client, coordinator)


# --- Who sees what ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "admin_user"])
def test_coordinators_and_admins_see_the_queue_urgent_first(
    request, client, persona, make_request, three_therapists
):
    calm = make_request(name="Rolig Rita")
    urgent = make_request(name="Haster Hans", acute_signs=["suicide"])
    login_verified(client, request.getfixturevalue(persona))
    response = client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Haster Hans") < html.index("Rolig Rita")
    assert "no-store" in response["Cache-Control"]
    assert {calm.pk, urgent.pk} == {int(i) for i in AccessLog.objects.values_list("object_id", flat=True)}


def test_the_queue_shows_the_top_three_suggestions_with_reasons(
    coordinator_client, make_request, three_therapists
):
    make_request(substances=["alkohol", "cannabis"], goals=["relative"])
    html = coordinator_client.get(QUEUE).content.decode()
    suggestions = re.search(r'<ol class="match-suggestions">(.*?)</ol>', html, re.S).group(1)
    names = re.findall(r"<strong>(.*?)</strong>", suggestions)
    assert names == ["Anna Aas", "Bjørn Berg", "Cecilie Dahl"]
    assert "Jobber med alkohol og pårørende" in suggestions
    assert "Dag Dam" not in html


def test_the_queue_keeps_to_a_query_budget(
    coordinator_client, make_request, three_therapists, django_assert_max_num_queries
):
    for number in range(10):
        make_request(name=f"Person {number}")
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(QUEUE)
    assert response.content.decode().count("match-queue-item") == 10


@pytest.mark.parametrize("persona", ["therapist", "doctor", "client_person", "stranger"])
def test_others_may_not_see_the_queue(client, request, persona):
    login_verified(client, request.getfixturevalue(persona))
    assert client.get(QUEUE).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, make_request):
    match_request = make_request()
    for url in (QUEUE, detail(match_request), QUEUE + "mine/", QUEUE + "medisinsk/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/ansatt/logg-inn/")
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("persona", ["client_person", "stranger"])
def test_clients_and_roleless_accounts_never_see_a_request(client, request, persona, make_request):
    match_request = make_request()
    login_verified(client, request.getfixturevalue(persona))
    assert client.get(detail(match_request)).status_code == 403


def test_a_therapist_sees_a_request_only_once_it_is_assigned_to_them(
    client, coordinator, therapist, other_therapist, make_request, make_therapist
):
    mine = make_therapist(name="Tora Terapeut", user=therapist)
    match_request = make_request()
    login_verified(client, therapist)
    assert client.get(detail(match_request)).status_code == 404
    assert "Ola" not in client.get(QUEUE + "mine/").content.decode()

    from forlop.matching.services import send_suggestion

    send_suggestion(match_request=match_request, therapist=mine, by=coordinator)
    response = client.get(detail(match_request))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vil gjerne ha hjelp." in html
    assert "Send forslaget" not in html  # only coordinators act
    assert "Ola" in client.get(QUEUE + "mine/").content.decode()

    login_verified(client, other_therapist)
    assert client.get(detail(match_request)).status_code == 404


def test_a_doctor_sees_only_requests_flagged_for_medical_assessment(client, doctor, make_request):
    flagged = make_request(name="Gunnar GHB", substances=["ghb"], frequency="daily")
    plain = make_request(name="Per Plain")
    login_verified(client, doctor)
    assert client.get(detail(flagged)).status_code == 200
    assert client.get(detail(plain)).status_code == 404
    html = client.get(QUEUE + "medisinsk/").content.decode()
    assert "Gunnar GHB" in html and "Per Plain" not in html
    assert "Bruker GHB/GBL jevnlig" in client.get(detail(flagged)).content.decode()


def test_every_view_of_a_request_is_in_the_access_log(coordinator_client, coordinator, make_request):
    match_request = make_request()
    coordinator_client.get(detail(match_request))
    coordinator_client.get(detail(match_request))
    entries = AccessLog.objects.filter(object_type="matching.matchrequest", object_id=str(match_request.pk))
    assert entries.count() == 2
    entry = entries.first()
    assert entry.user == coordinator
    assert entry.action == Action.VIEW
    assert entry.why == "Matching av klient og terapeut"
    assert entry.subject_label == "Ola <ola@example.no>"


def test_the_detail_page_shows_everything_with_fresh_suggestions(
    coordinator_client, make_request, make_therapist, django_assert_max_num_queries
):
    match_request = make_request(acute_signs=["withdrawal"], substances=["alkohol", "opioider"])
    assert match_request.suggestions == []
    make_therapist(
        name="Ny Nina", focus=("opioider",), medical_detox=True
    )  # published after the request came in
    with django_assert_max_num_queries(25):
        response = coordinator_client.get(detail(match_request))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Haster: svarte ja på akutt fare" in html
    assert "Sterke abstinenser nå" in html
    assert (
        "Til legevurdering" in html
        and "Flere rusmidler, og jevnlig bruk av minst ett som kan gi farlige abstinenser" in html
    )
    assert "Ny Nina" in html and "Tilbyr medisinsk støttet avrusning" in html
    assert "Opioider" in html and "Vil gjerne ha hjelp." in html
    match_request.refresh_from_db()
    assert [s["name"] for s in match_request.suggestions] == ["Ny Nina"]


def test_a_missing_request_is_not_found(coordinator_client):
    assert coordinator_client.get("/ansatt/foresporsler/999/").status_code == 404


# --- What coordinators do ----------------------------------------------------------------------------------


def test_sending_the_top_suggestion_emails_the_profile_link_and_assigns_the_therapist(
    coordinator_client, coordinator, make_request, three_therapists
):
    match_request = make_request()
    top = match_request.suggestions[0]
    response = coordinator_client.post(
        detail(match_request) + "foresla/", {"suggest-choice": str(top["therapist_id"]), "suggest-note": ""}
    )
    assert response["Location"] == detail(match_request)
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.SUGGESTED
    assert match_request.assigned_therapist_id == top["therapist_id"]

    email = OutboxMessage.objects.get(template="matching_suggestion")
    assert email.to == ["ola@example.no"]
    assert f"{settings.SITE_URL}/terapeuter/{top['slug']}/" in email.body_text
    assert top["name"] in email.body_text
    assert "alkohol" not in email.body_text.lower() and "Jobber med" not in email.body_text
    assert email.reply_to == settings.PRACTICE_EMAIL

    event = match_request.events.last()
    assert (event.kind, event.actor, event.from_status, event.to_status) == (
        MatchRequestEvent.Kind.SUGGESTION_SENT,
        coordinator,
        "new",
        "suggested",
    )
    assert AccessLog.objects.filter(action=Action.CHANGE, object_id=str(match_request.pk)).exists()
    page = coordinator_client.get(detail(match_request)).content.decode()
    assert "Forslaget om" in page and "Forslag sendt" in page


def test_overriding_the_suggestion_needs_a_note(
    coordinator_client, make_request, three_therapists, make_therapist
):
    match_request = make_request()
    other = make_therapist(name="Overstyrt Olga", focus=("spill",))
    response = coordinator_client.post(
        detail(match_request) + "foresla/", {"suggest-choice": "other", "suggest-other": str(other.pk)}
    )
    assert response.status_code == 200
    assert "Skriv en kort begrunnelse" in response.content.decode()
    assert not OutboxMessage.objects.filter(template="matching_suggestion").exists()

    coordinator_client.post(
        detail(match_request) + "foresla/",
        {
            "suggest-choice": "other",
            "suggest-other": str(other.pk),
            "suggest-note": "Kjenner familien fra før",
        },
    )
    match_request.refresh_from_db()
    assert match_request.assigned_therapist == other
    assert match_request.events.last().note == "Kjenner familien fra før"


def test_an_unknown_therapist_is_refused(coordinator_client, make_request):
    match_request = make_request()
    response = coordinator_client.post(detail(match_request) + "foresla/", {"suggest-choice": "12345"})
    assert response.status_code == 200
    assert "Velg en terapeut fra listen." in response.content.decode()


def test_asking_a_question_emails_it_and_records_it(coordinator_client, make_request):
    match_request = make_request()
    coordinator_client.post(
        detail(match_request) + "sporsmal/", {"question-question": "Kan vi ringe deg i morgen?"}
    )
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.QUESTION_SENT
    email = OutboxMessage.objects.get(template="matching_question")
    assert "Kan vi ringe deg i morgen?" in email.body_text
    assert match_request.events.last().note == "Kan vi ringe deg i morgen?"


def test_an_empty_question_is_refused(coordinator_client, make_request):
    match_request = make_request()
    response = coordinator_client.post(detail(match_request) + "sporsmal/", {"question-question": ""})
    assert "Skriv spørsmålet du vil sende." in response.content.decode()
    assert not OutboxMessage.objects.filter(template="matching_question").exists()


def test_closing_records_the_reason_and_ends_the_actions(coordinator_client, make_request):
    match_request = make_request()
    response = coordinator_client.post(detail(match_request) + "lukk/", {"close-reason": "other"})
    assert "Skriv kort hvorfor" in response.content.decode()
    coordinator_client.post(
        detail(match_request) + "lukk/", {"close-reason": "elsewhere", "close-note": "Har fastlege"}
    )
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.CLOSED
    event = match_request.events.last()
    assert (event.reason, event.note) == ("elsewhere", "Har fastlege")
    html = coordinator_client.get(detail(match_request)).content.decode()
    assert "Har fått hjelp et annet sted" in html
    assert "Send forslaget" not in html
    # A late second action is turned away kindly.
    response = coordinator_client.post(
        detail(match_request) + "sporsmal/", {"question-question": "Hallo?"}, follow=True
    )
    assert "Noen andre har nettopp endret eller lukket forespørselen." in response.content.decode()
    assert not OutboxMessage.objects.filter(template="matching_question").exists()


def test_the_history_lists_every_step(coordinator_client, make_request, three_therapists):
    match_request = make_request()
    coordinator_client.post(
        detail(match_request) + "sporsmal/", {"question-question": "Når passer det å ringe?"}
    )
    top = match_request.suggestions[0]["therapist_id"]
    coordinator_client.post(detail(match_request) + "foresla/", {"suggest-choice": str(top)})
    coordinator_client.post(detail(match_request) + "lukk/", {"close-reason": "no_answer"})
    kinds = list(match_request.events.values_list("kind", "from_status", "to_status"))
    assert kinds == [
        ("submitted", "", "new"),
        ("question_sent", "new", "question_sent"),
        ("suggestion_sent", "question_sent", "suggested"),
        ("closed", "suggested", "closed"),
    ]
    html = coordinator_client.get(detail(match_request)).content.decode()
    for text in ("Mottatt", "Spørsmål sendt", "Forslag sendt", "Lukket", "Fikk ikke svar"):
        assert text in html


@pytest.mark.parametrize("persona", ["therapist", "doctor"])
def test_only_coordinators_act_on_requests(client, request, persona, make_request):
    match_request = make_request(substances=["ghb"], frequency="daily")
    login_verified(client, request.getfixturevalue(persona))
    assert client.post(detail(match_request) + "lukk/", {"close-reason": "no_answer"}).status_code == 403
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.NEW
