"""Off-track flags for the caseload: each says why it fired; a fixed number of queries for any number of
courses."""

from datetime import date, timedelta

import pytest
from django.test import override_settings

from forlop.care import services as care
from forlop.care.checkin import services
from forlop.care.checkin.models import CheckIn
from forlop.conftest import make_user
from forlop.people.models import Person

from .conftest import answers, approve_taper, at

NOW = at(2026, 3, 20, 9)
TODAY = date(2026, 3, 20)


def put(course, day, **changes):
    """A check-in written straight to the table (the entry rules are tested elsewhere)."""
    fields = answers(**changes)
    fields.pop("sleep_hours")
    red = fields.pop("red_flags", [])
    return CheckIn.objects.create(
        course=course,
        day=day,
        red_flags=red,
        attention=bool(red) or (fields.get("taper", False) and fields["used"]),
        created_at=NOW,
        updated_at=NOW,
        **fields,
    )


def kinds(course, now=NOW):
    return {f.kind: f for f in services.flags_for([course.pk], now=now)[course.pk]}


def test_no_check_in_for_three_days_fires_and_says_since_when(world):
    put(world.course, TODAY - timedelta(days=4))
    flag = kinds(world.course)["checkin_missing"]
    assert flag.why == "Siste innsjekk var 16.3.2026; 3 dager uten innsjekk (grense 3)."
    put(world.course, TODAY - timedelta(days=3))
    assert "checkin_missing" not in kinds(world.course)


@override_settings(CARE_CHECKIN_MISSING_DAYS=5)
def test_the_missing_days_limit_is_a_setting(world):
    put(world.course, TODAY - timedelta(days=5))
    assert "checkin_missing" not in kinds(world.course)
    CheckIn.objects.all().delete()
    put(world.course, TODAY - timedelta(days=6))
    assert "grense 5" in kinds(world.course)["checkin_missing"].why


def test_a_course_that_never_checked_in_is_not_flagged_as_missing(world):
    assert services.flags_for([world.course.pk], now=NOW) == {world.course.pk: []}


def test_rising_craving_fires_with_the_two_means(world):
    for n in range(3, 10):
        put(world.course, TODAY - timedelta(days=n), craving=2)
    for n in range(3):
        put(world.course, TODAY - timedelta(days=n), craving=6)
    flag = kinds(world.course)["checkin_craving_rising"]
    assert "6,0 mot 2,0" in flag.why
    assert "2 poeng" in flag.why


def test_a_use_day_during_a_taper_fires_until_seen(world):
    approve_taper(world.course, world.users["team_doctor"], first=TODAY - timedelta(days=5))
    checkin = put(world.course, TODAY - timedelta(days=1), used=True, substances=["cannabis"], taper=True)
    flag = kinds(world.course)["checkin_use_during_taper"]
    assert "i går" in flag.why and flag.for_doctor
    services.mark_seen(by=world.users["team_doctor"], checkin=checkin, now=NOW)
    assert "checkin_use_during_taper" not in kinds(world.course)


def test_an_unseen_red_flag_stays_however_old(world):
    put(world.course, TODAY - timedelta(days=30), suicide_thoughts=True, red_flags=["suicide_thoughts"])
    put(world.course, TODAY)
    assert set(kinds(world.course)) == {"checkin_suicide_thoughts"}
    assert "(18.2.2026)." in kinds(world.course)["checkin_suicide_thoughts"].why


@pytest.mark.parametrize("how_many", [1, 6])
def test_flags_for_takes_two_queries_however_many_courses(world, django_assert_num_queries, how_many):
    ids = [world.course.pk]
    for n in range(how_many):
        user = make_user(f"p{n}@example.no", is_client=True)
        person = Person.objects.create(email=user.email, name=f"P {n}", user=user, created_at=NOW)
        course = care.start_course(
            by=world.users["coordinator"],
            person=person,
            therapist=world.users["team_therapist"],
            substances=["alkohol"],
            now=NOW,
        )
        ids.append(course.pk)
        put(course, TODAY - timedelta(days=5), seizure=True, red_flags=["seizure"])
        for k in range(10):
            put(course, TODAY - timedelta(days=6 + k), craving=k % 10)
    with django_assert_num_queries(2):
        found = services.flags_for(ids, now=NOW)
    assert len(found) == how_many + 1
    assert all(any(f.kind == "checkin_seizure" for f in found[pk]) for pk in ids[1:])
