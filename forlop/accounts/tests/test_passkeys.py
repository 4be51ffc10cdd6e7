import json

import pytest
from django.test import RequestFactory, override_settings

from forlop.accounts import passkeys
from forlop.accounts.models import LoginEvent, WebAuthnCredential

from .conftest import DASHBOARD, log_in_with_password
from .soft_authenticator import SoftAuthenticator

pytestmark = pytest.mark.django_db

RP = passkeys.RelyingParty("forlop.no", "https://forlop.no")
TEST_ORIGIN = "http://testserver"  # the Django test client's address, outside production


def registered(user, authenticator: SoftAuthenticator, rp=RP) -> WebAuthnCredential:
    options, challenge = passkeys.registration_options(user=user, rp=rp)
    return passkeys.register(user=user, credential=authenticator.create(options), challenge=challenge, rp=rp)


def test_registration_options_name_our_site_and_prefer_user_verification(coordinator):
    options_json, challenge = passkeys.registration_options(user=coordinator, rp=RP)
    options = json.loads(options_json)
    assert options["rp"] == {"id": "forlop.no", "name": "Forløp"}
    assert options["user"]["name"] == coordinator.email
    assert coordinator.email not in options["user"]["id"]  # the handle is opaque
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert options["authenticatorSelection"]["residentKey"] == "preferred"
    assert options["attestation"] == "none"
    assert len(challenge) >= 32


def test_registration_options_exclude_keys_already_registered(coordinator):
    key = registered(coordinator, SoftAuthenticator(RP.origin))
    options = json.loads(passkeys.registration_options(user=coordinator, rp=RP)[0])
    assert [c["id"] for c in options["excludeCredentials"]] == [key.credential_id]


def test_a_real_registration_and_login_ceremony_succeed(coordinator):
    authenticator = SoftAuthenticator(RP.origin)
    key = registered(coordinator, authenticator)
    assert key.confirmed and key.user == coordinator and key.transports == ["internal"]

    options, challenge = passkeys.authentication_options(user=coordinator, rp=RP)
    assert json.loads(options)["userVerification"] == "preferred"
    used = passkeys.authenticate(
        user=coordinator, credential=authenticator.get(options), challenge=challenge, rp=RP
    )
    assert used == key
    used.refresh_from_db()
    assert used.sign_count == 1 and used.last_used_at is not None


@pytest.mark.parametrize(
    "forgery",
    [
        {},
        {
            "id": "abc",
            "rawId": "abc",
            "type": "public-key",
            "response": {"clientDataJSON": "e30", "attestationObject": "oA"},
        },
        "ikke json",
    ],
)
def test_a_forged_registration_is_refused_in_norwegian(coordinator, forgery):
    _options, challenge = passkeys.registration_options(user=coordinator, rp=RP)
    with pytest.raises(passkeys.PasskeyError) as refused:
        passkeys.register(user=coordinator, credential=forgery, challenge=challenge, rp=RP)
    assert "ble ikke godkjent" in str(refused.value) or "kunne ikke leses" in str(refused.value)
    assert not WebAuthnCredential.objects.exists()


def test_a_registration_for_another_challenge_is_refused(coordinator):
    options, _challenge = passkeys.registration_options(user=coordinator, rp=RP)
    with pytest.raises(passkeys.PasskeyError, match="Passnøkkelen ble ikke godkjent"):
        passkeys.register(
            user=coordinator,
            credential=SoftAuthenticator(RP.origin).create(options),
            challenge=b"x" * 32,
            rp=RP,
        )


def test_a_phishing_site_cannot_use_the_passkey(coordinator):
    authenticator = SoftAuthenticator(RP.origin)
    registered(coordinator, authenticator)
    options, challenge = passkeys.authentication_options(user=coordinator, rp=RP)
    # The browser reports the page's real origin and the authenticator signs for the look-alike's rp id.
    answer = authenticator.get(options, origin="https://forlop-login.example", rp_id="forlop-login.example")
    with pytest.raises(passkeys.PasskeyError, match="Passnøkkelen ble ikke godkjent"):
        passkeys.authenticate(user=coordinator, credential=answer, challenge=challenge, rp=RP)


def test_someone_elses_passkey_does_not_log_you_in(coordinator, therapist):
    theirs = SoftAuthenticator(RP.origin)
    registered(therapist, theirs)
    registered(coordinator, SoftAuthenticator(RP.origin))
    options, challenge = passkeys.authentication_options(user=coordinator, rp=RP)
    with pytest.raises(passkeys.PasskeyError):
        passkeys.authenticate(user=coordinator, credential=theirs.get(options), challenge=challenge, rp=RP)


def test_a_cloned_authenticator_with_an_old_counter_is_refused(coordinator):
    authenticator = SoftAuthenticator(RP.origin)
    registered(coordinator, authenticator)
    for _ in range(2):
        options, challenge = passkeys.authentication_options(user=coordinator, rp=RP)
        passkeys.authenticate(
            user=coordinator, credential=authenticator.get(options), challenge=challenge, rp=RP
        )
    authenticator.sign_count = 0  # the clone has not seen the last logins
    options, challenge = passkeys.authentication_options(user=coordinator, rp=RP)
    with pytest.raises(passkeys.PasskeyError):
        passkeys.authenticate(
            user=coordinator, credential=authenticator.get(options), challenge=challenge, rp=RP
        )


