"""Working rules from the database, for the pure slot module, and the writes to them.

`working_rules` loads hours, overrides and settings for any number of therapists in three queries, whatever
the date range; the booking app adds the busy time (one more query) and calls `availability`.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, time, timedelta

from django.db import transaction

from forlop.therapists.models import Therapist

from . import availability
from .models import BookingSettings, DateOverride, WorkingHours


def working_rules(
    therapist_ids: Iterable[int],
    *,
    duration_minutes: int,
    buffer_after_minutes: int,
    first_day: date,
    last_day: date,
) -> dict[int, availability.WorkingRules]:
    """{therapist id: WorkingRules} for a consultation of this length. Overrides are loaded for the local
    dates first_day..last_day (inclusive) only. Three queries."""
    ids = list(therapist_ids)
    weekly: dict[int, list[availability.WeeklyWindow]] = defaultdict(list)
    for row in WorkingHours.objects.filter(therapist_id__in=ids).values_list(
        "therapist_id", "weekday", "start", "end"
    ):
        weekly[row[0]].append(availability.WeeklyWindow(row[1], row[2], row[3]))
    by_day: dict[int, dict[date, list[tuple[time, time]]]] = defaultdict(dict)
    overrides = DateOverride.objects.filter(therapist_id__in=ids, day__gte=first_day, day__lte=last_day)
    for therapist_id, day, start, end in overrides.values_list("therapist_id", "day", "start", "end"):
        windows = by_day[therapist_id].setdefault(day, [])
        if start is not None and end is not None:
            windows.append((start, end))
    limits = {s.therapist_id: s for s in BookingSettings.objects.filter(therapist_id__in=ids)}
    result = {}
    for therapist_id in ids:
        limit = limits.get(therapist_id)
        result[therapist_id] = availability.WorkingRules(
            weekly=tuple(weekly.get(therapist_id, ())),
            overrides=tuple(
                availability.DateOverride(day, tuple(windows))
                for day, windows in by_day[therapist_id].items()
            ),
            duration_minutes=duration_minutes,
            buffer_after_minutes=buffer_after_minutes,
            min_notice=timedelta(
                hours=limit.min_notice_hours if limit else BookingSettings.DEFAULT_MIN_NOTICE_HOURS
            ),
            horizon=timedelta(weeks=limit.horizon_weeks if limit else BookingSettings.DEFAULT_HORIZON_WEEKS),
            max_per_day=limit.max_per_day if limit else None,
            close_on_holidays=limit.close_on_holidays if limit else True,
        )
    return result


def settings_for(therapist: Therapist) -> BookingSettings:
    """The therapist's settings row, or an unsaved one with the defaults."""
    found = BookingSettings.objects.filter(therapist=therapist).first()
    return found or BookingSettings(therapist=therapist)


@transaction.atomic
def replace_weekly_hours(*, therapist: Therapist, windows: Iterable[tuple[int, time, time]]) -> None:
    """Replace all of a therapist's weekly windows with `windows` ((weekday, start, end), Oslo time)."""
    rows = [
        WorkingHours(therapist=therapist, weekday=weekday, start=start, end=end)
        for weekday, start, end in windows
    ]
    for row in rows:
        availability.WeeklyWindow(row.weekday, row.start, row.end)  # validates the window
    WorkingHours.objects.filter(therapist=therapist).delete()
    WorkingHours.objects.bulk_create(rows)


@transaction.atomic
def set_date_override(
    *, therapist: Therapist, day: date, windows: Iterable[tuple[time, time]] = (), note: str = ""
) -> None:
    """Replace the hours of one date: no windows closes the day."""
    rows = [
        DateOverride(therapist=therapist, day=day, start=start, end=end, note=note) for start, end in windows
    ]
    availability.DateOverride(day, tuple((row.start, row.end) for row in rows))  # type: ignore[misc]
    DateOverride.objects.filter(therapist=therapist, day=day).delete()
    DateOverride.objects.bulk_create(rows or [DateOverride(therapist=therapist, day=day, note=note)])


@transaction.atomic
def clear_date_override(*, therapist: Therapist, day: date) -> None:
    DateOverride.objects.filter(therapist=therapist, day=day).delete()


@transaction.atomic
def save_settings(
    *,
    therapist: Therapist,
    min_notice_hours: int,
    horizon_weeks: int,
    max_per_day: int | None,
    close_on_holidays: bool = True,
) -> BookingSettings:
    row, _ = BookingSettings.objects.update_or_create(
        therapist=therapist,
        defaults={
            "min_notice_hours": min_notice_hours,
            "horizon_weeks": horizon_weeks,
            "max_per_day": max_per_day,
            "close_on_holidays": close_on_holidays,
        },
    )
    return row
