"""Password spraying: one address trying many accounts once each is stopped, and learns nothing from it.

After ADDRESS_MAX_FAILURES failed passwords from one address within a lockout window, every further login
from that address fails (even with the right password) until the window ends, and the answer is byte for
byte the wrong-password answer: the sprayer cannot tell a locked address, an unknown account or a right
password apart. Other addresses are not affected, and successful logins do not count.
"""

from datetime import UTC, datetime, timedelta

import pytest

from forlop.accounts import services
from forlop.accounts.models import LoginEvent
from forlop.conftest import PASSWORD, make_user

from .conftest import LOGIN, VERIFY, normalised

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WRONG = "feil-passord-helt-sikkert"
SPRAYER = {"REMOTE_ADDR": "198.51.100.23"}


def attempt(client, email: str, password: str = WRONG, **extra):
    return client.post(LOGIN, {"email": email, "password": password}, **extra)


def comparable(response, email: str) -> tuple:
    body = normalised(response.content).replace(email.encode(), b"EMAIL")
    varying = {"X-Request-ID", "Content-Security-Policy", "Content-Length"}  # ids, nonces, email length
    headers = {k: v for k, v in response.headers.items() if k not in varying}
    return response.status_code, body, sorted(response.cookies), sorted(response.headers), headers


@pytest.fixture
def staff(db):
    return [make_user(f"ansatt{n}@example.no", is_coordinator=True) for n in range(10)]


def test_one_address_trying_thirty_accounts_once_each_is_stopped(client, staff, time_machine):
    time_machine.move_to(START, tick=False)
    emails = [user.email for user in staff] + [f"gjett{n}@example.no" for n in range(20)]
    answers = [attempt(client, email, **SPRAYER) for email in emails]

    assert {response.status_code for response in answers} == {200}
    assert LoginEvent.objects.filter(outcome="failed").count() == services.ADDRESS_MAX_FAILURES
    assert LoginEvent.objects.filter(outcome="locked").count() == 30 - services.ADDRESS_MAX_FAILURES
    # Now even the right password of a real account does not get in from that address…
    real = attempt(client, staff[0].email, PASSWORD, **SPRAYER)
    assert real.status_code == 200 and VERIFY not in real.get("Location", "")
    assert "_auth_user_id" not in client.session
    # …while the same person from another address does.
    assert attempt(client, staff[0].email, PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 302


def test_the_locked_answer_is_byte_identical_to_a_wrong_password(client, staff, time_machine):
    time_machine.move_to(START, tick=False)
    first_wrong = attempt(client, staff[0].email, **SPRAYER)
    for n in range(services.ADDRESS_MAX_FAILURES - 1):
        attempt(client, f"gjett{n}@example.no", **SPRAYER)

    locked_right_password = attempt(client, staff[1].email, PASSWORD, **SPRAYER)
    locked_unknown = attempt(client, "ingen@example.no", **SPRAYER)

    assert "E-postadressen eller passordet er feil." in first_wrong.content.decode()
    expected = comparable(first_wrong, staff[0].email)
    assert comparable(locked_right_password, staff[1].email) == expected
    assert comparable(locked_unknown, "ingen@example.no") == expected


def test_the_address_may_try_again_when_the_window_has_passed(client, staff, time_machine):
    time_machine.move_to(START, tick=False)
    for n in range(services.ADDRESS_MAX_FAILURES):
        attempt(client, f"gjett{n}@example.no", **SPRAYER)
    assert attempt(client, staff[0].email, PASSWORD, **SPRAYER).status_code == 200

    time_machine.move_to(START + services.LOCKOUT + timedelta(seconds=1), tick=False)
    assert attempt(client, staff[0].email, PASSWORD, **SPRAYER).status_code == 302


def test_successful_logins_from_one_office_do_not_count(client, staff, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(3):
        for user in staff:
            assert attempt(client, user.email, PASSWORD, **SPRAYER).status_code == 302
            client.logout()
    for n in range(services.ADDRESS_MAX_FAILURES - 1):
        attempt(client, f"gjett{n}@example.no", **SPRAYER)
    assert attempt(client, staff[0].email, PASSWORD, **SPRAYER).status_code == 302


def test_the_per_account_lockout_still_comes_first(client, staff, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(services.MAX_FAILURES):
        attempt(client, staff[0].email, **SPRAYER)
    assert "vente 15 minutter" in attempt(client, staff[0].email, PASSWORD, **SPRAYER).content.decode()
    # The five failures count towards the address too, but leave it open for other accounts.
    assert attempt(client, staff[1].email, PASSWORD, **SPRAYER).status_code == 302
