"""Dates with the weekday, in the active language's style: "mandag 23. november" / "Monday 23 November";
and `datetime_attr`, the one way to write a `datetime=""` attribute."""

from datetime import date, datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import translation

register = template.Library()

FORMATS = {
    "nb": {"day": "l j. F", "day_year": "l j. F Y", "short_day": "D j. M"},
    "en": {"day": "l j F", "day_year": "l j F Y", "short_day": "D j M"},
}


def _format(value: date | datetime | None, kind: str) -> str:
    if value in (None, ""):
        return ""
    language = (translation.get_language() or "nb").split("-")[0]
    return date_filter(value, FORMATS.get(language, FORMATS["nb"])[kind])


@register.filter
def weekday_date(value):
    return _format(value, "day")


@register.filter
def weekday_date_year(value):
    return _format(value, "day_year")


@register.filter
def short_weekday_date(value):
    return _format(value, "short_day")


@register.filter(expects_localtime=True)
def datetime_attr(value):
    """ISO 8601 for a `<time datetime>` attribute, to the whole second ("2026-03-03T10:00:00+01:00").

    HTML allows at most three digits of fractional seconds; Django's "c" format writes microseconds. Aware
    datetimes are shown in the current time zone (like the "c" format; put `|utc` before for UTC); dates as
    "2026-03-03".
    """
    if isinstance(value, datetime):
        return date_filter(value.replace(microsecond=0), "c")
    if isinstance(value, date):
        return value.isoformat()
    return ""
