"""Rate limits that hold under concurrency: one conditional write decides each attempt.

`consume()` counts an attempt and says whether it was within the limit in a single statement, an upsert on
the window's counter row:

    INSERT … VALUES (scope, key, window, count = 1)
    ON CONFLICT (scope, key, window_start) DO UPDATE SET count = count + 1 WHERE count < limit

It inserts the first attempt of a window and counts every later one only while the count is under the
limit; the database reports one changed row for an attempt let through and none for a refused one. The
database applies these to a row one at a time and evaluates the condition on the row as the previous write
left it (PostgreSQL locks the conflicting row and re-reads it; SQLite has one writer at a time), so 40
simultaneous attempts against a limit of 20 let exactly 20 through. The earlier "count the hits, then
record one" let every request that read before the others wrote slip past (22 holds against 20, 8 contact
enquiries against 5). Both SQLite (3.24+) and PostgreSQL speak this upsert; the ORM has no conditional
upsert, hence the one raw statement.

Fixed windows, not sliding ones. Each window (an hour, 15 minutes, a minute) is aligned to the clock and has
its own counter row. A sliding window ("at most 5 in the last 60 minutes, whenever you look") needs every
attempt's time to be counted at the moment of the check, and counting rows and inserting one is exactly
the check-then-write that races; making it exact would take a lock per key around it. The price of fixed
windows: up to twice the limit can pass within one window's length when attempts bunch up on both sides of
a boundary (5 at 10:59, 5 more at 11:00), and a lockout lasts until the window ends, not a full window from
the last failure. The rate over time is still the limit per window, which is what these limits are for
(floods of enquiries, holds and password guesses), and each window's count is exact.
"""

from datetime import UTC, datetime, timedelta

from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateLimitCounter


class RateLimited(Exception):
    """An attempt over its limit. Services raise it; views answer 429 with what was typed kept."""


def window_of(*, at: datetime, window: timedelta) -> tuple[datetime, datetime]:
    """The fixed window `at` falls in: windows are `window` long and aligned to the Unix epoch (UTC)."""
    length = int(window.total_seconds())
    if length <= 0:
        raise ValueError("a rate-limit window must be at least a second long")
    stamp = int(at.timestamp())
    start = datetime.fromtimestamp(stamp - stamp % length, tz=UTC)
    return start, start + timedelta(seconds=length)


def _counter(*, scope: str, key: str, start: datetime):
    return RateLimitCounter.objects.filter(scope=scope, key=key, window_start=start)


def consume(*, scope: str, key: str, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Count one attempt by `key` and say whether it is within `limit` for this window. An attempt over the
    limit is not counted (it changes nothing), so a refused sender does not push their wait further."""
    if limit <= 0:
        return False
    start, end = window_of(at=now or timezone.now(), window=window)
    connection = connections[router.db_for_write(RateLimitCounter)]
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    scope_col, key_col, start_col, end_col, count_col = (
        connection.ops.quote_name(name) for name in ("scope", "key", "window_start", "window_end", "count")
    )
    sql = (
        f"INSERT INTO {table} ({scope_col}, {key_col}, {start_col}, {end_col}, {count_col}) "  # noqa: S608 - names from the model, values are parameters
        f"VALUES (%s, %s, %s, %s, 1) "
        f"ON CONFLICT ({scope_col}, {key_col}, {start_col}) "
        f"DO UPDATE SET {count_col} = {table}.{count_col} + 1 WHERE {table}.{count_col} < %s"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [scope, key, adapt(start), adapt(end), limit])
        return cursor.rowcount == 1


def refund(*, scope: str, key: str, window: timedelta, now: datetime | None = None) -> None:
    """Give back one attempt counted by `consume` in the same window (pass the same `now`): for limits that
    count only failures, where the outcome is known after the attempt has been let through."""
    start, _ = window_of(at=now or timezone.now(), window=window)
    _counter(scope=scope, key=key, start=start).filter(count__gt=0).update(count=F("count") - 1)


def is_exhausted(*, scope: str, key: str, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Whether `key` has no attempts left in this window. A read for showing a page early; the decision
    that matters is `consume`'s."""
    start, _ = window_of(at=now or timezone.now(), window=window)
    return _counter(scope=scope, key=key, start=start).filter(count__gte=limit).exists() or limit <= 0


def clear(*, scope: str, key: str) -> None:
    """Forget every attempt by `key` (a person who proved who they are starts again from nothing)."""
    RateLimitCounter.objects.filter(scope=scope, key=key).delete()


@transaction.atomic
def prune_rate_limit_counters(*, now: datetime | None = None) -> int:
    """Delete the counters of windows that have ended."""
    deleted, _ = RateLimitCounter.objects.filter(window_end__lte=now or timezone.now()).delete()
    return deleted
