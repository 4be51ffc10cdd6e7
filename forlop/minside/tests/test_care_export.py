"""Mine opplysninger with a treatment course: the download and the readable page hold everything of the
person's own from issues 13 and 14, built through the services as the team and the person would; never a
draft journal note, a withheld note's text, an unapproved taper plan or another person's data; the queries do
not grow with the rows."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog, Action
from forlop.booking.tests.conftest import NOW
from forlop.care import services as care_services
from forlop.care.assessment import services as assessment
from forlop.care.checkin import services as checkin
from forlop.care.checkin.tests.conftest import answers as checkin_answers
from forlop.care.journal import services as journal
from forlop.care.journal.models import WithholdingGround
from forlop.care.measures import services as measures
from forlop.care.messaging import services as messaging
from forlop.care.modules import services as modules
from forlop.care.plan import services as plan
from forlop.care.plan.models import GoalOutcome
from forlop.care.relapse import services as relapse
from forlop.care.relapse.models import Contact
from forlop.care.tapering import services as tapering
from forlop.care.tapering.tests.conftest import BENZO_INPUTS, code_now
from forlop.care.tests import conftest as care_conftest
from forlop.care.withdrawal import services as withdrawal
from forlop.conftest import make_user
from forlop.minside import services
from forlop.people.models import Person
from forlop.relatives import services as relatives
from forlop.relatives.craft import services as craft
from forlop.relatives.models import Dial

pytestmark = pytest.mark.django_db

# Nora's course world (forlop/care/tests/conftest.py: Tor therapist, Lise doctor, Kari coordinator; Ola, another
# client with his own course), shared as fixtures.
people = care_conftest.people
world = care_conftest.world

CARE_SECTIONS = [
    "care_courses",
    "care_team",
    "care_phases",
    "assessment",
    "assessment_substances",
    "withdrawal",
    "tapering",
    "treatment_plan",
    "evaluations",
    "journal",
    "checkins",
    "module_answers",
    "measures",
    "relapse_plan",
    "messages",
    "relatives",
    "relatives_summaries",
]


def relative_with_account(email: str, name: str) -> Person:
    user = make_user(email, is_client=True)
    user.full_name = name
    user.save(update_fields=["full_name"])
    return Person.objects.create(email=email, name=name, user=user, created_at=NOW)


def fill(world, *, notes: int = 1, messages: int = 1) -> dict:
    """Nora's course with something in every part, as the team and Nora would write it."""
    course, users, nora = world.course, world.users, world.nora
    tor, lise = users["team_therapist"], users["team_doctor"]
    care_services.change_phase(course=course, to="avrusning", by=tor, note="Klar for avrusning")
    assessment.save_assessment(
        course=course,
        by=tor,
        data={"earlier_seizures": "no", "earlier_delirium": "no", "housing": "stable", "own_goals": "Sove"},
        substances={"alkohol": {"frequency": "daily"}},
    )
    withdrawal.record_entry(
        course=course, by=lise, instrument="ciwa_ar", answers=[1] * 10, taken_at=NOW - timedelta(hours=1)
    )
    version = tapering.propose(by=lise, course=course, kind="benzodiazepine")
    version = tapering.save_draft(by=lise, version=version, inputs=BENZO_INPUTS)
    approved = tapering.approve(by=lise, version=version, code=code_now(lise))
    tapering.new_version(by=lise, plan=approved.plan, reason="UTKAST-TIL-NY-PLAN")  # a draft: never shown
    treatment = plan.create_plan(course=course, by=tor, goals=["Drikke mindre", "Sove bedre"])
    plan.record_evaluation(plan=treatment, by=tor, summary="Godt i gang.", goals_outcome=GoalOutcome.PARTLY)
    for i in range(notes):
        note = journal.write_note(
            course=course, by=tor, text=f"SIGNERT-NOTAT-{i}", consulted_on=date(2026, 3, 1)
        )
        journal.sign_note(note=note, by=tor)
    held = journal.write_note(course=course, by=tor, text="HEMMELIG-NOTAT", consulted_on=date(2026, 2, 28))
    journal.sign_note(note=held, by=tor)
    journal.withhold_note(
        note=held, by=tor, ground=WithholdingGround.DANGER, explanation="HEMMELIG-BEGRUNNELSE"
    )
    journal.write_note(course=course, by=tor, text="UTKAST-NOTAT", consulted_on=date(2026, 3, 2))
    checkin.save_checkin(by=nora.user, course=course, day=date(2026, 3, 2), answers=checkin_answers())
    modules.set_schedule(course=course, by=tor, schedule={"suget": date(2026, 3, 2)})
    assignment = modules.assignment_for(course, "suget")
    modules.save_answers(assignment=assignment, by=nora.user, answers={"verktoy": "Gå tur"}, share=True)
    answer = assignment.answers.get()
    modules.comment(answer=answer, by=tor, text="Fint verktøy!")
    measures.record(
        course=course,
        by=nora.user,
        instrument="gad7",
        answers=[1] * 7,
        occasion="start",
        taken_at=NOW,
        now=NOW,
    )
    relapse.save_plan(
        course=course,
        by=tor,
        warning_signs="Sover dårlig",
        triggers="Fredager",
        actions="Ringe Tor",
        contacts=[Contact(name="Mamma", phone="99999999")],
        reasons="Barna",
        based_on=None,
    )
    thread = messaging.start_thread(
        course=course, by=nora.user, subject="Søvn", body="Jeg sover dårlig"
    ).thread
    for i in range(messages - 1):
        messaging.reply(thread=thread, by=tor, body=f"Svar {i}")
    ola = relative_with_account("olav@example.no", "Olav Nordmann")
    relatives.add_relative(person=nora, name="Olav", email=ola.email, dial=Dial.SUMMARY, by=nora.user)
    relatives.save_summary(person=nora, text="Det går bedre", approve=True, by=nora.user)
    craft.save_answers(
        relative=ola, lesson="sikkerhet-forst", answers={"plan": "OLAVS-EGEN-PLAN"}, by=ola.user
    )
    return {"ola": ola}


