from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.lib import dates


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9999-12-31", dates.RANGE_MESSAGE),
        ("0001-01-01", dates.RANGE_MESSAGE),
        ("1999-12-31", dates.RANGE_MESSAGE),
        ("i går", dates.FORMAT_MESSAGE),
        ("2026-02-30", dates.FORMAT_MESSAGE),
        ("", dates.FORMAT_MESSAGE),
        ("2026-03-03\x00", dates.FORMAT_MESSAGE),
    ],
)
def test_it_refuses_a_day_with_the_reason(text, message):
    with pytest.raises(dates.BadDate) as refused:
        dates.parse_day(text)
    assert refused.value.message == message


def test_it_reads_days_inside_the_range():
    assert dates.parse_day(" 2026-03-03 ") == date(2026, 3, 3)
    assert dates.parse_day("2100-12-31") == dates.LATEST_DAY
    assert dates.day_or_none("9999-12-31") is None and dates.day_or_none(None) is None


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("2026",), date(2026, 1, 1)),
        (("2026", "3", "3"), date(2026, 3, 3)),
        (("99999",), None),
        (("9999", "12", "31"), None),
        (("2026", "13"), None),
        (("2026", "2", "30"), None),
        (("9" * 5000,), None),
        (("x",), None),
    ],
)
def test_it_puts_a_date_together_from_parts(parts, expected):
    assert dates.day_from_parts(*parts) == expected


@given(st.text(max_size=40))
def test_any_text_is_a_day_in_range_or_a_bad_date(text):
    try:
        day = dates.parse_day(text)
    except dates.BadDate:
        return
    assert dates.is_sane_day(day)


def test_the_form_field_explains_the_range():
    field = dates.DayField(required=False)
    with pytest.raises(Exception, match="mellom år 2000 og 2100"):
        field.clean("9999-12-31")
    assert field.clean("2026-03-03") == date(2026, 3, 3)
