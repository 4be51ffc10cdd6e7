"""The therapist calendar in Chromium at 375 and 1280 px (issue 11): day cards on a phone, a week grid on a wide
screen, no word broken in the middle, nothing wider than the screen, and axe finds nothing. Screenshots go to
test-output/ (staff-calendar-*-phone.png / -desktop.png)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forlop.booking import services
from forlop.booking.models import ConsultationType
from forlop.conftest import assert_accessible, screenshot
from forlop.lib.timezones import OSLO
from forlop.staff.tests.browser import log_in, overflows_horizontally, words_split_across_lines

from .conftest import make_profile
from .races import seed_consultation_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = services.ClientDetails(
    name="Kristoffer Johannessen-Bakkevold",
    email="kristoffer.johannessen@eksempelpost.no",
    phone="+4791234567",
    note="Rusmiddelavhengighet og abstinensplager etter benzodiazepiner. Ønsker videosamtale om kvelden.",
    consent=True,
)
SHORT = services.ClientDetails(name="Nora Nordmann", email="nora@example.no", phone="", note="", consent=True)


def book(profile, ctype, start, *, now, details):
    hold = services.hold_slot(therapist=profile, consultation_type=ctype, start=start, now=now)
    return services.confirm_booking(booking=hold.booking, details=details, now=now).booking


def test_the_calendar_is_readable_on_a_phone_and_a_week_grid_on_a_wide_screen(page, live_server, therapist):
    seed_consultation_types()
    profile = make_profile(user=therapist)
    ctype = ConsultationType.objects.get(slug="konsultasjon")
    now = timezone.now()
    tomorrow = (now + timedelta(days=1)).astimezone(OSLO).replace(hour=10, minute=0, second=0, microsecond=0)
    book(profile, ctype, tomorrow, now=now, details=LONG)
    book(profile, ctype, tomorrow.replace(hour=11), now=now, details=SHORT)
    # One that has started already, so the outcome buttons show in its week.
    past = tomorrow - timedelta(days=2)
    book(profile, ctype, past, now=past - timedelta(days=1), details=SHORT)
    log_in(page, live_server, therapist)

    page.goto(live_server.url + "/ansatt/kalender/")  # opens on the week of tomorrow's bookings
    main = page.locator("main")
    assert "Kristoffer Johannessen-Bakkevold" in main.inner_text()
    days = page.locator(".calendar-day")
    assert days.count() == 7
    first, second = days.nth(0).bounding_box(), days.nth(1).bounding_box()
    if page.viewport_name == "phone":
        assert second["y"] > first["y"] and abs(second["x"] - first["x"]) < 1  # one day under the other
        assert first["width"] > 300
    else:
        assert abs(second["y"] - first["y"]) < 1 and second["x"] > first["x"]  # side by side
        assert days.nth(6).bounding_box()["x"] + days.nth(6).bounding_box()["width"] <= 1280
    assert words_split_across_lines(page, ".calendar-week") == []
    assert not overflows_horizontally(page)
    assert_accessible(page)
    screenshot(page, "staff-calendar-week")

    page.goto(live_server.url + f"/ansatt/kalender/?uke={past.date().isoformat()}")
    assert page.get_by_role("button", name="Gjennomført").first.is_visible()
    assert words_split_across_lines(page, ".calendar-week") == []
    assert not overflows_horizontally(page)
    assert_accessible(page)
    screenshot(page, "staff-calendar-outcomes")

    page.emulate_media(color_scheme="dark")  # the same contrast in dark mode
    page.reload()
    assert_accessible(page)
    screenshot(page, "staff-calendar-outcomes-dark")
