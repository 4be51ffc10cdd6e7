"""The authorization matrix: every personal-data and own-data URL × every kind of visitor.

One person, Nora, has booked a first talk with Tor (a therapist), sent a match request that is assigned to Tor
and flagged for a doctor, and written an enquiry. Each URL is built from the URL conf (as the walker in
forlop/core/tests/test_url_classification.py does), with Nora's objects filled in, and opened (GET) by an
anonymous visitor, Nora herself, another client, and each staff role. Only the visitors in `ALLOWED` may see
Nora's data there, and every one who does is logged with Nora as the subject (the person column). Anyone
who gets a page that names her without such a log row fails the test too.

A new personal-data URL fails `test_the_matrix_covers_every_personal_data_url` until it is added here.
"""

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.access import OWN, PERSONAL
from forlop.audit.models import AccessLog, ActorKind
from forlop.booking.models import ConsultationType
from forlop.booking.services import ClientDetails
from forlop.booking.tests.conftest import NOW, make_profile
from forlop.booking.tests.helpers import book
from forlop.conftest import make_user
from forlop.contact.services import submit_enquiry
from forlop.core.tests.test_url_classification import Route, routes
from forlop.lib.timezones import OSLO
from forlop.matching.models import MatchRequest
from forlop.matching.services import submit_request
from forlop.matching.tests.conftest import ANSWERS
from forlop.matching.tests.test_doctor_gate import GHB_DAILY
from forlop.people.models import Person

NAME = "Nora Nordmann"
EMAIL = "nora@example.no"

PERSONAS = [
    "anonymous",
    "the_person",
    "another_client",
    "therapist",
    "other_therapist",
    "coordinator",
    "doctor",
    "admin",
]

COORDINATING = {"coordinator", "admin"}

# Who may see Nora's data on a GET of each URL. POST-only URLs show nothing on a GET, to anyone.
ALLOWED: dict[str, set[str]] = {
    "audit:log": {"admin"},
    "audit:export": {"admin"},
    "contact_staff:list": COORDINATING,
    "contact_staff:detail": COORDINATING,
    "matching:queue": COORDINATING,
    "matching:mine": {"therapist"},  # assigned to Tor
    "matching:medical": {"doctor"},  # flagged for a doctor
    "matching:request_detail": COORDINATING | {"therapist", "doctor"},
    "matching:suggest": set(),
    "matching:question": set(),
    "matching:close": set(),
    "matching:doctor_decision": set(),
    "booking:calendar": COORDINATING | {"therapist"},  # Tor's own; coordinators and admins any
    "booking:outcome": set(),
    "booking:staff_cancel": COORDINATING | {"therapist"},
    "booking:staff_invite": set(),
    "staff:dashboard": COORDINATING | {"therapist", "doctor"},
    "staff:caseload": set(),  # Nora has no course here; forlop/care/tests covers it with one
    "minside:home": {"the_person"},
    "minside:sent": {"the_person"},
    "minside:leave_course": set(),
    "minside:withdraw_request": set(),
    "minside:log": {"the_person"},
    "minside:data": {"the_person"},
    "minside:export_json": {"the_person"},
    "minside:export_html": {"the_person"},
    "minside:delete": {"the_person"},
}


def personal_routes() -> list[Route]:
    """Every personal-data URL outside the treatment course and the relatives' pages: the course's pages
    (namespaces care and care_*) need a course and its team, and have their own matrix in forlop/care/tests;
    the relatives' pages need a relative and a consent, and have theirs in forlop/relatives/tests."""
    return [
        r
        for r in routes()
        if r.access_class in (PERSONAL, OWN) and not r.name.split(":")[0].startswith(("care", "relatives"))
    ]


def test_the_matrix_covers_every_personal_data_url():
    assert {r.name for r in personal_routes()} == set(ALLOWED)


@pytest.fixture
def world(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    tor = make_user("tor@example.no", is_therapist=True)
    profile = make_profile(user=tor, name="Tor Haugen", slug="tor-haugen")
    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    start = datetime(2026, 3, 3, 9, 0, tzinfo=OSLO)  # the day after NOW, in NOW's week
    details = ClientDetails(name=NAME, email=EMAIL, phone="", note="", consent=True)
    booking = book(therapist=profile, ctype=first_talk, start=start, now=NOW, details=details).booking
    match_request = submit_request(answers={**ANSWERS, **GHB_DAILY, "name": NAME, "email": EMAIL})
    assert match_request.medical_assessment
    MatchRequest.objects.filter(pk=match_request.pk).update(assigned_therapist=profile)
    enquiry = submit_enquiry(
        name=NAME,
        email=EMAIL,
        phone="",
        message="Jeg lurer på om dere kan hjelpe meg.",
        preferred_contact="email",
        said_urgent=False,
        ip_hash="test",
    )
    nora = Person.objects.get(email=EMAIL)
    nora.user = make_user(EMAIL, is_client=True)
    nora.save()
    other = make_user("ola@example.no", is_client=True)
    Person.objects.create(email="ola@example.no", name="Ola Olsen", user=other, created_at=NOW)
    users = {
        "the_person": nora.user,
        "another_client": other,
        "therapist": tor,
        "other_therapist": make_user("annen@example.no", is_therapist=True),
        "coordinator": make_user("koordinator@example.no", is_coordinator=True),
        "doctor": make_user("lege@example.no", is_doctor=True),
        "admin": make_user("admin@example.no", is_admin=True),
    }
    objects = {
        "contact_staff": enquiry.pk,
        "matching": match_request.pk,
        "booking": booking.pk,
        "minside": 0,  # POST-only there: the number is never looked up on a GET
    }
    return nora, users, objects


def url_for(route: Route, objects: dict[str, int], nora: Person) -> str:
    kwargs = {}
    if "pk" in getattr(route.pattern.pattern, "converters", {}):
        kwargs["pk"] = objects[route.name.split(":")[0]]
    url = reverse(route.name, kwargs=kwargs)
    if route.name.startswith("audit:"):
        url += f"?subject_type=people.person&subject_id={nora.pk}"
    return url


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_allowed_see_the_person_s_data_and_every_sight_is_logged(world, persona):
    nora, users, objects = world
    wrong = []
    for route in personal_routes():
        client = Client()
        if persona != "anonymous":
            login_verified(client, users[persona])
        before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(url_for(route, objects, nora))
        rows = AccessLog.objects.filter(pk__gt=before)
        about_nora = rows.filter(person=nora)
        saw = response.status_code == 200 and about_nora.exists()
        allowed = persona in ALLOWED[route.name]
        if saw != allowed:
            wrong.append(f"{route.name}: {persona} got {response.status_code}, logged about Nora: {saw}")
        elif saw and persona == "the_person" and {r.actor_kind for r in about_nora} != {ActorKind.SELF}:
            wrong.append(f"{route.name}: Nora's own read is not logged as her own")
        elif saw and persona != "the_person" and {r.actor_kind for r in about_nora} != {ActorKind.STAFF}:
            wrong.append(f"{route.name}: {persona}'s read is not logged as staff")
        body = response.content.decode(errors="replace") if response.status_code == 200 else ""
        if NAME in body and not about_nora.exists():
            wrong.append(f"{route.name}: {persona} was shown Nora's name without a log row about her")
        if (
            response.status_code == 200
            and persona in ("anonymous", "another_client")
            and route.access_class != OWN
        ):
            wrong.append(f"{route.name}: {persona} got a staff page")
    assert wrong == []
