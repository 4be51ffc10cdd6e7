"""The booking page is rendered once for what it shows (pagecache.py). Whatever changes what it shows must be
on the very next page, and no visitor may get another's CSRF token or a page meant for a logged-in user."""

import re
from datetime import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from forlop.booking import services
from forlop.booking.models import Booking
from forlop.booking.slots import cache
from forlop.scheduling import services as scheduling
from forlop.scheduling import versioning
from forlop.scheduling.models import ScheduleVersion

from .conftest import NOW, oslo
from .helpers import book


@pytest.fixture(autouse=True)
def fresh_cache(db):
    if not ScheduleVersion.objects.exists():  # a transactional test before this one flushed the row
        versioning.create_row(connection)
    cache.clear()
    yield
    cache.clear()


def page(client, profile, day="2026-03-03") -> str:
    url = reverse("booking:start", kwargs={"slug": profile.slug}) + f"?type=konsultasjon&dag={day}"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def times(html: str) -> list[str]:
    return re.findall(r'data-utc="[^"]+">(\d\d:\d\d)</time>', html)


def token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_second_visitor_is_served_the_stored_page_with_two_queries(
    client, frozen, profile, django_assert_num_queries
):
    first = page(client, profile)
    with django_assert_num_queries(2):  # the schedule version and the busy time
        second = page(Client(), profile)
    assert times(first) == times(second) == ["09:00", "10:00", "11:00"]
    assert token(first) != token(second)


def test_each_visitor_holds_a_time_with_their_own_csrf_token(frozen, profile):
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    url = reverse("booking:start", kwargs={"slug": profile.slug})
    for n, visitor in enumerate(visitors):
        html = page(visitor, profile)
        start = re.findall(r'name="start" id="slot-\d+" value="([^"]+)"', html)[n]
        response = visitor.post(
            url, {"csrfmiddlewaretoken": token(html), "type": "konsultasjon", "start": start}
        )
        assert response.status_code == 302, response.content.decode()[:500]
    assert Booking.objects.filter(status=Booking.Status.HELD).count() == 2


def test_a_new_booking_and_an_expired_hold_are_seen_at_once(client, frozen, profile, consultation):
    assert times(page(client, profile)) == ["09:00", "10:00", "11:00"]
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 09:00"), now=NOW)
    assert times(page(client, profile)) == ["10:00", "11:00"]
    services.hold_slot(
        therapist=profile, consultation_type=consultation, start=oslo("2026-03-03 10:00"), now=NOW
    )
    assert times(page(client, profile)) == ["11:00"]
    frozen.shift(60 * 60)  # the hold ran out; nothing was written
    assert times(page(client, profile)) == ["10:00", "11:00"]


def test_changed_hours_and_a_closed_day_are_seen_at_once(client, frozen, profile):
    assert times(page(client, profile)) == ["09:00", "10:00", "11:00"]
    scheduling.replace_weekly_hours(therapist=profile, windows=[(1, time(13), time(15))])
    assert times(page(client, profile)) == ["13:00", "14:00"]
    scheduling.set_date_override(therapist=profile, day=oslo("2026-03-03 00:00").date())
    assert times(page(client, profile)) == []


def test_the_notice_period_passing_removes_a_time_at_once(client, frozen, profile):
    # Monday 08:00 with two hours' notice: 10:00 and 11:00 today.
    assert times(page(client, profile, day="2026-03-02")) == ["10:00", "11:00"]
    frozen.shift(30 * 60)
    assert times(page(client, profile, day="2026-03-02")) == ["11:00"]


def test_a_visitor_with_a_session_is_never_served_a_stored_page(
    client, frozen, profile, django_assert_max_num_queries
):
    page(client, profile)
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    with django_assert_max_num_queries(20) as queries:
        page(other, profile)
    assert len(queries) > 2  # the view itself answered


def test_a_post_is_never_answered_from_the_store(client, frozen, profile):
    page(client, profile)
    url = reverse("booking:start", kwargs={"slug": profile.slug})
    response = client.post(url, {"type": "konsultasjon", "start": "ikke-en-tid"})
    assert response.status_code == 400
