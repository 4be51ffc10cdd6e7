"""Bookable consultation slots from a therapist's working rules and busy time.

Pure: no ORM, no clock (`now` is passed in), no I/O. The caller loads everything for a request in a fixed
number of queries and makes one call: `compute_slots` for one therapist, `compute_slots_for_many` for a list.

Inputs
------
`WorkingRules` holds one therapist's settings: weekly windows in Europe/Oslo wall-clock time (several per day),
date overrides, consultation length, buffer, grid step, minimum notice, horizon, daily cap and whether public
holidays close the day. `Busy` is an existing booking, a hold (a slot someone is checking out) or a block.

Output
------
A sorted tuple of unique `Slot(start_utc, end_utc)`, aware UTC datetimes. `slot.start_local` shows Oslo time.

Rules, exactly
--------------
Internally every instant is an integer of UTC epoch seconds and every interval is half-open [start, end).

1. Working windows of a local date D: the `DateOverride` for D if there is one (no windows = day off,
   windows = they replace the weekly ones, also on a holiday); otherwise closed if D is an official
   Norwegian public holiday and `close_on_holidays`; otherwise the weekly windows for D's weekday.
   Overlapping or touching windows on one date are merged into one block.
2. A window's wall-clock times become instants like this. Start: the first instant the clock shows that
   time. End: the last instant the clock shows that time. A time that does not exist (the spring-forward
   gap, 02:00-03:00 on the last Sunday of March) becomes the instant the clocks jump, so a 02:00-04:00 window
   on 2026-03-29 runs 03:00-04:00 CEST. A time that happens twice (02:00-03:00 on the last Sunday of
   October) starts a window at its first occurrence and ends one at its second, so 01:00-04:00 on
   2026-10-25 is four real hours. An end of `time(0)` means midnight at the end of the date.
3. Slot starts lie on a grid inside each block: block start + k * step, with step defaulting to duration +
   buffer (back-to-back consultations). The grid depends only on the block, never on the query range or on
   busy time, so the same slot always starts at the same instant. A consultation [s, s + duration) must
   fit inside the block; its buffer may run past the block's end.
4. Busy time and buffer: a candidate [s, s + duration + buffer) must not overlap any
   [busy.start, busy.end + buffer). So there are at least `buffer` minutes after every consultation, on
   both sides of a candidate. Busy time outside the windows still blocks.
5. Notice and horizon: now + min_notice <= s < now + horizon.
6. Daily cap: a local date with `max_per_day` or more busy entries that count toward the cap (counted on
   the Oslo date of their start) offers no slots. Offered slots are alternatives, so they do not count.
7. Range: a slot belongs to the query range [start, end) when its start does. With rule 3 this makes
   slots(a, c) == slots(a, b) + slots(b, c), and `is_slot_available` is the same computation for one start.
"""

from bisect import bisect_right
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from forlop.lib.timezones import OSLO
from forlop.scheduling.holidays import is_public_holiday

__all__ = [
    "Busy",
    "DateOverride",
    "Slot",
    "WeeklyWindow",
    "WorkingRules",
    "compute_slot_starts",
    "compute_slots",
    "compute_slots_for_many",
    "is_slot_available",
    "slots_by_local_date",
    "working_intervals",
]

MIDNIGHT = time(0)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_DAY = timedelta(days=1)

# A wall-clock window as given by a person: (start, end), naive times in Europe/Oslo.
type WallWindow = tuple[time, time]


def _check_window(start: time, end: time) -> None:
    if start.tzinfo is not None or end.tzinfo is not None:
        raise ValueError("working hours are Oslo wall-clock times: pass naive times")
    if end != MIDNIGHT and end <= start:
        raise ValueError(f"a working window must end after it starts: {start}-{end}")


@dataclass(frozen=True, slots=True)
class WeeklyWindow:
    """Working hours on one weekday, repeated every week. `weekday` is 0 for Monday, as `date.weekday()`."""

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        _check_window(self.start, self.end)


@dataclass(frozen=True, slots=True)
class DateOverride:
    """Hours for one local date that replace the weekly ones. No windows means the day is off."""

    day: date
    windows: tuple[WallWindow, ...] = ()

    def __post_init__(self) -> None:
        for start, end in self.windows:
            _check_window(start, end)


@dataclass(frozen=True, slots=True)
class Busy:
    """Time the therapist cannot take a new consultation: a booking, a hold or a block.

    Instants are aware datetimes or UTC epoch seconds. Pass counts_toward_daily_cap=True for bookings and for
    holds (a hold usually becomes a booking), False for blocked time that is not a consultation.
    """

    start_utc: datetime | int
    end_utc: datetime | int
    counts_toward_daily_cap: bool = True


