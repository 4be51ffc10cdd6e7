import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts.models import User
from forlop.conftest import PASSWORD

LOGIN = "/ansatt/logg-inn/"
VERIFY = "/ansatt/logg-inn/bekreft/"
SETUP = "/ansatt/sikkerhet/oppsett/"
DASHBOARD = "/ansatt/"


def add_app(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="App", confirmed=True)


def code_now(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def log_in_with_password(client, user: User, **extra):
    return client.post(LOGIN, {"email": user.email, "password": PASSWORD}, **extra)


def log_in_fully(client, user: User, device: TOTPDevice, **extra):
    response = log_in_with_password(client, user, **extra)
    assert response.status_code == 302 and response["Location"] == VERIFY
    return client.post(VERIFY, {"code": code_now(device)}, **extra)


def normalised(html: bytes) -> bytes:
    """Without the per-response random parts: CSRF token masks and CSP nonces."""
    html = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b'name="csrfmiddlewaretoken" value=""', html)
    return re.sub(rb'nonce="[^"]+"', b'nonce=""', html)


@pytest.fixture
def app_for():
    return add_app
