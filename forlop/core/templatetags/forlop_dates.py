"""Dates with the weekday, in the active language's style: "mandag 23. november" / "Monday 23 November"."""

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
