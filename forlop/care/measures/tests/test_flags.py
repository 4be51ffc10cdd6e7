"""The team's flags: URGENT when the latest PHQ-9 has item 9 above 0 (whatever the total), INFO when a measure
has been due for more than seven days; a fixed number of queries however many courses."""

from datetime import timedelta

import pytest

from forlop.care import services as care_services
from forlop.care.flags import Severity
from forlop.care.measures import services
from forlop.care.measures.services import flags_for
from forlop.care.models import Course
from forlop.people.models import Person

from .conftest import NOW, answer


def kinds(world, now=NOW):
    return [(f.kind, f.severity) for f in flags_for([world.course.pk], now=now)[world.course.pk]]


def answer_everything(world):
    answer(world, "audit", [0] * 10, sex="male")
    answer(world, "phq9", [0] * 9)
    answer(world, "gad7", [0] * 7)


@pytest.mark.parametrize(
    ("answers", "urgent"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 1], True),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3], True),
        ([3, 3, 3, 3, 3, 3, 3, 3, 0], False),
        ([0] * 9, False),
    ],
)
def test_phq9_item_9_above_0_is_an_urgent_flag_whatever_the_total(world, answers, urgent):
    answer(world, "audit", [0] * 10, sex="male")
    answer(world, "gad7", [0] * 7)
    answer(world, "phq9", answers)
    assert (("phq9_item9", Severity.URGENT) in kinds(world)) is urgent
    if urgent:
        [flag] = [f for f in flags_for([world.course.pk], now=NOW)[world.course.pk] if f.kind == "phq9_item9"]
        assert flag.why.startswith("PHQ-9 spørsmål 9 besvart over 0")
        assert flag.for_doctor and flag.url.endswith(f"/ansatt/forlop/{world.course.pk}/skjemaer/")


def test_a_newer_phq9_with_item_9_at_0_ends_the_urgent_flag(world):
    answer(world, "phq9", [0] * 8 + [2], at=NOW - timedelta(days=3))
    answer(world, "phq9", [0] * 9, by="team_therapist", occasion="extra")
    assert ("phq9_item9", Severity.URGENT) not in kinds(world)


def test_a_measure_unanswered_after_seven_days_is_an_info_flag(world):
    assert ("measures_not_answered", Severity.INFO) not in kinds(world, NOW + timedelta(days=7))
    assert ("measures_not_answered", Severity.INFO) in kinds(world, NOW + timedelta(days=8))
    [flag] = flags_for([world.course.pk], now=NOW + timedelta(days=8))[world.course.pk]
    assert "AUDIT, PHQ-9, GAD-7" in flag.why and "02.03.2026" in flag.why


def test_no_flag_when_everything_is_answered(world):
    answer_everything(world)
    assert kinds(world, NOW + timedelta(days=30)) == []


def test_a_closed_course_has_no_flags(world):
    answer(world, "phq9", [0] * 8 + [1])
    Course.objects.filter(pk=world.course.pk).update(
        phase="avsluttet", closed_at=NOW, closing_summary="Avsluttet etter avtale."
    )
    assert kinds(world, NOW + timedelta(days=30)) == []


def test_no_courses_no_queries(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert flags_for([], now=NOW) == {}


def test_the_flags_take_a_fixed_number_of_queries_whatever_the_number_of_courses(
    world, django_assert_num_queries
):
    answer(world, "phq9", [0] * 8 + [1])
    with django_assert_num_queries(3):
        flags_for([world.course.pk], now=NOW)
    for n in range(3):
        person = Person.objects.create(email=f"p{n}@example.no", name=f"Person {n}", created_at=NOW)
        course = care_services.start_course(
            by=world.users["coordinator"],
            person=person,
            therapist=world.users["team_therapist"],
            substances=["cannabis", "alkohol"],
            now=NOW,
        )
        services.record(
            course=course,
            by=world.users["team_therapist"],
            instrument="phq9",
            answers=[0] * 8 + [n],
            occasion="start",
            taken_at=NOW,
            now=NOW,
        )
    ids = list(Course.objects.values_list("pk", flat=True))
    assert len(ids) == 5
    with django_assert_num_queries(3):
        found = flags_for(ids, now=NOW + timedelta(days=9))
    assert set(found) == set(ids)
    urgent = [pk for pk in ids if any(f.kind == "phq9_item9" for f in found[pk])]
    assert len(urgent) == 3  # Nora's, and the two with item 9 at 1 and 2
    assert all(any(f.kind == "measures_not_answered" for f in found[pk]) for pk in ids)
