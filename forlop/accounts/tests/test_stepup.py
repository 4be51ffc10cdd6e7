from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts import stepup
from forlop.accounts.models import LoginEvent, WebAuthnCredential
from forlop.conftest import make_user


def code_for(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp() + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def doctor_with_app(db):
    user = make_user("lege.stepup@example.no", is_doctor=True)
    return user, TOTPDevice.objects.create(user=user, name="App", confirmed=True)


def test_it_accepts_a_fresh_code_from_the_app(doctor_with_app):
    user, device = doctor_with_app
    assert stepup.verify_code(user=user, code=code_for(device)).ok


def test_it_refuses_the_same_code_twice(doctor_with_app):
    user, device = doctor_with_app
    code = code_for(device)
    assert stepup.verify_code(user=user, code=code).ok
    again = stepup.verify_code(user=user, code=code)
    assert not again.ok and "brukt før" in again.error


def test_it_refuses_a_wrong_or_missing_code_and_logs_the_attempt(doctor_with_app):
    user, _device = doctor_with_app
    assert not stepup.verify_code(user=user, code="").ok
    wrong = stepup.verify_code(user=user, code="000000x")
    assert not wrong.ok and wrong.error
    assert LoginEvent.objects.filter(user=user, outcome=LoginEvent.Outcome.FACTOR_FAILED).count() == 2


def test_it_uses_up_a_backup_code(db):
    user = make_user("reserve@example.no", is_doctor=True)
    device = StaticDevice.objects.create(user=user, name="Reservekoder", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd1234")
    assert stepup.verify_code(user=user, code="ABCD-1234").ok
    assert not stepup.verify_code(user=user, code="abcd1234").ok


def test_it_locks_after_too_many_wrong_codes_even_the_right_one(doctor_with_app):
    user, device = doctor_with_app
    now = timezone.now()
    for _ in range(stepup.MAX_TRIES):
        assert not stepup.verify_code(user=user, code="999999", now=now).ok
    locked = stepup.verify_code(user=user, code=code_for(device), now=now)
    assert locked.locked and not locked.ok
    assert LoginEvent.objects.filter(user=user, outcome=LoginEvent.Outcome.LOCKED).exists()
    later = now + stepup.WINDOW + timedelta(seconds=1)
    assert not stepup.verify_code(user=user, code="999999", now=later).locked


def test_a_right_code_gives_its_try_back(db):
    user = make_user("mange.koder@example.no", is_doctor=True)
    device = StaticDevice.objects.create(user=user, name="Reservekoder", confirmed=True)
    codes = [f"kode{n:04d}" for n in range(stepup.MAX_TRIES + 2)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    now = timezone.now()
    assert all(stepup.verify_code(user=user, code=code, now=now).ok for code in codes)


def test_a_passkey_only_account_is_told_to_use_the_passkey(db):
    user = make_user("passkey@example.no", is_doctor=True)
    WebAuthnCredential.objects.create(
        user=user, name="Nøkkel", confirmed=True, credential_id="abc", public_key=b"x", sign_count=0
    )
    result = stepup.verify_code(user=user, code="123456")
    assert not result.ok and "passnøkkel" in result.error
    assert not stepup.can_type_a_code(user)
    assert stepup.refusal_for(user) == ""  # the approval form offers the passkey ceremony
