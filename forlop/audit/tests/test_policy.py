"""The one access policy, as a table: who may see and change what, item by item."""

import pytest

from forlop.accounts.models import Role
from forlop.audit import policy
from forlop.audit.policy import Act, Data
from forlop.booking.models import ConsultationType
from forlop.booking.tests.conftest import make_profile
from forlop.people.models import Person
from forlop.therapists.models import Profession

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "assigned", "flagged", "expected"),
    [
        ("coordinator", False, False, True),
        ("admin_user", False, False, True),
        ("therapist", True, False, True),
        ("therapist", False, False, False),
        ("other_therapist", False, True, False),
        ("doctor", False, True, True),
        ("doctor", False, False, False),
        ("client_person", True, True, False),
        ("stranger", True, True, False),
    ],
)
def test_it_lets_each_role_see_only_its_match_requests(request, persona, assigned, flagged, expected):
    user = request.getfixturevalue(persona)
    owner = user.pk if assigned else None
    assert policy.may(user, Act.SEE, Data.MATCH_REQUEST, assigned_user_id=owner, flagged=flagged) is expected


def test_it_lets_only_coordinators_and_admins_change_a_request(coordinator, admin_user, therapist, doctor):
    allowed = [
        u
        for u in (coordinator, admin_user, therapist, doctor)
        if policy.may(u, Act.CHANGE, Data.MATCH_REQUEST)
    ]
    assert allowed == [coordinator, admin_user]


def test_it_refuses_a_deactivated_account(coordinator):
    coordinator.is_active = False
    assert not policy.may(coordinator, Act.SEE, Data.ENQUIRY)


def test_the_roles_a_page_needs_come_from_the_same_table():
    assert policy.roles(Data.ENQUIRY) == (Role.ADMIN, Role.COORDINATOR)
    assert set(policy.roles(Data.MATCH_REQUEST)) == {
        Role.ADMIN,
        Role.COORDINATOR,
        Role.THERAPIST,
        Role.DOCTOR,
    }
    assert policy.roles(Data.MEDICAL_ASSESSMENT, Act.CHANGE) == (Role.DOCTOR,)


def test_a_person_s_own_data_is_only_their_own_client_account(client_person, coordinator):
    nora = Person.objects.create(email="nora@example.no", user=client_person, created_at="2026-03-02T08:00Z")
    other = Person.objects.create(email="ola@example.no", created_at="2026-03-02T08:00Z")
    assert policy.is_own(client_person, nora)
    assert not policy.is_own(client_person, other)
    assert not policy.is_own(coordinator, nora)


def test_doctor_is_the_account_role_and_a_physician_is_the_profile_s_profession(therapist, doctor):
    # A psychiatrist's profile offers doctors-only types whatever roles its account holds…
    psychiatrist = make_profile(user=therapist, profession=Profession.PSYKIATER, hpr_number="1234567")
    assert psychiatrist.is_physician and not therapist.has_role(Role.DOCTOR)
    # …and the doctor role grants the doctor's pages, not the profession: a psychologist's profile is no
    # physician even when its account holds the doctor role.
    psychologist = make_profile(
        user=doctor, slug="psykolog", profession=Profession.PSYKOLOG, hpr_number="7654321"
    )
    assert not psychologist.is_physician
    assert policy.may(doctor, Act.CHANGE, Data.MEDICAL_ASSESSMENT, flagged=True)
    assert not policy.may(therapist, Act.CHANGE, Data.MEDICAL_ASSESSMENT, flagged=True)
    doctors_only = ConsultationType.objects.get(slug="legekonsultasjon")
    assert doctors_only.doctors_only
    doctors_only.therapists.add(psychiatrist, psychologist)
    assert doctors_only in ConsultationType.objects.offered_by(psychiatrist)
    assert doctors_only not in ConsultationType.objects.offered_by(psychologist)
