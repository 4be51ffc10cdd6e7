from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts import demo
from forlop.accounts.checks import demo_accounts_in_production
from forlop.accounts.models import Role, User

from .conftest import VERIFY

pytestmark = pytest.mark.django_db


def test_it_creates_one_demo_user_per_role_and_can_run_again():
    demo.load(StringIO())
    demo.load(StringIO())
    users = User.objects.filter(is_demo=True)
    assert users.count() == 5
    assert {role for user in users for role in user.roles} == set(Role)
    assert TOTPDevice.objects.filter(user__is_demo=True).count() == 5  # the client too (Min side)


def test_the_printed_instructions_let_you_log_in(client):
    demo.load(StringIO())
    text = demo.describe_logins()
    assert demo.DEMO_PASSWORD in text
    assert "manage.py totp_code" in text
    assert "koordinator@forlop.test" in text

    response = client.post(
        "/ansatt/logg-inn/", {"email": "koordinator@forlop.test", "password": demo.DEMO_PASSWORD}
    )
    assert response["Location"] == VERIFY
    out = StringIO()
    call_command("totp_code", "koordinator@forlop.test", stdout=out, stderr=StringIO())
    assert client.post(VERIFY, {"code": out.getvalue().strip()})["Location"] == "/ansatt/"


def test_the_demo_client_logs_in_to_min_side_with_the_printed_instructions(client):
    demo.load(StringIO())
    text = demo.describe_logins()
    assert "/min-side/logg-inn/" in text
    assert "kommer senere" not in text

    response = client.post(
        "/min-side/logg-inn/", {"email": "klient@forlop.test", "password": demo.DEMO_PASSWORD}
    )
    assert response["Location"] == "/min-side/logg-inn/bekreft/"
    out = StringIO()
    call_command("totp_code", "klient@forlop.test", stdout=out, stderr=StringIO())
    response = client.post("/min-side/logg-inn/bekreft/", {"code": out.getvalue().strip()})
    assert response["Location"] == "/min-side/"


def test_the_code_command_refuses_real_accounts(coordinator):
    TOTPDevice.objects.create(user=coordinator, name="App")
    with pytest.raises(CommandError, match="ikke en demokonto"):
        call_command("totp_code", coordinator.email, stdout=StringIO())


def test_the_code_command_and_demo_data_do_not_exist_in_production():
    demo.load(StringIO())
    with override_settings(PRODUCTION=True, DEMO_DATA_ALLOWED=False):
        with pytest.raises(CommandError, match="produksjon"):
            call_command("totp_code", "admin@forlop.test", stdout=StringIO())
        with pytest.raises(CommandError):
            demo.load(StringIO())
        assert demo.describe_logins() == ""


def test_it_leaves_a_real_account_with_a_demo_address_alone():
    User.objects.create_user(
        "lege@forlop.test", "et-langt-ekte-passord", full_name="Ekte Lege", is_doctor=True
    )
    out = StringIO()
    demo.load(out)
    assert "ikke en demokonto" in out.getvalue()
    assert not User.objects.get(email="lege@forlop.test").is_demo


def test_the_system_check_reports_demo_accounts_in_production():
    assert demo_accounts_in_production(databases=["default"]) == []
    demo.load(StringIO())
    assert demo_accounts_in_production(databases=["default"]) == []  # fine outside production
    with override_settings(PRODUCTION=True):
        [error] = demo_accounts_in_production(databases=["default"])
    assert error.id == "accounts.E001"
