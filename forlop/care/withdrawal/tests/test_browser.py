"""The withdrawal pages in Chromium (desktop and phone, light and dark): a clinician enters a CIWA-Ar with the
keyboard-usable form, a mistake is shown next to its item with what was typed kept, the series shows the chart
and the table; axe finds nothing and nothing overflows the phone's width."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.booking.tests.races import seed_consultation_types
from forlop.care.withdrawal import services
from forlop.care.withdrawal.models import ScaleEntry
from forlop.conftest import assert_accessible, screenshot

from .conftest import TAKEN, new_url, series_url

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_clinician_enters_a_ciwa_ar_and_reads_the_series(page, live_server, world, scheme):
    page.emulate_media(color_scheme=scheme)
    doctor = world.users["team_doctor"]
    for hours, answers in [(20, [1] * 9 + [0]), (12, [3] * 9 + [1]), (6, [2] * 9 + [0])]:
        services.record_entry(
            course=world.course,
            by=doctor,
            instrument="ciwa_ar",
            answers=answers,
            taken_at=TAKEN - timedelta(hours=hours),
        )
    sign_in(page, live_server, world.users["team_therapist"])

    page.goto(live_server.url + new_url(world, "ciwa_ar"))
    for n in range(1, 10):
        page.get_by_label(f"{n}. ", exact=False).first.fill("1")
    page.locator("#id_item_10").fill("9")
    page.get_by_role("button", name="Lagre skåringen").click()
    assert page.get_by_text("CIWA-Ar punkt 10 kan bare være 0, 1, 2, 3 eller 4").first.is_visible()
    assert page.locator("#id_item_10").input_value() == "9"
    assert_accessible(page)
    no_overflow(page)
    screenshot(page, f"withdrawal-entry-error-{scheme}")

    page.locator("#id_item_10").fill("0")
    page.get_by_role("button", name="Lagre skåringen").click()
    assert page.get_by_text("CIWA-Ar er registrert: sum 9, moderate abstinenser.").is_visible()
    assert ScaleEntry.objects.count() == 4
    chart = page.locator("svg.chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("circle").count() == 4
    assert page.get_by_role("table").first.locator("tbody tr").count() == 4
    assert_accessible(page)
    no_overflow(page)
    screenshot(page, f"withdrawal-series-{scheme}")
    assert page.url.endswith(series_url(world))
