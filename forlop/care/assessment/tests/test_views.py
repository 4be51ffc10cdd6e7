"""The kartlegging page as the team, others and an emergency reader meet it."""

from django.urls import reverse

from forlop.audit.models import AccessLog, Action
from forlop.care import services as care_services
from forlop.care.assessment.models import Assessment, SettingDecision
from forlop.care.tests.conftest import NAME, OTHER_NAME
from forlop.care.views import carried_over
from forlop.matching.models import MatchRequest

from .conftest import decide_url, outpatient_post, page_url, save_url


def test_it_shows_the_page_to_the_team_and_logs_the_read_with_the_person(world, tor):
    response = tor.get(page_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert NAME in body and OTHER_NAME not in body
    assert "Forslag til behandlingsnivå" in body
    [row] = AccessLog.objects.filter(user=world.users["team_therapist"], action=Action.VIEW)
    assert row.person == world.nora and row.why == "Behandling: kartlegging"


def test_it_saves_a_kartlegging_and_suggests_outpatient_detox(world, tor):
    response = tor.post(save_url(world), outpatient_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment = Assessment.objects.get(course=world.course)
    [row] = assessment.substances.all()
    assert row.substance == "alkohol" and row.frequency == "daily" and str(row.units_per_day) == "6.0"
    body = tor.get(page_url(world)).content.decode()
    assert "Poliklinisk avrusning og oppfølging" in body
    assert "Jeg vil klare meg uten vin på hverdagene." in body


def test_it_refuses_a_therapist_outside_the_team_and_offers_emergency_access(world):
    client = world.client_for("other_therapist")
    response = client.get(page_url(world))
    assert response.status_code == 403
    assert NAME not in response.content.decode()
    assert client.post(save_url(world), outpatient_post()).status_code == 403
    assert not Assessment.objects.exists()


def test_the_coordinator_reads_it_without_forms(world, tor):
    tor.post(save_url(world), outpatient_post())
    response = world.client_for("coordinator").get(page_url(world))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Jeg vil klare meg uten vin på hverdagene." in body
    assert "Lagre kartleggingen" not in body and "Registrer avgjørelsen" not in body
    assert world.client_for("coordinator").post(save_url(world), outpatient_post()).status_code == 403


def test_an_emergency_reader_sees_it_read_only_and_the_read_says_why(world, tor):
    tor.post(save_url(world), outpatient_post())
    anne = world.users["other_therapist"]
    care_services.declare_emergency_access(
        course=world.course, by=anne, reason="Ringte legevakten om Nora nå"
    )
    client = world.client_for("other_therapist")
    response = client.get(page_url(world))
    body = response.content.decode()
    assert response.status_code == 200
    assert "akuttilgang" in body and "Jeg vil klare meg uten vin på hverdagene." in body
    assert "Lagre kartleggingen" not in body and "Registrer avgjørelsen" not in body
    rows = AccessLog.objects.filter(user=anne, action=Action.VIEW)
    assert rows and all(row.person == world.nora and row.why.startswith("Akuttilgang:") for row in rows)
    assert client.post(save_url(world), outpatient_post(own_goals="Endret")).status_code == 403
    assert client.post(decide_url(world), {"setting": "dogn", "reason": "x" * 30}).status_code == 403
    assert Assessment.objects.get().own_goals == "Jeg vil klare meg uten vin på hverdagene."


def test_every_get_logs_a_read_with_the_person_as_subject(world, tor):
    tor.get(page_url(world))
    tor.post(save_url(world), outpatient_post())
    before = AccessLog.objects.filter(action=Action.VIEW).count()
    tor.get(page_url(world))
    rows = AccessLog.objects.filter(action=Action.VIEW).order_by("pk")[before:]
    assert len(rows) >= 2  # the course and the kartlegging
    assert {row.person for row in rows} == {world.nora}


def test_bad_input_is_refused_in_norwegian_and_nothing_typed_is_lost(world, tor):
    response = tor.post(
        save_url(world),
        outpatient_post(
            age="førti",
            **{"rus-alkohol-units_per_day": "-2", "rus-cannabis-amount": "litt i helgene"},
            own_goals="Å sove bedre",
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv et helt tall." in body
    assert "Antallet kan ikke være negativt." in body
    assert "Kryss av for «Bruker cannabis», eller tøm feltene." in body
    assert (
        'value="førti"' in body
        and 'value="-2"' in body
        and "litt i helgene" in body
        and "Å sove bedre" in body
    )
    assert not Assessment.objects.exists()


def test_the_children_checklist_shows_who_ticked_what_and_what_is_left(world, tor):
    tor.post(
        save_url(world), outpatient_post(children_count="2", children_ages="4 og 11 år", children_needs="on")
    )
    body = tor.get(page_url(world)).content.decode()
    assert "Barn som pårørende (helsepersonelloven § 10 a)" in body
    assert "Oppgaver gjenstår." in body
    assert "Tor Haugen" in body and "Ikke gjort:" in body


def test_ticking_a_child_task_without_children_is_refused(world, tor):
    response = tor.post(save_url(world), outpatient_post(children_needs="on"))
    assert response.status_code == 400
    assert "Skriv hvor mange barn under 18 år personen har." in response.content.decode()


def test_the_team_records_a_decision_and_sees_the_history(world, tor):
    tor.post(save_url(world), outpatient_post())
    response = tor.post(decide_url(world), {"setting": "dogn", "reason": "Kort"})
    assert response.status_code == 400
    assert "avviker fra forslaget" in response.content.decode()
    response = tor.post(
        decide_url(world), {"setting": "dogn", "reason": "Personen vil helst være på døgnenhet denne gangen."}
    )
    assert response.status_code == 302
    body = tor.get(page_url(world)).content.decode()
    assert "Døgnavrusning (døgnenhet)" in body
    assert "Avviker fra forslaget: Poliklinisk avrusning og oppfølging" in body
    assert "Personen vil helst være på døgnenhet denne gangen." in body
    assert SettingDecision.objects.get().by == world.users["team_therapist"]


def test_a_decision_needs_a_setting_and_a_reason(world, tor):
    tor.post(save_url(world), outpatient_post())
    body = tor.post(decide_url(world), {}).content.decode()
    assert "Velg et behandlingsnivå." in body and "Skriv en begrunnelse for avgjørelsen." in body


def test_it_prefills_from_the_request_and_shows_the_self_test_as_carried_in(people):
    MatchRequest.objects.filter(pk=people.match_request.pk).update(
        selftest={"instrument": "audit", "name": "AUDIT", "total": 19, "max": 40, "zone": "Sone III"}
    )
    people.match_request.refresh_from_db()
    course = care_services.start_course(
        by=people.users["coordinator"],
        person=people.nora,
        therapist=people.users["team_therapist"],
        substances=["alkohol"],
        carried_over=carried_over(people.match_request),
    )
    response = people.client_for("team_therapist").get(
        reverse("care_assessment:assessment", kwargs={"course_pk": course.pk})
    )
    body = response.content.decode()
    assert "AUDIT: 19 av 40 (Sone III)" in body
    assert "Feltene er fylt ut med det personen svarte i forespørselen" in body
    assert '<input type="checkbox" name="rus-alkohol-used" id="id_rus-alkohol-used" checked>' in body
    assert '<option value="weekly" selected>' in body
    assert "Bruke mindre" in body
    assert "(foreløpig, fra forespørselen)" in body


def test_it_links_to_the_withdrawal_section_for_pawss(world, tor):
    body = tor.get(page_url(world)).content.decode()
    assert reverse("care_withdrawal:series", kwargs={"course_pk": world.course.pk}) in body
    assert "Ikke skåret." in body


def test_marking_it_complete_too_early_is_refused_and_keeps_what_was_typed(world, tor):
    response = tor.post(save_url(world), outpatient_post(housing="", completed="on", network="Søsteren Eva"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kartleggingen kan ikke markeres som fullført før dette er besvart: Bosituasjon." in body
    assert "Søsteren Eva" in body
    assert not Assessment.objects.exists()


def test_acute_signs_make_the_suggestion_an_emergency_with_the_numbers(world, tor):
    tor.post(save_url(world), outpatient_post(acute_signs="withdrawal"))
    body = tor.get(page_url(world)).content.decode()
    assert "Akutt nå: 113 eller legevakt 116 117" in body
    assert "ring 113 hvis livet kan være i fare" in body
