"""Keyboard and screen reader users in the picker and during the hold (Chromium, desktop and phone, axe)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from forlop.booking.models import Booking
from forlop.conftest import assert_accessible, screenshot

from .conftest import make_profile
from .races import seed_consultation_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page) -> str:
    return page.evaluate(
        "document.activeElement && (document.activeElement.id || document.activeElement.tagName)"
    )


def test_choosing_a_day_with_enter_keeps_the_place_and_says_how_many_times(page, live_server):
    from playwright.sync_api import expect

    seed_consultation_types()
    profile = make_profile()
    page.goto(f"{live_server.url}/bestill/{profile.slug}/?type=forstesamtale")
    page.get_by_role("heading", name="Velg dag og tid").wait_for()
    days = page.locator(".day-list a")
    last = days.nth(days.count() - 1)
    count_text = last.locator(".day-count").inner_text()
    day_name = last.locator(".day-name").inner_text()
    last.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#slot-times-heading")).to_be_focused()
    heading = page.locator("#slot-times-heading").inner_text()
    announced = page.locator("#slot-announcer")
    n = int(re.match(r"\d+", count_text).group()) if count_text[0].isdigit() else 0
    expected = f"{n} ledige tider" if n > 1 else ("1 ledig tid" if n == 1 else "Ingen ledige tider")
    expect(announced).to_have_text(re.compile(r"\w"))
    assert announced.inner_text().startswith(expected), announced.inner_text()
    assert heading.startswith("Ledige tider") and announced.get_attribute("role") == "status"
    assert day_name.split()[0].lower() in heading.lower()
    assert "dag=" in page.url  # the address follows, so reload and back work without JavaScript too
    if n:
        page.keyboard.press("Tab")
        expect(page.locator("input[name=start]").first).to_be_focused()  # the first time, not the footer
    assert_accessible(page)
    screenshot(page, "booking-picker-day-chosen")


def test_an_expired_hold_keeps_what_was_typed_and_holds_the_same_time_again(page, live_server):
    from playwright.sync_api import expect

    seed_consultation_types()
    profile = make_profile()
    page.clock.install()
    page.goto(f"{live_server.url}/bestill/{profile.slug}/?type=forstesamtale")
    page.locator("input[name=start]").first.check()
    page.get_by_role("button", name="Hold av tiden og gå videre").click()
    page.get_by_role("heading", name="Dine opplysninger").wait_for()
    assert page.get_by_text(re.compile(r"Vi holder av tiden for deg til kl\. \d\d:\d\d\.")).is_visible()
    expect(page.locator(".hold-left")).to_have_text("Omtrent 10 minutter igjen.")
    assert_accessible(page)
    page.get_by_label("Navn").fill("Nora Nordmann")
    page.get_by_label("E-postadresse").fill("nora@example.no")
    page.get_by_label("Kort melding til terapeuten").fill("Jeg drikker for mye.")
    page.get_by_label("Jeg samtykker").check()

    # The hold runs out on the server and in the browser.
    Booking.objects.update(hold_expires_at=timezone.now() - timedelta(seconds=1))
    page.clock.run_for("10:01")
    status = page.locator("[data-hold-announce]")
    expect(status).to_have_text(re.compile(r"^Tiden vi holdt av, er ute\."))
    assert status.get_attribute("role") == "status"
    assert_accessible(page)
    page.get_by_role("button", name="Gå videre til oversikten").click()

    page.get_by_role("heading", name="Tiden er ikke lenger holdt av").wait_for()
    assert page.get_by_text("Det du skrev inn, har vi tatt vare på.").is_visible()
    assert_accessible(page)
    screenshot(page, "booking-hold-expired")
    page.get_by_role("button", name="Hold av tiden igjen").click()

    page.get_by_role("heading", name="Dine opplysninger").wait_for()
    assert page.get_by_label("Navn").input_value() == "Nora Nordmann"
    assert page.get_by_label("E-postadresse").input_value() == "nora@example.no"
    assert page.get_by_label("Kort melding til terapeuten").input_value() == "Jeg drikker for mye."
    assert page.get_by_label("Jeg samtykker").is_checked()
    assert Booking.objects.filter(status=Booking.Status.HELD).count() == 1
    assert_accessible(page)
