"""When we promise an answer: "within one working day". Pure: the caller passes the day."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _norwegian_holidays(year: int) -> holidays.HolidayBase:
    return holidays.Norway(years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _norwegian_holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day after `day`: weekends and Norwegian public holidays are skipped."""
    candidate = day + timedelta(days=1)
    while not is_working_day(candidate):
        candidate += timedelta(days=1)
    return candidate
