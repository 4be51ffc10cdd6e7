"""The access policy's rules for the treatment course (forlop.audit.policy): the team sees, clinicians on the
team write, only a doctor on the team prescribes, nobody sees every course, and an emergency access only
reads."""

import pytest

from forlop.audit import policy
from forlop.audit.policy import Act, Data
from forlop.conftest import make_user

ROLES = {
    "therapist": {"is_therapist": True},
    "doctor": {"is_doctor": True},
    "coordinator": {"is_coordinator": True},
    "admin": {"is_admin": True},
    "client": {"is_client": True},
}

# (data, act) -> roles that may, when on the team.
ON_TEAM = {
    (Data.TREATMENT, Act.SEE): {"therapist", "doctor", "coordinator", "admin"},
    (Data.TREATMENT, Act.CHANGE): {"therapist", "doctor"},
    (Data.TEAM, Act.SEE): {"therapist", "doctor", "coordinator", "admin"},
    (Data.TEAM, Act.CHANGE): {"therapist", "doctor", "coordinator", "admin"},  # an admin as coordinator
    (Data.PRESCRIPTION, Act.SEE): {"therapist", "doctor", "coordinator", "admin"},
    (Data.PRESCRIPTION, Act.CHANGE): {"doctor"},
}


@pytest.fixture
def users(db):
    return {name: make_user(f"{name}@example.no", **roles) for name, roles in ROLES.items()}


@pytest.mark.parametrize(("data", "act"), list(ON_TEAM))
def test_on_the_team_each_role_may_what_its_rule_says(users, data, act):
    allowed = {name for name, user in users.items() if policy.may(user, act, data, team={user.pk})}
    assert allowed == ON_TEAM[(data, act)]


@pytest.mark.parametrize(("data", "act"), list(ON_TEAM))
def test_off_the_team_nobody_may_not_even_the_admin(users, data, act):
    others = {users["therapist"].pk}
    assert [n for n, u in users.items() if u.pk not in others and policy.may(u, act, data, team=others)] == []


@pytest.mark.parametrize("data", [Data.TREATMENT, Data.TEAM, Data.PRESCRIPTION])
def test_an_emergency_access_lets_staff_read_and_never_write(users, data):
    staff = {n for n in users if n != "client"}
    assert {n for n, u in users.items() if policy.may(u, Act.SEE, data, emergency=True)} == staff
    assert {n for n, u in users.items() if policy.may(u, Act.CHANGE, data, emergency=True)} == set()
    assert {n for n, u in users.items() if policy.may_declare_emergency(u, data)} == staff
    assert {n for n, u in users.items() if policy.may_declare_emergency(u, data, Act.CHANGE)} == set()


def test_only_the_admin_reviews_emergency_accesses(users):
    for act in Act:
        assert {n for n, u in users.items() if policy.may(u, act, Data.EMERGENCY_REVIEW)} == {"admin"}


def test_a_deactivated_team_member_may_nothing(users):
    therapist = users["therapist"]
    therapist.is_active = False
    therapist.save()
    assert not policy.may(therapist, Act.SEE, Data.TREATMENT, team={therapist.pk})
    assert not policy.may_declare_emergency(therapist, Data.TREATMENT)
