"""English dates use English weekday names: Django's "Fri" is not the working-hours word "Fri" (a day off)."""

from datetime import date

from django.utils import translation

from forlop.core.templatetags.forlop_dates import short_weekday_date, weekday_date

FRIDAY = date(2026, 12, 11)


def test_an_english_friday_reads_fri_not_off():
    with translation.override("en"):
        assert short_weekday_date(FRIDAY) == "Fri 11 Dec"


def test_a_norwegian_friday_reads_fre():
    with translation.override("nb"):
        assert short_weekday_date(FRIDAY).startswith("fre 11.")
        assert weekday_date(FRIDAY) == "fredag 11. desember"
