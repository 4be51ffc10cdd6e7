"""In Chromium on a phone (375 px): Nora adds her brother Ola and turns the dial, writes and approves a
summary; Ola reads what she shares; she turns it to nothing and his next visit shows nothing. axe finds
nothing on the pages on the way, and the page never scrolls sideways."""

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.conftest import assert_accessible, screenshot
from forlop.relatives.models import Consent, Dial

from .conftest import NOW, user_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def viewport_name() -> str:
    return "phone"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=True) as traveller:  # the clock runs: the browser needs it
        yield traveller


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_person_sets_the_dial_and_the_relative_sees_only_that(page, live_server, nora, ola):
    log_in(page, live_server, user_of(nora))
    page.goto(f"{live_server.url}/min-side/deling/")
    assert_accessible(page)
    page.get_by_label("Navnet til den pårørende").fill("Ola Nordmann")
    page.get_by_label("E-postadressen til den pårørende").fill(ola.email)
    page.get_by_label("Bare timene mine").check()
    page.get_by_role("button", name="Legg til").click()
    page.wait_for_load_state()
    assert "Den pårørende er lagt til" in page.content()
    consent = Consent.objects.get()
    assert consent.dial == Dial.APPOINTMENTS

    page.get_by_label("Oppsummeringen, med dine egne ord").fill("Tre gode uker. Jeg sover bedre.")
    page.get_by_role("button", name="Godkjenn og del").click()
    page.wait_for_load_state()
    page.locator(f"#id_c{consent.pk}-dial_2").check()  # the summary too
    page.get_by_role("button", name="Lagre for Ola Nordmann").click()
    page.wait_for_load_state()
    assert "Endringen gjelder med en gang" in page.content()
    no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, "relatives-consents")

    log_in(page, live_server, user_of(ola))
    page.goto(f"{live_server.url}/min-side/parorende/")
    page.get_by_role("link", name="Nora Nordmann deler med deg").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Tre gode uker. Jeg sover bedre." in main and "09.00" in main
    no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, "relatives-person")

    log_in(page, live_server, user_of(nora))
    page.goto(f"{live_server.url}/min-side/deling/")
    page.locator(f"#id_c{consent.pk}-dial_0").check()
    page.get_by_role("button", name="Lagre for Ola Nordmann").click()
    page.wait_for_load_state()

    log_in(page, live_server, user_of(ola))
    page.goto(f"{live_server.url}/min-side/parorende/{consent.pk}/")
    main = page.locator("main").inner_text()
    assert "Tre gode uker" not in main and "09.00" not in main
    assert "deler ikke noe med deg her akkurat nå" in main
    assert_accessible(page)


def test_the_public_page_for_relatives_is_accessible_on_a_phone(page, live_server):
    page.goto(f"{live_server.url}/parorende/")
    no_sideways_scroll(page)
    assert_accessible(page)
    page.get_by_label("E-postadressen din").fill("lise@example.no")
    page.get_by_role("button", name="Send meg en lenke").click()
    page.wait_for_load_state()
    assert "Sjekk e-posten din" in page.content()
    assert_accessible(page)
