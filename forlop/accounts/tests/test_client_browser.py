"""Min side's login in Chromium: a client sets up the account from the invitation with a passkey (Chromium's
virtual authenticator) and logs in with it; and a client logs in through ID-porten, played by a real OpenID
Connect provider process (oidc-provider-mock) in the same browser."""

import re

import pytest

from forlop.accounts import clients
from forlop.conftest import PASSWORD, assert_accessible
from forlop.outbox.models import OutboxMessage
from forlop.people.models import Person
from forlop.people.services import person_for

from .test_browser import virtual_authenticator
from .test_idporten import HIGH, PID, provider, set_claims  # noqa: F401  (provider is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "et-nytt-og-langt-passord-for-min-side"


def test_a_client_sets_up_min_side_with_a_passkey_and_logs_in_with_it(page, live_server, settings):
    settings.SITE_URL = live_server.url
    person = person_for(email="kari@example.no", name="Kari Nordmann")
    clients.invite_client(person=person, by=None)
    body = OutboxMessage.objects.get(template="client_invitation").body_text
    link = re.search(r"https?://\S+", body).group(0)

    virtual_authenticator(page)
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Opprett Min side"
    assert_accessible(page)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lagre passord og fortsett").click()

    page.wait_for_url("**/min-side/sikkerhet/oppsett/")
    assert_accessible(page)
    page.get_by_role("button", name="Registrer passnøkkel").click()
    page.wait_for_url("**/min-side/sikkerhet/reservekoder/")
    assert page.locator(".backup-codes li").count() == 10
    page.get_by_role("link", name="Fortsett til Min side").click()
    page.wait_for_url(live_server.url + "/min-side/")

    page.context.clear_cookies()
    page.goto(live_server.url + "/min-side/logg-inn/")
    assert_accessible(page)
    page.get_by_label("E-post").fill("kari@example.no")
    page.get_by_label("Passord").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/min-side/logg-inn/bekreft/")
    assert_accessible(page)
    page.get_by_role("button", name="Logg inn med passnøkkel").click()
    page.wait_for_url(live_server.url + "/min-side/")
    page.goto(live_server.url + "/ansatt/")
    assert page.locator("h1").first.inner_text() != "Oversikt"  # never a staff page


def test_a_client_logs_in_through_idporten(browser, live_server, settings, provider, monkeypatch):  # noqa: F811
    settings.SITE_URL = live_server.url
    settings.IDPORTEN_ISSUER = provider
    settings.IDPORTEN_CLIENT_ID = "forlop-test"
    settings.IDPORTEN_CLIENT_SECRET = "hemmelig"
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    person = person_for(email="kari@example.no", name="Kari Nordmann")
    user = clients.invite_client(person=person, by=None)
    clients.accept_invitation(user=user, password=PASSWORD)
    Person.objects.filter(pk=person.pk).update(idporten_pid=PID)
    set_claims(provider, "kari-browser", pid=PID, acr=HIGH)

    # Our pages and the provider's; everything else (the provider page's CDN stylesheet) is blocked.
    context = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo")
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith((live_server.url, provider)) else route.abort()
        ),
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + "/min-side/logg-inn/")
        page.get_by_role("link", name="Logg inn med ID-porten").click()
        page.wait_for_url(provider + "/oauth2/authorize?**")
        page.get_by_label("Subject").fill("kari-browser")
        page.get_by_role("button", name="Authorize", exact=True).click()
        page.wait_for_url(live_server.url + "/min-side/")
    finally:
        context.close()