def test_the_download_holds_every_part_of_the_course_with_headings_and_oslo_times(client, world):
    fill(world)
    login_verified(client, world.nora.user)
    data = client.get(reverse("minside:export_json")).json()
    for key in CARE_SECTIONS:
        assert data[key], key
        assert data["headings"][key]
    assert data["headings"]["journal"] == "Journalnotater"
    assert data["care_courses"][0]["phase"] == "Avrusning"
    assert {m["name"] for m in data["care_team"]} >= {"Tor Haugen"}
    assert data["care_phases"][-1]["to_phase"] == "Avrusning"
    assert data["care_phases"][-1]["note"] == "Klar for avrusning"
    assert data["assessment"][0]["own_goals"] == "Sove"
    assert data["assessment_substances"][0]["substance"] == "alkohol"
    assert data["withdrawal"][0]["total"] == 10
    assert data["tapering"][0]["schedule"] and data["tapering"][0]["number"] == 1
    assert data["treatment_plan"][0]["goals"] == ["Drikke mindre", "Sove bedre"]
    assert data["evaluations"][0]["summary"] == "Godt i gang."
    assert data["checkins"][0]["craving"] == 2
    assert data["module_answers"][0]["text"] == "Gå tur"
    assert data["module_answers"][0]["comments"][0]["kommentar"] == "Fint verktøy!"
    assert data["measures"][0]["instrument"] == "GAD-7"
    assert data["relapse_plan"][0]["contacts"] == ["Mamma 99999999"]
    assert data["messages"][0]["body"] == "Jeg sover dårlig" and data["messages"][0]["by"] == "deg"
    assert data["relatives"][0]["relative_name"] == "Olav"
    assert data["relatives"][0]["dial"] == "Timene mine og en oppsummering jeg har godkjent"
    assert data["relatives_summaries"][0]["text"] == "Det går bedre"
    # Times are Oslo time, with the offset said (NOW is 2026-03-02 in winter: +01:00).
    assert data["measures"][0]["taken_at"].endswith("+01:00")
    assert data["care_courses"][0]["started_at"].endswith("+01:00")
    assert AccessLog.objects.filter(user=world.nora.user, action=Action.EXPORT).count() == 1


