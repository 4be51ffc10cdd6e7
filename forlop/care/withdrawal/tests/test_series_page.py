"""The series page: the team reads it (chart and table), other staff get the 403 with the emergency-access
offer, an emergency access reads it and says so in the log, and every GET writes one access row about the
person."""

import re
from datetime import timedelta

import pytest

from forlop.audit.models import AccessLog, Action
from forlop.care import services as care_services
from forlop.care.scales import ScaleKind
from forlop.care.withdrawal import services
from forlop.care.withdrawal.models import ScaleEntry

from .conftest import TAKEN, form_data, new_url, series_url


def enter(world, instrument, answers, taken_at=TAKEN, threshold_met=True):
    return services.record_entry(
        course=world.course,
        by=world.users["team_doctor"],
        instrument=instrument,
        answers=answers,
        taken_at=taken_at,
        threshold_met=threshold_met,
    )


def reads_about_nora(world):
    return AccessLog.objects.filter(action=Action.VIEW, person=world.nora)


@pytest.mark.parametrize("persona", ["team_therapist", "team_doctor", "coordinator"])
def test_the_team_reads_the_series_with_a_chart_and_a_table(world, persona):
    enter(world, "ciwa_ar", [2] * 9 + [0], taken_at=TAKEN - timedelta(hours=4))
    enter(world, "ciwa_ar", [1] * 9 + [0])
    response = world.client_for(persona).get(series_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="chart"') == 1 and 'role="img"' in html
    assert "<caption" in html and '<th scope="col">' in html and '<th scope="row">' in html
    # The band is named in words beside its colour, and the threshold rule is on the page.
    assert '<span class="band-tag band-tag--danger">Alvorlige abstinenser</span>' in html
    assert '<span class="band-tag band-tag--warn">Moderate abstinenser</span>' in html
    assert "CIWA-Ar-sum 15 eller mer" in html
    start = html.index('<svg class="chart"')
    assert "<script" not in html[start : html.index("</table>", start)]  # the chart needs no JavaScript


def test_the_table_lists_the_newest_first_and_the_chart_oldest_first(world):
    enter(world, "cows", [0] * 11, taken_at=TAKEN - timedelta(hours=2))
    enter(world, "cows", [4, 4, 5, 5, 4, 4, 0, 0, 0, 0, 0])
    html = world.client_for("team_therapist").get(series_url(world)).content.decode()
    table = html[html.index("<tbody>") :]
    assert table.index(">26<") < table.index(">0<")
    chart = html[html.index('<svg class="chart"') :]
    assert chart.index(": 0 (") < chart.index(": 26 (")


def test_only_the_team_sees_the_buttons_for_new_entries(world):
    assert "Ny CIWA-Ar-skåring" in world.client_for("team_therapist").get(series_url(world)).content.decode()
    assert "Ny CIWA-Ar-skåring" not in world.client_for("coordinator").get(series_url(world)).content.decode()


def test_an_empty_series_says_so(world):
    html = world.client_for("team_therapist").get(series_url(world)).content.decode()
    assert "Ingen abstinensskårer er registrert i dette forløpet ennå." in html


@pytest.mark.parametrize("persona", ["other_therapist", "other_doctor"])
def test_staff_outside_the_team_get_403_with_the_emergency_offer_and_no_scores(world, persona):
    enter(world, "ciwa_ar", [7] * 9 + [4])
    response = world.client_for(persona).get(series_url(world))
    assert response.status_code == 403
    html = response.content.decode()
    # The total as a number of its own (a random CSP nonce may contain the digits "67").
    assert "Nora" not in html and not re.search(r"(?<![\w-])67(?![\w-])", html)
    assert "akuttilgang" in html.lower()


@pytest.mark.parametrize("persona", ["the_person", "another_client", "anonymous"])
def test_clients_and_the_anonymous_never_see_the_staff_page(world, persona):
    response = world.client_for(persona).get(series_url(world))
    assert response.status_code in {302, 403, 404}
    assert "CIWA" not in response.content.decode()


def test_an_emergency_access_reads_the_series_and_the_log_says_why(world):
    enter(world, "ciwa_ar", [2] * 9 + [0])
    anne = world.users["other_therapist"]
    care_services.declare_emergency_access(
        course=world.course, by=anne, reason="Personen er innlagt akutt i natt."
    )
    response = world.client_for("other_therapist").get(series_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Du leser dette forløpet med akuttilgang." in html
    assert "Ny CIWA-Ar-skåring" not in html and "Merk som feil" not in html
    row = reads_about_nora(world).get(user=anne)
    assert row.why.startswith("Akuttilgang: Personen er innlagt akutt i natt.")


def test_every_get_writes_one_access_row_with_the_person_as_subject(world):
    enter(world, "ciwa_ar", [2] * 9 + [0])
    client = world.client_for("team_therapist")
    before = reads_about_nora(world).count()
    client.get(series_url(world))
    client.get(series_url(world))
    rows = list(reads_about_nora(world).order_by("pk"))[before:]
    assert len(rows) == 2
    assert all(
        r.user == world.users["team_therapist"] and r.why == "Behandling: abstinensskårer" for r in rows
    )


def test_a_pawss_that_does_not_apply_is_listed_but_not_drawn(world):
    enter(world, "pawss", None, threshold_met=False)
    html = world.client_for("team_therapist").get(series_url(world)).content.decode()
    assert "Ikke aktuelt: ingen alkohol de siste 30 dagene" in html
    assert "Ingen gyldige PAWSS-skåringer å vise i grafen." in html


def test_the_series_page_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for hours in range(12):
        enter(world, "ciwa_ar", [hours % 7] * 9 + [0], taken_at=TAKEN - timedelta(hours=hours))
    client = world.client_for("team_therapist")
    client.get(series_url(world))
    with django_assert_max_num_queries(20) as few:
        client.get(series_url(world))
    enter(world, "cows", [0] * 11)
    for hours in range(12, 30):
        enter(world, "ciwa_ar", [1] * 9 + [0], taken_at=TAKEN - timedelta(hours=hours))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(series_url(world))


def test_the_page_says_what_the_doctor_is_told_about(world):
    enter(world, "cows", [4, 4, 5, 5, 4, 2, 1, 0, 0, 0, 0])
    html = world.client_for("team_therapist").get(series_url(world)).content.decode()
    assert "COWS 25 · Haster" in html and "(grense 25): moderat alvorlige abstinenser." in html


def test_a_closed_course_takes_no_new_entries(world):
    care_services.change_phase(
        course=world.course, to="avsluttet", by=world.users["coordinator"], closing_summary="Flyttet."
    )
    client = world.client_for("team_therapist")
    assert "Ny CIWA-Ar-skåring" not in client.get(series_url(world)).content.decode()
    response = client.post(new_url(world, "ciwa_ar"), form_data(ScaleKind.CIWA_AR, [0] * 10))
    assert response.status_code == 302
    with pytest.raises(services.EntryRejected, match="avsluttet"):
        enter(world, "ciwa_ar", [0] * 10)
    assert not ScaleEntry.objects.exists()
