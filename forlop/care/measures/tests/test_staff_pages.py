"""The team's page inside the course: the results, what is due, the flags, and entering a paper form. Only the
team sees it; only the therapist and doctor on the team enter forms; every read is logged about the person."""

from datetime import date, timedelta

import pytest

from forlop.audit.models import AccessLog, Action
from forlop.care.measures.models import Context, EnteredVia, Measurement

from .conftest import NOW, answer, form_data, staff_new_url, staff_url


@pytest.mark.parametrize("persona", ["team_therapist", "team_doctor", "coordinator"])
def test_the_team_sees_the_results_with_a_chart_and_a_table(world, persona):
    answer(world, "phq9", [1, 1, 1, 1, 1, 0, 0, 0, 0])
    response = world.client_for(persona).get(staff_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="chart"') == 1 and "<caption" in html and "5 av 27" in html
    assert "fylt ut på Min side" in html


@pytest.mark.parametrize("persona", ["other_therapist", "other_doctor", "admin"])
def test_staff_outside_the_team_get_the_403_with_the_emergency_offer(world, persona):
    assert world.client_for(persona).get(staff_url(world)).status_code == 403


@pytest.mark.parametrize("persona", ["the_person", "another_client"])
def test_clients_never_see_the_staff_page(world, persona):
    assert world.client_for(persona).get(staff_url(world)).status_code in (302, 403)


def test_reading_the_staff_page_is_logged_about_the_person(world):
    measurement = answer(world, "gad7", [0] * 7)
    world.client_for("team_therapist").get(staff_url(world))
    rows = AccessLog.objects.filter(action=Action.VIEW, person=world.nora, user=world.users["team_therapist"])
    assert rows.filter(object_id=str(measurement.pk)).exists()
    assert rows.filter(object_id=str(world.course.pk)).exists()


def test_the_therapist_enters_a_paper_form(world):
    client = world.client_for("team_therapist")
    assert client.get(staff_new_url(world, "gad7")).status_code == 200
    data = form_data([2, 2, 2, 2, 2, 0, 0], occasion="start", taken_on="2026-03-01")
    response = client.post(staff_new_url(world, "gad7"), data)
    assert response.status_code == 302
    m = Measurement.objects.get(course=world.course, instrument="gad7")
    assert (m.total, m.band, m.context, m.entered_via) == (10, "moderate", Context.START, EnteredVia.STAFF)
    assert m.entered_by == world.users["team_therapist"]
    assert m.taken_at.date() == date(2026, 3, 1)
    assert AccessLog.objects.filter(action=Action.CREATE, object_id=str(m.pk), person=world.nora).exists()
    assert "fra papirskjema, registrert av Tor Haugen" in client.get(staff_url(world)).content.decode()


def test_a_paper_phq9_with_item_9_above_0_warns_the_clinician_and_flags_the_team(world):
    client = world.client_for("team_doctor")
    data = form_data([0, 0, 0, 0, 0, 0, 0, 0, 1], occasion="extra", taken_on="2026-03-02")
    response = client.post(staff_new_url(world, "phq9"), data, follow=True)
    html = response.content.decode()
    assert "PHQ-9 spørsmål 9 er besvart over 0" in html
    assert "PHQ-9 spørsmål 9 besvart over 0" in html  # the flag on the page
    assert "Spørsmål 9 over 0" in html  # and in the table


def test_bad_input_on_the_paper_form_keeps_the_answers(world):
    client = world.client_for("team_therapist")
    data = form_data(
        [3, None, 0, 0, 0, 0, 0], occasion="", taken_on=(NOW + timedelta(days=2)).date().isoformat()
    )
    response = client.post(staff_new_url(world, "gad7"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Velg anledningen skjemaet hører til." in html
    assert "Svar på spørsmål 2 før du sender skjemaet." in html
    assert "Datoen kan ikke være frem i tid." in html
    assert 'value="3" id="id_q1_3" checked' in html.replace('checked=""', "checked")
    assert not Measurement.objects.exists()


def test_the_same_occasion_cannot_be_answered_twice(world):
    answer(world, "gad7", [0] * 7)  # the person answered at the start
    client = world.client_for("team_therapist")
    response = client.post(
        staff_new_url(world, "gad7"), form_data([1] * 7, occasion="start", taken_on="2026-03-02")
    )
    assert response.status_code == 400
    assert "GAD-7 er allerede fylt ut for denne anledningen." in response.content.decode()
    assert Measurement.objects.filter(instrument="gad7").count() == 1


@pytest.mark.parametrize("persona", ["coordinator", "other_therapist"])
def test_only_the_therapist_and_doctor_on_the_team_enter_forms(world, persona):
    client = world.client_for(persona)
    response = client.post(
        staff_new_url(world, "gad7"), form_data([0] * 7, occasion="start", taken_on="2026-03-02")
    )
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_the_staff_page_offers_the_paper_forms_only_to_those_who_may_enter_them(world):
    assert (
        staff_new_url(world, "phq9")
        in world.client_for("team_therapist").get(staff_url(world)).content.decode()
    )
    assert (
        staff_new_url(world, "phq9")
        not in world.client_for("coordinator").get(staff_url(world)).content.decode()
    )
