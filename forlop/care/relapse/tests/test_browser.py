"""In Chromium, on a phone and a desktop: from any Min side page one tap opens the relapse plan and the
help-now ladder; the person edits the people they call; they write to the team and see when to expect an
answer. axe finds nothing on the pages, and the therapist's plan page passes too."""

import pytest
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.care.relapse import services
from forlop.care.relapse.models import Contact
from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_plan_is_one_tap_from_a_portal_page(page, live_server, course, therapist, person):
    services.save_plan(
        course=course,
        by=therapist,
        warning_signs="Jeg trekker meg unna folk.",
        triggers="Fredager etter jobb.",
        actions="Går en tur og ringer Kari.",
        contacts=[Contact("Kari", "900 00 000")],
        reasons="Datteren min.",
        based_on=None,
    )
    log_in(page, live_server, therapist)
    page.goto(f"{live_server.url}/ansatt/forlop/{course.pk}/tilbakefallsplan/")
    assert "Fredager etter jobb." in page.locator("main").inner_text()
    assert_accessible(page)

    log_in(page, live_server, person.user)
    page.goto(f"{live_server.url}/min-side/")
    link = page.get_by_role("link", name="Tilbakefallsplan og hjelp nå")
    assert link.is_visible() and link.bounding_box()["y"] < 400  # at the top, not behind the menu
    link.click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Går en tur og ringer Kari." in main and "113" in main
    assert page.get_by_role("link", name="ring 900 00 000").get_attribute("href") == "tel:90000000"
    assert_accessible(page)
    screenshot(page, "care-relapse-mine")

    page.get_by_text("Endre", exact=True).click()
    page.get_by_label("Navn 2").fill("Per")
    page.get_by_label("Telefon 2").fill("ringer")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    assert "ser ikke ut som et telefonnummer" in page.locator("main").inner_text()
    assert page.get_by_label("Navn 2").input_value() == "Per"
    assert_accessible(page)
    page.get_by_label("Telefon 2").fill("41 00 00 00")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    assert "Endringene dine er lagret." in page.content()

    page.get_by_role("link", name="Skriv til terapeuten din").click()
    page.wait_for_load_state()
    assert "Sender du nå, svarer vi deg" in page.locator("main").inner_text()
    page.get_by_label("Emne").fill("Et spørsmål")
    page.get_by_label("Melding").fill("Kan vi snakke om helgene på torsdag?")
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Kan vi snakke om helgene på torsdag?" in main and "ikke lest ennå" in main
    assert_accessible(page)
    screenshot(page, "care-messaging-thread")
