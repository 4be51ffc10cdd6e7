"""The calendar rules of the daily check-in. Pure: no ORM, no clock (the time is passed in), no request.

- A check-in belongs to one calendar day in Europe/Oslo (`day_of`), whatever the UTC offset that day (23 or
  25 hours around the DST changes).
- The person may enter or correct today's and yesterday's check-in (a late entry), never an older day and
  never a day that has not begun (`editable_days`, `may_enter`).
- The streak counts honestly: the consecutive days, up to today, on which the person checked in. A day with
  use is a check-in day like any other and counts; it is shown, not hidden. A streak is still alive in the
  morning before today's check-in: it ends yesterday until today is missed (`streak`).
- Rising craving (`rising_craving`): the mean craving of the last 3 days (today and the two before, the days
  with a check-in) is 2 points or more above the mean of the 7 days before those. It needs at least 2
  check-ins in the 3 days and 3 in the 7 days, so one bad day after a silent week does not fire it.
- Missing check-ins (`days_missing`): the whole days since the last check-in, up to and including yesterday
  (today is still open).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

RECENT_DAYS = 3  # the window whose mean is compared…
BASELINE_DAYS = 7  # …with the mean of the days before it
RISE = 2.0  # points on the 0-10 scale
MIN_RECENT = 2
MIN_BASELINE = 3


def day_of(at: datetime, tz: tzinfo) -> date:
    """The local calendar day of an aware moment."""
    if at.tzinfo is None:
        raise ValueError("day_of needs a timezone-aware datetime")
    return at.astimezone(tz).date()


def editable_days(now: datetime, tz: tzinfo) -> tuple[date, date]:
    """(today, yesterday) in `tz`: the only days a check-in may be entered or corrected for."""
    today = day_of(now, tz)
    return today, today - timedelta(days=1)


def may_enter(day: date, *, now: datetime, tz: tzinfo) -> bool:
    return day in editable_days(now, tz)


def is_late(day: date, *, now: datetime, tz: tzinfo) -> bool:
    """Entered after its day was over (yesterday's check-in entered today)."""
    return day < day_of(now, tz)


@dataclass(frozen=True)
class Streak:
    days: int  # consecutive check-in days, ending today or (before today's check-in) yesterday
    use_days: int  # of those, the days the person said they had used
    checked_in_today: bool
    ends: date | None  # the streak's last day

    def words(self) -> str:
        """What the person reads: the count, and use days named plainly and without blame."""
        if self.days == 0:
            return _(
                "Du har ingen innsjekk på rad akkurat nå. Hver innsjekk teller, uansett hvordan dagen var."
            )
        text = ngettext(
            "Du har sjekket inn %(n)s dag på rad.", "Du har sjekket inn %(n)s dager på rad.", self.days
        ) % {"n": self.days}
        if self.use_days:
            text += " " + ngettext(
                "Du har vært ærlig om %(n)s dag med bruk, og det hjelper oss å hjelpe deg.",
                "Du har vært ærlig om %(n)s dager med bruk, og det hjelper oss å hjelpe deg.",
                self.use_days,
            ) % {"n": self.use_days}
        if not self.checked_in_today:
            text += " " + _("Sjekk inn i dag for å holde rekken gående.")
        return text


def streak(days: Mapping[date, bool] | Iterable[date], *, today: date) -> Streak:
    """The streak ending today, or yesterday when today has no check-in yet. `days` maps each check-in day to
    whether the person used that day (an iterable of days means no use recorded). Days after `today` are
    ignored."""
    used = dict(days) if isinstance(days, Mapping) else dict.fromkeys(days, False)
    checked_today = today in used
    day = today if checked_today else today - timedelta(days=1)
    count = uses = 0
    end = day if day in used else None
    while day in used:
        count += 1
        uses += 1 if used[day] else 0
        day -= timedelta(days=1)
    return Streak(days=count, use_days=uses, checked_in_today=checked_today, ends=end)


@dataclass(frozen=True)
class Trend:
    recent_mean: float
    baseline_mean: float
    recent_days: int
    baseline_days: int

    @property
    def rise(self) -> float:
        return self.recent_mean - self.baseline_mean


def rising_craving(craving_by_day: Mapping[date, int], *, today: date) -> Trend | None:
    """A Trend when the last RECENT_DAYS' mean craving is RISE or more above the BASELINE_DAYS before them
    (see the module docstring); else None."""
    recent_from = today - timedelta(days=RECENT_DAYS - 1)
    baseline_from = recent_from - timedelta(days=BASELINE_DAYS)
    recent = [v for d, v in craving_by_day.items() if recent_from <= d <= today]
    baseline = [v for d, v in craving_by_day.items() if baseline_from <= d < recent_from]
    if len(recent) < MIN_RECENT or len(baseline) < MIN_BASELINE:
        return None
    trend = Trend(
        recent_mean=sum(recent) / len(recent),
        baseline_mean=sum(baseline) / len(baseline),
        recent_days=len(recent),
        baseline_days=len(baseline),
    )
    return trend if trend.rise >= RISE else None


def days_missing(last_day: date | None, *, today: date) -> int:
    """Whole days without a check-in since `last_day`, up to and including yesterday; 0 with no last day."""
    if last_day is None:
        return 0
    return max(0, (today - last_day).days - 1)


def day_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
