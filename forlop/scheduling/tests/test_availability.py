from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forlop.lib.timezones import OSLO
from forlop.scheduling.availability import (
    Busy,
    DateOverride,
    Slot,
    WeeklyWindow,
    WorkingRules,
    compute_slots,
    compute_slots_for_many,
    is_slot_available,
    slots_by_local_date,
    working_intervals,
)
from forlop.scheduling.holidays import is_public_holiday

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def oslo(text: str, fold: int = 0) -> datetime:
    """'2026-03-02 09:00' as an aware Oslo datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=OSLO, fold=fold)


def every_day(start: time, end: time) -> tuple[WeeklyWindow, ...]:
    return tuple(WeeklyWindow(day, start, end) for day in range(7))


def rules(weekly=(), **options) -> WorkingRules:
    options.setdefault("duration_minutes", 60)
    options.setdefault("min_notice", timedelta(0))
    options.setdefault("horizon", timedelta(weeks=120))
    return WorkingRules(weekly=tuple(weekly), **options)


def booking(start: str, end: str, *, counts: bool = True) -> Busy:
    return Busy(oslo(start), oslo(end), counts_toward_daily_cap=counts)


def labels(slots) -> list[str]:
    return [slot.start_local.isoformat(timespec="minutes") for slot in slots]


LONG_AGO = oslo("2026-01-05 08:00")  # the default `now` in the table: far enough before every case

# (id, rules, busy, now, day to query, expected local starts)
CASES = [
    (
        "normal weekday, 50 min + 10 min buffer",
        rules([WeeklyWindow(MON, time(9), time(12))], duration_minutes=50, buffer_after_minutes=10),
        [],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T09:00+01:00", "2026-03-02T10:00+01:00", "2026-03-02T11:00+01:00"],
    ),
    (
        "several windows per day",
        rules([WeeklyWindow(MON, time(9), time(11)), WeeklyWindow(MON, time(13), time(15))]),
        [],
        LONG_AGO,
        "2026-03-02",
        [
            "2026-03-02T09:00+01:00",
            "2026-03-02T10:00+01:00",
            "2026-03-02T13:00+01:00",
            "2026-03-02T14:00+01:00",
        ],
    ),
    (
        "overlapping windows are merged",
        rules([WeeklyWindow(MON, time(9), time(11)), WeeklyWindow(MON, time(10), time(12))]),
        [],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T09:00+01:00", "2026-03-02T10:00+01:00", "2026-03-02T11:00+01:00"],
    ),
    (
        "no weekly hours on the weekday",
        rules([WeeklyWindow(MON, time(9), time(12))]),
        [],
        LONG_AGO,
        "2026-03-03",
        [],
    ),
    (
        "day-off override",
        rules([WeeklyWindow(MON, time(9), time(12))], overrides=(DateOverride(date(2026, 3, 2)),)),
        [],
        LONG_AGO,
        "2026-03-02",
        [],
    ),
    (
        "extra hours on a Saturday",
        rules(
            [WeeklyWindow(MON, time(9), time(12))],
            overrides=(DateOverride(date(2026, 3, 7), ((time(10), time(12)),)),),
        ),
        [],
        LONG_AGO,
        "2026-03-07",
        ["2026-03-07T10:00+01:00", "2026-03-07T11:00+01:00"],
    ),
    (
        "override replaces the weekly hours",
        rules(
            [WeeklyWindow(MON, time(9), time(12))],
            overrides=(DateOverride(date(2026, 3, 2), ((time(15), time(16)),)),),
        ),
        [],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T15:00+01:00"],
    ),
    (
        "holiday closed by default (Andre påskedag)",
        rules([WeeklyWindow(MON, time(9), time(11))]),
        [],
        LONG_AGO,
        "2026-04-06",
        [],
    ),
    (
        "holiday open when the therapist turns closing off",
        rules([WeeklyWindow(MON, time(9), time(11))], close_on_holidays=False),
        [],
        LONG_AGO,
        "2026-04-06",
        ["2026-04-06T09:00+02:00", "2026-04-06T10:00+02:00"],
    ),
    (
        "holiday opened by an override with hours",
        rules(
            [WeeklyWindow(MON, time(9), time(11))],
            overrides=(DateOverride(date(2026, 4, 6), ((time(12), time(13)),)),),
        ),
        [],
        LONG_AGO,
        "2026-04-06",
        ["2026-04-06T12:00+02:00"],
    ),
    (
        "minimum notice cuts early slots",
        rules([WeeklyWindow(MON, time(9), time(12))], min_notice=timedelta(hours=1)),
        [],
        oslo("2026-03-02 08:30"),
        "2026-03-02",
        ["2026-03-02T10:00+01:00", "2026-03-02T11:00+01:00"],
    ),
    (
        "a slot exactly at now + notice is offered",
        rules([WeeklyWindow(MON, time(9), time(12))], min_notice=timedelta(hours=12)),
        [],
        oslo("2026-03-01 22:00"),
        "2026-03-02",
        ["2026-03-02T10:00+01:00", "2026-03-02T11:00+01:00"],
    ),
    (
        "horizon cuts late slots, the horizon instant itself excluded",
        rules([WeeklyWindow(MON, time(9), time(12))], horizon=timedelta(weeks=1)),
        [],
        oslo("2026-02-23 10:00"),
        "2026-03-02",
        ["2026-03-02T09:00+01:00"],
    ),
    (
        "daily cap reached by existing bookings",
        rules([WeeklyWindow(MON, time(9), time(12))], max_per_day=2),
        [booking("2026-03-02 13:00", "2026-03-02 14:00"), booking("2026-03-02 15:00", "2026-03-02 16:00")],
        LONG_AGO,
        "2026-03-02",
        [],
    ),
    (
        "daily cap not yet reached",
        rules([WeeklyWindow(MON, time(9), time(12))], max_per_day=2),
        [booking("2026-03-02 10:00", "2026-03-02 11:00")],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T09:00+01:00", "2026-03-02T11:00+01:00"],
    ),
    (
        "blocked time does not count toward the cap",
        rules([WeeklyWindow(MON, time(9), time(12))], max_per_day=1),
        [booking("2026-03-02 13:00", "2026-03-02 14:00", counts=False)],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T09:00+01:00", "2026-03-02T10:00+01:00", "2026-03-02T11:00+01:00"],
    ),
    (
        "cap counts by Oslo date, not UTC date",
        rules([WeeklyWindow(MON, time(9), time(12))], max_per_day=1),
        [Busy(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), datetime(2026, 3, 1, 23, 45, tzinfo=UTC))],
        LONG_AGO,
        "2026-03-02",
        [],
    ),
    (
        "buffer after an existing booking",
        rules(
            [WeeklyWindow(MON, time(9), time(12))],
            duration_minutes=50,
            buffer_after_minutes=10,
            step_minutes=15,
        ),
        [booking("2026-03-02 09:00", "2026-03-02 09:50")],
        LONG_AGO,
        "2026-03-02",
        [
            "2026-03-02T10:00+01:00",
            "2026-03-02T10:15+01:00",
            "2026-03-02T10:30+01:00",
            "2026-03-02T10:45+01:00",
            "2026-03-02T11:00+01:00",
        ],
    ),
    (
        "buffer after the candidate before a booking",
        rules(
            [WeeklyWindow(MON, time(9), time(12))],
            duration_minutes=50,
            buffer_after_minutes=10,
            step_minutes=15,
        ),
        [booking("2026-03-02 10:30", "2026-03-02 11:20")],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T09:00+01:00", "2026-03-02T09:15+01:00", "2026-03-02T09:30+01:00"],
    ),
    (
        "partial overlaps at both ends of the window and a hold in the middle",
        rules([WeeklyWindow(MON, time(9), time(12))], duration_minutes=30),
        [
            booking("2026-03-02 08:30", "2026-03-02 09:10"),
            booking("2026-03-02 10:00", "2026-03-02 10:30"),  # a hold: busy like a booking
            booking("2026-03-02 11:40", "2026-03-02 12:30"),
        ],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T09:30+01:00", "2026-03-02T10:30+01:00", "2026-03-02T11:00+01:00"],
    ),
    (
        "busy time of no length blocks nothing",
        rules([WeeklyWindow(MON, time(9), time(11))]),
        [booking("2026-03-02 09:30", "2026-03-02 09:30")],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T09:00+01:00", "2026-03-02T10:00+01:00"],
    ),
    (
        "window until midnight",
        rules([WeeklyWindow(MON, time(22), time(0))]),
        [],
        LONG_AGO,
        "2026-03-02",
        ["2026-03-02T22:00+01:00", "2026-03-02T23:00+01:00"],
    ),
    # --- daylight saving time -------------------------------------------------------------------------
    (
        "afternoon the day before spring forward 2026 (+01)",
        rules(every_day(time(13), time(17)), duration_minutes=50),
        [],
        LONG_AGO,
        "2026-03-28",
        [
            "2026-03-28T13:00+01:00",
            "2026-03-28T13:50+01:00",
            "2026-03-28T14:40+01:00",
            "2026-03-28T15:30+01:00",
        ],
    ),
    (
        "afternoon on spring forward day 2026 (+02)",
        rules(every_day(time(13), time(17)), duration_minutes=50),
        [],
        LONG_AGO,
        "2026-03-29",
        [
            "2026-03-29T13:00+02:00",
            "2026-03-29T13:50+02:00",
            "2026-03-29T14:40+02:00",
            "2026-03-29T15:30+02:00",
        ],
    ),
    (
        "afternoon the day before fall back 2026 (+02)",
        rules(every_day(time(13), time(17)), duration_minutes=50),
        [],
        LONG_AGO,
        "2026-10-24",
        [
            "2026-10-24T13:00+02:00",
            "2026-10-24T13:50+02:00",
            "2026-10-24T14:40+02:00",
            "2026-10-24T15:30+02:00",
        ],
    ),
    (
        "afternoon on fall back day 2026 (+01)",
        rules(every_day(time(13), time(17)), duration_minutes=50),
        [],
        LONG_AGO,
        "2026-10-25",
        [
            "2026-10-25T13:00+01:00",
            "2026-10-25T13:50+01:00",
            "2026-10-25T14:40+01:00",
            "2026-10-25T15:30+01:00",
        ],
    ),
    (
        "spring forward 2027 is Easter Sunday: closed by default",
        rules(every_day(time(13), time(17)), duration_minutes=50),
        [],
        LONG_AGO,
        "2027-03-28",
        [],
    ),
    (
        "afternoon on spring forward day 2027 when holidays are open (+02)",
        rules(every_day(time(13), time(17)), duration_minutes=50, close_on_holidays=False),
        [],
        LONG_AGO,
        "2027-03-28",
        [
            "2027-03-28T13:00+02:00",
            "2027-03-28T13:50+02:00",
            "2027-03-28T14:40+02:00",
            "2027-03-28T15:30+02:00",
        ],
    ),
    (
        "afternoon on fall back day 2027 (+01)",
        rules(every_day(time(13), time(17)), duration_minutes=50),
        [],
        LONG_AGO,
        "2027-10-31",
        [
            "2027-10-31T13:00+01:00",
            "2027-10-31T13:50+01:00",
            "2027-10-31T14:40+01:00",
            "2027-10-31T15:30+01:00",
        ],
    ),
    (
        "window starting in the spring gap starts when the clocks jump",
        rules(every_day(time(2), time(4)), duration_minutes=30),
        [],
        LONG_AGO,
        "2026-03-29",
        ["2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00"],
    ),
    (
        "window wholly inside the spring gap offers nothing",
        rules(every_day(time(2), time(2, 45)), duration_minutes=30),
        [],
        LONG_AGO,
        "2026-03-29",
        [],
    ),
    (
        "window across the spring gap is two real hours",
        rules(every_day(time(1), time(4)), duration_minutes=50),
        [],
        LONG_AGO,
        "2026-03-29",
        ["2026-03-29T01:00+01:00", "2026-03-29T01:50+01:00"],
    ),
    (
        "window across the autumn overlap is four real hours, no duplicates",
        rules(every_day(time(1), time(4)), duration_minutes=30),
        [],
        LONG_AGO,
        "2026-10-25",
        [
            "2026-10-25T01:00+02:00",
            "2026-10-25T01:30+02:00",
            "2026-10-25T02:00+02:00",
            "2026-10-25T02:30+02:00",
            "2026-10-25T02:00+01:00",
            "2026-10-25T02:30+01:00",
            "2026-10-25T03:00+01:00",
            "2026-10-25T03:30+01:00",
        ],
    ),
    (
        "window in the autumn overlap runs from the first 02:00 to the second 03:00",
        rules(every_day(time(2), time(3)), duration_minutes=30),
        [],
        LONG_AGO,
        "2026-10-25",
        [
            "2026-10-25T02:00+02:00",
            "2026-10-25T02:30+02:00",
            "2026-10-25T02:00+01:00",
            "2026-10-25T02:30+01:00",
        ],
    ),
    (
        "window across the autumn overlap 2027",
        rules(every_day(time(1), time(4)), duration_minutes=60),
        [],
        LONG_AGO,
        "2027-10-31",
        [
            "2027-10-31T01:00+02:00",
            "2027-10-31T02:00+02:00",
            "2027-10-31T02:00+01:00",
            "2027-10-31T03:00+01:00",
        ],
    ),
    (
        "booking in the second 02:00 hour leaves the first one free",
        rules(every_day(time(1), time(4)), duration_minutes=60),
        [Busy(oslo("2026-10-25 02:00", fold=1), oslo("2026-10-25 03:00"))],
        LONG_AGO,
        "2026-10-25",
        ["2026-10-25T01:00+02:00", "2026-10-25T02:00+02:00", "2026-10-25T03:00+01:00"],
    ),
]


@pytest.mark.parametrize(
    ("therapist_rules", "busy", "now", "day", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_it_offers_the_expected_slots(therapist_rules, busy, now, day, expected):
    start = oslo(f"{day} 00:00")
    end = datetime.combine(date.fromisoformat(day) + timedelta(days=1), time(0), tzinfo=OSLO)
    slots = compute_slots(therapist_rules, busy, now=now, start=start, end=end)
    assert labels(slots) == expected
    for slot in slots:
        assert slot.end_utc - slot.start_utc == timedelta(minutes=therapist_rules.duration_minutes)
        assert slot.start_utc.tzinfo is UTC


def test_it_gives_autumn_slots_their_fold():
    therapist_rules = rules(every_day(time(1), time(4)), duration_minutes=30)
    slots = compute_slots(
        therapist_rules, [], now=LONG_AGO, start=oslo("2026-10-25 00:00"), end=oslo("2026-10-26 00:00")
    )
    folds = [(slot.start_local.strftime("%H:%M"), slot.start_local.fold) for slot in slots]
    assert folds[2:6] == [("02:00", 0), ("02:30", 0), ("02:00", 1), ("02:30", 1)]


@pytest.mark.parametrize(
    ("day", "hours"),
    [("2026-03-29", 2), ("2026-03-28", 3), ("2026-10-25", 4), ("2027-03-28", 2), ("2027-10-31", 4)],
)
def test_it_measures_night_windows_in_real_hours(day, hours):
    therapist_rules = rules(every_day(time(1), time(4)), close_on_holidays=False)
    ((start, end),) = working_intervals(therapist_rules, date.fromisoformat(day))
    assert end - start == timedelta(hours=hours)


def test_it_accepts_epoch_seconds_for_busy_time():
    therapist_rules = rules([WeeklyWindow(MON, time(9), time(12))])
    start = int(oslo("2026-03-02 10:00").timestamp())
    slots = compute_slots(
        therapist_rules,
        [Busy(start, start + 3600)],
        now=LONG_AGO,
        start=oslo("2026-03-02 00:00"),
        end=oslo("2026-03-03 00:00"),
    )
    assert labels(slots) == ["2026-03-02T09:00+01:00", "2026-03-02T11:00+01:00"]


def test_it_rechecks_a_single_start():
    therapist_rules = rules([WeeklyWindow(MON, time(9), time(12))])
    taken = [booking("2026-03-02 10:00", "2026-03-02 11:00")]
    assert is_slot_available(therapist_rules, taken, now=LONG_AGO, start=oslo("2026-03-02 09:00"))
    assert not is_slot_available(therapist_rules, taken, now=LONG_AGO, start=oslo("2026-03-02 10:00"))
    assert not is_slot_available(
        therapist_rules, [], now=LONG_AGO, start=oslo("2026-03-02 09:30")
    )  # off grid
    assert not is_slot_available(therapist_rules, [], now=LONG_AGO, start=oslo("2026-03-02 12:00"))
    assert not is_slot_available(
        therapist_rules, [], now=LONG_AGO, start=oslo("2026-03-02 09:00") + timedelta(microseconds=1)
    )


def test_it_computes_many_therapists_in_one_call():
    morning = rules([WeeklyWindow(MON, time(9), time(11))])
    afternoon = rules([WeeklyWindow(MON, time(13), time(14))])
    result = compute_slots_for_many(
        {
            1: (morning, []),
            2: (afternoon, [booking("2026-03-02 13:00", "2026-03-02 13:30")]),
            3: (afternoon, []),
        },
        now=LONG_AGO,
        start=oslo("2026-03-02 00:00"),
        end=oslo("2026-03-03 00:00"),
    )
    assert {key: labels(slots) for key, slots in result.items()} == {
        1: ["2026-03-02T09:00+01:00", "2026-03-02T10:00+01:00"],
        2: [],
        3: ["2026-03-02T13:00+01:00"],
    }


def test_it_groups_slots_by_oslo_date():
    therapist_rules = rules(every_day(time(0), time(1)))
    slots = compute_slots(
        therapist_rules, [], now=LONG_AGO, start=oslo("2026-03-02 00:00"), end=oslo("2026-03-04 00:00")
    )
    grouped = slots_by_local_date(slots)
    assert list(grouped) == [date(2026, 3, 2), date(2026, 3, 3)]  # 00:00 Oslo is 23:00 UTC the day before
    assert [len(day) for day in grouped.values()] == [1, 1]


@pytest.mark.parametrize(
    "make",
    [
        lambda: WeeklyWindow(7, time(9), time(10)),
        lambda: WeeklyWindow(MON, time(10), time(9)),
        lambda: WeeklyWindow(MON, time(10), time(10)),
        lambda: WeeklyWindow(MON, time(9, tzinfo=UTC), time(10)),
        lambda: DateOverride(date(2026, 3, 2), ((time(12), time(11)),)),
        lambda: rules(duration_minutes=0),
        lambda: rules(buffer_after_minutes=-5),
        lambda: rules(step_minutes=0),
        lambda: rules(max_per_day=0),
        lambda: rules(min_notice=timedelta(hours=-1)),
        lambda: rules(horizon=timedelta(0)),
        lambda: rules(overrides=(DateOverride(date(2026, 3, 2)), DateOverride(date(2026, 3, 2)))),
    ],
)
def test_it_refuses_impossible_rules(make):
    with pytest.raises(ValueError):
        make()


def test_it_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="naive"):
        compute_slots(rules(), [], now=datetime(2026, 3, 2), start=LONG_AGO, end=LONG_AGO)  # noqa: DTZ001


def test_it_refuses_busy_time_that_ends_before_it_starts():
    with pytest.raises(ValueError, match="ends before"):
        compute_slots(
            rules(every_day(time(9), time(10))),
            [booking("2026-03-02 10:00", "2026-03-02 09:00")],
            now=LONG_AGO,
            start=oslo("2026-03-02 00:00"),
            end=oslo("2026-03-03 00:00"),
        )


# --- properties -------------------------------------------------------------------------------------------

# Days the properties start from: both DST changes in 2026 and 2027, Easter 2026 and ordinary days.
INTERESTING_DAYS = [
    date(2026, 3, 28),
    date(2026, 10, 24),
    date(2027, 3, 27),
    date(2027, 10, 30),
    date(2026, 4, 1),
    date(2026, 6, 15),
    date(2026, 12, 30),
]
MINUTE = 60


def _wall(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, OSLO).replace(tzinfo=None)


@cache
def first_showing(wall: datetime) -> int:
    """Brute force: the first instant the Oslo clock shows `wall` or later."""
    u = int(wall.replace(tzinfo=UTC).timestamp()) - 3 * 3600
    while _wall(u) < wall:
        u += MINUTE
    return u


@cache
def last_showing(wall: datetime) -> int:
    """Brute force: the last instant the Oslo clock shows `wall`, or the jump past it if it never does."""
    u = int(wall.replace(tzinfo=UTC).timestamp()) + 3 * 3600
    while _wall(u) > wall:
        u -= MINUTE
    return u if _wall(u) == wall else u + MINUTE


def oracle_intervals(therapist_rules: WorkingRules, day: date) -> list[tuple[int, int]]:
    """The working intervals of a date, derived from the rules as written, without the module's helpers."""
    overrides = {override.day: override.windows for override in therapist_rules.overrides}
    if day in overrides:
        windows = overrides[day]
    elif therapist_rules.close_on_holidays and is_public_holiday(day):
        windows = ()
    else:
        windows = tuple((w.start, w.end) for w in therapist_rules.weekly if w.weekday == day.weekday())
    result = []
    for start, end in windows:
        end_wall = datetime.combine(day + timedelta(days=1) if end == time(0) else day, end)
        result.append((first_showing(datetime.combine(day, start)), last_showing(end_wall)))
    return result


