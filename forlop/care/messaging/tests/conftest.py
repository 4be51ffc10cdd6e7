from datetime import datetime

import pytest

from forlop.care import services as care
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


@pytest.fixture
def other_person(db) -> Person:
    user = make_user("ola@example.no", is_client=True)
    return Person.objects.create(email=user.email, name="Ola", created_at=START, user=user)
