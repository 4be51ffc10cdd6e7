"""Norwegian public holidays (helligdager og offentlige høytidsdager), computed per year.

The dates come from the `holidays` package, which computes Easter and the days that hang on it
(Skjærtorsdag, Langfredag, påske, Kristi himmelfartsdag, pinse). We keep only the twelve days that are
official public holidays by law (lov om helligdager og helligdagsfred, lov om 1. og 17. mai som høgtidsdager):
ordinary Sundays are "helligdager" too, but they are not holidays for booking purposes, and a day the package
might add in a later version must not silently close the practice.

Pure: no ORM, no clock.
"""

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import holidays as holidays_package

# Norwegian names, in calendar order. The package's bokmål names are the same words.
OFFICIAL_HOLIDAY_NAMES: tuple[str, ...] = (
    "Første nyttårsdag",
    "Skjærtorsdag",
    "Langfredag",
    "Første påskedag",
    "Andre påskedag",
    "Arbeidernes dag",
    "Grunnlovsdag",
    "Kristi himmelfartsdag",
    "Første pinsedag",
    "Andre pinsedag",
    "Første juledag",
    "Andre juledag",
)
_OFFICIAL = frozenset(OFFICIAL_HOLIDAY_NAMES)


@lru_cache(maxsize=256)
def public_holidays(year: int) -> dict[date, str]:
    """The official Norwegian public holidays of `year`, date -> Norwegian name.

    Two holidays can fall on one date (17 May 2027 is also Andre pinsedag); the name then joins both,
    "Grunnlovsdag / Andre pinsedag". Treat the returned dict as read-only: it is cached.
    """
    found = holidays_package.Norway(years=year, language="no", include_sundays=False)
    result: dict[date, str] = {}
    for day in sorted(found):
        names = [name for name in found.get_list(day) if name in _OFFICIAL]
        if names:
            result[day] = " / ".join(sorted(names, key=OFFICIAL_HOLIDAY_NAMES.index))
    return result


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)


def holiday_name(day: date) -> str | None:
    """The Norwegian name of the holiday on `day`, or None on an ordinary day."""
    return public_holidays(day.year).get(day)


def public_holidays_in(years: Iterable[int]) -> frozenset[date]:
    """Every official holiday in the given years, as one set (what slot computation looks dates up in)."""
    days: set[date] = set()
    for year in years:
        days.update(public_holidays(year))
    return frozenset(days)
