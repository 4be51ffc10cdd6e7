"""When the next lesson of the email course is due. Pure: no ORM, no clock (`now` is passed in).

The rules, in Oslo time:
- Lesson 1 is due at 09:00 on the day after confirmation; each later lesson at 09:00 on the day after the
  local date the previous one actually went out. Lessons go in order, one per local day at most.
- Lessons go out between 09:00 and 21:00 only. A worker that was down catches up with the next lesson the
  moment it is back inside that window, and the lesson after that waits for the next morning, so nobody
  gets two lessons in one day or a lesson in the middle of the night.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from forlop.lib.timezones import OSLO, to_oslo

LESSON_COUNT = 5
SEND_FROM = time(9, 0)
SEND_UNTIL = time(21, 0)


def next_lesson_due(
    *, confirmed_at: datetime, sent: Iterable[tuple[int, datetime]], now: datetime
) -> tuple[int, datetime] | None:
    """(number, due_at) of the next lesson, or None when all five have been sent.

    `sent` holds (number, sent_at) of the lessons sent so far. `due_at` may lie in the past (send it now:
    `due_at <= now`) or in the future (wait). Aware, in UTC.
    """
    sent = sorted(sent)
    numbers = [number for number, _ in sent]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"lessons must have been sent in order from 1, got {numbers}")
    if len(sent) >= LESSON_COUNT:
        return None
    after = sent[-1][1] if sent else confirmed_at
    scheduled = _morning(to_oslo(after).date() + timedelta(days=1))
    return len(sent) + 1, _within_window(scheduled, now)


def _within_window(scheduled: datetime, now: datetime) -> datetime:
    """The first moment at or after both `scheduled` and (if late) `now` that lies inside the window."""
    if now <= scheduled:
        return scheduled
    local_now = to_oslo(now)
    if local_now.time() < SEND_FROM:
        return _morning(local_now.date())
    if local_now.time() >= SEND_UNTIL:
        return _morning(local_now.date() + timedelta(days=1))
    return scheduled  # late, but inside today's window: due already


def _morning(day: date) -> datetime:
    # 09:00 exists exactly once on every Oslo date (the clocks change at 02:00 and 03:00).
    return datetime.combine(day, SEND_FROM, tzinfo=OSLO).astimezone(UTC)
