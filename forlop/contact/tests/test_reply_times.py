"""reply_times.py: when staff answer, said honestly for the moment an enquiry arrives."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from forlop.contact.reply_times import (
    DEFAULT_HOURS,
    LATER,
    TODAY,
    TOMORROW,
    StaffedHours,
    configured_hours,
    reply_promise,
)
from forlop.contact.workdays import is_working_day
from forlop.lib.crisis import EMERGENCY, LEGEVAKT, MENTAL_HELSE, RUSINFO

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# (received, what the person is told, when staff will have answered at the latest)
CASES = [
    # An ordinary week in December 2026: Tuesday the 8th to Monday the 14th.
    (oslo(2026, 12, 8, 10, 0), "i dag, innen kl. 16", oslo(2026, 12, 8, 16, 0)),
    (oslo(2026, 12, 8, 6, 30), "i dag, innen kl. 16", oslo(2026, 12, 8, 16, 0)),  # before we open
    (oslo(2026, 12, 8, 13, 59), "i dag, innen kl. 16", oslo(2026, 12, 8, 16, 0)),
    (
        oslo(2026, 12, 8, 14, 0),
        "i morgen, onsdag 9. desember",
        oslo(2026, 12, 9, 16, 0),
    ),  # too late for today
    (oslo(2026, 12, 8, 18, 0), "i morgen, onsdag 9. desember", oslo(2026, 12, 9, 16, 0)),
    (oslo(2026, 12, 8, 23, 59), "i morgen, onsdag 9. desember", oslo(2026, 12, 9, 16, 0)),
    (utc(2026, 12, 8, 9, 0), "i dag, innen kl. 16", oslo(2026, 12, 8, 16, 0)),  # 10:00 in Oslo
    (utc(2026, 12, 8, 23, 30), "i dag, innen kl. 16", oslo(2026, 12, 9, 16, 0)),  # 00:30 on the 9th in Oslo
    (oslo(2026, 12, 11, 10, 0), "i dag, innen kl. 16", oslo(2026, 12, 11, 16, 0)),  # Friday morning
    (oslo(2026, 12, 11, 20, 0), "mandag 14. desember", oslo(2026, 12, 14, 16, 0)),  # Friday evening
    (oslo(2026, 12, 12, 9, 0), "mandag 14. desember", oslo(2026, 12, 14, 16, 0)),  # Saturday
    (oslo(2026, 12, 13, 12, 0), "i morgen, mandag 14. desember", oslo(2026, 12, 14, 16, 0)),  # Sunday
    # Spring forward: Sunday 2026-03-29, clocks jump from 02:00 to 03:00.
    (oslo(2026, 3, 27, 21, 0), "mandag 30. mars", utc(2026, 3, 30, 14, 0)),  # Friday: 16:00 CEST on Monday
    (utc(2026, 3, 29, 1, 30), "i morgen, mandag 30. mars", utc(2026, 3, 30, 14, 0)),  # 03:30 CEST
    (utc(2026, 3, 30, 11, 30), "i dag, innen kl. 16", utc(2026, 3, 30, 14, 0)),  # 13:30 CEST
    (
        utc(2026, 3, 30, 12, 30),
        "i morgen, tirsdag 31. mars",
        utc(2026, 3, 31, 14, 0),
    ),  # 14:30 CEST, not 13:30
    # Fall back: Sunday 2026-10-25, 02:00-03:00 happens twice.
    (oslo(2026, 10, 24, 11, 0), "mandag 26. oktober", utc(2026, 10, 26, 15, 0)),  # Saturday: 16:00 CET
    (utc(2026, 10, 25, 0, 30), "i morgen, mandag 26. oktober", utc(2026, 10, 26, 15, 0)),  # 02:30 CEST
    (utc(2026, 10, 25, 1, 30), "i morgen, mandag 26. oktober", utc(2026, 10, 26, 15, 0)),  # 02:30 CET
    (utc(2026, 10, 26, 12, 30), "i dag, innen kl. 16", utc(2026, 10, 26, 15, 0)),  # 13:30 CET, not 14:30
    # Easter 2026: Thursday 2 April to Monday 6 April are public holidays.
    (oslo(2026, 4, 1, 10, 0), "i dag, innen kl. 16", oslo(2026, 4, 1, 16, 0)),
    (oslo(2026, 4, 1, 18, 0), "tirsdag 7. april", oslo(2026, 4, 7, 16, 0)),
    (oslo(2026, 4, 2, 10, 0), "tirsdag 7. april", oslo(2026, 4, 7, 16, 0)),  # Skjærtorsdag, in the morning
    (oslo(2026, 4, 6, 12, 0), "i morgen, tirsdag 7. april", oslo(2026, 4, 7, 16, 0)),  # 2. påskedag
    # Ascension Day, Thursday 14 May 2026.
    (oslo(2026, 5, 13, 18, 0), "fredag 15. mai", oslo(2026, 5, 15, 16, 0)),
    # Christmas 2026: the 24th is a working day by law, the 25th and 26th are not; New Year on a Friday.
    (oslo(2026, 12, 23, 18, 0), "i morgen, torsdag 24. desember", oslo(2026, 12, 24, 16, 0)),
    (oslo(2026, 12, 24, 10, 0), "i dag, innen kl. 16", oslo(2026, 12, 24, 16, 0)),
    (oslo(2026, 12, 24, 15, 0), "mandag 28. desember", oslo(2026, 12, 28, 16, 0)),
    (oslo(2026, 12, 25, 12, 0), "mandag 28. desember", oslo(2026, 12, 28, 16, 0)),
    (oslo(2026, 12, 31, 18, 0), "mandag 4. januar", oslo(2027, 1, 4, 16, 0)),
]


@pytest.mark.parametrize(("received", "told", "by"), CASES)
def test_it_promises_what_staff_can_keep(received, told, by):
    promise = reply_promise(received)

    assert promise.when == told
    assert promise.by == by
    assert promise.sentence == f"Vi svarer deg {told}."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "told", "by"),
    [case for case in CASES if case[0].date() in {date(2026, 12, 11), date(2026, 3, 29), date(2026, 10, 25)}]
    + [CASES[0], CASES[21], CASES[28]],
)
def test_the_thank_you_page_says_it_for_the_moment_the_person_is_there(client, received, told, by):
    with time_machine.travel(received, tick=False):
        html = client.get(reverse("contact:thanks")).content.decode()

    assert f"Vi svarer deg {told}." in html


def test_it_says_today_tomorrow_or_the_day():
    assert reply_promise(oslo(2026, 12, 8, 10, 0)).relation == TODAY
    assert reply_promise(oslo(2026, 12, 8, 18, 0)).relation == TOMORROW
    assert reply_promise(oslo(2026, 12, 11, 18, 0)).relation == LATER


def test_it_refuses_a_naive_time():
    with pytest.raises(ValueError, match="aware"):
        reply_promise(datetime(2026, 12, 8, 10, 0))  # noqa: DTZ001


def test_until_then_comes_from_the_one_list_of_crisis_numbers_life_threatening_first():
    promise = reply_promise(oslo(2026, 12, 11, 20, 0))

    assert [item.contact for item in promise.until_then] == [EMERGENCY, LEGEVAKT, MENTAL_HELSE, RUSINFO]
    assert [item.contact.number for item in promise.until_then] == ["113", "116 117", "116 123", "08588"]
    assert promise.until_then_text == (
        "Til vi har svart: Er livet i fare, ring 113. Haster det, men er ikke livstruende, ring legevakten på "
        "116 117. Trenger du noen å snakke med, kan du ringe Mental Helse Hjelpetelefonen på 116 123 hele "
        "døgnet, eller RUSinfo på 08588 for anonyme råd om rus."
    )
    assert promise.staffed_hours_text == (
        "Vi leser og svarer på meldinger på hverdager mellom kl. 8 og 16, men ikke i helger og på helligdager. "
        "Vi er ikke en akuttjeneste."
    )


def test_the_words_follow_the_active_language():
    promise = reply_promise(oslo(2026, 12, 11, 20, 0))
    with translation.override("en"):
        assert promise.when == "Monday 14 December"
    assert promise.when == "mandag 14. desember"


def test_other_staffed_hours_change_the_promise_and_the_words():
    hours = StaffedHours(opens=time(9), closes=time(15, 30), same_day_until=time(12))

    assert reply_promise(oslo(2026, 12, 8, 11, 59), hours).when == "i dag, innen kl. 15.30"
    assert reply_promise(oslo(2026, 12, 8, 12, 0), hours).when == "i morgen, onsdag 9. desember"
    assert "mellom kl. 9 og 15.30" in reply_promise(oslo(2026, 12, 8, 12, 0), hours).staffed_hours_text


def test_the_staffed_hours_come_from_settings(settings):
    assert configured_hours() == DEFAULT_HOURS

    settings.PRACTICE_HOURS, settings.PRACTICE_SAME_DAY_REPLY_UNTIL = "09:00-15:30", "12:00"
    assert configured_hours() == StaffedHours(opens=time(9), closes=time(15, 30), same_day_until=time(12))


@pytest.mark.parametrize(
    ("hours", "until"),
    [
        ("16:00-08:00", "12:00"),
        ("08:00", "12:00"),
        ("åtte til fire", "12:00"),
        ("08:00-16:00", "17:00"),
        ("", ""),
    ],
)
def test_wrong_staffed_hours_are_refused_with_the_variable_named(settings, hours, until):
    settings.PRACTICE_HOURS, settings.PRACTICE_SAME_DAY_REPLY_UNTIL = hours, until
    with pytest.raises(ImproperlyConfigured, match="PRACTICE_HOURS"):
        configured_hours()


def test_the_include_renders_the_promise_with_numbers_to_tap():
    promise = reply_promise(oslo(2026, 12, 11, 20, 0))

    html = render_to_string("includes/reply_promise.html", {"reply": promise})
    text = render_to_string("includes/reply_promise.txt", {"reply": promise})

    assert "<strong>Vi svarer deg mandag 14. desember.</strong>" in html
    for contact in (EMERGENCY, LEGEVAKT, MENTAL_HELSE, RUSINFO):
        assert f'href="{contact.tel}"' in html
        assert contact.number in text
    assert "sidetmedord.no" in html and "sidetmedord.no" in text
    assert text.startswith("Vi svarer deg mandag 14. desember.")


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)))  # noqa: DTZ001
def test_the_promise_is_always_a_working_day_after_the_message_and_never_later_than_needed(received):
    promise = reply_promise(received)
    local = received.astimezone(OSLO)

    assert promise.by > received
    assert is_working_day(promise.day)
    assert promise.by.time() == DEFAULT_HOURS.closes
    assert promise.by - received >= timedelta(hours=2)  # "i dag" leaves staff at least until 16:00 from 14:00
    assert promise.day - local.date() <= timedelta(days=7)
    could_be_today = is_working_day(local.date()) and local.time() < DEFAULT_HOURS.same_day_until
    assert (promise.relation == TODAY) == could_be_today
    # No working day is skipped on the way.
    between = [local.date() + timedelta(days=n) for n in range(1, (promise.day - local.date()).days)]
    assert not any(is_working_day(day) for day in between)
    assert (promise.relation == TOMORROW) == (promise.day == local.date() + timedelta(days=1))
