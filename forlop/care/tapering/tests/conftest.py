"""Nora's course (forlop/care/tests/conftest.py: Tor therapist, Lise doctor, Kari coordinator; Per a doctor
outside the team) and helpers to approve a taper plan with a real authenticator-app code."""

from datetime import date

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.care.tapering import services
from forlop.care.tapering.models import Kind
from forlop.care.tests.conftest import people, world  # noqa: F401 - the fixtures, shared

__all__ = ["people", "world"]

BENZO_INPUTS = {
    "doses": [{"drug": "Sobril", "mg_per_day": "30"}],
    "overrides": [],
    "switch_weeks": 0,
    "rate_percent": 10,
    "slow_below_mg": "10",
    "target_mg": "0",
    "times": ["08:00", "20:00"],
    "strengths": ["2", "5", "10"],
    "halves": False,
    "pauses": [],
    "start": "2026-03-09",  # a Monday, a week after NOW
}
FIRST_DAY = date(2026, 3, 9)


def app_of(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Testapp", confirmed=True)
    return device


def code_now(user) -> str:
    device = app_of(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def draft(world):
    version = services.propose(by=world.users["team_doctor"], course=world.course, kind=Kind.BENZODIAZEPINE)
    return services.save_draft(by=world.users["team_doctor"], version=version, inputs=BENZO_INPUTS)


@pytest.fixture
def approved(world, draft):
    doctor = world.users["team_doctor"]
    return services.approve(by=doctor, version=draft, code=code_now(doctor))
