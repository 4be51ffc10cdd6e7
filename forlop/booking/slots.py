"""Free slots from the database: working rules plus busy time, whatever the range, then the pure module does
the rest.

Per request this costs two small queries: the schedule version (forlop/scheduling/versioning.py) and the busy
rows (raw SQL: the ORM spent more time building that query than the database spent answering it). Working
rules, who offers what and therapists' prices are read from the database only when the version has moved
since this process last read them, and kept per process keyed by (epoch, version): an edit anywhere, in any
process, is seen by the next request.
"""

import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache, wraps
from typing import Literal

from django.db import connection
from django.db.models import Count, Exists, OuterRef

from forlop.lib.timezones import OSLO, to_oslo
from forlop.scheduling import availability, versioning
from forlop.scheduling.availability import Busy, Slot
from forlop.scheduling.services import working_rules
from forlop.therapists.models import Therapist
from forlop.therapists.vocabulary import time_slot

from . import guard
from .models import Booking, ConsultationType, TherapistPrice

type BusyRow = tuple[datetime, datetime]  # (start_at, blocked_until)
type Version = tuple[str, int] | None
type ReadNow = Literal["read now"]
READ_NOW: ReadNow = "read now"  # read the schedule version in the call (or pass the one the request read)

# Busy time on the neighbouring days matters too (daily cap, a booking running over midnight).
_MARGIN = timedelta(days=1)


# --- the per-process cache of slowly changing rows ------------------------------------------------------------


class VersionedCache:
    """Values computed from rows the schedule version covers, for one (epoch, version) at a time: a request
    that read another version than the cache holds starts a new generation (versions are random, so there
    is no "newer"; two requests on either side of an edit only cost each other a miss). A version of None
    (no version row) never caches."""

    MAX_ENTRIES = 20_000

    def __init__(self) -> None:
        self._generation: tuple[tuple[str, int] | None, dict] = (None, {})
        self._lock = threading.Lock()

    def get[T](self, version: Version, key: tuple, load: Callable[[], T]) -> T:
        if version is None:
            return load()
        held, entries = self._generation
        if held != version:
            with self._lock:
                held, entries = self._generation
                if held != version:
                    entries = {}
                    self._generation = (version, entries)
        try:
            return entries[key]
        except KeyError:
            pass
        value = load()
        if len(entries) >= self.MAX_ENTRIES:
            entries.clear()
        entries[key] = value
        return value

    def peek(self, version: Version, key: tuple) -> object | None:
        """The stored value, or None (nothing is computed or stored)."""
        held, entries = self._generation
        return entries.get(key) if version is not None and held == version else None

    def put(self, version: Version, key: tuple, value: object) -> None:
        self.get(version, key, lambda: value)

    def clear(self) -> None:
        with self._lock:
            self._generation = (None, {})


cache = VersionedCache()


_pinned: ContextVar[Version | ReadNow] = ContextVar("schedule_version_pinned", default=READ_NOW)


def schedule_version() -> Version:
    """The schedule version now (one query), or the one pinned for this request (`one_version_per_request`)."""
    pinned = _pinned.get()
    return versioning.current(connection) if pinned == READ_NOW else pinned  # type: ignore[return-value]


