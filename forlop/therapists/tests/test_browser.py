"""A person browses the directory in Chromium (desktop and phone): filters, profile page, accessibility."""

import importlib
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.conftest import VIEWPORTS, assert_accessible, screenshot
from forlop.therapists import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_directory(db):
    # Transactional tests empty every table afterwards, the vocabulary seeded by migration included.
    importlib.import_module("forlop.therapists.migrations.0002_vocabulary").seed(apps, None)
    demo.load(io.StringIO())


def test_the_directory_filters_and_profile_are_accessible(page, live_server, demo_directory):
    page.goto(live_server.url + "/terapeuter/")
    assert page.get_by_role("status").inner_text() == "13 terapeuter"
    assert_accessible(page)
    screenshot(page, "therapists-directory")

    page.get_by_label("Språk").select_option("pl")
    page.get_by_role("button", name="Vis terapeuter").click()
    page.wait_for_url("**sprak=pl**")
    page.get_by_text("1 terapeut passer til valgene dine").wait_for()
    assert page.get_by_role("heading", name="Agnieszka Nowak").is_visible()
    assert page.get_by_text("Tar ikke imot nye klienter nå").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Nullstill").click()
    page.get_by_text("13 terapeuter").wait_for()
    page.get_by_role("link", name="Lene Dahl", exact=True).click()
    page.get_by_role("heading", level=1, name="Lene Dahl").wait_for()
    assert page.get_by_text("Tilbyr medisinsk støttet avrusning").is_visible()
    assert page.get_by_text("HPR-nr. 9823456").is_visible()
    assert_accessible(page)
    screenshot(page, "therapists-profile")


def test_the_filters_work_without_javascript(browser, live_server, demo_directory):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(live_server.url + "/terapeuter/")
    pg.get_by_label("Oppmøte").check()
    pg.get_by_label("Hva vil du ha hjelp med?").select_option("spill")
    pg.get_by_role("button", name="Vis terapeuter").click()
    pg.wait_for_url("**fokus=spill**")
    assert pg.get_by_role("status").inner_text() == "1 terapeut passer til valgene dine"
    assert pg.get_by_role("heading", name="Kristian Aasen").is_visible()
    context.close()


def test_the_directory_fits_a_320_px_screen(browser, live_server, demo_directory):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    for path in ["/terapeuter/", "/terapeuter/hodan-warsame/"]:
        pg.goto(live_server.url + path)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()


def test_the_own_profile_form_is_accessible_and_shows_errors(browser, live_server, therapist, viewport_name):
    importlib.import_module("forlop.therapists.migrations.0002_vocabulary").seed(apps, None)
    django_client = login_verified(Client(), therapist)
    context = browser.new_context(viewport=VIEWPORTS[viewport_name], locale="nb-NO")
    cookie = django_client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    pg = context.new_page()
    pg.viewport_name = viewport_name  # type: ignore[attr-defined]
    pg.goto(live_server.url + "/ansatt/profil/")
    pg.get_by_role("heading", level=1, name="Profilen din").wait_for()
    assert_accessible(pg)
    pg.get_by_label("Profesjon").select_option("psykolog")
    pg.get_by_role("button", name="Lagre og send til godkjenning").click()
    pg.get_by_role("alert").wait_for()
    assert pg.get_by_text("HPR-nummer må fylles ut for autorisert helsepersonell.").first.is_visible()
    assert_accessible(pg)
    screenshot(pg, "therapists-own-profile")
    context.close()
