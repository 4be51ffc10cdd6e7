"""Nora is in a course and has a confirmed appointment tomorrow; Ola is her relative (his own client-type
account and person); Kari is someone else's relative; Per is another client."""

from datetime import datetime

import pytest
import time_machine

from forlop.accounts.models import User
from forlop.accounts.testing import login_verified
from forlop.booking.models import ConsultationType
from forlop.booking.services import ClientDetails
from forlop.booking.tests.conftest import NOW, make_profile
from forlop.booking.tests.helpers import book
from forlop.booking.tests.races import seed_consultation_types
from forlop.care import services as care
from forlop.conftest import make_user
from forlop.lib.timezones import OSLO
from forlop.people.models import Person
from forlop.relatives import services
from forlop.relatives.models import Consent, Dial

START = datetime(2026, 3, 3, 9, 0, tzinfo=OSLO)  # the day after NOW


def details(email: str, name: str) -> ClientDetails:
    return ClientDetails(name=name, email=email, phone="", note="Jeg drikker for mye", consent=True)


def account_person(email: str, name: str) -> Person:
    user = make_user(email, is_client=True)
    user.full_name = name
    user.save(update_fields=["full_name"])
    person, _ = Person.objects.get_or_create(email=email, defaults={"name": name, "created_at": NOW})
    person.user = user
    person.name = name
    person.save()
    return person


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def profile(therapist, first_talk):
    return make_profile(user=therapist, name="Tor Haugen")


@pytest.fixture
def first_talk(db):
    if not ConsultationType.objects.filter(slug="forstesamtale").exists():
        seed_consultation_types()  # an earlier transactional test emptied the seeded types
    return ConsultationType.objects.get(slug="forstesamtale")


@pytest.fixture
def nora(client_person, profile, first_talk, therapist, doctor, coordinator) -> Person:
    """In a course, with a confirmed video appointment tomorrow at 09.00."""
    book(
        therapist=profile,
        ctype=first_talk,
        start=START,
        now=NOW,
        details=details(client_person.email, "Nora Nordmann"),
    )
    person = Person.objects.get(email=client_person.email)
    person.user = client_person
    person.save()
    care.start_course(
        by=coordinator,
        person=person,
        therapist=therapist,
        doctor=doctor,
        coordinator=coordinator,
        substances=["alkohol"],
        now=NOW,
    )
    return person


@pytest.fixture
def ola(db) -> Person:
    return account_person("ola@example.no", "Ola Nordmann")


@pytest.fixture
def kari(db) -> Person:
    """A relative, but nobody shares with her."""
    return account_person("kari@example.no", "Kari Relativ")


@pytest.fixture
def per(db) -> Person:
    """Another client, with nothing to do with Nora."""
    return account_person("per@example.no", "Per Klient")


def share(
    nora: Person, relative: Person, dial: str = Dial.APPOINTMENTS, name: str = "Ola Nordmann"
) -> Consent:
    consent = services.add_relative(
        person=nora, name=name, email=relative.email, dial=Dial.NOTHING, by=user_of(nora)
    )
    if dial != Dial.NOTHING:
        services.set_dial(person=nora, consent_id=consent.pk, dial=dial, by=user_of(nora))
    consent.refresh_from_db()
    return consent


def user_of(person: Person) -> User:
    assert person.user is not None
    return person.user


def as_user(client, person: Person):
    return login_verified(client, user_of(person))
