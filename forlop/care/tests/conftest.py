"""One person, Nora, and everyone around her course.

Nora booked a first talk with Tor (a therapist) and sent a match request that is assigned to Tor. Her course
(started by the coordinator Kari) has Tor as responsible therapist, Lise as doctor and Kari as coordinator.
Outside the team: another therapist (Anne), a doctor (Per), the admin (the privacy officer), and Ola, another
client with a course of his own.

`people` is the world before Nora's course starts (for starting one); `world` has her course.
"""

from dataclasses import dataclass, field
from datetime import datetime

import pytest
from django.test import Client

from forlop.accounts.models import User
from forlop.accounts.testing import login_verified
from forlop.booking.models import Booking, ConsultationType
from forlop.booking.services import ClientDetails
from forlop.booking.tests.conftest import NOW, make_profile
from forlop.booking.tests.helpers import book
from forlop.booking.tests.races import seed_consultation_types
from forlop.care import services
from forlop.care.models import Course
from forlop.conftest import make_user
from forlop.lib.timezones import OSLO
from forlop.matching.models import MatchRequest
from forlop.matching.services import submit_request
from forlop.matching.tests.conftest import ANSWERS
from forlop.people.models import Person

NAME = "Nora Nordmann"
EMAIL = "nora@example.no"
OTHER_NAME = "Ola Olsen"

PERSONAS = [
    "anonymous",
    "the_person",
    "another_client",
    "team_therapist",
    "other_therapist",
    "team_doctor",
    "other_doctor",
    "coordinator",
    "admin",
]


@dataclass
class World:
    nora: Person
    ola: Person
    users: dict[str, User]
    match_request: MatchRequest
    booking: Booking
    course: Course | None = None
    # Objects a URL needs besides the course, by URL kwarg (see test_authorization_matrix.OBJECTS).
    objects: dict[str, int] = field(default_factory=dict)

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            login_verified(client, self.users[persona])
        return client


@pytest.fixture
def people(db, time_machine) -> World:
    time_machine.move_to(NOW, tick=False)
    tor = make_user("tor@example.no", is_therapist=True)
    tor.full_name = "Tor Haugen"
    tor.save()
    if not ConsultationType.objects.filter(slug="forstesamtale").exists():
        seed_consultation_types()  # an earlier transactional test emptied the seeded types
    profile = make_profile(user=tor, name="Tor Haugen", slug="tor-haugen")
    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    start = datetime(2026, 3, 3, 9, 0, tzinfo=OSLO)  # the day after NOW
    details = ClientDetails(name=NAME, email=EMAIL, phone="", note="", consent=True)
    booking = book(therapist=profile, ctype=first_talk, start=start, now=NOW, details=details).booking
    match_request = submit_request(
        answers={**ANSWERS, "name": NAME, "email": EMAIL, "physical_health": "Høyt blodtrykk"}
    )
    MatchRequest.objects.filter(pk=match_request.pk).update(assigned_therapist=profile)
    match_request.refresh_from_db()
    nora = Person.objects.get(email=EMAIL)
    nora.user = make_user(EMAIL, is_client=True)
    nora.save()
    ola_user = make_user("ola@example.no", is_client=True)
    ola = Person.objects.create(email="ola@example.no", name=OTHER_NAME, user=ola_user, created_at=NOW)
    users = {
        "the_person": nora.user,
        "another_client": ola_user,
        "team_therapist": tor,
        "other_therapist": make_user("anne@example.no", is_therapist=True),
        "team_doctor": make_user("lise@example.no", is_doctor=True),
        "other_doctor": make_user("per@example.no", is_doctor=True),
        "coordinator": make_user("kari@example.no", is_coordinator=True),
        "admin": make_user("admin@example.no", is_admin=True),
    }
    return World(nora=nora, ola=ola, users=users, match_request=match_request, booking=booking)


@pytest.fixture
def world(people: World) -> World:
    users = people.users
    people.course = services.start_course(
        by=users["coordinator"],
        person=people.nora,
        therapist=users["team_therapist"],
        doctor=users["team_doctor"],
        coordinator=users["coordinator"],
        substances=["alkohol"],
        match_request=people.match_request,
        now=NOW,
    )
    # Ola has a course too, with another team: his data must never show on Nora's pages, nor hers on his.
    services.start_course(
        by=users["coordinator"],
        person=people.ola,
        therapist=users["other_therapist"],
        substances=["cannabis"],
        now=NOW,
    )
    return people
