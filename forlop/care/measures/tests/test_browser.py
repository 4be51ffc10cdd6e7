"""The person's forms in Chromium (desktop and 375 px): PHQ-9 filled in with the keyboard only, a missing
answer shown with the others kept, item 9 above 0 puts the crisis numbers first at once; the results over time
and the team's page pass axe and nothing overflows the phone's width."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.booking.tests.races import seed_consultation_types
from forlop.care.measures.models import Measurement
from forlop.conftest import assert_accessible, screenshot

from .conftest import NOW, answer, mine_url, staff_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _consultation_types(transactional_db):
    # A live-server test empties the tables after itself, the migrations' consultation types too.
    seed_consultation_types()


def sign_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def no_overflow(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def test_the_person_fills_in_phq9_with_the_keyboard_and_sees_the_crisis_numbers_at_once(
    page, live_server, world
):
    sign_in(page, live_server, world.users["the_person"])
    page.goto(live_server.url + mine_url())
    assert page.get_by_role("heading", name="Skjema å fylle ut").is_visible()
    assert_accessible(page)
    no_overflow(page)
    page.get_by_role("link", name="Skjema om humør og depresjon (PHQ-9)").click()

    # Keyboard only: Space picks the first answer in a group, an arrow key the next; Tab leaves question 3 empty.
    page.locator("#id_q1_0").focus()
    for n in range(1, 10):
        if n == 3:
            page.keyboard.press("Tab")
            continue
        page.keyboard.press("ArrowDown" if n == 9 else "Space")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Send svarene"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("alert").filter(has_text="Trenger du akutt hjelp? Ring nå").first.is_visible()
    assert page.get_by_text("Svar på spørsmål 3 før du sender skjemaet.").first.is_visible()
    assert page.locator("#id_q1_0").is_checked() and page.locator("#id_q9_1").is_checked()
    assert_accessible(page)
    no_overflow(page)
    screenshot(page, "measures-phq9-missing")

    page.locator("label[for=id_q3_2]").click()
    page.get_by_role("button", name="Send svarene").click()
    assert page.get_by_role("heading", name="Takk for svarene").is_visible()
    assert page.locator('.crisis-alert[role="alert"] a[href="tel:113"]').is_visible()
    assert Measurement.objects.get(instrument="phq9").safety_flag
    assert_accessible(page)
    no_overflow(page)
    screenshot(page, "measures-phq9-item9")


def test_the_results_over_time_and_the_team_page_are_accessible(page, live_server, world):
    answer(world, "phq9", [2, 2, 2, 2, 2, 2, 0, 0, 0], at=NOW - timedelta(days=40))
    answer(world, "phq9", [1, 1, 1, 1, 1, 1, 1, 0, 0], by="team_therapist", occasion="extra")
    answer(world, "gad7", [1] * 7, at=NOW - timedelta(days=40))
    sign_in(page, live_server, world.users["the_person"])
    page.goto(live_server.url + mine_url())
    assert page.locator('svg.chart[role="img"]').count() == 2
    assert page.get_by_text("PHQ-9-summen har gått ned fra 12 til 7 siden forrige gang.").is_visible()
    assert_accessible(page)
    no_overflow(page)
    screenshot(page, "measures-mine")

    page.context.clear_cookies()
    sign_in(page, live_server, world.users["team_therapist"])
    page.goto(live_server.url + staff_url(world))
    assert page.get_by_role("heading", name="Kartleggingsskjemaer").is_visible()
    assert_accessible(page)
    no_overflow(page)
    screenshot(page, "measures-staff")