def covered(intervals: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside the union of intervals."""
    position = start
    for low, high in sorted(intervals):
        if low <= position < high:
            position = high
    return position >= end


def _epoch(value: datetime) -> int:
    return int(value.timestamp())


@st.composite
def windows(draw):
    # Night starts (01:00-03:45) are drawn often: that is where the DST changes are.
    start = draw(st.integers(0, 95) | st.integers(4, 15)) * 15
    end = min(start + draw(st.integers(1, 40)) * 15, 24 * 60)
    to_time = lambda minutes: time(0) if minutes == 24 * 60 else time(minutes // 60, minutes % 60)  # noqa: E731
    return to_time(start), to_time(end)


@st.composite
def scenarios(draw):
    base = draw(st.sampled_from(INTERESTING_DAYS))
    weekly = tuple(
        WeeklyWindow(draw(st.integers(0, 6) | st.just(SUN)), *draw(windows()))
        for _ in range(draw(st.integers(0, 10)))
    )
    override_days = draw(st.lists(st.integers(0, 9), max_size=3, unique=True))
    overrides = tuple(
        DateOverride(base + timedelta(days=offset), tuple(draw(st.lists(windows(), max_size=2))))
        for offset in override_days
    )
    therapist_rules = WorkingRules(
        weekly=weekly,
        overrides=overrides,
        duration_minutes=draw(st.integers(3, 24)) * 5,
        buffer_after_minutes=draw(st.integers(0, 6)) * 5,
        step_minutes=draw(st.none() | st.integers(1, 12).map(lambda n: n * 5)),
        min_notice=timedelta(minutes=draw(st.integers(0, 24 * 4)) * 15),
        horizon=timedelta(hours=draw(st.integers(1, 14 * 24))),
        max_per_day=draw(st.none() | st.integers(1, 4)),
        close_on_holidays=draw(st.booleans()),
    )
    origin = datetime.combine(base, time(0), tzinfo=UTC)
    busy = []
    for _ in range(draw(st.integers(0, 10))):
        start = origin + timedelta(minutes=draw(st.integers(-24 * 12, 10 * 24 * 12)) * 5)
        busy.append(Busy(start, start + timedelta(minutes=draw(st.integers(0, 36)) * 5), draw(st.booleans())))
    now = origin + timedelta(minutes=draw(st.integers(-3 * 24 * 4, 24 * 4)) * 15)
    a = origin + timedelta(minutes=draw(st.integers(-24 * 60, 3 * 24 * 60)), seconds=draw(st.integers(0, 59)))
    span = draw(st.integers(0, 7)) * 24 * 3600 + draw(st.integers(0, 24 * 3600))
    b = a + timedelta(seconds=draw(st.integers(0, span)))
    cuts = (a, b, a + timedelta(seconds=span))
    return therapist_rules, busy, now, cuts


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


@PROPERTY_SETTINGS
@given(scenarios())
def test_it_only_offers_slots_inside_working_windows(scenario):
    therapist_rules, busy, now, (a, _, c) = scenario
    for slot in compute_slots(therapist_rules, busy, now=now, start=a, end=c):
        intervals = oracle_intervals(therapist_rules, slot.local_date)
        assert covered(intervals, _epoch(slot.start_utc), _epoch(slot.end_utc)), slot


@PROPERTY_SETTINGS
@given(scenarios())
def test_it_never_overlaps_busy_time_plus_buffers(scenario):
    therapist_rules, busy, now, (a, _, c) = scenario
    buffer = timedelta(minutes=therapist_rules.buffer_after_minutes)
    for slot in compute_slots(therapist_rules, busy, now=now, start=a, end=c):
        for entry in busy:
            if entry.end_utc + buffer > entry.start_utc:  # empty busy time blocks nothing
                assert not (
                    entry.start_utc < slot.end_utc + buffer and slot.start_utc < entry.end_utc + buffer
                )


@PROPERTY_SETTINGS
@given(scenarios())
def test_it_respects_notice_horizon_and_range(scenario):
    therapist_rules, busy, now, (a, _, c) = scenario
    for slot in compute_slots(therapist_rules, busy, now=now, start=a, end=c):
        assert now + therapist_rules.min_notice <= slot.start_utc < now + therapist_rules.horizon
        assert a <= slot.start_utc < c


@PROPERTY_SETTINGS
@given(scenarios())
def test_it_returns_sorted_unique_slots(scenario):
    therapist_rules, busy, now, (a, _, c) = scenario
    slots = compute_slots(therapist_rules, busy, now=now, start=a, end=c)
    assert list(slots) == sorted(set(slots))
    starts = [slot.start_utc for slot in slots]
    assert len(set(starts)) == len(starts)


@PROPERTY_SETTINGS
@given(scenarios())
def test_it_splits_a_range_without_losing_or_doubling_slots(scenario):
    therapist_rules, busy, now, (a, b, c) = scenario
    whole = compute_slots(therapist_rules, busy, now=now, start=a, end=c)
    first = compute_slots(therapist_rules, busy, now=now, start=a, end=b)
    second = compute_slots(therapist_rules, busy, now=now, start=b, end=c)
    assert whole == first + second


@PROPERTY_SETTINGS
@given(scenarios())
def test_it_is_idempotent_and_ignores_input_order(scenario):
    therapist_rules, busy, now, (a, _, c) = scenario
    once = compute_slots(therapist_rules, busy, now=now, start=a, end=c)
    assert compute_slots(therapist_rules, busy, now=now, start=a, end=c) == once
    assert compute_slots(therapist_rules, list(reversed(busy)), now=now, start=a, end=c) == once
    shuffled_rules = replace(therapist_rules, weekly=tuple(reversed(therapist_rules.weekly)))
    assert compute_slots(shuffled_rules, busy, now=now, start=a, end=c) == once


@PROPERTY_SETTINGS
@given(scenarios(), st.integers(1, 2))
def test_it_respects_the_daily_cap(scenario, cap):
    therapist_rules, busy, now, (a, _, c) = scenario
    therapist_rules = replace(therapist_rules, max_per_day=cap)
    counted: dict[date, int] = {}
    for entry in busy:
        if entry.counts_toward_daily_cap:
            day = entry.start_utc.astimezone(OSLO).date()
            counted[day] = counted.get(day, 0) + 1
    for slot in compute_slots(therapist_rules, busy, now=now, start=a, end=c):
        assert counted.get(slot.local_date, 0) < cap


@PROPERTY_SETTINGS
@given(scenarios())
def test_it_matches_a_brute_force_model(scenario):
    """Every rule at once, against a model that finds wall-clock instants by scanning minutes."""
    therapist_rules, busy, now, (a, _, c) = scenario
    duration = therapist_rules.duration_minutes * MINUTE
    buffer = therapist_rules.buffer_after_minutes * MINUTE
    step = (
        therapist_rules.step_minutes
        or therapist_rules.duration_minutes + therapist_rules.buffer_after_minutes
    ) * MINUTE
    low = max(a, now + therapist_rules.min_notice)
    high = min(c, now + therapist_rules.horizon)
    taken = [(_epoch(e.start_utc), _epoch(e.end_utc) + buffer) for e in busy]
    counted: dict[date, int] = {}
    for entry in busy:
        if entry.counts_toward_daily_cap:
            day = entry.start_utc.astimezone(OSLO).date()
            counted[day] = counted.get(day, 0) + 1
    expected = []
    day = a.astimezone(OSLO).date() - timedelta(days=1)
    while day <= c.astimezone(OSLO).date() + timedelta(days=1):
        cap = therapist_rules.max_per_day
        if cap is None or counted.get(day, 0) < cap:
            blocks: list[list[int]] = []
            for start, end in sorted(oracle_intervals(therapist_rules, day)):
                if start >= end:
                    continue
                if blocks and start <= blocks[-1][1]:
                    blocks[-1][1] = max(blocks[-1][1], end)
                else:
                    blocks.append([start, end])
            for start, end in blocks:
                for s in range(start, end - duration + 1, step):
                    moment = datetime.fromtimestamp(s, UTC)
                    free = all(not (b < s + duration + buffer and s < e) for b, e in taken if e > b)
                    if low <= moment < high and free:
                        expected.append(s)
        day += timedelta(days=1)
    actual = [
        _epoch(slot.start_utc) for slot in compute_slots(therapist_rules, busy, now=now, start=a, end=c)
    ]
    assert actual == sorted(expected)


@PROPERTY_SETTINGS
@given(scenarios(), st.data())
def test_it_stops_offering_a_slot_once_booked(scenario, data):
    therapist_rules, busy, now, (a, _, c) = scenario
    before = compute_slots(therapist_rules, busy, now=now, start=a, end=c)
    if not before:
        return
    chosen: Slot = data.draw(st.sampled_from(before))
    assert is_slot_available(therapist_rules, busy, now=now, start=chosen.start_utc)
    after_busy = [*busy, Busy(chosen.start_utc, chosen.end_utc)]
    after = compute_slots(therapist_rules, after_busy, now=now, start=a, end=c)
    assert chosen not in after
    assert set(after) <= set(before)  # more busy time never opens a slot
    assert not is_slot_available(therapist_rules, after_busy, now=now, start=chosen.start_utc)
