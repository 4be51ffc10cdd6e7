"""'Lukk siden' in Chromium: a click or Esc pressed twice leaves for a neutral site and takes the page off the
back history (location.replace); without JavaScript it is a plain link. The neutral site is answered by a stub,
so no request leaves the machine."""

import re
import time

import pytest

from forlop.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = re.compile(r"^https://www\.yr\.no/")


def stub_the_neutral_site(pg) -> None:
    pg.route(
        NEUTRAL,
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Yr</title><h1>Været</h1>"
        ),
    )


def visit_two_pages(page, live_server) -> None:
    stub_the_neutral_site(page)
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/hjelp-na/")


def test_the_quick_exit_is_the_second_tab_stop_and_passes_axe(page, live_server):
    for path in ["/", "/hjelp-na/", "/personvern/"]:
        page.goto(live_server.url + path)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        button = page.get_by_role("link", name=re.compile("^Lukk siden"))
        assert button.evaluate("el => el === document.activeElement"), path
        assert button.is_visible()
        assert button.evaluate("el => getComputedStyle(el).position") == "fixed"
        box = button.bounding_box()
        viewport = page.viewport_size
        assert box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"]
        assert_accessible(page)


def test_clicking_lukk_siden_leaves_and_back_does_not_return_to_the_page(page, live_server):
    visit_two_pages(page, live_server)

    page.get_by_role("link", name=re.compile("^Lukk siden")).click()
    page.wait_for_url(NEUTRAL)

    page.go_back()
    assert page.url == live_server.url + "/"  # the crisis page is gone from the history; the one before stays


def test_pressing_escape_twice_leaves_and_back_does_not_return_to_the_page(page, live_server):
    visit_two_pages(page, live_server)
    page.get_by_role("heading", level=1).click()  # the visitor is reading, not on the button

    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)

    page.go_back()
    assert page.url == live_server.url + "/"


def test_escape_pressed_once_or_slowly_does_nothing(page, live_server):
    visit_two_pages(page, live_server)

    page.keyboard.press("Escape")
    time.sleep(1.3)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)

    assert page.url == live_server.url + "/hjelp-na/"


def test_without_javascript_lukk_siden_is_a_plain_link_to_the_neutral_site(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    stub_the_neutral_site(pg)
    pg.goto(live_server.url + "/hjelp-na/")

    pg.get_by_role("link", name=re.compile("^Lukk siden")).click()
    pg.wait_for_url(NEUTRAL)
    context.close()
