from datetime import datetime

import pytest

from forlop.care import services as care
from forlop.care.models import Phase
from forlop.conftest import make_user
from forlop.lib.timezones import OSLO
from forlop.people.models import Person

START = datetime(2026, 3, 2, 10, 0, tzinfo=OSLO)


@pytest.fixture
def person(client_person) -> Person:
    """Nora, with her own client account."""
    return Person.objects.create(
        email=client_person.email, name="Nora Nordmann", created_at=START, user=client_person
    )


@pytest.fixture
def course(person, therapist, doctor, coordinator):
    return care.start_course(
        by=coordinator,
        person=person,
        therapist=therapist,
        doctor=doctor,
        coordinator=coordinator,
        substances=["alkohol"],
        now=START,
    )


def move_to_behandling(course, by, now=START):
    care.change_phase(course=course, to=Phase.BEHANDLING, by=by, now=now)


@pytest.fixture
def other_person(db) -> Person:
    user = make_user("ola@example.no", is_client=True)
    return Person.objects.create(email=user.email, name="Ola", created_at=START, user=user)


@pytest.fixture
def other_course(other_person, other_therapist, coordinator):
    """Ola's course, with another therapist."""
    return care.start_course(
        by=coordinator,
        person=other_person,
        therapist=other_therapist,
        coordinator=coordinator,
        substances=["cannabis"],
        now=START,
    )
