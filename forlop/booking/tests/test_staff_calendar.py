"""The therapist's calendar (issue 11): it opens on the week with the next booking when the current week has
none left, and shows each booking as a card of its own (a list per day on a phone, a week grid on a wide
screen: the same HTML, laid out by CSS; the browser test looks at both)."""

import re

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.actors import Actor
from forlop.audit.models import AccessLog
from forlop.booking import services
from forlop.booking.models import Booking

from .conftest import NOW, oslo
from .helpers import book

CALENDAR = reverse("booking:calendar")
pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def friday_afternoon(frozen, profile, consultation):
    """Monday's booking is over; the next one is on Tuesday next week."""
    done = book(therapist=profile, ctype=consultation, start=oslo("2026-03-02 10:00"), now=NOW).booking
    tuesday = book(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), now=NOW).booking
    frozen.move_to(oslo("2026-03-06 15:00"))
    return done, tuesday


def test_it_opens_on_the_week_with_the_next_booking_when_this_week_has_none_left(
    client, therapist, friday_afternoon
):
    done, tuesday = friday_afternoon
    login_verified(client, therapist)
    html = client.get(CALENDAR).content.decode()
    text = text_of(html)
    assert "Uken som begynner 9. mars 2026" in text
    assert "Ingen flere timer denne uken. Her er uken med din neste time." in text
    assert "Nora Nordmann" in text and "Tirsdag 10. mars" in text
    assert f'href="?terapeut={tuesday.therapist_id}&amp;uke=2026-03-02">Denne uken</a>' in html
    assert set(AccessLog.objects.values_list("object_id", flat=True)) == {str(tuesday.pk)}


def test_it_stays_on_this_week_while_a_booking_is_left(client, therapist, frozen, profile, consultation):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), now=NOW)
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-06 11:00"), now=NOW)
    frozen.move_to(oslo("2026-03-06 09:00"))
    login_verified(client, therapist)
    text = text_of(client.get(CALENDAR).content.decode())
    assert "Uken som begynner 2. mars 2026" in text
    assert "Ingen flere timer denne uken" not in text


def test_a_cancelled_booking_does_not_hold_the_calendar_on_this_week(
    client, therapist, friday_afternoon, profile, consultation
):
    later_today = book(therapist=profile, ctype=consultation, start=oslo("2026-03-07 10:00"), now=NOW)
    services.cancel_booking(
        booking=later_today.booking, now=oslo("2026-03-06 15:00"), by=Actor.system("test"), reason="Syk"
    )
    login_verified(client, therapist)
    assert "Uken som begynner 9. mars 2026" in text_of(client.get(CALENDAR).content.decode())


def test_a_week_asked_for_is_the_week_shown(client, therapist, friday_afternoon):
    login_verified(client, therapist)
    text = text_of(client.get(CALENDAR + "?uke=2026-03-02").content.decode())
    assert "Uken som begynner 2. mars 2026" in text
    assert "Ingen flere timer denne uken" not in text


def test_with_no_bookings_ahead_it_shows_this_week(client, therapist, frozen, profile):
    login_verified(client, therapist)
    text = text_of(client.get(CALENDAR).content.decode())
    assert "Uken som begynner 2. mars 2026" in text
    assert "Ingen flere timer denne uken" not in text


def test_each_booking_is_a_card_with_time_client_type_and_status(
    client, therapist, frozen, profile, consultation
):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW).booking
    login_verified(client, therapist)
    html = client.get(CALENDAR).content.decode()
    assert "<table" not in html  # six columns squeezed into a phone was the problem
    [card] = re.findall(r'<li class="calendar-booking[^"]*">.*?</li>', html, flags=re.S)
    card_text = text_of(card)
    assert "10:00–10:50" in card_text and "Nora Nordmann" in card_text
    assert "Konsultasjon" in card_text and "Bekreftet" in card_text and "Jeg drikker for mye." in card_text
    assert f'href="{reverse("booking:staff_cancel", kwargs={"pk": booking.pk})}"' in card
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("kari.nordmann@example.no", "kari.<wbr>nordmann<wbr>@example.<wbr>no"),
        ("ola@x.no", "ola<wbr>@x.<wbr>no"),
        ('"<b>"@x.no', "&quot;&lt;b&gt;&quot;<wbr>@x.<wbr>no"),
        ("", ""),
    ],
)
def test_an_address_may_wrap_only_after_its_dots_and_before_the_at(address, shown):
    from forlop.booking.templatetags.booking_tags import breakable_address

    assert breakable_address(address) == shown
