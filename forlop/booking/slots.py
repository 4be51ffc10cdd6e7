"""Free slots from the database: working rules (three queries) plus busy time (one query), whatever the
range, then the pure module does the rest."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef

from forlop.lib.timezones import OSLO, to_oslo
from forlop.scheduling import availability
from forlop.scheduling.availability import Busy, Slot
from forlop.scheduling.services import working_rules
from forlop.therapists.models import Therapist

from .models import Booking, ConsultationType

type BusyRow = tuple[datetime, datetime]  # (start_at, blocked_until)

# Busy time on the neighbouring days matters too (daily cap, a booking running over midnight).
_MARGIN = timedelta(days=1)


def busy_rows(
    therapist_ids: Iterable[int],
    *,
    start: datetime,
    end: datetime,
    now: datetime,
    exclude_pk: int | None = None,
) -> dict[int, list[BusyRow]]:
    """Occupied time per therapist near [start, end): one query."""
    qs = Booking.objects.occupying(now=now).filter(
        therapist_id__in=list(therapist_ids), start_at__lt=end + _MARGIN, blocked_until__gt=start - _MARGIN
    )
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    rows: dict[int, list[BusyRow]] = defaultdict(list)
    for therapist_id, begin, blocked_until in qs.values_list("therapist_id", "start_at", "blocked_until"):
        rows[therapist_id].append((begin, blocked_until))
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
) -> tuple[Slot, ...]:
    """Bookable slots starting in [start, end). Four queries."""
    therapist_id = therapist if isinstance(therapist, int) else therapist.pk
    return free_slots_for_many(
        therapist_ids=[therapist_id],
        consultation_type=consultation_type,
        start=start,
        end=end,
        now=now,
        exclude_pk=exclude_pk,
    )[therapist_id]


def free_slots_for_many(
    *,
    therapist_ids: Iterable[int],
    consultation_type: ConsultationType,
    start: datetime,
    end: datetime,
    now: datetime,
    exclude_pk: int | None = None,
) -> dict[int, tuple[Slot, ...]]:
    """Slots for many therapists at once, still four queries."""
    ids = list(therapist_ids)
    first_day, last_day = _day_span(start, end)
    rules = working_rules(
        ids,
        duration_minutes=consultation_type.duration_minutes,
        buffer_after_minutes=consultation_type.buffer_after_minutes,
        first_day=first_day,
        last_day=last_day,
    )
    rows = busy_rows(ids, start=start, end=end, now=now, exclude_pk=exclude_pk)
    buffer = consultation_type.buffer_after_minutes
    return availability.compute_slots_for_many(
        {tid: (rules[tid], as_busy(rows.get(tid, ()), buffer_minutes=buffer)) for tid in ids},
        now=now,
        start=start,
        end=end,
    )


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
    """The re-check a booking makes under its lock. Four queries."""
    therapist_id = therapist if isinstance(therapist, int) else therapist.pk
    end = start + consultation_type.duration
    first_day, last_day = _day_span(start, end)
    rules = working_rules(
        [therapist_id],
        duration_minutes=consultation_type.duration_minutes,
        buffer_after_minutes=consultation_type.buffer_after_minutes,
        first_day=first_day,
        last_day=last_day,
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
    from forlop.matching.engine import time_slot

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
