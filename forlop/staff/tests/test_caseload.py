"""The caseload (Mine forløp): every open course the clinician is on, with phase, next evaluation, latest
scores, flags and next appointment, in the same number of queries for 2 courses as for 6."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.care import services
from forlop.care.plan import services as plan
from forlop.care.withdrawal import services as withdrawal
from forlop.conftest import make_user
from forlop.people.models import Person

pytestmark = pytest.mark.django_db

CIWA_HIGH = [3, 3, 3, 2, 2, 1, 1, 1, 1, 1]  # 18: above the doctor's threshold of 15


@pytest.fixture
def team():
    return {
        "therapist": make_user("tor@example.no", is_therapist=True),
        "doctor": make_user("lise@example.no", is_doctor=True),
        "coordinator": make_user("kari@example.no", is_coordinator=True),
    }


def add_courses(team, count: int, *, start: int = 0) -> list:
    courses = []
    now = timezone.now()
    for n in range(start, start + count):
        person = Person.objects.create(email=f"p{n}@example.no", name=f"Person {n}", created_at=now)
        course = services.start_course(
            by=team["coordinator"],
            person=person,
            therapist=team["therapist"],
            doctor=team["doctor"],
            coordinator=team["coordinator"],
            substances=["alkohol"],
        )
        withdrawal.record_entry(
            course=course,
            by=team["therapist"],
            instrument="ciwa_ar",
            answers=CIWA_HIGH,
            taken_at=now - timedelta(hours=1),
        )
        plan.create_plan(course=course, by=team["therapist"], goals=["Drikke mindre enn før"])
        courses.append(course)
    return courses


def queries_for(user) -> int:
    client = login_verified(Client(), user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("staff:caseload"))
    assert response.status_code == 200
    return len(queries)


def test_it_lists_every_open_course_with_its_flags_and_logs_each_person(team):
    courses = add_courses(team, 2)
    client = login_verified(Client(), team["therapist"])
    response = client.get(reverse("staff:caseload"))
    body = response.content.decode()
    assert "Person 0" in body and "Person 1" in body
    assert "CIWA-Ar 18" in body  # the score above the threshold is a flag
    logged = set(AccessLog.objects.filter(why__startswith="Mine forløp").values_list("person_id", flat=True))
    assert logged == {c.person_id for c in courses}


def test_it_takes_as_many_queries_for_six_courses_as_for_two(team):
    add_courses(team, 2)
    two = queries_for(team["therapist"])
    add_courses(team, 4, start=2)
    six = queries_for(team["therapist"])
    assert six == two


def test_someone_not_on_a_team_sees_no_course(team):
    add_courses(team, 1)
    other = make_user("anne@example.no", is_therapist=True)
    response = login_verified(Client(), other).get(reverse("staff:caseload"))
    assert "Person 0" not in response.content.decode()


def test_the_doctor_sees_the_high_score_on_the_start_page(team):
    add_courses(team, 1)
    response = login_verified(Client(), team["doctor"]).get(reverse("staff:dashboard"))
    body = response.content.decode()
    assert "Forløp som trenger legen" in body
    assert "Person 0" in body and "CIWA-Ar" in body
