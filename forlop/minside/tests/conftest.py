from datetime import datetime

import pytest
import time_machine

from forlop.booking.models import ConsultationType
from forlop.booking.services import ClientDetails
from forlop.booking.tests.conftest import NOW, make_profile
from forlop.booking.tests.helpers import book
from forlop.booking.tests.races import seed_consultation_types
from forlop.conftest import make_user
from forlop.lib.timezones import OSLO
from forlop.people.models import Person

START = datetime(2026, 3, 3, 9, 0, tzinfo=OSLO)  # the day after NOW
PAST = datetime(2026, 2, 23, 9, 0, tzinfo=OSLO)


def details(email: str, name: str = "Nora Nordmann") -> ClientDetails:
    return ClientDetails(name=name, email=email, phone="", note="", consent=True)


@pytest.fixture
def profile(therapist, first_talk):
    return make_profile(user=therapist, name="Tor Haugen")


@pytest.fixture
def first_talk(db):
    if not ConsultationType.objects.filter(slug="forstesamtale").exists():
        seed_consultation_types()  # an earlier transactional test emptied the seeded types
    return ConsultationType.objects.get(slug="forstesamtale")


@pytest.fixture
def nora(client_person, profile, first_talk):
    """A client account linked to Nora, who has booked a first talk tomorrow."""
    book(therapist=profile, ctype=first_talk, start=START, now=NOW, details=details(client_person.email))
    person = Person.objects.get(email=client_person.email)
    person.user = client_person
    person.save()
    return person


@pytest.fixture
def other_client(db, profile, first_talk):
    """Another client with their own person and booking."""
    user = make_user("ola@example.no", is_client=True)
    later = datetime(2026, 3, 4, 9, 0, tzinfo=OSLO)
    book(therapist=profile, ctype=first_talk, start=later, now=NOW, details=details(user.email, "Ola"))
    person = Person.objects.get(email=user.email)
    person.user = user
    person.save()
    return user


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
