from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from forlop.accounts import services
from forlop.accounts.models import UserSession
from forlop.accounts.testing import login_verified
from forlop.outbox.models import OutboxMessage

from .conftest import DASHBOARD, LOGIN, add_app, log_in_fully, log_in_with_password

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def logged_in(client, coordinator, time_machine):
    time_machine.move_to(START, tick=False)
    log_in_fully(client, coordinator, add_app(coordinator))
    return client


def test_an_active_session_survives_29_minutes_between_clicks(logged_in, time_machine):
    for minutes in (29, 58, 87):
        time_machine.move_to(START + timedelta(minutes=minutes), tick=False)
        assert logged_in.get(DASHBOARD).status_code == 200


def test_it_logs_out_after_30_minutes_idle(logged_in, coordinator, time_machine):
    time_machine.move_to(START + timedelta(minutes=30, seconds=1), tick=False)
    response = logged_in.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "Økten din er avsluttet" in logged_in.get(response["Location"]).content.decode()
    assert not Session.objects.filter(expire_date__gt=START + timedelta(minutes=30, seconds=1)).exists()


def test_it_logs_out_after_12_hours_however_active(logged_in, time_machine):
    moment = START
    while moment < START + timedelta(hours=12) - timedelta(minutes=20):
        moment += timedelta(minutes=20)
        time_machine.move_to(moment, tick=False)
        assert logged_in.get(DASHBOARD).status_code == 200
    time_machine.move_to(START + timedelta(hours=12, seconds=1), tick=False)
    assert logged_in.get(DASHBOARD).status_code == 302
    assert "innlogget i 12 timer" in logged_in.get(LOGIN).content.decode()


def test_logout_ends_the_session_on_the_server(logged_in, coordinator):
    cookie = logged_in.cookies[settings.SESSION_COOKIE_NAME].value
    response = logged_in.post("/ansatt/logg-ut/")
    assert response["Location"] == LOGIN
    assert not Session.objects.filter(session_key=cookie).exists()
    assert not UserSession.objects.filter(user=coordinator).exists()
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert thief.get(DASHBOARD).status_code == 302


def test_logout_by_get_only_asks(logged_in):
    response = logged_in.get("/ansatt/logg-ut/")
    assert response.status_code == 200
    assert logged_in.get(DASHBOARD).status_code == 200


def test_deactivation_ends_every_session_at_once(coordinator):
    laptop, phone = Client(), Client()
    login_verified(laptop, coordinator)
    login_verified(phone, coordinator)
    assert UserSession.objects.filter(user=coordinator).count() == 2

    services.deactivate_user(user=coordinator)

    assert not Session.objects.exists()
    assert not UserSession.objects.exists()
    for browser in (laptop, phone):
        assert browser.get(DASHBOARD).status_code == 302


def test_changing_the_password_ends_the_other_sessions_only(coordinator):
    here, elsewhere = Client(), Client()
    login_verified(here, coordinator)
    login_verified(elsewhere, coordinator)
    response = here.post(
        "/ansatt/sikkerhet/passord/",
        {
            "old_password": "ganske-langt-passord-2026",
            "new_password1": "et-helt-nytt-og-langt-passord",
            "new_password2": "et-helt-nytt-og-langt-passord",
        },
    )
    assert response["Location"] == "/ansatt/sikkerhet/"
    assert here.get(DASHBOARD).status_code == 200
    assert elsewhere.get(DASHBOARD).status_code == 302
    assert UserSession.objects.filter(user=coordinator).count() == 1
    assert OutboxMessage.objects.filter(template="account_password_changed", to=[coordinator.email]).exists()


def test_a_short_or_common_password_is_refused_with_reasons(client, coordinator):
    login_verified(client, coordinator)
    response = client.post(
        "/ansatt/sikkerhet/passord/",
        {
            "old_password": "ganske-langt-passord-2026",
            "new_password1": "password1234",
            "new_password2": "password1234",
        },
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password("ganske-langt-passord-2026")


def test_session_cookie_is_httponly_and_samesite(client, coordinator):
    add_app(coordinator)
    response = log_in_with_password(client, coordinator)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert "forlop_device" not in response.cookies  # only once the second factor is done


def test_an_anonymous_visitor_gets_no_session(client):
    client.get("/")
    client.get(LOGIN)
    assert settings.SESSION_COOKIE_NAME not in client.cookies
