from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.test import override_settings

from forlop.accounts.models import LoginEvent, User
from forlop.conftest import PASSWORD

from .conftest import (
    DASHBOARD,
    LOGIN,
    SETUP,
    VERIFY,
    add_app,
    code_now,
    log_in_fully,
    log_in_with_password,
    normalised,
)

pytestmark = pytest.mark.django_db

OTHER_ADDRESS = {"REMOTE_ADDR": "203.0.113.9"}


def test_it_shows_the_login_form_with_its_labels(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_email">E-post' in html
    assert 'for="id_password">Passord' in html
    assert ">Logg inn</button>" in html
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # no session for someone only looking


def test_it_logs_a_coordinator_in_with_password_and_app_code(client, coordinator):
    device = add_app(coordinator)
    response = log_in_with_password(client, coordinator)
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert client.get(DASHBOARD).status_code == 302  # password alone opens nothing

    response = client.post(VERIFY, {"code": code_now(device)})
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    page = client.get(DASHBOARD)
    assert page.status_code == 200
    assert "Nye henvendelser" in page.content.decode()
    outcomes = list(LoginEvent.objects.filter(user=coordinator).values_list("outcome", flat=True))
    assert sorted(outcomes) == ["password_ok", "verified"]


def test_it_gives_a_new_session_id_at_login_and_again_after_the_second_factor(client, therapist):
    device = add_app(therapist)
    session = client.session
    session["draft"] = "x"
    session.save()
    before = session.session_key
    log_in_with_password(client, therapist)
    after_password = client.session.session_key
    client.post(VERIFY, {"code": code_now(device)})
    after_verify = client.session.session_key
    assert len({before, after_password, after_verify}) == 3
    assert therapist.sessions.get().session_key == after_verify


def test_wrong_password_and_unknown_email_look_exactly_the_same(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    known = client.post(LOGIN, {"email": coordinator.email, "password": "feil-passord-helt-sikkert"})
    unknown = client.post(LOGIN, {"email": "ingen.her@example.no", "password": "feil-passord-helt-sikkert"})
    assert known.status_code == unknown.status_code == 200
    assert "E-postadressen eller passordet er feil." in known.content.decode()
    same_known = normalised(known.content).replace(coordinator.email.encode(), b"EMAIL")
    same_unknown = normalised(unknown.content).replace(b"ingen.her@example.no", b"EMAIL")
    assert same_known == same_unknown
    assert sorted(known.cookies) == sorted(unknown.cookies)
    varying = {"X-Request-ID", "Content-Security-Policy", "Content-Length"}  # ids, nonces, email length
    assert sorted(known.headers) == sorted(unknown.headers)
    assert {k: v for k, v in known.headers.items() if k not in varying} == {
        k: v for k, v in unknown.headers.items() if k not in varying
    }


def test_it_keeps_the_email_typed_when_the_password_is_wrong(client, coordinator):
    response = client.post(LOGIN, {"email": coordinator.email, "password": "feil-passord-helt-sikkert"})
    assert f'value="{coordinator.email}"' in response.content.decode()


def test_failed_attempts_are_logged_with_a_hashed_address(client, coordinator):
    client.post(
        LOGIN,
        {"email": coordinator.email, "password": "feil"},
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
    )
    client.post(LOGIN, {"email": "ukjent@example.no", "password": "feil"})
    known, unknown = LoginEvent.objects.order_by("pk")
    assert (known.user, known.outcome, known.user_agent) == (coordinator, "failed", "Firefox på Linux")
    assert (unknown.user, unknown.email_tried) == (None, "ukjent@example.no")
    assert "127.0.0.1" not in known.ip_hash and len(known.ip_hash) == 32


def test_it_locks_the_account_and_address_pair_after_five_failures(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    for _ in range(5):
        client.post(LOGIN, {"email": coordinator.email, "password": "feil-passord-helt-sikkert"})
    locked = log_in_with_password(client, coordinator)  # even the right password
    assert locked.status_code == 200
    assert "vente 15 minutter" in locked.content.decode()
    assert LoginEvent.objects.filter(outcome="locked").count() == 1

    # The real person, from their own address, is not locked out by an attacker elsewhere.
    elsewhere = log_in_with_password(client, coordinator, **OTHER_ADDRESS)
    assert elsewhere.status_code == 302

    time_machine.move_to(datetime(2026, 3, 2, 9, 15, 1, tzinfo=UTC), tick=False)
    client.logout()
    assert log_in_with_password(client, coordinator).status_code == 302


def test_four_failures_do_not_lock(client, coordinator):
    for _ in range(4):
        client.post(LOGIN, {"email": coordinator.email, "password": "feil-passord-helt-sikkert"})
    assert log_in_with_password(client, coordinator).status_code == 302


def test_an_unknown_email_is_locked_just_like_a_known_one(client):
    for _ in range(5):
        client.post(LOGIN, {"email": "ukjent@example.no", "password": "feil-passord-helt-sikkert"})
    response = client.post(LOGIN, {"email": "ukjent@example.no", "password": "feil-passord-helt-sikkert"})
    assert "vente 15 minutter" in response.content.decode()


def test_wrong_codes_count_towards_the_lockout(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    device = add_app(coordinator)
    log_in_with_password(client, coordinator)
    for _ in range(5):
        response = client.post(VERIFY, {"code": "000000"})
        assert "Koden stemmer ikke" in response.content.decode()
    response = client.post(VERIFY, {"code": code_now(device)})
    assert response.status_code == 200
    assert "vente 15 minutter" in response.content.decode()


@pytest.mark.parametrize("persona", ["client_person", "stranger"])
def test_people_without_a_staff_role_cannot_log_in_here(client, request, persona):
    user = request.getfixturevalue(persona)
    response = log_in_with_password(client, user)
    assert response.status_code == 200
    assert "E-postadressen eller passordet er feil." in response.content.decode()


def test_a_deactivated_account_cannot_log_in(client, coordinator):
    coordinator.is_active = False
    coordinator.save()
    assert log_in_with_password(client, coordinator).status_code == 200


def test_demo_accounts_cannot_log_in_in_production(client, coordinator):
    User.objects.filter(pk=coordinator.pk).update(is_demo=True)
    with override_settings(PRODUCTION=True):
        assert log_in_with_password(client, coordinator).status_code == 200
    assert log_in_with_password(client, coordinator).status_code == 302


def test_a_staff_member_without_a_second_factor_is_sent_to_enrolment(client, therapist):
    response = log_in_with_password(client, therapist)
    assert response["Location"] == SETUP
    assert client.get(VERIFY)["Location"] == SETUP
    assert client.get(DASHBOARD).status_code == 302


def test_it_takes_you_back_where_you_were_going(client, coordinator):
    device = add_app(coordinator)
    first = client.get("/ansatt/sikkerhet/")
    assert first["Location"].startswith(LOGIN)
    client.post(first["Location"], {"email": coordinator.email, "password": PASSWORD})
    response = client.post(VERIFY, {"code": code_now(device)})
    assert response["Location"] == "/ansatt/sikkerhet/"


def test_it_ignores_a_next_address_on_another_site(client, coordinator):
    device = add_app(coordinator)
    client.post(LOGIN + "?next=https://evil.example/", {"email": coordinator.email, "password": PASSWORD})
    response = client.post(VERIFY, {"code": code_now(device)})
    assert response["Location"] == DASHBOARD


def test_a_logged_in_person_visiting_the_login_page_goes_on(client, coordinator):
    device = add_app(coordinator)
    log_in_fully(client, coordinator, device)
    assert client.get(LOGIN)["Location"] == DASHBOARD


def test_an_empty_form_says_what_is_missing(client):
    response = client.post(LOGIN, {"email": "", "password": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert LoginEvent.objects.count() == 0


def test_the_app_code_cannot_be_used_twice(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC), tick=False)
    device = add_app(coordinator)
    code = code_now(device)
    log_in_with_password(client, coordinator)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post("/ansatt/logg-ut/")
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, 10, tzinfo=UTC), tick=False)
    log_in_with_password(client, coordinator)
    # Five seconds later the app still shows the same code; it is refused all the same.
    assert client.post(VERIFY, {"code": code}).status_code == 200
