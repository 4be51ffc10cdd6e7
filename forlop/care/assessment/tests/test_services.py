"""The kartlegging's writers: who may save, what is stamped and logged, completion, the setting decision
and its append-only history, the pre-fill from the request, and the latest PAWSS."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction

from forlop.audit.models import AccessLog, Action
from forlop.booking.tests.conftest import NOW
from forlop.care import services as care_services
from forlop.care.assessment import services
from forlop.care.assessment.models import Assessment, SettingDecision
from forlop.care.models import Course
from forlop.care.views import carried_over
from forlop.care.withdrawal.services import record_entry
from forlop.matching.models import MatchRequest

COMPLETE = {
    "earlier_seizures": "no",
    "earlier_delirium": "no",
    "housing": "stable",
    "sober_support": "yes",
    "own_goals": "Klare meg uten vin på hverdagene",
}
ALCOHOL = {"alkohol": {"frequency": "daily", "units_per_day": Decimal(6), "route": "drikke"}}


def save(world, persona="team_therapist", data=None, substances=None, **kwargs):
    return services.save_assessment(
        course=world.course,
        by=world.users[persona],
        data=COMPLETE if data is None else data,
        substances=ALCOHOL if substances is None else substances,
        **kwargs,
    )


@pytest.mark.parametrize("persona", ["team_therapist", "team_doctor"])
def test_it_lets_the_therapist_or_doctor_on_the_team_save_and_logs_it_with_the_person(world, persona):
    assessment = save(world, persona)
    [row] = assessment.substances.all()
    assert (row.substance, row.frequency, row.route) == ("alkohol", "daily", "drikke")
    [log] = AccessLog.objects.filter(
        user=world.users[persona], action=Action.CREATE, why="Lagret kartlegging"
    )
    assert log.person == world.nora
    save(world, persona)
    assert (
        AccessLog.objects.filter(
            user=world.users[persona], action=Action.CHANGE, why="Lagret kartlegging"
        ).count()
        == 1
    )


@pytest.mark.parametrize("persona", ["other_therapist", "other_doctor", "coordinator", "admin"])
def test_it_refuses_anyone_else(world, persona):
    with pytest.raises(PermissionDenied):
        save(world, persona)
    assert not Assessment.objects.exists()


def test_it_refuses_changes_to_a_closed_course(world):
    save(world)
    care_services.change_phase(
        course=world.course, to="avsluttet", by=world.users["team_therapist"], closing_summary="Flyttet."
    )
    with pytest.raises(services.AssessmentError, match="avsluttet"):
        save(world)


def test_it_removes_a_substance_left_out_and_refuses_an_unknown_one(world):
    save(world, substances={**ALCOHOL, "cannabis": {"frequency": "weekly"}})
    save(world, substances={"cannabis": {"frequency": "weekly"}})
    assert [row.substance for row in Assessment.objects.get().substances.all()] == ["cannabis"]
    with pytest.raises(services.AssessmentError, match="Ukjent rusmiddel"):
        save(world, substances={"sjokolade": {}})


def test_it_stamps_each_children_task_with_who_and_when_once_and_clears_it_when_unticked(world, time_machine):
    data = {**COMPLETE, "children_count": 2, "children_ages": "4 og 11", "children_needs": True}
    first = save(world, data=data)
    assert first.children_needs_by == world.users["team_therapist"] and first.children_needs_at == NOW
    assert first.children_tasks_left
    time_machine.move_to(NOW + timedelta(hours=1), tick=False)
    again = save(world, "team_doctor", data={**data, "children_info": True, "children_followup": True})
    assert again.children_needs_at == NOW and again.children_needs_by == world.users["team_therapist"]
    assert again.children_info_by == world.users["team_doctor"]
    assert not again.children_tasks_left
    cleared = save(
        world, data={**data, "children_needs": False, "children_info": True, "children_followup": True}
    )
    assert cleared.children_needs_at is None and cleared.children_needs_by is None
    assert cleared.children_tasks_left


def test_it_marks_the_kartlegging_complete_only_when_the_suggestion_has_what_it_needs(world):
    with pytest.raises(services.AssessmentError, match="Bosituasjon"):
        save(world, data={**COMPLETE, "housing": "", "completed": True})
    assert not Assessment.objects.filter(completed_at__isnull=False).exists()
    done = save(world, data={**COMPLETE, "completed": True})
    assert done.completed_at == NOW


def test_it_records_a_decision_with_the_suggestion_at_the_time(world):
    save(world)
    decision = services.decide_setting(
        course=world.course, by=world.users["team_doctor"], setting_key="poliklinisk", reason="Som foreslått."
    )
    assert (
        decision.suggested == "poliklinisk"
        and not decision.differs
        and decision.by == world.users["team_doctor"]
    )
    log = AccessLog.objects.get(user=world.users["team_doctor"], action=Action.CREATE)
    assert log.person == world.nora and "Poliklinisk" in log.why


def test_it_needs_a_fuller_reason_when_the_decision_differs_from_the_suggestion(world):
    save(world)
    with pytest.raises(services.AssessmentError, match="avviker fra forslaget"):
        services.decide_setting(
            course=world.course, by=world.users["team_therapist"], setting_key="dogn", reason="Tryggest."
        )
    decision = services.decide_setting(
        course=world.course,
        by=world.users["team_therapist"],
        setting_key="dogn",
        reason="Personen ønsker selv døgnopphold etter et tilbakefall i fjor.",
    )
    assert decision.differs


def test_it_refuses_a_decision_without_a_reason_without_a_kartlegging_or_by_others(world):
    with pytest.raises(services.AssessmentError, match="Lagre kartleggingen"):
        services.decide_setting(
            course=world.course, by=world.users["team_therapist"], setting_key="dogn", reason="x" * 30
        )
    save(world)
    with pytest.raises(services.AssessmentError, match="begrunnelse"):
        services.decide_setting(
            course=world.course, by=world.users["team_therapist"], setting_key="poliklinisk", reason="  "
        )
    with pytest.raises(PermissionDenied):
        services.decide_setting(
            course=world.course, by=world.users["coordinator"], setting_key="poliklinisk", reason="Ok"
        )
    assert not SettingDecision.objects.exists()


def test_it_keeps_every_decision_and_the_database_refuses_to_change_one(world):
    save(world)
    first = services.decide_setting(
        course=world.course, by=world.users["team_therapist"], setting_key="poliklinisk", reason="Ok"
    )
    services.decide_setting(
        course=world.course,
        by=world.users["team_doctor"],
        setting_key="dogn",
        reason="Mer abstinenser enn ventet i går kveld.",
    )
    assert [d.setting for d in services.decisions(world.course)] == ["dogn", "poliklinisk"]
    with pytest.raises(ValueError):
        first.save()
    with pytest.raises(ValueError):
        first.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        SettingDecision.objects.filter(pk=first.pk).update(reason="Endret i ettertid")
    with pytest.raises(DatabaseError), transaction.atomic():
        SettingDecision.objects.filter(pk=first.pk).delete()


def test_it_prefills_from_what_the_person_told_us_in_the_request(people):
    MatchRequest.objects.filter(pk=people.match_request.pk).update(
        selftest={"instrument": "audit", "name": "AUDIT", "total": 19, "max": 40, "zone": "Sone III"},
        medication="Stesolid 5 mg",
        earlier_seizures="unknown",
        pregnant="no",
    )
    people.match_request.refresh_from_db()
    course = care_services.start_course(
        by=people.users["coordinator"],
        person=people.nora,
        therapist=people.users["team_therapist"],
        substances=["alkohol"],
        carried_over=carried_over(people.match_request),
        now=NOW,
    )
    initial = services.prefill(course)
    assert initial["selftest"]["name"] == "AUDIT" and initial["selftest"]["total"] == 19
    assert initial["assessment"]["earlier_seizures"] == initial["assessment"]["earlier_delirium"] == "unknown"
    assert initial["assessment"]["medication"] == "Stesolid 5 mg"
    assert initial["assessment"]["own_goals"] == "Bruke mindre"
    assert initial["age_group"] == "26–40 år"
    assert initial["rows"][0] == {"substance": "alkohol", "frequency": "weekly", "amount": "3–6 enheter"}
    # Before anything is saved, the suggestion reads the request: seizures "vet ikke" with regular alcohol.
    assert services.suggestion_for(course).setting == "dogn"


def test_it_reads_the_latest_pawss_from_the_withdrawal_section_into_the_suggestion(world):
    save(world)
    assert services.suggestion_for(world.course).setting == "poliklinisk"
    record_entry(
        course=world.course,
        by=world.users["team_doctor"],
        instrument="pawss",
        answers=[1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
        taken_at=NOW - timedelta(minutes=5),
        threshold_met=True,
    )
    assert services.latest_pawss(world.course).total == 4
    suggestion = services.suggestion_for(Course.objects.get(pk=world.course.pk))
    assert suggestion.setting == "dogn" and "pawss" in {r.key for r in suggestion.reasons}
