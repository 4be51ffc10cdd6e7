"""A person opens the public pages in Chromium (desktop and 375 px phone); axe finds nothing."""

import pytest

from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_shell_is_accessible_and_has_crisis_help(page, live_server):
    for path, name in [("/", "home"), ("/hjelp-na/", "crisis"), ("/personvern/", "privacy")]:
        page.goto(live_server.url + path)
        assert page.locator("header").get_by_role("link", name="Trenger du hjelp nå?").is_visible()
        assert page.locator("footer").get_by_text("113").first.is_visible()
        assert_accessible(page)
        screenshot(page, name)


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_page_fits_a_320_px_screen_without_sideways_scrolling(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    for path in ["/", "/hjelp-na/", "/personvern/"]:
        pg.goto(live_server.url + path)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()
