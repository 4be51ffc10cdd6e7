"""The kartlegging page in Chromium, on a desktop and at 375 px: a therapist fills it in with the keyboard,
saves, sees the suggestion and records the decision; axe finds nothing and nothing scrolls sideways."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from forlop.accounts.testing import login_verified
from forlop.care import services as care_services
from forlop.conftest import assert_accessible, make_user, screenshot
from forlop.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def test_a_therapist_fills_in_the_kartlegging_and_decides_the_setting(page, live_server):
    tor = make_user("tor@example.no", is_therapist=True)
    coordinator = make_user("kari@example.no", is_coordinator=True)
    nora = Person.objects.create(email="nora@example.no", name="Nora Nordmann", created_at=timezone.now())
    course = care_services.start_course(by=coordinator, person=nora, therapist=tor, substances=["alkohol"])
    log_in(page, live_server, tor)
    url = f"{live_server.url}/ansatt/forlop/{course.pk}/kartlegging/"

    response = page.goto(url)
    assert response.status == 200
    assert_accessible(page)
    no_sideways_scroll(page)

    # The course's substances are pre-filled: alcohol's section is open and ticked.
    assert page.get_by_label("Bruker alkohol").is_checked()
    page.locator("summary", has_text="Cannabis").click()  # another section opens with a click too
    assert page.get_by_label("Bruker cannabis").is_visible()
    page.get_by_label("Alkoholenheter per dag").fill("-2")  # a typo: refused, nothing lost
    page.get_by_label("Hyppighet").first.select_option("daily")
    page.locator("#id_earlier_seizures_2").check()  # Nei
    page.locator("#id_earlier_delirium_2").check()
    page.locator("#id_housing_1").check()  # Stabil bolig
    page.locator("#id_sober_support_1").check()  # Ja
    page.locator("#id_age").fill("40")
    page.get_by_role("button", name="Lagre kartleggingen").click()
    page.wait_for_load_state()
    assert "Antallet kan ikke være negativt." in page.locator("main").inner_text()
    assert page.get_by_label("Bruker alkohol").is_checked()
    assert page.locator("#id_age").input_value() == "40"
    assert_accessible(page)
    no_sideways_scroll(page)

    page.get_by_label("Alkoholenheter per dag").fill("6")
    page.get_by_label("Alkoholenheter per dag").press("Enter")  # submit from the keyboard
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Kartleggingen er lagret." in page.content()
    assert "Poliklinisk avrusning og oppfølging" in main
    assert_accessible(page)
    no_sideways_scroll(page)
    screenshot(page, "care-assessment")

    page.get_by_label("Begrunnelse").fill("Som foreslått, alle kriterier er oppfylt.")
    page.get_by_role("button", name="Registrer avgjørelsen").click()
    page.wait_for_load_state()
    assert "Avgjørelsen om behandlingsnivå er registrert." in page.content()
    assert "Som foreslått, alle kriterier er oppfylt." in page.locator("main").inner_text()
    assert_accessible(page)
    no_sideways_scroll(page)