def test_signed_notes_are_there_and_drafts_and_withheld_text_are_not(client, world):
    fill(world)
    login_verified(client, world.nora.user)
    raw = client.get(reverse("minside:export_json")).content.decode()
    data = client.get(reverse("minside:export_json")).json()
    notes = data["journal"]
    assert [n.get("text") for n in notes if "text" in n] == ["SIGNERT-NOTAT-0"]
    held = next(n for n in notes if "withheld" in n)
    assert held["ground"].startswith("Påtrengende nødvendig")
    assert held["withheld"].endswith("+01:00")
    for secret in ("HEMMELIG-NOTAT", "HEMMELIG-BEGRUNNELSE", "UTKAST-NOTAT", "UTKAST-TIL-NY-PLAN"):
        assert secret not in raw
    assert len(data["tapering"]) == 1  # the approved version, not the draft after it
    page = client.get(reverse("minside:export_html")).content.decode()
    assert "SIGNERT-NOTAT-0" in page and "Journalnotater" in page and "Holdt tilbake" in page
    for secret in ("HEMMELIG-NOTAT", "HEMMELIG-BEGRUNNELSE", "UTKAST-NOTAT"):
        assert secret not in page


def test_the_readable_page_has_every_heading_and_dates_in_words(client, world):
    fill(world)
    login_verified(client, world.nora.user)
    page = client.get(reverse("minside:export_html")).content.decode()
    for heading in (
        "Behandlingsforløpet ditt",
        "Behandlerne dine i forløpet",
        "Kartleggingen",
        "Abstinensmålinger",
        "Nedtrappingsplaner (godkjente)",
        "Behandlingsplanen",
        "Journalnotater",
        "Innsjekkene dine",
        "Svarene dine i modulene",
        "Skjemaer du har fylt ut",
        "Tilbakefallsplanen",
        "Meldinger",
        "Pårørende du deler med",
    ):
        assert f">{heading}</h2>" in page, heading
    assert "2. mars 2026 kl. 08.00" in page, page[page.find("Behandlingsforløpet ditt") :][
        :1500
    ]  # NOW, Oslo time
    assert "@example.no" not in page.split("Behandlingsforløpet ditt")[1]  # no staff email anywhere below


def test_a_relative_s_own_answers_are_in_their_export_and_never_in_the_person_s(client, world):
    ola = fill(world)["ola"]
    login_verified(client, world.nora.user)
    assert "OLAVS-EGEN-PLAN" not in client.get(reverse("minside:export_json")).content.decode()
    other = client.__class__()
    login_verified(other, ola.user)
    data = other.get(reverse("minside:export_json")).json()
    assert data["craft_answers"][0]["text"] == "OLAVS-EGEN-PLAN"
    assert data["shared_with_me"][0]["dial"] == "Timene mine og en oppsummering jeg har godkjent"
    raw = other.get(reverse("minside:export_json")).content.decode()
    for nora_s in ("Jeg sover dårlig", "SIGNERT-NOTAT-0", "Det går bedre", "Drikke mindre"):
        assert nora_s not in raw
    assert data["care_courses"] == [] and data["journal"] == []


def test_another_client_s_export_has_none_of_nora_s_course(client, world):
    fill(world)
    login_verified(client, world.users["another_client"])
    data = client.get(reverse("minside:export_json")).json()
    assert len(data["care_courses"]) == 1  # Ola's own course
    assert data["journal"] == data["messages"] == data["checkins"] == data["withdrawal"] == []


def test_the_export_costs_the_same_queries_for_few_and_many_rows(world):
    fill(world)
    with CaptureQueriesContext(connection) as few:
        services.export(person=world.nora)
    course, tor = world.course, world.users["team_therapist"]
    for i in range(4):
        note = journal.write_note(course=course, by=tor, text=f"Mer {i}", consulted_on=date(2026, 3, 1))
        journal.sign_note(note=note, by=tor)
        journal.amend_note(note=note, by=tor, text="Tillegg", reason="Glemte noe")
        withdrawal.record_entry(
            course=course,
            by=world.users["team_doctor"],
            instrument="ciwa_ar",
            answers=[0] * 10,
            taken_at=NOW - timedelta(hours=2 + i),
        )
    thread = messaging.threads_of_person(world.nora)[0]
    for i in range(4):
        messaging.reply(thread=thread, by=tor, body=f"Mer {i}")
    with CaptureQueriesContext(connection) as many:
        data = services.export(person=world.nora)
    assert len(data["journal"]) == 6 and len(data["messages"]) == 5 and len(data["withdrawal"]) == 5
    assert len(many.captured_queries) == len(few.captured_queries)