@dataclass(frozen=True)
class WorkingRules:
    """One therapist's booking settings. Durations are minutes; notice and horizon are timedeltas."""

    weekly: tuple[WeeklyWindow, ...]
    duration_minutes: int
    overrides: tuple[DateOverride, ...] = ()
    buffer_after_minutes: int = 0
    step_minutes: int | None = None  # None: duration + buffer
    min_notice: timedelta = timedelta(hours=12)
    horizon: timedelta = timedelta(weeks=8)
    max_per_day: int | None = None  # None: no cap
    close_on_holidays: bool = True
    # Derived once so that a call does not redo it per date.
    _by_weekday: tuple[tuple[WallWindow, ...], ...] = field(init=False, repr=False, compare=False)
    _by_date: Mapping[date, tuple[WallWindow, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.duration_minutes <= 0:
            raise ValueError("a consultation must last at least one minute")
        if self.buffer_after_minutes < 0:
            raise ValueError("the buffer cannot be negative")
        if self.step_minutes is not None and self.step_minutes <= 0:
            raise ValueError("the slot step must be at least one minute")
        if self.min_notice < timedelta(0):
            raise ValueError("minimum notice cannot be negative")
        if self.horizon <= timedelta(0):
            raise ValueError("the booking horizon must be in the future")
        if self.max_per_day is not None and self.max_per_day < 1:
            raise ValueError("the daily cap must be at least 1 (use a day-off override to close a day)")
        by_weekday: list[list[WallWindow]] = [[] for _ in range(7)]
        for window in self.weekly:
            by_weekday[window.weekday].append((window.start, window.end))
        by_date: dict[date, tuple[WallWindow, ...]] = {}
        for override in self.overrides:
            if override.day in by_date:
                raise ValueError(f"two overrides for {override.day}")
            by_date[override.day] = override.windows
        object.__setattr__(self, "_by_weekday", tuple(tuple(windows) for windows in by_weekday))
        object.__setattr__(self, "_by_date", by_date)

    def wall_windows(self, day: date) -> tuple[WallWindow, ...]:
        """The wall-clock windows that apply on a local date (rule 1 in the module docstring)."""
        override = self._by_date.get(day)
        if override is not None:
            return override
        if self.close_on_holidays and is_public_holiday(day):
            return ()
        return self._by_weekday[day.weekday()]


class Slot(NamedTuple):
    """A bookable consultation. Both ends are aware UTC datetimes; the `_local` properties are Oslo time."""

    start_utc: datetime
    end_utc: datetime

    @property
    def start_local(self) -> datetime:
        return self.start_utc.astimezone(OSLO)

    @property
    def end_local(self) -> datetime:
        return self.end_utc.astimezone(OSLO)

    @property
    def local_date(self) -> date:
        return self.start_local.date()


# --- instants as integers -------------------------------------------------------------------------------


def _epoch(value: datetime | int, *, round_up: bool) -> int:
    if isinstance(value, int):
        return value
    if value.tzinfo is None:
        raise ValueError("naive datetime: pass aware datetimes (UTC or Oslo)")
    delta = value - _EPOCH  # exact, no float
    seconds = delta.days * 86400 + delta.seconds
    return seconds + 1 if round_up and delta.microseconds else seconds


def _oslo_date(epoch: int) -> date:
    return datetime.fromtimestamp(epoch, OSLO).date()


@lru_cache(maxsize=16384)
def _wall_to_epoch(day: date, wall: time, latest: bool) -> int:
    """The instant a wall-clock time on a local date means (rule 2): first or `latest` occurrence."""
    if wall == MIDNIGHT and latest:
        day, latest = day + _ONE_DAY, False  # end of the date
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=OSLO)  # fold=0: the offset before a transition
    second = naive.replace(tzinfo=OSLO, fold=1)  # fold=1: the offset after it
    early, late = _epoch(first, round_up=False), _epoch(second, round_up=False)
    if early == late:
        return early
    if early < late:  # autumn: this time happens twice
        return late if latest else early
    # Spring: this time does not exist. The jump lies in (late, early]; find it to the second.
    after = second.utcoffset()
    low, high = late, early
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, OSLO).utcoffset() == after:
            high = middle
        else:
            low = middle
    return high


def _blocks(rules: WorkingRules, day: date) -> list[tuple[int, int]]:
    """The working windows of a local date as merged [start, end) epoch intervals."""
    intervals = sorted(
        (_wall_to_epoch(day, start, False), _wall_to_epoch(day, end, True))
        for start, end in rules.wall_windows(day)
    )
    merged: list[tuple[int, int]] = []
    for start, end in intervals:
        if start >= end:  # a window wholly inside the spring gap
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def working_intervals(rules: WorkingRules, day: date) -> tuple[tuple[datetime, datetime], ...]:
    """The real extent of the working windows on a local date, as aware UTC datetimes (for display)."""
    return tuple((_to_datetime(start), _to_datetime(end)) for start, end in _blocks(rules, day))


def _to_datetime(epoch: int) -> datetime:
    return _EPOCH + timedelta(seconds=epoch)


# --- the computation --------------------------------------------------------------------------------------


