"""Min side: the person sees what to fill in, answers item by item, gets the answer (with the crisis numbers at
once when PHQ-9 item 9 is above 0), and sees the results over time. Only the person sees them."""

from datetime import timedelta

import pytest

from forlop.audit.models import AccessLog, Action
from forlop.care.measures.models import Context, EnteredVia, Measurement

from .conftest import NOW, answer, fill_url, form_data, mine_url

PHQ9_MILD = [1, 1, 1, 1, 1, 0, 0, 0, 0]


def test_the_person_sees_the_forms_to_fill_in_for_an_alcohol_course(world, nora):
    response = nora.get(mine_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skjema å fylle ut" in html
    for instrument in ("audit", "phq9", "gad7"):
        assert fill_url(instrument) in html
    assert fill_url("dudit") not in html


def test_the_hub_links_to_the_forms(world, nora):
    response = nora.get("/min-side/forlop/")
    assert mine_url() in response.content.decode()


def test_the_form_asks_item_by_item_with_radio_buttons(world, nora):
    response = nora.get(fill_url("phq9"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 9 and html.count('type="radio"') == 9 * 4
    assert "Spørsmål 9 av 9" in html and "<legend>" in html
    assert 'role="alert"' not in html  # nothing to warn about before anything is answered


def test_a_complete_phq9_is_stored_scored_by_the_server_and_logged(world, nora):
    response = nora.post(fill_url("phq9"), form_data(PHQ9_MILD, total="0"))
    measurement = Measurement.objects.get(course=world.course, instrument="phq9")
    assert response.status_code == 302 and response["Location"].endswith(f"/svar/{measurement.pk}/")
    assert (measurement.total, measurement.band, measurement.safety_flag) == (5, "mild", False)
    assert (measurement.context, measurement.entered_via) == (Context.START, EnteredVia.PERSON)
    assert AccessLog.objects.filter(
        action=Action.CREATE, person=world.nora, object_id=str(measurement.pk)
    ).exists()
    page = nora.get(response["Location"]).content.decode()
    assert "sum 5 av 27" in page and "milde plager" in page
    assert 'class="crisis-alert"' not in page
    # It is no longer due; the others still are.
    html = nora.get(mine_url()).content.decode()
    assert fill_url("phq9") not in html and fill_url("gad7") in html


ITEM9_CASES = [
    ([0, 0, 0, 0, 0, 0, 0, 0, 1], True),
    ([0, 0, 0, 0, 0, 0, 0, 0, 3], True),
    ([3, 3, 3, 3, 3, 3, 3, 3, 0], False),
    ([0, 0, 0, 0, 0, 0, 0, 0, 0], False),
]


@pytest.mark.parametrize(("answers", "danger"), ITEM9_CASES)
def test_item_9_above_0_shows_the_crisis_numbers_at_once_whatever_the_total(world, nora, answers, danger):
    response = nora.post(fill_url("phq9"), form_data(answers), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert ('class="crisis-alert" role="alert"' in html) is danger
    assert ('href="tel:113"' in html) is danger
    assert Measurement.objects.get(course=world.course, instrument="phq9").safety_flag is danger


def test_item_9_above_0_shows_the_crisis_numbers_even_when_another_answer_is_missing(world, nora):
    response = nora.post(fill_url("phq9"), form_data([None, 0, 0, 0, 0, 0, 0, 0, 2]))
    assert response.status_code == 400
    assert 'class="crisis-alert" role="alert"' in response.content.decode()


def test_a_missing_answer_keeps_the_other_answers_and_says_so_in_norwegian(world, nora):
    response = nora.post(fill_url("gad7"), form_data([1, 2, None, 0, 0, 0, 0]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Svar på spørsmål 3 før du sender skjemaet." in html
    assert 'name="q2" value="2"' in html and 'value="2" id="id_q2_2" checked' in html.replace(
        'checked=""', "checked"
    )
    assert not Measurement.objects.filter(course=world.course).exists()


@pytest.mark.parametrize("bad", ["4", "-1", "x", "1.0"])
def test_an_answer_out_of_range_is_refused_never_clamped(world, nora, bad):
    data = form_data([0] * 7)
    data["q5"] = bad
    response = nora.post(fill_url("gad7"), data)
    assert response.status_code == 400
    assert "Svaret på spørsmål 5 er ikke et av alternativene" in response.content.decode()
    assert not Measurement.objects.filter(course=world.course).exists()


def test_audit_asks_for_sex_to_pick_the_cut_off(world, nora):
    response = nora.post(fill_url("audit"), form_data([2, 2, 2, 0, 0, 0, 0, 0, 0, 0]))
    assert response.status_code == 400 and "Velg kjønn" in response.content.decode()
    response = nora.post(fill_url("audit"), form_data([2, 2, 2, 0, 0, 0, 0, 0, 0, 0], sex="female"))
    assert response.status_code == 302
    assert Measurement.objects.get(instrument="audit").band == "zone_2"


def test_a_form_that_is_not_due_is_not_offered(world, nora):
    answer(world, "phq9", [0] * 9)
    response = nora.get(fill_url("phq9"))
    assert response.status_code == 302 and response["Location"].endswith(mine_url())
    assert nora.get(fill_url("dudit")).status_code == 302  # an alcohol course has no DUDIT
    assert nora.get(fill_url("nope")).status_code == 404


def test_the_results_over_time_show_a_chart_a_table_and_what_the_change_means(world, nora):
    answer(world, "phq9", [2, 2, 2, 2, 2, 2, 0, 0, 0], at=NOW - timedelta(days=20))  # 12, moderate
    answer(world, "phq9", [1, 1, 1, 1, 1, 1, 1, 0, 0], by="team_therapist", occasion="extra")  # 7, mild
    html = nora.get(mine_url()).content.decode()
    assert html.count('<svg class="chart"') == 1 and "<caption" in html
    assert "PHQ-9-summen har gått ned fra 12 til 7 siden forrige gang." in html
    assert "«milde plager», en lavere gruppe enn sist («moderate plager»)" in html
    assert "12 av 27" in html and "7 av 27" in html


def test_the_selftest_from_the_request_is_the_first_point(world, nora):
    world.course.carried_over = {
        **world.course.carried_over,
        "selftest": {"instrument": "audit", "name": "AUDIT", "total": 19, "max": 40, "zone": "Sone III"},
    }
    world.course.save(update_fields=["carried_over"])
    html = nora.get(mine_url()).content.decode()
    assert "Selvtest i forespørselen" in html and "19 av 40" in html and "Sone III" in html


@pytest.mark.parametrize("persona", ["team_therapist", "coordinator", "admin"])
def test_staff_never_use_the_persons_pages(world, persona):
    response = world.client_for(persona).get(mine_url())
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_login(world):
    response = world.client_for("anonymous").get(mine_url())
    assert response.status_code == 302
    assert mine_url() in response["Location"]  # back here after logging in


def test_another_person_never_sees_noras_answers(world, nora):
    measurement = answer(world, "phq9", PHQ9_MILD)
    ola = world.client_for("another_client")
    assert ola.get(f"/min-side/forlop/skjemaer/svar/{measurement.pk}/").status_code == 404
    html = ola.get(mine_url()).content.decode()
    assert "sum 5" not in html and "5 av 27" not in html
    assert nora.get(f"/min-side/forlop/skjemaer/svar/{measurement.pk}/").status_code == 200


def test_reading_the_results_is_logged_as_the_persons_own(world, nora):
    measurement = answer(world, "phq9", PHQ9_MILD)
    before = AccessLog.objects.filter(action=Action.VIEW, person=world.nora).count()
    nora.get(mine_url())
    rows = AccessLog.objects.filter(action=Action.VIEW, person=world.nora)
    assert rows.count() > before
    assert rows.filter(object_id=str(measurement.pk)).exists()


def test_a_person_without_an_open_course_gets_a_kind_page(people):
    client = people.client_for("the_person")
    response = client.get(mine_url())
    assert response.status_code == 200
    assert "ingen skjemaer å fylle ut" in response.content.decode()
