"""What the kartlegging tells the caseload: not completed after 14 days, no setting decision, § 10 a tasks
left; in a fixed number of queries however many courses."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forlop.booking.tests.conftest import NOW
from forlop.care import services as care_services
from forlop.care.assessment import services
from forlop.care.models import Course
from forlop.people.models import Person

COMPLETE = {"earlier_seizures": "no", "earlier_delirium": "no", "housing": "stable", "sober_support": "yes"}
ALCOHOL = {"alkohol": {"frequency": "daily"}}


def kinds(world, now):
    return sorted(
        flag.kind for flag in services.flags_for([world.course.pk], now=now).get(world.course.pk, [])
    )


def test_it_flags_a_kartlegging_not_completed_from_fourteen_days_in_the_phase(world):
    assert kinds(world, NOW + timedelta(days=14) - timedelta(seconds=1)) == []
    [flag] = services.flags_for([world.course.pk], now=NOW + timedelta(days=14))[world.course.pk]
    assert flag.kind == "assessment_incomplete" and flag.label == "Kartlegging ikke fullført"
    assert "14 dager" in flag.why and flag.url.endswith(f"/forlop/{world.course.pk}/kartlegging/")


def test_it_stops_flagging_once_the_kartlegging_is_completed_and_the_level_decided(world):
    services.save_assessment(
        course=world.course,
        by=world.users["team_therapist"],
        data={**COMPLETE, "completed": True},
        substances=ALCOHOL,
    )
    assert kinds(world, NOW + timedelta(days=20)) == ["setting_undecided"]
    services.decide_setting(
        course=world.course, by=world.users["team_doctor"], setting_key="poliklinisk", reason="Som foreslått."
    )
    assert kinds(world, NOW + timedelta(days=20)) == []


def test_it_flags_children_tasks_until_all_three_are_ticked(world):
    data = {**COMPLETE, "children_count": 1, "children_needs": True, "children_info": True}
    services.save_assessment(
        course=world.course, by=world.users["team_therapist"], data=data, substances=ALCOHOL
    )
    assert "children_tasks" in kinds(world, NOW)
    [flag] = [
        f
        for f in services.flags_for([world.course.pk], now=NOW)[world.course.pk]
        if f.kind == "children_tasks"
    ]
    assert flag.label == "Barn som pårørende: oppgaver gjenstår" and "§ 10 a" in flag.why
    services.save_assessment(
        course=world.course,
        by=world.users["team_therapist"],
        data={**data, "children_followup": True},
        substances=ALCOHOL,
    )
    assert "children_tasks" not in kinds(world, NOW)


def test_it_does_not_flag_an_incomplete_kartlegging_once_the_course_has_moved_on(world):
    later = NOW + timedelta(days=30)
    care_services.change_phase(course=world.course, to="behandling", by=world.users["coordinator"], now=NOW)
    assert "assessment_incomplete" not in kinds(world, later)


def _more_courses(world, n):
    ids = []
    for index in range(n):
        person = Person.objects.create(email=f"p{index}@example.no", name=f"P {index}", created_at=NOW)
        course = care_services.start_course(
            by=world.users["coordinator"],
            person=person,
            therapist=world.users["team_therapist"],
            substances=["alkohol"],
            now=NOW,
        )
        services.save_assessment(
            course=course,
            by=world.users["team_therapist"],
            data={"children_count": 2},
            substances=ALCOHOL,
        )
        ids.append(course.pk)
    return ids


def test_it_uses_the_same_number_of_queries_for_one_course_as_for_many(world):
    now = NOW + timedelta(days=15)
    with CaptureQueriesContext(connection) as one:
        services.flags_for([world.course.pk], now=now)
    ids = _more_courses(world, 6)
    with CaptureQueriesContext(connection) as many:
        found = services.flags_for([world.course.pk, *ids], now=now)
    assert len(one.captured_queries) == len(many.captured_queries) == 1
    assert all(
        {f.kind for f in found[pk]} == {"assessment_incomplete", "setting_undecided", "children_tasks"}
        for pk in ids
    )
    assert services.flags_for([], now=now) == {}
    assert Course.objects.count() >= 7
