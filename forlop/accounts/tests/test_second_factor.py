import re
from datetime import UTC, datetime

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts import services
from forlop.accounts.models import WebAuthnCredential
from forlop.accounts.testing import login_verified

from .conftest import DASHBOARD, SETUP, VERIFY, add_app, code_now, log_in_with_password

pytestmark = pytest.mark.django_db

SECURITY = "/ansatt/sikkerhet/"
BACKUP = "/ansatt/sikkerhet/reservekoder/"


def pending_code(client) -> str:
    key = client.session[services.SESSION_TOTP_KEY]
    device = TOTPDevice(key=key)
    return f"{TOTP(device.bin_key).token():06d}"


@pytest.mark.parametrize("path", ["/ansatt/", "/admin/", "/ansatt/sikkerhet/", "/en/admin/"])
def test_a_password_only_session_never_reaches_staff_pages(client, admin_user, path):
    add_app(admin_user)
    log_in_with_password(client, admin_user)
    response = client.get(path, follow=True)
    hops = [url for url, _status in response.redirect_chain]
    assert all(status == 302 for _url, status in response.redirect_chain)
    assert any("/ansatt/logg-inn/?next=" in url for url in hops)
    assert hops[-1].endswith(VERIFY)
    assert response.status_code == 200  # the second-step page, never the staff page itself


def test_enrolment_sets_up_an_app_and_shows_backup_codes_once(client, therapist, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    log_in_with_password(client, therapist)
    page = client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html  # QR drawn here, not fetched from a service
    assert ">Registrer passnøkkel</button>" in html
    assert ">Bekreft</button>" in html
    assert TOTPDevice.objects.count() == 0  # nothing stored until the app proves it has the secret

    response = client.post(SETUP, {"code": pending_code(client)})
    assert response["Location"] == BACKUP
    assert TOTPDevice.objects.get(user=therapist).confirmed

    codes_page = client.get(BACKUP).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(codes)
    assert "<code>" not in client.get(BACKUP).content.decode()  # shown once
    assert client.get(DASHBOARD).status_code == 200


def test_enrolment_refuses_a_wrong_code_and_keeps_what_was_typed(client, therapist):
    log_in_with_password(client, therapist)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "12345x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Koden stemmer ikke" in html
    assert 'value="12345x"' in html
    assert not TOTPDevice.objects.exists()


def test_someone_with_a_factor_cannot_skip_to_enrolment_with_a_password(client, coordinator):
    add_app(coordinator)
    log_in_with_password(client, coordinator)
    assert client.get(SETUP)["Location"] == VERIFY
    assert client.post("/ansatt/sikkerhet/passnokkel/valg/").status_code == 403


def test_a_backup_code_works_once(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    add_app(coordinator)
    code, *_rest = services.generate_backup_codes(user=coordinator)
    log_in_with_password(client, coordinator)
    response = client.post(VERIFY, {"code": code.upper()[:4] + "-" + code.upper()[4:]})
    assert response["Location"] == DASHBOARD
    assert "Du brukte en reservekode. Du har 9 igjen" in client.get(DASHBOARD).content.decode()
    client.post("/ansatt/logg-ut/")

    time_machine.move_to(datetime(2026, 3, 2, 9, 1, tzinfo=UTC), tick=False)
    log_in_with_password(client, coordinator)
    again = client.post(VERIFY, {"code": code})
    assert again.status_code == 200
    assert "Koden stemmer ikke" in again.content.decode()


def test_the_verify_page_offers_a_passkey_to_those_who_have_one(client, coordinator):
    add_app(coordinator)
    log_in_with_password(client, coordinator)
    assert "Logg inn med passnøkkel" not in client.get(VERIFY).content.decode()
    WebAuthnCredential.objects.create(user=coordinator, name="Nøkkel", credential_id="abc", public_key=b"x")
    html = client.get(VERIFY).content.decode()
    assert ">Logg inn med passnøkkel</button>" in html
    assert 'for="id_code">Engangskode' in html
    assert re.search(r'<script src="/static/js/webauthn.js" defer>', html)


def test_the_security_page_lists_factors_and_recent_logins(
    client, coordinator, django_assert_max_num_queries
):
    login_verified(client, coordinator)
    WebAuthnCredential.objects.create(user=coordinator, name="Jobb-PC", credential_id="abc", public_key=b"x")
    services.generate_backup_codes(user=coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(SECURITY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jobb-PC" in html
    assert "Du har 10 ubrukte reservekoder." in html
    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize("persona", ["client_person", "stranger"])
def test_the_security_page_is_for_staff_only(client, request, persona):
    user = request.getfixturevalue(persona)
    login_verified(client, user)
    assert client.get(SECURITY).status_code == 403


def test_it_refuses_to_remove_the_only_second_factor(client, coordinator):
    login_verified(client, coordinator)
    app = TOTPDevice.objects.get(user=coordinator)
    response = client.post(f"/ansatt/sikkerhet/app/{app.pk}/fjern/", follow=True)
    assert "Du kan ikke fjerne den eneste andre faktoren din" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=app.pk).exists()


def test_it_removes_a_factor_when_another_remains(client, coordinator):
    login_verified(client, coordinator)
    key = WebAuthnCredential.objects.create(
        user=coordinator, name="Gammel nøkkel", credential_id="abc", public_key=b"x"
    )
    response = client.post(f"/ansatt/sikkerhet/passnokkel/{key.pk}/fjern/", follow=True)
    assert "«Gammel nøkkel» er fjernet." in response.content.decode()
    assert not WebAuthnCredential.objects.filter(pk=key.pk).exists()


def test_nobody_can_remove_someone_elses_factor(client, coordinator, therapist):
    login_verified(client, coordinator)
    theirs = WebAuthnCredential.objects.create(
        user=therapist, name="Deres", credential_id="abc", public_key=b"x"
    )
    assert client.post(f"/ansatt/sikkerhet/passnokkel/{theirs.pk}/fjern/").status_code == 404
    assert WebAuthnCredential.objects.filter(pk=theirs.pk).exists()


def test_new_backup_codes_replace_the_old_ones(client, coordinator):
    login_verified(client, coordinator)
    old = set(services.generate_backup_codes(user=coordinator))
    assert client.post(BACKUP)["Location"] == BACKUP
    new = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.get(BACKUP).content.decode()))
    assert len(new) == 10
    assert not old & set(StaticToken.objects.values_list("token", flat=True))


def test_a_verified_person_can_add_a_second_app(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    login_verified(client, coordinator)
    services.generate_backup_codes(user=coordinator)
    assert "Legg til andre faktor" in client.get(SETUP).content.decode()
    response = client.post(SETUP, {"code": pending_code(client)})
    assert response["Location"] == SECURITY
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).count() == 2


def test_code_now_matches_what_the_device_accepts(coordinator):
    device = add_app(coordinator)
    assert device.verify_token(code_now(device))
