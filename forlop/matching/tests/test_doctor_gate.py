"""The doctor gate (issue 9): a request flagged for medical assessment is sent no therapist until a user with
the doctor role has recorded a decision. The gate is a conditional status change in the service, and the
database refuses the state even for writes that go around the service."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog, Action
from forlop.matching import services
from forlop.matching.models import DoctorDecision, MatchRequest, MatchRequestEvent
from forlop.outbox.models import OutboxMessage
from forlop.therapists.models import Profession

pytestmark = pytest.mark.django_db

QUEUE = "/ansatt/foresporsler/"
DOCTOR_LIST = "/ansatt/foresporsler/medisinsk/"
Status = MatchRequest.Status
Kind = MatchRequestEvent.Kind
# Daily GHB: flagged for a doctor under every version of the triage rules (triage.md rule 4).
GHB_DAILY = {"substances": ["ghb"], "frequency": "daily", "frequencies": {"ghb": "daily"}}


def detail(match_request) -> str:
    return f"{QUEUE}{match_request.pk}/"


def suggestion_emails() -> int:
    return OutboxMessage.objects.filter(template="matching_suggestion").count()


@pytest.fixture
def flagged(make_request):
    def make(**overrides):
        match_request = make_request(**{**GHB_DAILY, **overrides})
        assert match_request.medical_assessment, "daily GHB must be flagged for a doctor"
        return match_request

    return make


@pytest.fixture
def unauthorised_therapist(make_therapist):
    """The issue's case: a therapist with no health-personnel authorisation (no HPR number)."""
    return make_therapist(
        name="Sigurd Spill",
        focus=("spill",),
        profession=Profession.SERTIFISERT_TERAPEUT,
        hpr_number="",
    )


def decide(match_request, by, decision=DoctorDecision.RESIDENTIAL, reason="GHB daglig: trenger døgnplass."):
    services.record_doctor_decision(match_request=match_request, decision=decision, reason=reason, by=by)


# --- The service -----------------------------------------------------------------------------------------


def test_it_refuses_to_send_a_flagged_request_no_doctor_has_decided(
    flagged, unauthorised_therapist, coordinator
):
    match_request = flagged()
    with pytest.raises(services.AwaitingDoctor):
        services.send_suggestion(
            match_request=match_request, therapist=unauthorised_therapist, by=coordinator, note="Ledig nå"
        )
    match_request.refresh_from_db()
    assert match_request.status == Status.NEW
    assert match_request.assigned_therapist is None
    assert suggestion_emails() == 0
    assert list(match_request.events.values_list("kind", flat=True)) == [Kind.SUBMITTED]


def test_the_gate_reads_the_row_not_the_callers_stale_copy(flagged, make_therapist, coordinator, doctor):
    """A coordinator who opened the page before the doctor decided can send once the decision is in."""
    therapist = make_therapist()
    seen_before = flagged()
    decide(MatchRequest.objects.get(pk=seen_before.pk), doctor, DoctorDecision.OUTPATIENT)
    assert seen_before.doctor_decided_at is None  # the coordinator's copy
    services.send_suggestion(match_request=seen_before, therapist=therapist, by=coordinator)
    seen_before.refresh_from_db()
    assert seen_before.status == Status.SUGGESTED
    kinds = list(seen_before.events.values_list("kind", flat=True))
    assert kinds == [Kind.SUBMITTED, Kind.DOCTOR_DECISION, Kind.SUGGESTION_SENT]


def test_a_decision_is_recorded_with_who_why_and_when_and_an_event(flagged, doctor):
    match_request = flagged()
    at = (timezone.now() + datetime.timedelta(minutes=5)).replace(microsecond=0)
    services.record_doctor_decision(
        match_request=match_request,
        decision="refer_tsb",
        reason="  Trenger henvisning fra fastlege til TSB.  ",
        by=doctor,
        now=at,
    )
    match_request.refresh_from_db()
    assert match_request.doctor_decision == DoctorDecision.REFER_TSB
    assert match_request.doctor_reason == "Trenger henvisning fra fastlege til TSB."
    assert match_request.doctor_decided_at == at
    assert match_request.doctor_decided_by == doctor
    assert match_request.status == Status.NEW  # a decision sends nothing by itself
    event = match_request.events.last()
    assert (event.kind, event.actor, event.at, event.doctor_decision, event.note) == (
        Kind.DOCTOR_DECISION,
        doctor,
        at,
        "refer_tsb",
        "Trenger henvisning fra fastlege til TSB.",
    )
    assert (event.from_status, event.to_status) == (Status.NEW, Status.NEW)
    assert set(OutboxMessage.objects.values_list("template", flat=True)) == {
        "matching_received",
        "matching_new_request",
    }


