"""Dates that arrive from outside (an address, a query string, a form, an API call): one range, one reader.

Every date Forløp works with lies between 2000 and 2100. A date outside that range is refused where it is
read, before anything downstream adds a day to it, turns an Oslo midnight into UTC or asks for "the next
year": 9999-12-31 overflowed into a 500 in the access log and in the admin's date hierarchy. Pages that only
navigate (a calendar's week) fall back to today with `day_or_none`; filters and the API explain the refusal
with `parse_day`/`DayField` and these messages.
"""

from datetime import date

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2100, 12, 31)

FORMAT_MESSAGE = _("Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2026-03-03.")
RANGE_MESSAGE = _("Datoen må ligge mellom år 2000 og 2100.")


class BadDate(ValueError):
    def __init__(self, message: str | Promise) -> None:
        self.message = message
        super().__init__(str(message))


def is_sane_day(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def parse_day(value: str) -> date:
    """An ISO date ('2026-03-03') inside the range. Raises BadDate with a Norwegian message."""
    try:
        day = date.fromisoformat(value.strip())
    except (ValueError, TypeError, AttributeError) as exc:
        raise BadDate(FORMAT_MESSAGE) from exc
    if not is_sane_day(day):
        raise BadDate(RANGE_MESSAGE)
    return day


def day_or_none(value: str | None) -> date | None:
    """`parse_day`, or None for anything missing or unusable (for navigation that falls back to today)."""
    try:
        return parse_day(value) if value else None
    except BadDate:
        return None


def day_from_parts(year: str, month: str | None = None, day: str | None = None) -> date | None:
    """The date of separately sent parts (the admin's ?…__year=&…__month=&…__day=), or None if they do not
    make a date inside the range. Missing month and day count as the first."""
    try:
        found = date(int(year), int(month or 1), int(day or 1))
    except (ValueError, TypeError, OverflowError):  # int() of 5,000 digits is a ValueError too
        return None
    return found if is_sane_day(found) else None


class DayField(forms.DateField):
    """A form's date field that refuses days outside the range with RANGE_MESSAGE."""

    def to_python(self, value):  # type: ignore[no-untyped-def]
        day = super().to_python(value)
        if day is not None and not is_sane_day(day):
            raise forms.ValidationError(RANGE_MESSAGE, code="out_of_range")
        return day
