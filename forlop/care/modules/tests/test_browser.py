"""In Chromium, on a phone and a desktop: a therapist assigns two modules, the person reads the open one,
writes an answer, saves a draft and shares it, the therapist comments and the person reads the comment. axe
finds nothing on the pages, and nothing is wider than the screen."""

import pytest
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.care.modules import services
from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_person_answers_a_module_and_reads_the_therapists_comment(
    page, live_server, course, therapist, person
):
    today = services.clinic_day(services.timezone.now())
    log_in(page, live_server, therapist)
    page.goto(f"{live_server.url}/ansatt/forlop/{course.pk}/moduler/")
    assert_accessible(page)
    page.get_by_label("Når suget kommer", exact=True).check()
    page.get_by_label("Åpnes: Når suget kommer").fill(today.isoformat())
    page.get_by_label("Søvn uten alkohol og piller", exact=True).check()
    page.get_by_role("button", name="Lagre modulene").click()
    page.wait_for_load_state()
    assert "«Når suget kommer» er tildelt." in page.content()
    assert_accessible(page)

    log_in(page, live_server, person.user)
    page.goto(f"{live_server.url}/min-side/forlop/moduler/")
    main = page.locator("main").inner_text()
    assert "Ikke åpnet ennå" in main  # the sleep module opens a week later
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_role("link", name="Når suget kommer").click()
    page.get_by_label("Ditt svar: Min verktøykasse").fill("Gå tur med hunden. Ringe Kari.")
    page.get_by_role("button", name="Lagre utkast").click()
    page.wait_for_load_state()
    assert "Utkastet er lagret" in page.locator("main").inner_text()
    page.get_by_role("button", name="Del svarene med behandleren din").click()
    page.wait_for_load_state()
    assert "Svarene dine er delt med behandleren din." in page.locator("main").inner_text()
    assert_accessible(page)
    no_sideways_scroll(page)
    screenshot(page, "care-modules-mine")

    log_in(page, live_server, therapist)
    page.goto(f"{live_server.url}/ansatt/forlop/{course.pk}/moduler/")
    assert "Gå tur med hunden." in page.locator("main").inner_text()
    page.get_by_label("Kommentar til personen").fill("Fint! Hva gjør du hvis Kari ikke svarer?")
    page.get_by_role("button", name="Lagre kommentar").click()
    page.wait_for_load_state()
    assert_accessible(page)
    screenshot(page, "care-modules-staff")

    log_in(page, live_server, person.user)
    page.goto(f"{live_server.url}/min-side/forlop/moduler/suget/")
    assert "Hva gjør du hvis Kari ikke svarer?" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/min-side/forlop/ovelse-mot-suget/")
    assert_accessible(page)
    no_sideways_scroll(page)
