"""Staff pages for the calendar in Chromium: axe finds nothing on the week, working hours and cancel pages."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from forlop.accounts.testing import login_verified
from forlop.booking.models import ConsultationType
from forlop.conftest import assert_accessible, screenshot

from .conftest import make_profile
from .helpers import book
from .races import seed_consultation_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_therapist_uses_the_calendar_pages(page, live_server, therapist):
    seed_consultation_types()
    profile = make_profile(user=therapist)
    now = timezone.now()
    start = (now + timedelta(days=2)).astimezone(timezone.get_current_timezone())
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    booking = book(
        therapist=profile, ctype=ConsultationType.objects.get(slug="konsultasjon"), start=start, now=now
    ).booking
    log_in(page, live_server, therapist)

    for path in [
        "/ansatt/",
        "/ansatt/kalender/",
        "/ansatt/kalender/arbeidstid/",
        f"/ansatt/kalender/timer/{booking.pk}/avlys/",
        "/ansatt/profil/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "no-store" in response.headers.get("cache-control", ""), path
        assert_accessible(page)
        screenshot(page, "staff" + path.replace("/", "-").rstrip("-"))

    # The booking two days ahead shows in this week's or next week's calendar.
    page.goto(live_server.url + "/ansatt/kalender/")
    if "Konsultasjon" not in page.locator("main").inner_text():
        page.get_by_role("link", name="Neste uke").click()
        page.wait_for_load_state()
    assert "Konsultasjon" in page.locator("main").inner_text()
    assert_accessible(page)