@pytest.mark.parametrize("persona", ["coordinator", "therapist", "admin_user", "stranger", "client_person"])
def test_only_a_doctor_may_record_a_decision(request, flagged, persona):
    match_request = flagged()
    with pytest.raises(PermissionDenied):
        decide(match_request, request.getfixturevalue(persona))
    match_request.refresh_from_db()
    assert match_request.doctor_decided_at is None
    assert not match_request.events.filter(kind=Kind.DOCTOR_DECISION).exists()


def test_a_deactivated_doctor_may_not_decide(flagged, doctor):
    doctor.is_active = False
    doctor.save()
    with pytest.raises(PermissionDenied):
        decide(flagged(), doctor)


def test_two_doctors_cannot_both_decide(flagged, doctor):
    from forlop.conftest import make_user

    other_doctor = make_user("lege2@example.no", is_doctor=True)
    match_request = flagged()
    first_look = MatchRequest.objects.get(pk=match_request.pk)
    second_look = MatchRequest.objects.get(pk=match_request.pk)
    decide(first_look, doctor, DoctorDecision.RESIDENTIAL)
    with pytest.raises(services.RequestChanged):
        decide(second_look, other_doctor, DoctorDecision.OUTPATIENT)
    match_request.refresh_from_db()
    assert (match_request.doctor_decision, match_request.doctor_decided_by) == ("residential", doctor)
    assert match_request.events.filter(kind=Kind.DOCTOR_DECISION).count() == 1


@pytest.mark.parametrize(
    ("decision", "reason"), [("residential", ""), ("residential", "   "), ("maybe", "Usikker")]
)
def test_a_decision_needs_a_known_choice_and_a_reason(flagged, doctor, decision, reason):
    match_request = flagged()
    with pytest.raises(ValueError):
        decide(match_request, doctor, decision, reason)
    match_request.refresh_from_db()
    assert match_request.doctor_decided_at is None


def test_a_closed_or_unflagged_request_takes_no_decision(flagged, make_request, doctor, coordinator):
    closed = flagged()
    services.close_request(match_request=closed, reason="duplicate", by=coordinator)
    with pytest.raises(services.RequestChanged):
        decide(closed, doctor)
    with pytest.raises(services.RequestChanged):
        decide(make_request(), doctor)


def test_an_emergency_decision_puts_the_request_on_top_as_urgent(flagged, doctor):
    match_request = flagged()
    MatchRequest.objects.filter(pk=match_request.pk).update(urgent=False)
    decide(match_request, doctor, DoctorDecision.EMERGENCY, "Ring personen nå, mulig delir.")
    match_request.refresh_from_db()
    assert match_request.urgent


def test_questions_and_closing_still_work_while_the_doctor_is_awaited(flagged, coordinator):
    match_request = flagged()
    services.ask_question(match_request=match_request, question="Kan vi ringe deg?", by=coordinator)
    services.close_request(match_request=match_request, reason="elsewhere", by=coordinator)
    match_request.refresh_from_db()
    assert match_request.status == Status.CLOSED


def test_an_unflagged_request_is_sent_as_before(make_request, make_therapist, coordinator):
    therapist = make_therapist()
    match_request = make_request()
    assert not match_request.medical_assessment
    services.send_suggestion(match_request=match_request, therapist=therapist, by=coordinator)
    assert match_request.status == Status.SUGGESTED
    assert suggestion_emails() == 1


# --- The database ----------------------------------------------------------------------------------------


def test_the_database_refuses_a_raw_update_to_suggested_without_a_decision(flagged, doctor):
    match_request = flagged()
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchRequest.objects.filter(pk=match_request.pk).update(status=Status.SUGGESTED)
    decide(match_request, doctor)
    assert MatchRequest.objects.filter(pk=match_request.pk).update(status=Status.SUGGESTED) == 1


