"""The calendar rules, table-tested (pure: no database, the clock passed in)."""

from datetime import UTC, date, datetime

import pytest

from forlop.care.checkin import days
from forlop.lib.timezones import OSLO


def utc(y, m, d, hh, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (utc(2026, 3, 2, 22, 59), date(2026, 3, 2)),  # 23:59 in Oslo (UTC+1)
        (utc(2026, 3, 2, 23, 0), date(2026, 3, 3)),  # 00:00 in Oslo: a new day, though still the 2nd in UTC
        (utc(2026, 3, 28, 22, 59), date(2026, 3, 28)),  # the night the clocks go forward (29 March)
        (utc(2026, 3, 29, 0, 30), date(2026, 3, 29)),
        (utc(2026, 3, 29, 21, 59), date(2026, 3, 29)),  # 23:59 summer time (UTC+2): still the 29th
        (utc(2026, 3, 29, 22, 0), date(2026, 3, 30)),  # a 23-hour day is over
        (utc(2026, 10, 24, 21, 59), date(2026, 10, 24)),  # the night the clocks go back (25 October)
        (utc(2026, 10, 25, 0, 30), date(2026, 10, 25)),  # 02:30 summer time
        (utc(2026, 10, 25, 1, 30), date(2026, 10, 25)),  # 02:30 winter time, the same wall clock again
        (utc(2026, 10, 25, 22, 59), date(2026, 10, 25)),  # 23:59 on a 25-hour day
        (utc(2026, 10, 25, 23, 0), date(2026, 10, 26)),
    ],
)
def test_it_puts_a_moment_on_its_oslo_calendar_day_across_midnight_and_dst(moment, day):
    assert days.day_of(moment, OSLO) == day


@pytest.mark.parametrize(
    ("now", "day", "allowed"),
    [
        (utc(2026, 3, 2, 11), date(2026, 3, 2), True),  # today
        (utc(2026, 3, 2, 11), date(2026, 3, 1), True),  # yesterday: a late entry
        (utc(2026, 3, 2, 11), date(2026, 2, 28), False),  # the day before yesterday
        (utc(2026, 3, 2, 11), date(2026, 3, 3), False),  # tomorrow
        (utc(2026, 3, 2, 23, 1), date(2026, 3, 1), False),  # 00:01 on the 3rd in Oslo: the 1st is now too old
        (utc(2026, 3, 2, 23, 1), date(2026, 3, 2), True),
        (utc(2026, 3, 29, 22, 30), date(2026, 3, 29), True),  # 00:30 after the 23-hour day: it is yesterday
        (utc(2026, 3, 29, 22, 30), date(2026, 3, 28), False),
        (utc(2026, 10, 25, 23, 30), date(2026, 10, 25), True),  # after the 25-hour day
        (utc(2026, 10, 25, 23, 30), date(2026, 10, 24), False),
    ],
)
def test_it_allows_only_today_and_yesterday(now, day, allowed):
    assert days.may_enter(day, now=now, tz=OSLO) is allowed


def test_it_marks_yesterdays_check_in_as_late_and_todays_not():
    now = utc(2026, 3, 2, 7)
    assert days.is_late(date(2026, 3, 1), now=now, tz=OSLO)
    assert not days.is_late(date(2026, 3, 2), now=now, tz=OSLO)


D = date(2026, 3, 10)


def back(n):
    return date.fromordinal(D.toordinal() - n)


@pytest.mark.parametrize(
    ("checked", "length", "uses", "today_done"),
    [
        ({}, 0, 0, False),
        ({back(0): False}, 1, 0, True),
        ({back(1): False}, 1, 0, False),  # the morning before today's check-in: still alive
        ({back(2): False}, 0, 0, False),  # yesterday missed: broken
        ({back(n): False for n in range(6)}, 6, 0, True),
        ({**{back(n): False for n in range(6)}, back(2): True, back(4): True}, 6, 2, True),  # use days count
        ({back(0): True, back(1): False, back(3): False}, 2, 1, True),  # a gap ends it
        ({back(n): False for n in range(1, 8)}, 7, 0, False),
        ({back(-1): False, back(0): False}, 1, 0, True),  # a day after today is ignored
    ],
)
def test_it_counts_the_streak_honestly(checked, length, uses, today_done):
    streak = days.streak(checked, today=D)
    assert (streak.days, streak.use_days, streak.checked_in_today) == (length, uses, today_done)


def test_the_streak_names_use_days_without_blame():
    checked = {**{back(n): False for n in range(6)}, back(1): True, back(3): True}
    words = days.streak(checked, today=D).words()
    assert words.startswith("Du har sjekket inn 6 dager på rad.")
    assert "Du har vært ærlig om 2 dager med bruk, og det hjelper oss å hjelpe deg." in words
    for blame in ("brutt", "sprekk", "feil", "dessverre", "skuffet"):
        assert blame not in words.lower()


def test_the_streak_invites_todays_check_in_before_it_is_done():
    words = days.streak({back(1): False}, today=D).words()
    assert "Du har sjekket inn 1 dag på rad." in words
    assert "Sjekk inn i dag" in words


def test_no_streak_is_said_kindly():
    assert "Hver innsjekk teller" in days.streak({}, today=D).words()


@pytest.mark.parametrize(
    ("values", "fires"),
    [
        # 7 baseline days at 3, then 3 days at 6: +3
        ({**{back(n): 3 for n in range(3, 10)}, **{back(n): 6 for n in range(3)}}, True),
        # exactly +2 fires
        ({**{back(n): 3 for n in range(3, 10)}, **{back(n): 5 for n in range(3)}}, True),
        # +1.67 does not
        ({**{back(n): 3 for n in range(3, 10)}, back(0): 5, back(1): 5, back(2): 4}, False),
        # falling craving never fires
        ({**{back(n): 8 for n in range(3, 10)}, **{back(n): 2 for n in range(3)}}, False),
        # one high day after a quiet stretch: too few recent days
        ({**{back(n): 2 for n in range(3, 10)}, back(0): 9}, False),
        # too little baseline (2 days)
        ({back(3): 1, back(4): 1, back(0): 8, back(1): 8}, False),
        # 3 baseline days suffice
        ({back(3): 1, back(5): 1, back(9): 1, back(0): 8, back(1): 8}, True),
        # days older than the 10-day window are not counted
        ({back(10): 0, back(11): 0, back(12): 0, back(0): 8, back(1): 8}, False),
    ],
)
def test_rising_craving_rule(values, fires):
    assert (days.rising_craving(values, today=D) is not None) is fires


@pytest.mark.parametrize(
    ("last", "missing"),
    [(None, 0), (back(0), 0), (back(1), 0), (back(2), 1), (back(4), 3), (back(10), 9)],
)
def test_it_counts_the_days_without_a_check_in_up_to_yesterday(last, missing):
    assert days.days_missing(last, today=D) == missing
