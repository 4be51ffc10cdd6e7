"""Store UTC, show Europe/Oslo."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

OSLO = ZoneInfo("Europe/Oslo")


def to_oslo(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime: Forløp stores aware UTC datetimes only")
    return value.astimezone(OSLO)


def clock(value: datetime) -> str:
    """Oslo wall-clock time "HH:MM". In the hour the clocks go back (02:00-02:59 on the last Sunday of
    October) each time happens twice: both are labelled, "02:00 (sommertid)" and "02:00 (vintertid)"."""
    local = to_oslo(value)
    text = f"{local:%H:%M}"
    if local.replace(fold=1 - local.fold).utcoffset() == local.utcoffset():
        return text
    return f"{text} ({gettext('vintertid') if local.fold else gettext('sommertid')})"
