"""The staff page (team only; others 403 with the emergency offer; emergency access reads but never writes;
forms keep what was typed) and the person's "Mitt forløp" on Min side (only the person)."""

from datetime import date, datetime

import pytest
import time_machine
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.care import services as care
from forlop.care.plan import services
from forlop.care.plan.models import Evaluation, PlanRevision, TreatmentPlan
from forlop.care.plan.services import Measure
from forlop.lib.timezones import OSLO

pytestmark = pytest.mark.django_db

GOALS = ["Jeg vil klare meg uten alkohol på hverdager", "Være med på fotballtreningen til sønnen min"]


def url(course, name="care_plan:plan"):
    return reverse(name, kwargs={"course_pk": course.pk})


def plan_data(**overrides):
    data = {
        "goals": "\n".join(GOALS),
        "interval_weeks": "6",
        "note": "",
        "based_on": "",
        "tiltak-TOTAL_FORMS": "2",
        "tiltak-INITIAL_FORMS": "0",
        "tiltak-MIN_NUM_FORMS": "0",
        "tiltak-MAX_NUM_FORMS": "30",
        "tiltak-0-what": "Samtale om sug",
        "tiltak-0-who": "Terapeut og Nora",
        "tiltak-0-how_often": "Hver uke",
    }
    return data | overrides


def test_it_shows_the_team_the_plan_with_the_next_evaluation(client, course, therapist):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=OSLO), tick=False):
        services.create_plan(
            course=course,
            by=therapist,
            goals=GOALS,
            measures=[Measure("Samtale om sug", "Terapeut", "Hver uke")],
        )
    with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=OSLO), tick=False):
        response = login_verified(client, therapist).get(url(course))
    assert response.status_code == 200
    html = response.content.decode()
    assert GOALS[0] in html and "Samtale om sug" in html
    assert "Neste evaluering: 27. april 2026" in html
    assert "Evalueringen er forfalt" not in html
    assert AccessLog.objects.filter(
        person=course.person, user=therapist, why__contains="behandlingsplan"
    ).exists()


def test_it_flags_an_overdue_evaluation_on_the_page(client, course, therapist):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=OSLO), tick=False):
        services.create_plan(course=course, by=therapist, goals=GOALS, interval_weeks=1)
    with time_machine.travel(datetime(2026, 3, 12, 10, 0, tzinfo=OSLO), tick=False):
        response = login_verified(client, therapist).get(url(course))
    html = response.content.decode()
    assert "Evalueringen er forfalt." in html
    assert "for 3 dager siden" in html


def test_it_lets_the_coordinator_read_but_not_edit(client, course, coordinator, therapist):
    services.create_plan(course=course, by=therapist, goals=GOALS)
    login_verified(client, coordinator)
    response = client.get(url(course))
    assert response.status_code == 200
    assert "Lagre planen" not in response.content.decode()
    assert client.post(url(course, "care_plan:edit"), plan_data()).status_code == 403


def test_it_refuses_a_therapist_not_on_the_team_with_the_emergency_offer(client, course, other_therapist):
    response = login_verified(client, other_therapist).get(url(course))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Be om akuttilgang" in html
    assert course.person.name not in html


def test_it_sends_anonymous_visitors_to_the_login(client, course):
    response = client.get(url(course))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_it_lets_emergency_access_read_but_never_write(client, course, other_therapist, therapist):
    services.create_plan(course=course, by=therapist, goals=GOALS)
    care.declare_emergency_access(course=course, by=other_therapist, reason="Personen ringte i krise i natt")
    login_verified(client, other_therapist)
    response = client.get(url(course))
    assert response.status_code == 200
    html = response.content.decode()
    assert GOALS[0] in html and "akuttilgang" in html
    assert "Lagre planen" not in html and "Registrer evalueringen" not in html
    assert AccessLog.objects.filter(
        user=other_therapist, why__startswith="Akuttilgang:", why__contains="behandlingsplan"
    ).exists()
    assert client.post(url(course, "care_plan:edit"), plan_data()).status_code == 403
    assert PlanRevision.objects.count() == 1


def test_it_creates_and_then_revises_the_plan_from_the_form(client, course, therapist):
    login_verified(client, therapist)
    response = client.post(url(course, "care_plan:edit"), plan_data())
    assert response.status_code == 302
    plan = TreatmentPlan.objects.get(course=course)
    assert services.current_revision(plan).goals == GOALS
    assert services.current_revision(plan).interval_weeks == 6
    response = client.post(
        url(course, "care_plan:edit"), plan_data(goals="Sove bedre", based_on="1", note="Nytt mål")
    )
    assert response.status_code == 302
    page = client.get(url(course)).content.decode()
    assert "Versjon 2" in page and "Nytt mål: «Sove bedre»" in page