def one_version_per_request[**P, R](view: Callable[P, R]) -> Callable[P, R]:
    """For a read-only view: the schedule version is read once, when the view starts, and every cached
    lookup in it (the form's type choices too) uses that one. Never for a view that writes: a hold re-reads
    the version under its lock."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _pinned.set(versioning.current(connection))
        try:
            return view(*args, **kwargs)
        finally:
            _pinned.reset(token)

    return wrapper


RULES_SPAN_DAYS = 64


def cached_working_rules(
    therapist_ids: Iterable[int],
    *,
    consultation_type: ConsultationType,
    first_day: date,
    last_day: date,
    version: Version,
) -> dict[int, availability.WorkingRules]:
    """scheduling.services.working_rules, read again only when the schedule version moved. Overrides are
    loaded for whole RULES_SPAN_DAYS periods around the dates asked for (an override on a date outside the
    range changes nothing in it), so requests for nearby dates share one entry."""
    ids = tuple(therapist_ids)
    duration, buffer = consultation_type.duration_minutes, consultation_type.buffer_after_minutes
    first_day = date.fromordinal(first_day.toordinal() // RULES_SPAN_DAYS * RULES_SPAN_DAYS)
    last_day = date.fromordinal((last_day.toordinal() // RULES_SPAN_DAYS + 1) * RULES_SPAN_DAYS - 1)
    return cache.get(
        version,
        ("rules", ids, duration, buffer, first_day, last_day),
        lambda: working_rules(
            ids,
            duration_minutes=duration,
            buffer_after_minutes=buffer,
            first_day=first_day,
            last_day=last_day,
        ),
    )


def published_therapist(slug: str, *, version: Version) -> Therapist | None:
    """The published therapist with this slug (shared between requests: treat it as read-only)."""
    return cache.get(
        version, ("therapist", slug), lambda: Therapist.objects.published().filter(slug=slug).first()
    )


def offered_type(therapist: Therapist, slug: str, *, version: Version) -> ConsultationType | None:
    """The active type with this slug that the therapist offers (ConsultationType.objects.offered_by), or None.
    Shared between requests: treat it as read-only."""
    key = ("offered", therapist.pk, therapist.profession, therapist.accepting_new_clients, slug)
    return cache.get(
        version, key, lambda: ConsultationType.objects.offered_by(therapist).filter(slug=slug).first()
    )


def offered_type_ids(therapist: Therapist, *, version: Version) -> frozenset[int]:
    key = ("offered ids", therapist.pk, therapist.profession, therapist.accepting_new_clients)
    return cache.get(
        version,
        key,
        lambda: frozenset(ConsultationType.objects.offered_by(therapist).values_list("pk", flat=True)),
    )


def own_prices(therapist_id: int, *, version: Version) -> dict[int, int]:
    """{type id: the therapist's own price in øre} (models.price_for applies the floor). Read-only."""
    return cache.get(
        version,
        ("prices", therapist_id),
        lambda: dict(
            TherapistPrice.objects.filter(therapist_id=therapist_id).values_list(
                "consultation_type_id", "price_ore"
            )
        ),
    )


# --- busy time: always fresh ------------------------------------------------------------------------------


def _aware(value: datetime | str) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# Built from module constants only; values are parameters.
_BUSY_SQL = (
    "SELECT therapist_id, start_at, blocked_until FROM booking_booking "  # noqa: S608
    f"WHERE status IN {guard.ACTIVE_SQL} "
    "AND (status <> 'held' OR hold_expires_at IS NULL OR hold_expires_at > %s) "
    "AND start_at < %s AND blocked_until > %s AND therapist_id IN ({ids})"
)


def busy_rows(
    therapist_ids: Iterable[int],
    *,
    start: datetime,
    end: datetime,
    now: datetime,
    exclude_pk: int | None = None,
) -> dict[int, list[BusyRow]]:
    """Occupied time per therapist near [start, end) (Booking.objects.occupying): one query."""
    ids = [int(pk) for pk in therapist_ids]
    rows: dict[int, list[BusyRow]] = defaultdict(list)
    if not ids:
        return rows
    adapt = connection.ops.adapt_datetimefield_value
    sql = _BUSY_SQL.format(ids=", ".join(["%s"] * len(ids)))
    params: list = [adapt(now), adapt(end + _MARGIN), adapt(start - _MARGIN), *ids]
    if exclude_pk is not None:
        sql += " AND id <> %s"
        params.append(exclude_pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for therapist_id, begin, blocked_until in cursor.fetchall():
            rows[therapist_id].append((_aware(begin), _aware(blocked_until)))
    return rows


def as_busy(rows: Iterable[BusyRow], *, buffer_minutes: int) -> list[Busy]:
    """The pure module grows busy time by the *candidate's* buffer; a row already carries its own buffer in
    blocked_until. Subtracting the candidate's buffer makes the pure check exactly the database's guard:
    [s, s + duration + buffer) must not overlap [row.start, row.blocked_until)."""
    buffer = timedelta(minutes=buffer_minutes)
    return [Busy(begin, max(begin, blocked_until - buffer)) for begin, blocked_until in rows]


def _day_span(start: datetime, end: datetime) -> tuple[date, date]:
    return to_oslo(start).date() - timedelta(days=1), to_oslo(end).date() + timedelta(days=1)


def free_slots(
    *,
    therapist: Therapist | int,
    consultation_type: ConsultationType,
    start: datetime,
    end: datetime,
    now: datetime,
    exclude_pk: int | None = None,
    version: Version | ReadNow = READ_NOW,
) -> tuple[Slot, ...]:
    """Bookable slots starting in [start, end). Two queries when the rules are cached (see the module
    docstring); pass the `version` already read in this request to save one."""
    therapist_id = therapist if isinstance(therapist, int) else therapist.pk
    return free_slots_for_many(
        therapist_ids=[therapist_id],
        consultation_type=consultation_type,
        start=start,
        end=end,
        now=now,
        exclude_pk=exclude_pk,
        version=version,
    )[therapist_id]


def free_slots_for_many(
    *,
    therapist_ids: Iterable[int],
    consultation_type: ConsultationType,
    start: datetime,
    end: datetime,
    now: datetime,
    exclude_pk: int | None = None,
    version: Version | ReadNow = READ_NOW,
) -> dict[int, tuple[Slot, ...]]:
    """Slots for many therapists at once: two queries when the rules are cached, five when not."""
    ids = list(therapist_ids)
    first_day, last_day = _day_span(start, end)
    rules = cached_working_rules(
        ids,
        consultation_type=consultation_type,
        first_day=first_day,
        last_day=last_day,
        version=schedule_version() if version == READ_NOW else version,  # type: ignore[arg-type]
    )
    rows = busy_rows(ids, start=start, end=end, now=now, exclude_pk=exclude_pk)
    buffer = consultation_type.buffer_after_minutes
    return availability.compute_slots_for_many(
        {tid: (rules[tid], as_busy(rows.get(tid, ()), buffer_minutes=buffer)) for tid in ids},
        now=now,
        start=start,
        end=end,
    )


def free_slot_starts(
    *,
    therapist_id: int,
    consultation_type: ConsultationType,
    ranges: Iterable[tuple[datetime, datetime]],
    now: datetime,
    version: Version,
) -> list[int]:
    """The starts of free_slots over several ranges, as UTC epoch seconds: a fingerprint of what a page of
    slots shows (pagecache.py). Two queries, whatever the number of ranges."""
    spans = list(ranges)
    if not spans:
        return []
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    first_day, last_day = _day_span(start, end)
    rules = cached_working_rules(
        [therapist_id],
        consultation_type=consultation_type,
        first_day=first_day,
        last_day=last_day,
        version=version,
    )[therapist_id]
    rows = busy_rows([therapist_id], start=start, end=end, now=now)
    busy = as_busy(rows.get(therapist_id, ()), buffer_minutes=consultation_type.buffer_after_minutes)
    return [
        epoch
        for s, e in spans
        for epoch in availability.compute_slot_starts(rules, busy, now=now, start=s, end=e)
    ]


class Verdict:
    FREE = "free"
    TAKEN = "taken"  # a slot on the grid, but someone has it
    OUTSIDE = "outside"  # not a slot at all: outside hours, notice or horizon, or off the grid


def check_slot(
    *,
    therapist: Therapist | int,
    consultation_type: ConsultationType,
    start: datetime,
    now: datetime,
    exclude_pk: int | None = None,
) -> str:
    """The re-check a booking makes under its lock: two queries when the rules are cached."""
    therapist_id = therapist if isinstance(therapist, int) else therapist.pk
    end = start + consultation_type.duration
    first_day, last_day = _day_span(start, end)
    rules = cached_working_rules(
        [therapist_id],
        consultation_type=consultation_type,
        first_day=first_day,
        last_day=last_day,
        version=schedule_version(),
    )[therapist_id]
    rows = busy_rows([therapist_id], start=start, end=end, now=now, exclude_pk=exclude_pk)
    busy = as_busy(rows.get(therapist_id, ()), buffer_minutes=consultation_type.buffer_after_minutes)
    if availability.is_slot_available(rules, busy, now=now, start=start):
        return Verdict.FREE
    # Busy time only blocks; the daily cap is busy time too. Without any, is it a slot at all?
    if availability.is_slot_available(rules, (), now=now, start=start):
        return Verdict.TAKEN
    return Verdict.OUTSIDE


def nearest(slots: Iterable[Slot], *, to: datetime, count: int = 4) -> list[Slot]:
    """The free slots closest in time to `to`, in time order (what we offer after a lost race)."""
    closest = sorted(slots, key=lambda slot: abs((slot.start_utc - to).total_seconds()))[:count]
    return sorted(closest)


# --- availability for the matching engine -------------------------------------------------------------------

# The type whose free times say "this therapist can see someone new soon": the free first talk.
INTAKE_TYPE_SLUG = "forstesamtale"
MATCHING_LOOKAHEAD_DAYS = 7
COUNTED_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.HELD_DONE, Booking.Status.NO_SHOW)


@dataclass(frozen=True)
class MatchingAvailability:
    new_clients_this_week: int = 0
    free_slots: frozenset[tuple[int, str]] = frozenset()
    earliest_free_days: int | None = None


def new_clients_booked(therapist_ids: Iterable[int], *, week_start: date) -> dict[int, int]:
    """Per therapist: people with a booking in the Oslo week from `week_start` who had no earlier booking
    with that therapist. The engine's capacity is *new clients* per week, so a regular client's weekly
    consultation must not use it up. One query."""
    start = datetime.combine(week_start, datetime.min.time(), tzinfo=OSLO)
    end = datetime.combine(week_start + timedelta(days=7), datetime.min.time(), tzinfo=OSLO)
    earlier = Booking.objects.filter(
        therapist_id=OuterRef("therapist_id"),
        client_email=OuterRef("client_email"),
        status__in=COUNTED_STATUSES,
        start_at__lt=OuterRef("start_at"),
    )
    rows = (
        Booking.objects.filter(
            therapist_id__in=list(therapist_ids),
            status__in=COUNTED_STATUSES,
            start_at__gte=start,
            start_at__lt=end,
        )
        .exclude(Exists(earlier))
        .values("therapist_id")
        .annotate(people=Count("client_email", distinct=True))
        .values_list("therapist_id", "people")
    )
    return dict(rows)


def matching_availability(
    therapist_ids: Iterable[int], *, week_start: date, now: datetime
) -> dict[int, MatchingAvailability]:
    """What the matching engine needs from the calendar: new clients booked this week, and the free first
    talks in the next MATCHING_LOOKAHEAD_DAYS as (weekday, part of day) plus days until the first one.
    At most seven queries, whatever the number of therapists."""
    ids = list(therapist_ids)
    booked = new_clients_booked(ids, week_start=week_start)
    intake = ConsultationType.objects.active().filter(slug=INTAKE_TYPE_SLUG).first()
    slots: dict[int, tuple[Slot, ...]] = {}
    if intake is not None and ids:
        offering = set(
            ConsultationType.therapists.through.objects.filter(
                consultationtype_id=intake.pk, therapist_id__in=ids
            ).values_list("therapist_id", flat=True)
        )
        if offering:
            slots = free_slots_for_many(
                therapist_ids=sorted(offering),
                consultation_type=intake,
                start=now,
                end=now + timedelta(days=MATCHING_LOOKAHEAD_DAYS),
                now=now,
            )
    today = to_oslo(now).date()
    result = {}
    for therapist_id in ids:
        found = slots.get(therapist_id, ())
        parts = {time_slot(slot.start_local) for slot in found}
        result[therapist_id] = MatchingAvailability(
            new_clients_this_week=booked.get(therapist_id, 0),
            free_slots=frozenset(part for part in parts if part is not None),
            earliest_free_days=(found[0].local_date - today).days if found else None,
        )
    return result


# --- the API's slot shape ----------------------------------------------------------------------------------


def slots_json(
    *,
    therapist_id: int,
    consultation_type: ConsultationType,
    start: datetime,
    end: datetime,
    now: datetime,
    version: Version,
) -> str:
    """The API's "slots" array as JSON text: the same text as json.dumps([slot_json(slot) for slot in
    free_slots(…)]), built from slot starts as integers and each slot's text formatted once per process."""
    starts = free_slot_starts(
        therapist_id=therapist_id,
        consultation_type=consultation_type,
        ranges=[(start, end)],
        now=now,
        version=version,
    )
    duration = consultation_type.duration_minutes * 60
    return "[" + ", ".join(_slot_json_text(epoch, epoch + duration) for epoch in starts) + "]"


@lru_cache(maxsize=65_536)
def _slot_json_text(start: int, end: int) -> str:
    return json.dumps(slot_json(Slot(_EPOCH + timedelta(seconds=start), _EPOCH + timedelta(seconds=end))))


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=65_536)
def slot_json(slot: Slot) -> dict[str, str]:
    """{"start", "end", "local_start"} as the API sends a slot. Slots recur on the same instants request after
    request, so each is formatted once per process (the answer is shared: do not change it)."""
    return {
        "start": slot.start_utc.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "end": slot.end_utc.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "local_start": slot.start_utc.astimezone(OSLO).isoformat(),
    }
