from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from forlop.accounts.models import KnownDevice
from forlop.outbox.models import OutboxMessage

from .conftest import add_app, log_in_fully

pytestmark = pytest.mark.django_db

FIREFOX = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
}


def new_device_emails():
    return OutboxMessage.objects.filter(template="account_new_device")


def test_a_login_from_a_new_browser_emails_the_owner(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    log_in_fully(client, coordinator, add_app(coordinator), **FIREFOX)
    email = new_device_emails().get()
    assert email.to == [coordinator.email]
    assert "Firefox på Windows" in email.subject
    assert "2. mars 2026 kl. 10:00" in email.body_text  # Oslo time
    assert "/ansatt/sikkerhet/" in email.body_text

    cookie = client.cookies["forlop_device"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 60 * 60


def test_the_same_browser_again_sends_nothing(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    device = add_app(coordinator)
    log_in_fully(client, coordinator, device)
    client.post("/ansatt/logg-ut/")
    time_machine.move_to(datetime(2026, 3, 2, 9, 1, tzinfo=UTC), tick=False)
    log_in_fully(client, coordinator, device)
    assert new_device_emails().count() == 1
    assert KnownDevice.objects.filter(user=coordinator).count() == 1


def test_another_browser_is_new_and_a_forged_cookie_counts_as_new(coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    device = add_app(coordinator)
    log_in_fully(Client(), coordinator, device)
    forger = Client()
    forger.cookies["forlop_device"] = "not-signed-by-us"
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=1), tick=False)
    log_in_fully(forger, coordinator, device)
    assert new_device_emails().count() == 2


def test_a_password_alone_does_not_mark_the_browser_as_known(client, coordinator):
    add_app(coordinator)
    client.post("/ansatt/logg-inn/", {"email": coordinator.email, "password": "ganske-langt-passord-2026"})
    assert "forlop_device" not in client.cookies
    assert not KnownDevice.objects.exists()
