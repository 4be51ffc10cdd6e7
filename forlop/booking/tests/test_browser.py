"""A person books a first talk in Chromium (desktop and phone), then cancels through the email's link."""

import re

import pytest

from forlop.booking.models import Booking
from forlop.conftest import assert_accessible, screenshot
from forlop.outbox.models import OutboxMessage

from .conftest import make_profile
from .races import seed_consultation_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_first_talk_is_booked_and_cancelled_through_the_email_link(page, live_server):
    seed_consultation_types()
    profile = make_profile()
    page.goto(f"{live_server.url}/terapeuter/{profile.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="Bestill time").click()
    page.get_by_role("heading", name="Hva slags time vil du bestille?").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Uforpliktende førstesamtale").click()
    page.get_by_role("heading", name="Velg dag og tid").wait_for()
    assert_accessible(page)
    screenshot(page, "booking-picker")
    page.locator("input[name=start]").first.check()
    page.get_by_role("button", name="Hold av tiden og gå videre").click()

    page.get_by_role("heading", name="Dine opplysninger").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Gå videre til oversikten").click()
    page.get_by_role("alert").first.wait_for()
    assert_accessible(page)  # the error state too
    page.get_by_label("Navn").fill("Nora Nordmann")
    page.get_by_label("E-postadresse").fill("nora@example.no")
    page.get_by_label("Jeg samtykker").check()
    page.get_by_role("button", name="Gå videre til oversikten").click()

    page.get_by_role("heading", name="Se over og bekreft").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Bekreft bestillingen").click()
    page.get_by_role("heading", name="Timen er bestilt").wait_for()
    assert_accessible(page)
    screenshot(page, "booking-done")
    assert Booking.objects.get().status == Booking.Status.CONFIRMED

    body = OutboxMessage.objects.get(template="booking_confirmed").body_text
    manage_path = re.search(r"https?://[^/]+(/timer/[^/\s]+/)", body).group(1)
    page.goto(live_server.url + manage_path)
    page.get_by_role("heading", name="Din time").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Avbestill timen").click()
    page.get_by_role("heading", name="Er du sikker på at du vil avbestille?").wait_for()
    assert_accessible(page)
    assert Booking.objects.get().status == Booking.Status.CONFIRMED  # asking changed nothing
    page.get_by_role("button", name="Ja, avbestill timen").click()
    page.get_by_text("Timen er avbestilt.").wait_for()
    assert_accessible(page)
    assert (
        Booking.objects.get().status in Booking.CANCELLED_STATUSES
    )  # late if the first free time is within 24 h