def test_the_database_refuses_erasing_the_decision_of_a_sent_request(
    flagged, doctor, coordinator, make_therapist
):
    match_request = flagged()
    decide(match_request, doctor)
    services.send_suggestion(match_request=match_request, therapist=make_therapist(), by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchRequest.objects.filter(pk=match_request.pk).update(
            doctor_decided_at=None, doctor_decision="", doctor_reason="", doctor_decided_by=None
        )


@pytest.mark.parametrize(
    "half",
    [
        {"doctor_decided_at": datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)},
        {"doctor_decision": "outpatient"},
        {"doctor_decision": "bogus", "doctor_reason": "x"},
    ],
)
def test_the_database_refuses_half_a_decision(flagged, doctor, half):
    match_request = flagged()
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchRequest.objects.filter(pk=match_request.pk).update(**half)


# --- Auto-send -------------------------------------------------------------------------------------------


def test_may_auto_send_only_when_nothing_is_flagged():
    assert services.may_auto_send(MatchRequest())
    assert not services.may_auto_send(MatchRequest(urgent=True))
    assert not services.may_auto_send(MatchRequest(medical_assessment=True))


def test_auto_send_never_sends_a_flagged_request(settings, flagged, make_therapist):
    settings.MATCH_AUTO_SEND = True
    make_therapist(name="GHB Gunn", focus=("ghb", "alkohol"), medical_detox=True)
    match_request = flagged()
    match_request.refresh_from_db()
    assert match_request.status == Status.NEW
    assert suggestion_emails() == 0


def test_when_the_predicate_is_wrong_the_gate_still_holds_and_the_request_is_kept(
    settings, monkeypatch, flagged, make_therapist
):
    """Defence in depth: even if a future edit of may_auto_send let a flagged request through, the service
    gate refuses the send, and the person's request and confirmation are not lost with the refusal."""
    settings.MATCH_AUTO_SEND = True
    therapist = make_therapist(name="Spill Sigurd", focus=("spill",))
    top = {"therapist_id": therapist.pk, "name": therapist.name, "slug": "", "score": 1, "reasons": []}
    monkeypatch.setattr(services, "may_auto_send", lambda match_request: True)
    monkeypatch.setattr(services, "compute_suggestions", lambda **kwargs: [top])
    match_request = flagged()
    stored = MatchRequest.objects.get(pk=match_request.pk)
    assert stored.status == Status.NEW and stored.suggestions == [top]
    assert suggestion_emails() == 0
    assert OutboxMessage.objects.filter(template="matching_received").exists()


# --- The staff pages -------------------------------------------------------------------------------------


