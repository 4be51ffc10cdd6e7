"""The staff login in Chromium (desktop and phone): enrolment with a passkey (Chromium's virtual
authenticator) and with an authenticator app, logging in with each, and axe on every page on the way."""

import base64
import re

import pytest
from django_otp.oath import TOTP

from forlop.conftest import PASSWORD, assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def log_in_with_password(page, live_server, email: str) -> None:
    page.goto(live_server.url + "/ansatt/logg-inn/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def test_enrolling_and_logging_in_with_a_passkey(page, live_server, therapist):
    virtual_authenticator(page)
    page.goto(live_server.url + "/ansatt/logg-inn/")
    assert_accessible(page)
    log_in_with_password(page, live_server, therapist.email)

    page.wait_for_url("**/ansatt/sikkerhet/oppsett/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sett opp andre faktor"
    assert_accessible(page)
    screenshot(page, "staff-setup")
    page.get_by_label("Navn på passnøkkelen").fill("Virtuell nøkkel")
    page.get_by_role("button", name="Registrer passnøkkel").click()

    page.wait_for_url("**/ansatt/sikkerhet/reservekoder/")
    assert page.locator(".backup-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Jeg har tatt vare på kodene – fortsett").click()
    page.wait_for_url(live_server.url + "/ansatt/")
    assert_accessible(page)

    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/ansatt/logg-inn/")
    assert page.get_by_text("Du er logget ut.").is_visible()

    log_in_with_password(page, live_server, therapist.email)
    page.wait_for_url("**/ansatt/logg-inn/bekreft/")
    assert_accessible(page)
    screenshot(page, "staff-verify")
    page.get_by_role("button", name="Logg inn med passnøkkel").click()
    page.wait_for_url(live_server.url + "/ansatt/")
    page.goto(live_server.url + "/ansatt/sikkerhet/")
    assert page.get_by_role("cell", name="Virtuell nøkkel", exact=True).is_visible()
    assert_accessible(page)


def test_enrolling_with_an_app_and_logging_in_with_a_backup_code(page, live_server, coordinator):
    log_in_with_password(page, live_server, coordinator.email)
    page.wait_for_url("**/ansatt/sikkerhet/oppsett/")
    secret = page.locator(".totp-secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    code = f"{TOTP(base64.b32decode(secret)).token():06d}"
    page.get_by_label("Engangskode").fill("123")
    page.get_by_role("button", name="Bekreft").click()
    page.locator("#error-summary").wait_for()
    assert "Koden stemmer ikke" in page.locator("#error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Engangskode").fill(code)
    page.get_by_role("button", name="Bekreft").click()

    page.wait_for_url("**/ansatt/sikkerhet/reservekoder/")
    backup_code = page.locator(".backup-codes code").first.inner_text()
    page.get_by_role("link", name="Jeg har tatt vare på kodene – fortsett").click()
    page.wait_for_url(live_server.url + "/ansatt/")
    page.get_by_role("button", name="Logg ut").click()

    log_in_with_password(page, live_server, coordinator.email)
    page.wait_for_url("**/ansatt/logg-inn/bekreft/")
    page.get_by_label("Engangskode").fill(backup_code)
    page.get_by_role("button", name="Bekreft").click()
    page.wait_for_url(live_server.url + "/ansatt/")
    assert page.get_by_text("Du brukte en reservekode. Du har 9 igjen").is_visible()
