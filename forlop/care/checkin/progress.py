""" "My progress": the charts and tables the person and the therapist both see, from a course's check-ins and
withdrawal scale entries. Drawn by forlop.lib.charts (server-side SVG); every chart has a table beside it."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forlop.care.scales import ScaleKind
from forlop.care.withdrawal.models import ScaleEntry
from forlop.care.withdrawal.series import Series, build_series
from forlop.lib import charts
from forlop.lib.timezones import OSLO

from . import days
from .models import CheckIn, Mood

WINDOW = 28  # days shown in the use-day row


def noon(day: date) -> datetime:
    """A day's point on a time axis: noon in Oslo (never ambiguous, whatever the DST change)."""
    return datetime.combine(day, time(12, 0), tzinfo=OSLO)


@dataclass
class Progress:
    checkins: list[CheckIn]  # newest first, for the table
    craving_chart: SafeString
    mood_chart: SafeString
    use_chart: SafeString
    use_days: int
    checkin_days: int
    window_from: date
    scales: list[Series]


def use_marks(checkins: list[CheckIn], *, first: date, last: date) -> list[charts.DayMark]:
    by_day = {c.day: c for c in checkins}
    marks = []
    for day in days.day_range(first, last):
        found = by_day.get(day)
        if found is None:
            marks.append(charts.DayMark(day, None, _("ingen innsjekk")))
        elif found.used:
            marks.append(charts.DayMark(day, "danger", _("innsjekk, brukt")))
        else:
            marks.append(charts.DayMark(day, "calm", _("innsjekk, ikke brukt")))
    return marks


def build(checkins: list[CheckIn], entries: list[ScaleEntry], *, today: date) -> Progress:
    """`checkins` oldest first; `entries` the course's scale entries oldest first."""
    craving = charts.line_chart(
        [(noon(c.day), c.craving) for c in checkins],
        title=_("Sug over tid (0-10)"),
        y_range=(0, 10),
        tz=OSLO,
        empty_message=_("Ingen innsjekk ennå, så det er ikke noe sug å vise."),
        id_prefix="chart-craving",
    )
    mood = charts.line_chart(
        [(noon(c.day), c.mood) for c in checkins],
        title=_("Humør over tid (1 svært tungt – 5 veldig bra)"),
        y_range=(1, 5),
        tz=OSLO,
        empty_message=_("Ingen innsjekk ennå, så det er ikke noe humør å vise."),
        id_prefix="chart-mood",
    )
    first = today - timedelta(days=WINDOW - 1)
    in_window = [c for c in checkins if first <= c.day <= today]
    used = sum(1 for c in in_window if c.used)
    desc = " ".join(
        [
            ngettext(
                "De siste %(days)s dagene: %(n)s dag med innsjekk.",
                "De siste %(days)s dagene: %(n)s dager med innsjekk.",
                len(in_window),
            )
            % {"days": WINDOW, "n": len(in_window)},
            ngettext("%(n)s av dem med bruk.", "%(n)s av dem med bruk.", used) % {"n": used},
        ]
    )
    use = charts.day_chart(
        use_marks(checkins, first=first, last=today) if checkins else [],
        title=_("Dager med og uten bruk, siste 4 uker"),
        desc=desc,
        empty_message=_("Ingen innsjekk ennå."),
        id_prefix="chart-use",
    )
    kinds = [k for k in ScaleKind if any(e.instrument == k.value for e in entries)]
    return Progress(
        checkins=list(reversed(checkins)),
        craving_chart=craving,
        mood_chart=mood,
        use_chart=use,
        use_days=used,
        checkin_days=len(in_window),
        window_from=first,
        scales=[build_series(entries, k) for k in kinds],
    )


MOOD_WORDS = dict(Mood.choices)
