"""Flags to the doctor from the latest valid entry per instrument (thresholds from forlop.care.scales), and
the latest scores the caseload shows; both a fixed number of queries however many courses."""

from datetime import timedelta

import pytest

from forlop.booking.tests.conftest import NOW
from forlop.care import services as care_services
from forlop.care.flags import Severity
from forlop.care.models import Course
from forlop.care.scales import THRESHOLDS, ScaleKind
from forlop.care.withdrawal import services
from forlop.conftest import make_user
from forlop.people.models import Person

from .conftest import TAKEN


def enter(course, by, instrument, answers, taken_at=TAKEN, threshold_met=True):
    return services.record_entry(
        course=course,
        by=by,
        instrument=instrument,
        answers=answers,
        taken_at=taken_at,
        threshold_met=threshold_met,
    )


CIWA_15 = [4, 4, 1, 4, 1, 0, 0, 0, 1, 0]  # the shared vector with total 15
CIWA_14 = [4, 4, 1, 4, 1, 0, 0, 0, 0, 0]
COWS_25 = [4, 4, 5, 5, 4, 2, 1, 0, 0, 0, 0]
COWS_24 = [4, 4, 5, 5, 4, 2, 0, 0, 0, 0, 0]
PAWSS_4 = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
PAWSS_3 = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]


@pytest.fixture
def doctor(world):
    return world.users["team_doctor"]


def test_a_ciwa_ar_of_15_flags_the_doctor_with_score_time_and_threshold(world, doctor):
    enter(world.course, doctor, "ciwa_ar", CIWA_15)
    [flag] = services.flags_for([world.course.pk], now=NOW)[world.course.pk]
    assert flag.kind == "ciwa_high" and flag.for_doctor and flag.severity == Severity.WARNING
    assert flag.label.startswith("CIWA-Ar 15")
    assert flag.why == "CIWA-Ar 15 i dag kl. 07:30 (grense 15): alvorlige abstinenser."
    assert flag.url.endswith(f"/ansatt/forlop/{world.course.pk}/abstinens/")


def test_cows_of_25_is_urgent_and_pawss_of_4_is_high_risk(world, doctor):
    enter(world.course, doctor, "cows", COWS_25)
    enter(world.course, doctor, "pawss", PAWSS_4)
    flags = {f.kind: f for f in services.flags_for([world.course.pk], now=NOW)[world.course.pk]}
    assert set(flags) == {"cows_urgent", "pawss_high_risk"}
    assert flags["cows_urgent"].severity == Severity.URGENT and "(grense 25)" in flags["cows_urgent"].why
    assert "(grense 4)" in flags["pawss_high_risk"].why and "Høy risiko" in flags["pawss_high_risk"].label


def test_just_below_every_threshold_raises_no_flag(world, doctor):
    enter(world.course, doctor, "ciwa_ar", CIWA_14)
    enter(world.course, doctor, "cows", COWS_24)
    enter(world.course, doctor, "pawss", PAWSS_3)
    assert services.flags_for([world.course.pk], now=NOW) == {}


def test_the_thresholds_are_those_of_the_scales_module(world, doctor, monkeypatch):
    from dataclasses import replace

    monkeypatch.setitem(THRESHOLDS, ScaleKind.CIWA_AR, replace(THRESHOLDS[ScaleKind.CIWA_AR], at_or_above=14))
    enter(world.course, doctor, "ciwa_ar", CIWA_14)
    [flag] = services.flags_for([world.course.pk], now=NOW)[world.course.pk]
    assert "(grense 14)" in flag.why


def test_only_the_latest_entry_counts_and_an_entry_in_error_does_not(world, doctor):
    high = enter(world.course, doctor, "ciwa_ar", CIWA_15, taken_at=TAKEN - timedelta(hours=2))
    enter(world.course, doctor, "ciwa_ar", CIWA_14, taken_at=TAKEN - timedelta(hours=1))
    assert services.flags_for([world.course.pk], now=NOW) == {}
    # Entered later but assessed earlier: the time of the assessment decides.
    enter(world.course, doctor, "ciwa_ar", CIWA_15, taken_at=TAKEN - timedelta(hours=3))
    assert services.flags_for([world.course.pk], now=NOW) == {}
    latest_high = enter(world.course, doctor, "ciwa_ar", CIWA_15)
    assert len(services.flags_for([world.course.pk], now=NOW)[world.course.pk]) == 1
    services.mark_in_error(entry=latest_high, by=doctor, reason="Feil pasient")
    assert services.flags_for([world.course.pk], now=NOW) == {}
    assert high.pk  # the older high one stays in the history, not a flag


def test_an_older_flag_says_the_date(world, doctor):
    enter(world.course, doctor, "ciwa_ar", CIWA_15, taken_at=NOW - timedelta(days=2))
    [flag] = services.flags_for([world.course.pk], now=NOW)[world.course.pk]
    assert "28.2.2026 kl. 08:00" in flag.why


def test_latest_scores_summarise_each_instrument(world, doctor):
    enter(world.course, doctor, "ciwa_ar", CIWA_14, taken_at=TAKEN - timedelta(hours=1))
    enter(world.course, doctor, "ciwa_ar", CIWA_15)
    enter(world.course, doctor, "pawss", None, threshold_met=False)
    latest = services.latest_scores([world.course.pk, 999])
    assert set(latest) == {world.course.pk}
    ciwa, pawss = latest[world.course.pk]["ciwa_ar"], latest[world.course.pk]["pawss"]
    assert (ciwa.instrument, ciwa.total, ciwa.band_label, ciwa.taken_at, ciwa.flagged) == (
        "ciwa_ar",
        15,
        "Alvorlige abstinenser",
        TAKEN,
        True,
    )
    assert pawss.total is None and not pawss.applicable and not pawss.flagged
    assert services.latest_scores([]) == {}


def many_courses(world, n, prefix):
    users = world.users
    courses = []
    for i in range(n):
        person_user = make_user(f"{prefix}{i}@example.no", is_client=True)
        person = Person.objects.create(
            email=person_user.email, name=f"{prefix}{i}", user=person_user, created_at=NOW
        )
        course = care_services.start_course(
            by=users["coordinator"],
            person=person,
            therapist=users["team_therapist"],
            doctor=users["team_doctor"],
            substances=["alkohol"],
            now=NOW,
        )
        course = Course.objects.prefetch_related("team").get(pk=course.pk)
        enter(course, users["team_doctor"], "ciwa_ar", CIWA_15)
        enter(course, users["team_doctor"], "cows", COWS_25)
        enter(course, users["team_doctor"], "pawss", PAWSS_4, taken_at=TAKEN - timedelta(hours=1))
        courses.append(course.pk)
    return courses


def test_flags_and_latest_scores_take_one_query_however_many_courses(world, django_assert_num_queries):
    few = many_courses(world, 2, "a")
    with django_assert_num_queries(1):
        flags = services.flags_for(few, now=NOW)
    assert all(len(flags[pk]) == 3 for pk in few)
    more = few + many_courses(world, 5, "b")
    with django_assert_num_queries(1):
        flags = services.flags_for(more, now=NOW)
    assert len(flags) == 7
    with django_assert_num_queries(1):
        latest = services.latest_scores(more)
    assert all(set(latest[pk]) == {"ciwa_ar", "cows", "pawss"} for pk in more)
    with django_assert_num_queries(0):
        assert services.flags_for([], now=NOW) == {}