def _slot_starts(rules: WorkingRules, busy: Iterable[Busy], *, now: datetime, lo: int, hi: int) -> list[int]:
    """Every slot start s with lo <= s < hi, sorted (rules 1-6)."""
    lo = max(lo, _epoch(now + rules.min_notice, round_up=True))
    hi = min(hi, _epoch(now + rules.horizon, round_up=True))
    if lo >= hi:
        return []
    duration = rules.duration_minutes * 60
    buffer = rules.buffer_after_minutes * 60
    step = rules.step_minutes * 60 if rules.step_minutes is not None else duration + buffer
    cap = rules.max_per_day

    # Busy time grown by the buffer, merged, as parallel sorted lists for bisect.
    grown: list[tuple[int, int]] = []
    per_day: dict[date, int] = {}
    for entry in busy:
        start = _epoch(entry.start_utc, round_up=False)
        end = _epoch(entry.end_utc, round_up=True)
        if end < start:
            raise ValueError(f"busy time ends before it starts: {entry}")
        if end + buffer > start:  # empty time blocks nothing
            grown.append((start, end + buffer))
        if cap is not None and entry.counts_toward_daily_cap:
            day = _oslo_date(start)
            per_day[day] = per_day.get(day, 0) + 1
    grown.sort()
    busy_starts: list[int] = []
    busy_ends: list[int] = []
    for start, end in grown:
        if busy_ends and start <= busy_ends[-1]:
            busy_ends[-1] = max(busy_ends[-1], end)
        else:
            busy_starts.append(start)
            busy_ends.append(end)
    busy_count = len(busy_starts)
    reach = duration + buffer  # how far a candidate's own time runs

    starts: list[int] = []
    day = _oslo_date(lo)
    last_day = _oslo_date(hi - 1)
    while day <= last_day:
        if cap is None or per_day.get(day, 0) < cap:
            for block_start, block_end in _blocks(rules, day):
                latest = min(block_end - duration, hi - 1)  # last possible start in this block
                k = max(0, -((block_start - lo) // step))  # first grid index with start >= lo
                s = block_start + k * step
                while s <= latest:
                    i = bisect_right(busy_ends, s)  # first busy interval ending after s
                    if i < busy_count and busy_starts[i] < s + reach:
                        # Jump to the first grid point at or after that busy interval's end.
                        k = -((block_start - busy_ends[i]) // step)
                        s = block_start + k * step
                        continue
                    starts.append(s)
                    s += step
        day += _ONE_DAY
    return starts


def compute_slots(
    rules: WorkingRules,
    busy: Iterable[Busy],
    *,
    now: datetime,
    start: datetime,
    end: datetime,
    _datetimes: dict[int, datetime] | None = None,
) -> tuple[Slot, ...]:
    """Bookable slots whose start lies in [start, end), sorted and unique. See the module docstring."""
    starts = _slot_starts(
        rules, busy, now=now, lo=_epoch(start, round_up=True), hi=_epoch(end, round_up=True)
    )
    # Slots of many therapists share instants: build each datetime once.
    cache = {} if _datetimes is None else _datetimes
    duration = rules.duration_minutes * 60
    slots = []
    for s in starts:
        start_dt = cache.get(s)
        if start_dt is None:
            start_dt = cache[s] = _to_datetime(s)
        e = s + duration
        end_dt = cache.get(e)
        if end_dt is None:
            end_dt = cache[e] = _to_datetime(e)
        slots.append(Slot(start_dt, end_dt))
    return tuple(slots)


def compute_slot_starts(
    rules: WorkingRules, busy: Iterable[Busy], *, now: datetime, start: datetime, end: datetime
) -> list[int]:
    """The starts of `compute_slots` as UTC epoch seconds, without building datetimes (for comparing one
    calendar with another cheaply)."""
    return _slot_starts(rules, busy, now=now, lo=_epoch(start, round_up=True), hi=_epoch(end, round_up=True))


def compute_slots_for_many[K: Hashable](
    schedules: Mapping[K, tuple[WorkingRules, Iterable[Busy]]],
    *,
    now: datetime,
    start: datetime,
    end: datetime,
) -> dict[K, tuple[Slot, ...]]:
    """`compute_slots` for several therapists at once, keyed as `schedules` is (e.g. by therapist id)."""
    cache: dict[int, datetime] = {}
    return {
        key: compute_slots(rules, busy, now=now, start=start, end=end, _datetimes=cache)
        for key, (rules, busy) in schedules.items()
    }


def is_slot_available(rules: WorkingRules, busy: Iterable[Busy], *, now: datetime, start: datetime) -> bool:
    """Whether a consultation may start at `start`: the re-check a booking makes under its lock."""
    begin = _epoch(start, round_up=False)
    if begin != _epoch(start, round_up=True):
        return False  # slots start on whole seconds
    return bool(_slot_starts(rules, busy, now=now, lo=begin, hi=begin + 1))


def slots_by_local_date(slots: Iterable[Slot]) -> dict[date, list[Slot]]:
    """Slots grouped by their Oslo date, in order, for a day-by-day list."""
    grouped: dict[date, list[Slot]] = {}
    for slot in slots:
        grouped.setdefault(slot.local_date, []).append(slot)
    return grouped