def test_authentication_options_need_a_registered_passkey(coordinator):
    with pytest.raises(passkeys.PasskeyError, match="ingen passnøkkel"):
        passkeys.authentication_options(user=coordinator, rp=RP)


def test_the_relying_party_is_the_site_address_in_production():
    request = RequestFactory().get("/", HTTP_HOST="localhost:8123")
    assert (passkeys.relying_party(request).id, passkeys.relying_party(request).origin) == (
        "localhost",
        "http://localhost:8123",
    )
    with override_settings(PRODUCTION=True, SITE_URL="https://forlop.no"):
        rp = passkeys.relying_party(request)
    assert (rp.id, rp.origin) == ("forlop.no", "https://forlop.no")


# --- Through the views ----------------------------------------------------------------------------------


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_enrolment_with_a_passkey_then_logging_in_with_it(client, therapist):
    authenticator = SoftAuthenticator(TEST_ORIGIN)
    log_in_with_password(client, therapist)
    options = client.post("/ansatt/sikkerhet/passnokkel/valg/")
    assert options.status_code == 200 and options["Content-Type"] == "application/json"
    done = post_json(
        client,
        "/ansatt/sikkerhet/passnokkel/",
        {"credential": authenticator.create(options.content), "name": "Jobb-PC"},
    )
    assert done.status_code == 200
    assert done.json() == {"redirect": "/ansatt/sikkerhet/reservekoder/"}
    assert WebAuthnCredential.objects.get(user=therapist).name == "Jobb-PC"
    assert client.get(DASHBOARD).status_code == 200
    assert "forlop_device" in done.cookies

    client.post("/ansatt/logg-ut/")
    log_in_with_password(client, therapist)
    options = client.post("/ansatt/logg-inn/passnokkel/valg/")
    done = post_json(client, "/ansatt/logg-inn/passnokkel/", authenticator.get(options.content))
    assert done.json() == {"redirect": DASHBOARD}
    assert client.get(DASHBOARD).status_code == 200


def test_a_forged_passkey_answer_is_refused_and_counted(client, coordinator):
    registered(
        coordinator, SoftAuthenticator(TEST_ORIGIN), rp=passkeys.RelyingParty("testserver", TEST_ORIGIN)
    )
    log_in_with_password(client, coordinator)
    client.post("/ansatt/logg-inn/passnokkel/valg/")
    refused = post_json(client, "/ansatt/logg-inn/passnokkel/", {"id": "x", "response": {}})
    assert refused.status_code == 400
    assert refused.json()["error"].startswith("Passnøkkelen ble ikke godkjent")
    assert LoginEvent.objects.filter(user=coordinator, outcome="factor_failed").count() == 1
    assert client.get(DASHBOARD).status_code == 302


def test_a_passkey_answer_without_a_fresh_challenge_is_refused(client, coordinator):
    authenticator = SoftAuthenticator(TEST_ORIGIN)
    registered(coordinator, authenticator, rp=passkeys.RelyingParty("testserver", TEST_ORIGIN))
    log_in_with_password(client, coordinator)
    options = client.post("/ansatt/logg-inn/passnokkel/valg/").content
    answer = authenticator.get(options)
    assert post_json(client, "/ansatt/logg-inn/passnokkel/", answer).status_code == 200
    client.post("/ansatt/logg-ut/")
    log_in_with_password(client, coordinator)
    replay = post_json(client, "/ansatt/logg-inn/passnokkel/", answer)  # the challenge was used up
    assert replay.status_code == 400


def test_passkey_endpoints_refuse_anonymous_visitors(client):
    assert client.post("/ansatt/logg-inn/passnokkel/valg/").status_code == 403
    assert client.post("/ansatt/sikkerhet/passnokkel/valg/").status_code == 403
    assert post_json(client, "/ansatt/sikkerhet/passnokkel/", {}).status_code == 403
    assert client.get("/ansatt/logg-inn/passnokkel/valg/")["Location"] == "/ansatt/logg-inn/bekreft/"
    assert client.put("/ansatt/logg-inn/passnokkel/").status_code == 405


@pytest.mark.parametrize("body", ["[" * 10_000, '{"credential": ' * 10_000])
def test_deeply_nested_json_to_the_passkey_endpoints_is_a_clear_400(client, coordinator, body):
    log_in_with_password(client, coordinator)
    client.post("/ansatt/logg-inn/passnokkel/valg/")
    refused = client.post("/ansatt/logg-inn/passnokkel/", body, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["error"].startswith("Innloggingen med passnøkkel")
    refused = client.post("/ansatt/sikkerhet/passnokkel/", body, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["error"].startswith("Registreringen ble avbrutt")


def test_a_passkey_answer_as_a_deeply_nested_string_is_refused(coordinator):
    with pytest.raises(passkeys.PasskeyError):
        passkeys.authenticate(user=coordinator, credential="[" * 10_000, challenge=b"x", rp=RP)
