"""The course's staff pages: starting a course from a match request or a first talk, the overview, and the phase
and team forms."""

import re

import pytest
from django.urls import reverse

from forlop.audit.models import AccessLog, Action
from forlop.care.models import Course, Phase, TeamRole

from .conftest import NAME, OTHER_NAME


def start_url(world, source: str) -> str:
    pk = world.match_request.pk if source == "foresporsel" else world.booking.pk
    return f"{reverse('care:start')}?{source}={pk}"


def start_form(world, **overrides) -> dict:
    users = world.users
    data = {
        "substances": ["alkohol", "cannabis"],
        "therapist": str(users["team_therapist"].pk),
        "doctor": str(users["team_doctor"].pk),
        "coordinator": str(users["coordinator"].pk),
        "checked": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- starting a course ---


@pytest.mark.parametrize("source", ["foresporsel", "time"])
@pytest.mark.parametrize("persona", ["coordinator", "team_therapist", "admin"])
def test_the_coordinator_and_the_person_s_therapist_may_start_a_course(people, source, persona):
    response = people.client_for(persona).get(start_url(people, source))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Start behandlingsforløp for {NAME}" in body
    # What she told us in the request is shown to be checked with her, from either starting point.
    assert "Høyt blodtrykk" in body
    assert AccessLog.objects.filter(person=people.nora, user=people.users[persona]).exists()


@pytest.mark.parametrize("source", ["foresporsel", "time"])
@pytest.mark.parametrize("persona", ["other_therapist", "team_doctor"])
def test_a_therapist_or_doctor_without_the_request_or_the_talk_cannot_start_one(people, source, persona):
    response = people.client_for(persona).get(start_url(people, source))
    assert response.status_code == 403
    assert NAME not in response.content.decode()
    assert not AccessLog.objects.filter(person=people.nora, user=people.users[persona]).exists()
    response = people.client_for(persona).post(start_url(people, source), start_form(people))
    assert response.status_code == 403
    assert not Course.objects.exists()


@pytest.mark.parametrize("query", ["", "?foresporsel=abc", "?foresporsel=99999", "?time=99999"])
def test_a_start_page_without_a_known_source_is_not_found(people, query):
    response = people.client_for("coordinator").get(reverse("care:start") + query)
    assert response.status_code == 404


def test_starting_from_a_request_carries_over_what_the_person_told_us(people):
    response = people.client_for("coordinator").post(start_url(people, "foresporsel"), start_form(people))
    course = Course.objects.get(person=people.nora)
    assert response.status_code == 302
    assert response["Location"] == reverse("care:course", kwargs={"course_pk": course.pk})
    assert course.match_request == people.match_request and course.booking is None
    assert course.substances == ["alkohol", "cannabis"]
    assert course.carried_over["request_id"] == people.match_request.pk
    assert course.carried_over["answers"]["physical_health"] == "Høyt blodtrykk"
    assert {m.role: m.user for m in course.team.all()} == {
        TeamRole.THERAPIST: people.users["team_therapist"],
        TeamRole.DOCTOR: people.users["team_doctor"],
        TeamRole.COORDINATOR: people.users["coordinator"],
    }


def test_starting_from_a_first_talk_keeps_the_talk_and_finds_her_request(people):
    tor = people.users["team_therapist"]
    response = people.client_for("team_therapist").post(
        start_url(people, "time"), start_form(people, therapist=str(tor.pk), doctor="", coordinator="")
    )
    assert response.status_code == 302
    course = Course.objects.get(person=people.nora)
    assert course.booking == people.booking and course.match_request == people.match_request
    assert course.started_by == tor
    assert [m.role for m in course.team.all()] == [TeamRole.THERAPIST]
    assert course.carried_over["answers"]["physical_health"] == "Høyt blodtrykk"


def test_the_form_suggests_the_therapist_it_starts_from(people):
    response = people.client_for("coordinator").get(start_url(people, "time"))
    form = response.context["form"]
    assert form.initial["therapist"] == people.users["team_therapist"].pk
    assert form.initial["coordinator"] == people.users["coordinator"].pk
    assert form.initial["substances"] == ["alkohol"]


def test_the_checked_with_the_person_box_is_required_and_what_was_typed_is_kept(people):
    response = people.client_for("coordinator").post(
        start_url(people, "foresporsel"), start_form(people, checked=None)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bekreft at du har sjekket opplysningene med personen." in body
    checked = set(re.findall(r'<input type="checkbox" name="substances" value="(\w+)"[^>]*\schecked', body))
    assert checked == {"alkohol", "cannabis"}
    tor = people.users["team_therapist"].pk
    assert re.search(rf'<option value="{tor}" selected>', body)
    assert not Course.objects.exists()


def test_a_refused_team_member_is_said_in_words_and_nothing_starts(people):
    # The form offers only staff with a fitting role; a made-up choice is refused by the form.
    response = people.client_for("coordinator").post(
        start_url(people, "foresporsel"), start_form(people, doctor=str(people.users["other_therapist"].pk))
    )
    assert response.status_code == 400
    assert not Course.objects.exists()
    assert response.context["form"].errors["doctor"]


def test_a_person_with_an_open_course_gets_no_second_one(world):
    tor = world.users["team_therapist"]
    response = world.client_for("team_therapist").get(start_url(world, "foresporsel"))
    body = response.content.decode()
    assert "Personen har allerede et åpent forløp" in body
    assert reverse("care:course", kwargs={"course_pk": world.course.pk}) in body  # Tor is on its team
    response = world.client_for("team_therapist").post(
        start_url(world, "foresporsel"), start_form(world, therapist=str(tor.pk))
    )
    assert Course.objects.filter(person=world.nora).count() == 1


def test_the_link_to_the_open_course_is_only_for_its_team(world):
    # Admin may start courses but is not on Nora's team: told there is one, not given the way in.
    response = world.client_for("admin").get(start_url(world, "foresporsel"))
    body = response.content.decode()
    assert "Personen har allerede et åpent forløp" in body
    assert reverse("care:course", kwargs={"course_pk": world.course.pk}) not in body


# --- overview ---


def test_the_overview_shows_the_team_phase_and_history_and_is_logged(world):
    response = world.client_for("team_doctor").get(
        reverse("care:course", kwargs={"course_pk": world.course.pk})
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Forløp #{world.course.pk}: {NAME}" in body
    assert "Tor Haugen" in body and "Ansvarlig terapeut" in body
    assert "Kartlegging" in body
    assert OTHER_NAME not in body
    [row] = AccessLog.objects.filter(user=world.users["team_doctor"], action=Action.VIEW)
    assert row.person == world.nora and row.why == "Behandling: forløpsoversikt"


@pytest.mark.parametrize("persona", ["team_therapist", "team_doctor", "coordinator"])
def test_the_team_gets_the_phase_and_team_forms(world, persona):
    response = world.client_for(persona).get(reverse("care:course", kwargs={"course_pk": world.course.pk}))
    body = response.content.decode()
    assert reverse("care:phase", kwargs={"course_pk": world.course.pk}) in body
    assert reverse("care:team", kwargs={"course_pk": world.course.pk}) in body


def test_a_closed_course_offers_no_phase_or_team_change(world):
    world.client_for("team_therapist").post(
        reverse("care:phase", kwargs={"course_pk": world.course.pk}),
        {"to": Phase.AVSLUTTET, "closing_summary": "Ferdig, avtalt kontroll hos fastlege."},
    )
    response = world.client_for("team_therapist").get(
        reverse("care:course", kwargs={"course_pk": world.course.pk})
    )
    body = response.content.decode()
    assert "Ferdig, avtalt kontroll hos fastlege." in body
    assert reverse("care:phase", kwargs={"course_pk": world.course.pk}) not in body
    assert reverse("care:team", kwargs={"course_pk": world.course.pk}) not in body


# --- phase form ---


def test_the_phase_form_moves_the_course_on(world):
    url = reverse("care:phase", kwargs={"course_pk": world.course.pk})
    client = world.client_for("team_therapist")
    response = client.post(url, {"to": Phase.BEHANDLING, "note": "Ingen abstinenser"})
    assert response.status_code == 302
    world.course.refresh_from_db()
    assert world.course.phase == Phase.BEHANDLING
    assert world.course.phase_changes.last().note == "Ingen abstinenser"
    page = client.get(response["Location"]).content.decode()
    assert "Fasen er endret til «Behandling»." in page
    assert "Ingen abstinenser" in page


def test_closing_without_a_summary_is_refused_and_keeps_the_note(world):
    url = reverse("care:phase", kwargs={"course_pk": world.course.pk})
    response = world.client_for("team_therapist").post(url, {"to": Phase.AVSLUTTET, "note": "Flytter"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv en avslutningsoppsummering før du avslutter forløpet." in body
    assert "Flytter" in body
    world.course.refresh_from_db()
    assert world.course.is_open


def test_a_phase_the_table_does_not_allow_is_refused_on_the_form(world):
    url = reverse("care:phase", kwargs={"course_pk": world.course.pk})
    response = world.client_for("team_therapist").post(url, {"to": Phase.OPPFOLGING})
    assert response.status_code == 400
    world.course.refresh_from_db()
    assert world.course.phase == Phase.KARTLEGGING


def test_a_phase_change_made_from_a_page_that_is_out_of_date_is_refused(world):
    # Tor and Lise both have the overview open in kartlegging. Lise moves the course to behandling; Tor then
    # sends "avrusning", meant as kartlegging → avrusning. From behandling avrusning is allowed too, so
    # without the phase his page showed, his click would silently undo hers.
    url = reverse("care:phase", kwargs={"course_pk": world.course.pk})
    tor, lise = world.client_for("team_therapist"), world.client_for("team_doctor")
    page = tor.get(reverse("care:course", kwargs={"course_pk": world.course.pk})).content.decode()
    assert 'name="seen" value="kartlegging"' in page
    assert lise.post(url, {"to": Phase.BEHANDLING, "seen": Phase.KARTLEGGING}).status_code == 302
    response = tor.post(url, {"to": Phase.AVRUSNING, "seen": Phase.KARTLEGGING})
    assert response.status_code == 400
    assert "Noen andre endret fasen akkurat nå. Last siden på nytt." in response.content.decode()
    world.course.refresh_from_db()
    assert world.course.phase == Phase.BEHANDLING
    assert [c.to_phase for c in world.course.phase_changes.all()] == ["kartlegging", "behandling"]


# --- team form ---


def test_the_team_form_replaces_the_doctor(world):
    per = world.users["other_doctor"]
    url = reverse("care:team", kwargs={"course_pk": world.course.pk})
    response = world.client_for("coordinator").post(url, {"role": TeamRole.DOCTOR, "user": str(per.pk)})
    assert response.status_code == 302
    assert Course.objects.get(pk=world.course.pk).member(TeamRole.DOCTOR).user == per


def test_a_coordinator_as_responsible_therapist_is_refused_in_words(world):
    kari = world.users["coordinator"]
    url = reverse("care:team", kwargs={"course_pk": world.course.pk})
    response = world.client_for("coordinator").post(url, {"role": TeamRole.THERAPIST, "user": str(kari.pk)})
    assert response.status_code == 400
    assert "har ikke rollen som trengs for «Ansvarlig terapeut»" in response.content.decode()
    assert (
        Course.objects.get(pk=world.course.pk).member(TeamRole.THERAPIST).user
        == world.users["team_therapist"]
    )


@pytest.mark.parametrize("persona", ["other_therapist", "other_doctor", "admin"])
def test_staff_outside_the_team_cannot_post_changes(world, persona):
    course_pk = world.course.pk
    client = world.client_for(persona)
    phase = client.post(reverse("care:phase", kwargs={"course_pk": course_pk}), {"to": Phase.BEHANDLING})
    team = client.post(
        reverse("care:team", kwargs={"course_pk": course_pk}),
        {"role": TeamRole.DOCTOR, "user": str(world.users[persona].pk)},
    )
    assert (phase.status_code, team.status_code) == (403, 403)
    assert NAME not in phase.content.decode() + team.content.decode()
    course = Course.objects.get(pk=course_pk)
    assert course.phase == Phase.KARTLEGGING
    assert course.member(TeamRole.DOCTOR).user == world.users["team_doctor"]