def test_a_coordinator_cannot_send_a_flagged_request_to_a_therapist_without_hpr(
    client, coordinator, flagged, unauthorised_therapist
):
    """The issue's case, through the real form."""
    match_request = flagged()
    login_verified(client, coordinator)
    response = client.post(
        detail(match_request) + "foresla/",
        {
            "suggest-choice": "other",
            "suggest-other": str(unauthorised_therapist.pk),
            "suggest-note": "Har ledig tid i dag",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Forslaget er ikke sendt" in html and "ingen lege har registrert en vurdering" in html
    match_request.refresh_from_db()
    assert match_request.status == Status.NEW
    assert match_request.assigned_therapist is None
    assert suggestion_emails() == 0
    assert not AccessLog.objects.filter(action=Action.CHANGE).exists()


def test_the_suggest_form_is_disabled_with_an_explanation_while_waiting(
    client, coordinator, doctor, flagged, make_therapist
):
    make_therapist()
    match_request = flagged()
    login_verified(client, coordinator)
    html = client.get(detail(match_request)).content.decode()
    assert "Venter på lege." in html
    assert "Du kan sende forslag når en lege har registrert sin vurdering." in html
    assert 'disabled aria-describedby="suggest-waiting"' in html
    assert re.search(r'<textarea name="suggest-note"[^>]*disabled', html)
    assert "Send spørsmålet" in html  # asking and closing stay possible

    decide(match_request, doctor, DoctorDecision.OUTPATIENT, "Kan følges opp poliklinisk med lege.")
    html = client.get(detail(match_request)).content.decode()
    assert "Legens vurdering: Kan vurderes poliklinisk her" in html
    assert "Kan følges opp poliklinisk med lege." in html
    assert "Vurdert av Lege" in html
    assert "suggest-waiting" not in html


def test_the_queue_shows_venter_pa_lege_and_then_the_decision(client, coordinator, doctor, flagged):
    match_request = flagged(name="Gunnar GHB")
    login_verified(client, coordinator)
    item = client.get(QUEUE).content.decode().split("Gunnar GHB")[1].split("</li>")[0]
    assert "Venter på lege" in item
    decide(match_request, doctor, DoctorDecision.RESIDENTIAL)
    item = client.get(QUEUE).content.decode().split("Gunnar GHB")[1]
    assert "Legevurdert: Døgnavrusning anbefales" in item
    assert "Venter på lege" not in item.split("</li>")[0]


def test_a_doctor_records_the_decision_on_the_request_page(client, doctor, flagged):
    match_request = flagged()
    login_verified(client, doctor)
    html = client.get(detail(match_request)).content.decode()
    assert "Din legevurdering" in html and "Døgnavrusning anbefales" in html
    response = client.post(
        detail(match_request) + "legevurdering/",
        {"doctor-decision": "residential", "doctor-reason": "GHB daglig, trenger døgnavrusning."},
    )
    assert response.status_code == 302 and response["Location"] == detail(match_request)
    match_request.refresh_from_db()
    assert (match_request.doctor_decision, match_request.doctor_decided_by) == ("residential", doctor)
    assert AccessLog.objects.filter(
        action=Action.CHANGE, object_id=str(match_request.pk), user=doctor
    ).exists()
    html = client.get(detail(match_request)).content.decode()
    assert "Vurderingen er lagret: Døgnavrusning anbefales." in html
    assert "Din legevurdering" not in html  # decided once
    assert "Legevurdering" in html and "GHB daglig, trenger døgnavrusning." in html  # in the history


def test_the_doctor_form_explains_errors_in_norwegian_and_keeps_what_was_typed(client, doctor, flagged):
    match_request = flagged()
    login_verified(client, doctor)
    response = client.post(
        detail(match_request) + "legevurdering/", {"doctor-reason": "Usikker på abstinensrisiko"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Velg hva du anbefaler." in html
    assert "Usikker på abstinensrisiko</textarea>" in html
    response = client.post(
        detail(match_request) + "legevurdering/", {"doctor-decision": "emergency", "doctor-reason": ""}
    )
    html = response.content.decode()
    assert "Skriv en kort begrunnelse for vurderingen." in html
    assert re.search(r'value="emergency"[^>]*checked', html)
    match_request.refresh_from_db()
    assert match_request.doctor_decided_at is None


def test_a_second_doctor_is_told_kindly_that_someone_decided_first(client, doctor, flagged):
    from forlop.conftest import make_user

    match_request = flagged()
    decide(match_request, make_user("lege2@example.no", is_doctor=True))
    login_verified(client, doctor)
    response = client.post(
        detail(match_request) + "legevurdering/",
        {"doctor-decision": "outpatient", "doctor-reason": "Kan tas her."},
        follow=True,
    )
    assert "en annen lege har allerede vurdert forespørselen" in response.content.decode()
    match_request.refresh_from_db()
    assert match_request.doctor_decision == "residential"


@pytest.mark.parametrize("persona", ["coordinator", "therapist", "admin_user", "client_person", "stranger"])
def test_only_doctors_may_post_a_decision(client, request, persona, flagged):
    match_request = flagged()
    login_verified(client, request.getfixturevalue(persona))
    response = client.post(
        detail(match_request) + "legevurdering/",
        {"doctor-decision": "outpatient", "doctor-reason": "Ok"},
    )
    assert response.status_code == 403
    match_request.refresh_from_db()
    assert match_request.doctor_decided_at is None


def test_a_doctor_cannot_decide_on_a_request_they_may_not_see(client, doctor, make_request):
    plain = make_request()
    login_verified(client, doctor)
    response = client.post(
        detail(plain) + "legevurdering/", {"doctor-decision": "outpatient", "doctor-reason": "Ok"}
    )
    assert response.status_code == 404


def test_the_doctors_list_shows_what_waits_urgent_first_then_oldest(client, doctor, coordinator, flagged):
    now = timezone.now()
    oldest = flagged(name="Eldst Eli")
    newer_urgent = flagged(name="Haster Hege")
    older_urgent = flagged(name="Haster Hans")
    newest = flagged(name="Nyest Nora")
    decided = flagged(name="Vurdert Vera")
    closed = flagged(name="Lukket Lars")
    for match_request, hours_ago, urgent in [
        (oldest, 50, False),
        (newer_urgent, 2, True),
        (older_urgent, 10, True),
        (newest, 1, False),
        (decided, 60, True),
        (closed, 70, True),
    ]:
        MatchRequest.objects.filter(pk=match_request.pk).update(
            created_at=now - datetime.timedelta(hours=hours_ago), urgent=urgent
        )
    decide(decided, doctor)
    services.close_request(match_request=closed, reason="duplicate", by=coordinator)

    login_verified(client, doctor)
    response = client.get(DOCTOR_LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Venter på legevurdering" in html
    names = ["Haster Hans", "Haster Hege", "Eldst Eli", "Nyest Nora"]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Vurdert Vera" not in html and "Lukket Lars" not in html
    assert "4 forespørsler venter på legevurdering." in html
    shown = set(AccessLog.objects.filter(user=doctor, action="view").values_list("object_id", flat=True))
    assert shown == {str(m.pk) for m in (oldest, newer_urgent, older_urgent, newest)}

    everything = client.get(DOCTOR_LIST + "?vis=alle").content.decode()
    assert "Vurdert Vera" in everything and "Legevurdert: Døgnavrusning anbefales" in everything


def test_the_doctors_list_keeps_to_a_query_budget(client, doctor, flagged, django_assert_max_num_queries):
    for number in range(8):
        flagged(name=f"Person {number}")
    login_verified(client, doctor)
    with django_assert_max_num_queries(14):
        response = client.get(DOCTOR_LIST)
    assert response.content.decode().count("match-queue-item") == 8


@pytest.mark.parametrize("persona", ["coordinator", "therapist", "client_person", "stranger"])
def test_others_may_not_see_the_doctors_list(client, request, persona):
    login_verified(client, request.getfixturevalue(persona))
    assert client.get(DOCTOR_LIST).status_code == 403


# --- The property ----------------------------------------------------------------------------------------

ROLES = ["coordinator", "admin_user", "therapist", "doctor", "second_doctor", "stranger"]
ACTIONS = ["send", "decide", "ask", "close"]


@pytest.fixture
def people(coordinator, admin_user, therapist, doctor, stranger):
    from forlop.conftest import make_user

    return {
        "coordinator": coordinator,
        "admin_user": admin_user,
        "therapist": therapist,
        "doctor": doctor,
        "second_doctor": make_user("lege2@example.no", is_doctor=True),
        "stranger": stranger,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(ACTIONS),
            st.sampled_from(ROLES),
            st.sampled_from(DoctorDecision.values),
            st.sampled_from(["Begrunnet vurdering.", "", "  "]),
            st.booleans(),  # act on a fresh copy, or on the copy loaded when the "page" opened
        ),
        max_size=8,
    )
)
def test_a_flagged_request_never_reaches_suggested_without_a_decision(flagged, make_therapist, people, steps):
    therapist = make_therapist()
    match_request = flagged()
    page_copy = MatchRequest.objects.get(pk=match_request.pk)
    for action, role, decision, reason, fresh in steps:
        target = MatchRequest.objects.get(pk=match_request.pk) if fresh else page_copy
        by = people[role]
        try:
            if action == "send":
                services.send_suggestion(match_request=target, therapist=therapist, by=by)
            elif action == "decide":
                decide(target, by, decision, reason)
            elif action == "ask":
                services.ask_question(match_request=target, question="Kan vi ringe?", by=by)
            else:
                services.close_request(match_request=target, reason="other", note="Test", by=by)
        except (services.AwaitingDoctor, services.RequestChanged, PermissionDenied, ValueError):
            pass
        row = MatchRequest.objects.get(pk=match_request.pk)
        assert not (row.status == Status.SUGGESTED and row.doctor_decided_at is None)
    kinds = list(match_request.events.values_list("kind", "actor__is_doctor"))
    sent_at = [n for n, (kind, _) in enumerate(kinds) if kind == Kind.SUGGESTION_SENT]
    decided_at = [
        n for n, (kind, by_doctor) in enumerate(kinds) if kind == Kind.DOCTOR_DECISION and by_doctor
    ]
    assert len(decided_at) <= 1
    if sent_at:
        assert decided_at and decided_at[0] < sent_at[0]
