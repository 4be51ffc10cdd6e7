"""Store UTC, show Europe/Oslo."""

from datetime import datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def to_oslo(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime: Forløp stores aware UTC datetimes only")
    return value.astimezone(OSLO)
