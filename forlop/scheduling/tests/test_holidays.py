from datetime import date, timedelta

import pytest

from forlop.scheduling.holidays import (
    OFFICIAL_HOLIDAY_NAMES,
    holiday_name,
    is_public_holiday,
    public_holidays,
    public_holidays_in,
)


def easter_sunday(year: int) -> date:
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher): an independent check on the package."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


HOLIDAYS_2026 = {
    date(2026, 1, 1): "Første nyttårsdag",
    date(2026, 4, 2): "Skjærtorsdag",
    date(2026, 4, 3): "Langfredag",
    date(2026, 4, 5): "Første påskedag",
    date(2026, 4, 6): "Andre påskedag",
    date(2026, 5, 1): "Arbeidernes dag",
    date(2026, 5, 14): "Kristi himmelfartsdag",
    date(2026, 5, 17): "Grunnlovsdag",
    date(2026, 5, 24): "Første pinsedag",
    date(2026, 5, 25): "Andre pinsedag",
    date(2026, 12, 25): "Første juledag",
    date(2026, 12, 26): "Andre juledag",
}

HOLIDAYS_2027 = {
    date(2027, 1, 1): "Første nyttårsdag",
    date(2027, 3, 25): "Skjærtorsdag",
    date(2027, 3, 26): "Langfredag",
    date(2027, 3, 28): "Første påskedag",
    date(2027, 3, 29): "Andre påskedag",
    date(2027, 5, 1): "Arbeidernes dag",
    date(2027, 5, 6): "Kristi himmelfartsdag",
    date(2027, 5, 16): "Første pinsedag",
    date(2027, 5, 17): "Grunnlovsdag / Andre pinsedag",
    date(2027, 12, 25): "Første juledag",
    date(2027, 12, 26): "Andre juledag",
}


@pytest.mark.parametrize(("year", "expected"), [(2026, HOLIDAYS_2026), (2027, HOLIDAYS_2027)])
def test_it_lists_the_official_holidays_with_norwegian_names(year, expected):
    assert public_holidays(year) == expected


@pytest.mark.parametrize("easter", [date(2026, 4, 5), date(2027, 3, 28)])
def test_it_knows_easter_sunday(easter):
    assert holiday_name(easter) == "Første påskedag"


@pytest.mark.parametrize(
    "ordinary",
    [
        date(2026, 3, 1),  # an ordinary Sunday is a helligdag, but not a holiday for booking
        date(2026, 4, 4),  # Easter Saturday is not a public holiday
        date(2026, 12, 24),  # Christmas Eve is not a public holiday either
        date(2026, 12, 31),
        date(2026, 3, 2),
    ],
)
def test_it_treats_ordinary_days_as_ordinary(ordinary):
    assert not is_public_holiday(ordinary)
    assert holiday_name(ordinary) is None


def test_it_computes_the_movable_feasts_from_easter_for_every_year():
    for year in range(1950, 2101):
        easter = easter_sunday(year)
        names = {day: name.split(" / ") for day, name in public_holidays(year).items()}
        # Ascension and Pentecost can share a date with 1 or 17 May (as in 2008 and 2027).
        assert "Skjærtorsdag" in names[easter - timedelta(days=3)]
        assert "Langfredag" in names[easter - timedelta(days=2)]
        assert "Første påskedag" in names[easter]
        assert "Andre påskedag" in names[easter + timedelta(days=1)]
        assert "Kristi himmelfartsdag" in names[easter + timedelta(days=39)]
        assert "Første pinsedag" in names[easter + timedelta(days=49)]
        assert "Andre pinsedag" in names[easter + timedelta(days=50)]


def test_it_has_each_official_holiday_exactly_once_a_year():
    for year in range(1950, 2101):
        named = [part for name in public_holidays(year).values() for part in name.split(" / ")]
        assert sorted(named) == sorted(OFFICIAL_HOLIDAY_NAMES), year


def test_it_collects_holidays_across_years():
    days = public_holidays_in([2026, 2027])
    assert len(days) == len(HOLIDAYS_2026) + len(HOLIDAYS_2027)
    assert date(2027, 5, 17) in days
