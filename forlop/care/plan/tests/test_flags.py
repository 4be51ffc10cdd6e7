"""The caseload asks for flags and next evaluations of many courses at once: the query count does not grow
with the number of courses."""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forlop.care import services as care
from forlop.care.models import Phase
from forlop.care.plan import services
from forlop.conftest import make_user
from forlop.lib.timezones import OSLO
from forlop.people.models import Person

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 10, 0, tzinfo=OSLO)


def courses(n, therapist, coordinator, tag="a"):
    made = []
    for i in range(n):
        person = Person.objects.create(email=f"{tag}{i}@example.no", name=f"P{i}", created_at=START)
        course = care.start_course(
            by=coordinator,
            person=person,
            therapist=therapist,
            coordinator=coordinator,
            substances=["alkohol"],
            now=START,
        )
        care.change_phase(course=course, to=Phase.BEHANDLING, by=coordinator, now=START)
        if i % 2 == 0:
            with time_machine.travel(START, tick=False):
                services.create_plan(course=course, by=therapist, goals=["Mål"], interval_weeks=1)
        made.append(course)
    return made


def count_queries(ids):
    now = datetime(2026, 4, 1, 12, 0, tzinfo=OSLO)
    with CaptureQueriesContext(connection) as queries:
        flags = services.flags_for(ids, now=now)
        due = services.next_evaluations(ids)
    return len(queries), flags, due


def test_it_asks_the_same_number_of_queries_for_two_courses_as_for_twelve(db, therapist, coordinator):
    few = [c.pk for c in courses(2, therapist, coordinator)]
    more = [c.pk for c in courses(10, make_user("t2@example.no", is_therapist=True), coordinator, tag="b")]
    small, flags, due = count_queries(few)
    large, _, _ = count_queries(few + more)
    assert small == large == 3
    planned, unplanned = few
    assert [f.kind for f in flags[planned]] == ["evaluation_overdue"]
    assert [f.kind for f in flags[unplanned]] == ["plan_missing"]
    assert due == {planned: date(2026, 3, 9), unplanned: None}


def test_it_leaves_closed_courses_and_unknown_ids_quiet(db, therapist, coordinator):
    [course] = courses(1, therapist, coordinator)
    care.change_phase(course=course, to=Phase.AVSLUTTET, by=coordinator, closing_summary="Ferdig.", now=START)
    assert services.flags_for([course.pk, 999999], now=START) == {course.pk: [], 999999: []}
    assert services.flags_for([], now=START) == {}