def test_it_keeps_what_was_typed_when_the_plan_form_has_errors(client, course, therapist):
    login_verified(client, therapist)
    data = plan_data(interval_weeks="12", **{"tiltak-1-what": "Gå tur med hunden"})
    response = client.post(url(course, "care_plan:edit"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Høyst 8 uker mellom evalueringene." in html
    assert "Hvert tiltak trenger hva, hvem og hvor ofte." in html
    assert GOALS[1] in html and "Gå tur med hunden" in html and 'value="12"' in html
    assert not TreatmentPlan.objects.exists()


def test_it_records_an_evaluation_and_shows_the_next_date(client, course, therapist):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=OSLO), tick=False):
        plan = services.create_plan(course=course, by=therapist, goals=GOALS)
    login_verified(client, therapist)
    with time_machine.travel(datetime(2026, 4, 20, 10, 0, tzinfo=OSLO), tick=False):
        bad = client.post(url(course, "care_plan:evaluate"), {"summary": "Hun har hatt tre gode uker."})
        assert bad.status_code == 400
        assert "Velg om målene ble nådd." in bad.content.decode()
        assert "Hun har hatt tre gode uker." in bad.content.decode()
        good = client.post(
            url(course, "care_plan:evaluate"),
            {"summary": "Hun har hatt tre gode uker.", "goals_outcome": "partly", "goals_adjusted": "on"},
        )
        assert good.status_code == 302
    assert services.pending_evaluation(plan).due_on == date(2026, 6, 15)
    assert Evaluation.objects.filter(plan=plan, done_at__isnull=False).count() == 1


# --- Min side --------------------------------------------------------------------------------------------

MINE = "care_plan:mine"


def test_it_shows_the_person_their_course_in_plain_words(client, course, person, therapist, doctor):
    services.create_plan(
        course=course,
        by=therapist,
        goals=GOALS,
        measures=[Measure("Samtale om sug", "Terapeut og Nora", "Hver uke")],
    )
    login_verified(client, person.user)
    response = client.get(reverse(MINE))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kartlegging" in html and "Vi blir kjent" in html
    assert html.index(therapist.full_name) < html.index(doctor.full_name)  # the responsible therapist first
    assert GOALS[0] in html and "Samtale om sug" in html
    assert "Neste gang dere ser på planen sammen" in html
    assert 'aria-current="page">Mitt forløp' in html
    rows = AccessLog.objects.filter(person=person, user=person.user)
    assert rows.count() >= 2  # the course and the plan


def test_it_links_to_the_persons_approved_taper_plan_and_journal(client, course, person, doctor, monkeypatch):
    from types import SimpleNamespace

    from forlop.care.tapering import services as tapering
    from forlop.care.tapering.models import TaperPlan

    taper = TaperPlan.objects.create(
        course=course,
        kind=TaperPlan._meta.get_field("kind").choices[0][0],
        created_at=course.started_at,
        created_by=doctor,
    )
    approved = SimpleNamespace(approved_at=datetime(2026, 3, 5, 12, 0, tzinfo=OSLO))
    monkeypatch.setattr(tapering, "approved_plans_for", lambda p: [(taper, approved)] if p == person else [])
    html = login_verified(client, person.user).get(reverse(MINE)).content.decode()
    assert reverse("care_tapering:mine_plan", kwargs={"plan_pk": taper.pk}) in html
    assert "godkjent 5. mars 2026" in html
    assert reverse("care_journal:mine") in html
    assert AccessLog.objects.filter(person=person, user=person.user, object_id=str(taper.pk)).exists()


def test_it_tells_the_person_kindly_when_the_evaluation_is_late(client, course, person, therapist):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=OSLO), tick=False):
        services.create_plan(course=course, by=therapist, goals=GOALS, interval_weeks=1)
    with time_machine.travel(datetime(2026, 3, 12, 10, 0, tzinfo=OSLO), tick=False):
        html = login_verified(client, person.user).get(reverse(MINE)).content.decode()
    assert "Dere skulle sett på planen sammen igjen 9. mars 2026." in html
    assert "Neste gang dere ser på planen sammen" not in html


def test_it_tells_a_person_without_a_course_how_to_get_one(client, person):
    login_verified(client, person.user)
    response = client.get(reverse(MINE))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Du har ikke et behandlingsforløp hos oss nå." in html
    assert reverse("matching:match") in html
    assert AccessLog.objects.filter(person=person, user=person.user).exists()


def test_it_never_shows_one_person_another_persons_course(client, course, other_person, therapist):
    services.create_plan(course=course, by=therapist, goals=GOALS)
    login_verified(client, other_person.user)
    response = client.get(reverse(MINE))
    assert response.status_code == 200
    html = response.content.decode()
    assert GOALS[0] not in html and "Du har ikke et behandlingsforløp" in html
    assert not AccessLog.objects.filter(person=course.person, user=other_person.user).exists()


def test_it_refuses_staff_and_sends_anonymous_visitors_to_the_login(course, therapist, doctor, coordinator):
    for user in (therapist, doctor, coordinator):
        assert login_verified(Client(), user).get(reverse(MINE)).status_code == 403
    response = Client().get(reverse(MINE))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.CLIENT_LOGIN_URL))
