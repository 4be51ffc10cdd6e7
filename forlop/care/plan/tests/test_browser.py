"""In Chromium: a therapist writes the plan with the person's goals and records an evaluation; the person
reads it on Min side. axe finds nothing on either page, with the form's errors showing too."""

import pytest
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_therapist_writes_the_plan_and_the_person_reads_it(page, live_server, course, therapist, person):
    log_in(page, live_server, therapist)
    page.goto(f"{live_server.url}/ansatt/forlop/{course.pk}/behandlingsplan/")
    assert_accessible(page)

    page.get_by_label("Evaluering hver … uke").fill("12")
    page.get_by_role("button", name="Lagre planen").click()
    page.wait_for_load_state()
    assert "Høyst 8 uker mellom evalueringene." in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_label("Mål, med personens egne ord").fill(
        "Jeg vil klare meg uten alkohol på hverdager\nSove bedre"
    )
    page.get_by_label("Evaluering hver … uke").fill("6")
    page.locator("#id_tiltak-0-what").fill("Samtale om sug")
    page.locator("#id_tiltak-0-who").fill("Terapeut og Nora")
    page.locator("#id_tiltak-0-how_often").fill("Hver uke")
    page.get_by_role("button", name="Lagre planen").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Behandlingsplanen er lagret." in page.content()
    assert "Neste evaluering:" in main and "Samtale om sug" in main
    assert_accessible(page)
    screenshot(page, "care-plan-staff")

    page.get_by_text("Registrer evaluering", exact=True).click()
    page.get_by_label("Oppsummering").fill("Tre gode uker; søvnen er fortsatt dårlig.")
    page.get_by_label("Delvis nådd").check()
    page.get_by_role("button", name="Registrer evalueringen").click()
    page.wait_for_load_state()
    assert "Tre gode uker" in page.locator("main").inner_text()

    log_in(page, live_server, person.user)
    page.goto(f"{live_server.url}/min-side/forlop/")
    main = page.locator("main").inner_text()
    assert "Jeg vil klare meg uten alkohol på hverdager" in main
    assert "Neste gang dere ser på planen sammen" in main
    assert_accessible(page)
    screenshot(page, "care-plan-mine")
