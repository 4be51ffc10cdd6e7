from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forlop.course.schedule import LESSON_COUNT, SEND_FROM, SEND_UNTIL, next_lesson_due
from forlop.lib.timezones import OSLO


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)


# (confirmed_at, sent so far, now, expected (number, due_at in Oslo time))
CASES = [
    pytest.param(oslo(2026, 3, 2, 23, 59), [], oslo(2026, 3, 3, 0, 0), (1, oslo(2026, 3, 3, 9, 0)), id="late-evening"),
    pytest.param(oslo(2026, 3, 2, 0, 1), [], oslo(2026, 3, 2, 0, 2), (1, oslo(2026, 3, 3, 9, 0)), id="just-after-midnight"),
    pytest.param(oslo(2026, 3, 2, 10, 0), [], oslo(2026, 3, 3, 9, 0), (1, oslo(2026, 3, 3, 9, 0)), id="exactly-due"),
    pytest.param(
        oslo(2026, 3, 2, 10, 0), [(1, oslo(2026, 3, 3, 9, 0))], oslo(2026, 3, 3, 9, 5),
        (2, oslo(2026, 3, 4, 9, 0)), id="second-lesson-next-morning",
    ),
    # Spring forward (02:00 → 03:00 on 29 March 2026): 09:00 local is 07:00 UTC from that day.
    pytest.param(oslo(2026, 3, 28, 12, 0), [], oslo(2026, 3, 28, 12, 0), (1, datetime(2026, 3, 29, 7, 0, tzinfo=UTC)), id="spring-forward"),
    # Fall back (03:00 → 02:00 on 25 October 2026): 09:00 local is 08:00 UTC from that day.
    pytest.param(oslo(2026, 10, 24, 12, 0), [], oslo(2026, 10, 24, 12, 0), (1, datetime(2026, 10, 25, 8, 0, tzinfo=UTC)), id="fall-back"),
    # A worker down all of 4 March comes back on 5 March at 14:00: lesson 2 at once (due in the past)...
    pytest.param(
        oslo(2026, 3, 2, 10, 0), [(1, oslo(2026, 3, 3, 9, 0))], oslo(2026, 3, 5, 14, 0),
        (2, oslo(2026, 3, 4, 9, 0)), id="downtime-catch-up",
    ),
    # ...and lesson 3 waits for the next morning, not for 09:00 on the day after lesson 2 was due.
    pytest.param(
        oslo(2026, 3, 2, 10, 0), [(1, oslo(2026, 3, 3, 9, 0)), (2, oslo(2026, 3, 5, 14, 0))], oslo(2026, 3, 5, 14, 5),
        (3, oslo(2026, 3, 6, 9, 0)), id="after-catch-up-next-morning",
    ),
    # Back at 06:00: wait for 09:00 today rather than sending in the early morning.
    pytest.param(
        oslo(2026, 3, 2, 10, 0), [(1, oslo(2026, 3, 3, 9, 0))], oslo(2026, 3, 6, 6, 0),
        (2, oslo(2026, 3, 6, 9, 0)), id="back-before-nine",
    ),
    # Back at 22:30: wait for tomorrow morning rather than sending at night.
    pytest.param(
        oslo(2026, 3, 2, 10, 0), [(1, oslo(2026, 3, 3, 9, 0))], oslo(2026, 3, 6, 22, 30),
        (2, oslo(2026, 3, 7, 9, 0)), id="back-late-at-night",
    ),
    # The last lesson, sent late on its day (20:59), puts nothing on the same date.
    pytest.param(
        oslo(2026, 3, 2, 10, 0),
        [(1, oslo(2026, 3, 3, 9, 0)), (2, oslo(2026, 3, 4, 9, 0)), (3, oslo(2026, 3, 5, 9, 0)), (4, oslo(2026, 3, 6, 20, 59))],
        oslo(2026, 3, 6, 21, 0),
        (5, oslo(2026, 3, 7, 9, 0)), id="fifth",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("confirmed_at", "sent", "now", "expected"), CASES)
def test_it_schedules_the_next_lesson(confirmed_at, sent, now, expected):
    assert next_lesson_due(confirmed_at=confirmed_at, sent=sent, now=now) == expected


def test_it_is_done_after_five_lessons():
    sent = [(n, oslo(2026, 3, 2 + n, 9, 0)) for n in range(1, 6)]
    assert (
        next_lesson_due(confirmed_at=oslo(2026, 3, 2, 10, 0), sent=sent, now=oslo(2026, 4, 1, 9, 0)) is None
    )


def test_it_answers_in_utc():
    number, due_at = next_lesson_due(
        confirmed_at=oslo(2026, 6, 1, 12, 0), sent=[], now=oslo(2026, 6, 1, 12, 0)
    )
    assert due_at.tzinfo is UTC
    assert due_at == datetime(2026, 6, 2, 7, 0, tzinfo=UTC)  # summer time: 09:00 is UTC+2


def test_it_refuses_lessons_out_of_order():
    with pytest.raises(ValueError, match="in order"):
        next_lesson_due(
            confirmed_at=oslo(2026, 3, 2, 10, 0), sent=[(2, oslo(2026, 3, 3, 9, 0))], now=oslo(2026, 3, 4, 9)
        )


def test_it_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="naive"):
        next_lesson_due(confirmed_at=datetime(2026, 3, 2, 10, 0), sent=[], now=oslo(2026, 3, 4, 9))  # noqa: DTZ001


