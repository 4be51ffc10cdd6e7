"""The caseload's flag: a shared answer nobody on the team has read or commented on yet, asked for many
courses with the same number of queries."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forlop.care import services as care
from forlop.care.flags import Severity
from forlop.care.models import Phase
from forlop.care.modules import services
from forlop.conftest import make_user
from forlop.lib.timezones import OSLO
from forlop.people.models import Person

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 10, 0, tzinfo=OSLO)
LATER = datetime(2026, 3, 4, 10, 0, tzinfo=OSLO)


def courses(n, therapist, coordinator, tag):
    made = []
    for i in range(n):
        user = make_user(f"{tag}{i}@example.no", is_client=True)
        person = Person.objects.create(email=user.email, name=f"P{i}", created_at=START, user=user)
        course = care.start_course(
            by=coordinator,
            person=person,
            therapist=therapist,
            coordinator=coordinator,
            substances=["alkohol"],
            now=START,
        )
        services.set_schedule(course=course, by=therapist, schedule={"suget": date(2026, 3, 2)}, now=START)
        assignment = services.assignment_for(course, "suget")
        services.save_answers(
            assignment=assignment,
            by=user,
            answers={"verktoy": "Gå tur", "siste-bolge": "I går"},
            share=True,
            now=START,
        )
        made.append(course)
    return made


def count(ids):
    with CaptureQueriesContext(connection) as queries:
        flags = services.flags_for(ids, now=LATER)
    return len(queries), flags


def test_it_asks_the_same_number_of_queries_for_two_courses_as_for_twelve(db, therapist, coordinator):
    few = [c.pk for c in courses(2, therapist, coordinator, "a")]
    more = [c.pk for c in courses(10, make_user("t2@example.no", is_therapist=True), coordinator, "b")]
    small, flags = count(few)
    large, _ = count(few + more)
    assert small == large == 2  # the unread answers, and those that speak of acute danger
    [flag] = flags[few[0]]
    assert flag.kind == "module_answer_unread" and flag.severity == Severity.INFO
    assert flag.label == "Nytt svar å lese" and flag.why.startswith("2 svar")
    assert flag.url.endswith(f"/ansatt/forlop/{few[0]}/moduler/")


def test_it_fires_again_when_the_person_changes_an_answer_after_it_was_read(db, therapist, coordinator):
    [course] = courses(1, therapist, coordinator, "c")
    answers = list(services.assignment_for(course, "suget").answers.all())
    for answer in answers:
        services.mark_seen(answer=answer, by=therapist, now=LATER)
    assert services.flags_for([course.pk], now=LATER) == {course.pk: []}
    services.save_answers(
        assignment=services.assignment_for(course, "suget"),
        by=course.person.user,
        answers={"verktoy": "Gå tur og ringe Kari"},
        share=True,
        now=datetime(2026, 3, 5, 10, 0, tzinfo=OSLO),
    )
    [flag] = services.flags_for([course.pk], now=datetime(2026, 3, 5, 11, 0, tzinfo=OSLO))[course.pk]
    assert flag.why.startswith("1 svar")


def test_it_leaves_drafts_closed_courses_and_unknown_ids_quiet(db, therapist, coordinator):
    [course, drafted] = courses(2, therapist, coordinator, "d")
    care.change_phase(course=course, to=Phase.AVSLUTTET, by=coordinator, closing_summary="Ferdig.", now=LATER)
    services.set_schedule(course=drafted, by=therapist, schedule={"sovn": date(2026, 3, 2)}, now=START)
    for answer in services.assignment_for(drafted, "suget").answers.all():
        services.mark_seen(answer=answer, by=therapist, now=LATER)
    services.save_answers(
        assignment=services.assignment_for(drafted, "sovn"),
        by=drafted.person.user,
        answers={"sovn-na": "Dårlig"},
        share=False,
        now=LATER,
    )
    assert services.flags_for([course.pk, drafted.pk, 999999], now=LATER) == {
        course.pk: [],
        drafted.pk: [],
        999999: [],
    }
    assert services.flags_for([], now=LATER) == {}


def test_a_shared_answer_that_speaks_of_acute_danger_is_urgent(db, therapist, coordinator):
    [course] = courses(1, therapist, coordinator, "d")
    assignment = services.assignment_for(course, "suget")
    services.save_answers(
        assignment=assignment,
        by=course.person.user,
        answers={"verktoy": "Ingenting hjelper, jeg vil ta livet mitt", "siste-bolge": "I kveld"},
        share=True,
        now=START,
    )
    flags = services.flags_for([course.pk], now=LATER)[course.pk]
    urgent = [f for f in flags if f.kind == "module_answer_danger"]
    assert urgent and urgent[0].severity == Severity.URGENT and urgent[0].for_doctor