# --- Properties: a worker polling at arbitrary moments -------------------------------------------------------

START = datetime(2025, 12, 1, tzinfo=UTC)


def simulate(confirmed_at: datetime, gaps: list[int]) -> list[tuple[int, datetime]]:
    """A worker that polls after each gap (minutes), sending whatever is due. Returns what it sent."""
    sent: list[tuple[int, datetime]] = []
    now = confirmed_at
    for gap in gaps:
        now += timedelta(minutes=gap)
        due = next_lesson_due(confirmed_at=confirmed_at, sent=sent, now=now)
        if due is None:
            break
        if due[1] <= now:
            sent.append((due[0], now))
    return sent


confirmations = st.integers(min_value=0, max_value=400 * 24 * 60).map(lambda m: START + timedelta(minutes=m))
# Mostly a poll every few minutes, sometimes a worker that was away for hours or days.
gap_lists = st.lists(st.one_of(st.integers(1, 10), st.integers(60, 3 * 24 * 60)), min_size=1, max_size=400)


@settings(max_examples=300, deadline=None)
@given(confirmed_at=confirmations, gaps=gap_lists)
def test_lessons_go_out_in_order_one_local_day_at_a_time_inside_the_window(confirmed_at, gaps):
    sent = simulate(confirmed_at, gaps)
    assert [number for number, _ in sent] == list(range(1, len(sent) + 1))
    local = [at.astimezone(OSLO) for _, at in sent]
    assert all(SEND_FROM <= at.time() < SEND_UNTIL for at in local), "never before 09:00 or at night"
    dates = [at.date() for at in local]
    assert len(set(dates)) == len(dates), "never two lessons on one local date"
    if local:
        assert local[0].date() > confirmed_at.astimezone(OSLO).date(), "nothing on the day of confirmation"


@settings(max_examples=100, deadline=None)
@given(confirmed_at=confirmations, first_gaps=gap_lists)
def test_all_five_lessons_arrive_eventually(confirmed_at, first_gaps):
    # Whatever the worker did first, a worker that then polls every 5 minutes for a week sends them all.
    gaps = first_gaps + [5] * (7 * 24 * 12)
    sent = simulate(confirmed_at, gaps)
    assert [number for number, _ in sent] == list(range(1, LESSON_COUNT + 1))


@settings(max_examples=100, deadline=None)
@given(
    confirmed_at=st.integers(min_value=0, max_value=400 * 24 * 12).map(
        lambda n: START + timedelta(minutes=5 * n)
    )
)
def test_a_steady_worker_sends_at_nine_on_five_consecutive_days(confirmed_at):
    sent = simulate(confirmed_at, [5] * (7 * 24 * 12))
    local = [at.astimezone(OSLO) for _, at in sent]
    first_day = confirmed_at.astimezone(OSLO).date() + timedelta(days=1)
    assert [at.date() for at in local] == [first_day + timedelta(days=n) for n in range(LESSON_COUNT)]
    assert {at.time() for at in local} == {time(9, 0)}
