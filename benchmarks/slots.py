"""Slot computation speed (reported, not asserted).

Targets from issue 5: 1 therapist x 8 weeks with 200 bookings < 5 ms; 200 therapists x 4 weeks < 200 ms.
Run: .venv/bin/python benchmarks/slots.py
"""

import random
import statistics
import sys
import time as clock
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forlop.scheduling.availability import (  # noqa: E402
    Busy,
    DateOverride,
    WeeklyWindow,
    WorkingRules,
    compute_slots,
    compute_slots_for_many,
)

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # a Monday morning; the range crosses the spring DST change


def therapist_rules(rng: random.Random, step_minutes: int | None = None) -> WorkingRules:
    morning = time(rng.choice([8, 9, 10]))
    weekly = []
    for weekday in range(5):
        weekly.append(WeeklyWindow(weekday, morning, time(11, 30)))
        weekly.append(WeeklyWindow(weekday, time(12), time(rng.choice([15, 16, 17]))))
    weekly.append(WeeklyWindow(rng.randrange(5), time(18), time(21)))  # one evening a week
    day_off = (NOW + timedelta(days=rng.randrange(1, 28))).date()
    return WorkingRules(
        weekly=tuple(weekly),
        duration_minutes=50,
        buffer_after_minutes=10,
        step_minutes=step_minutes,
        overrides=(DateOverride(day_off),),
        min_notice=timedelta(hours=12),
        horizon=timedelta(weeks=8),
        max_per_day=6,
    )


def bookings(rng: random.Random, count: int, weeks: int) -> list[Busy]:
    result = []
    for _ in range(count):
        day = NOW + timedelta(days=rng.randrange(weeks * 7))
        start = day.replace(hour=rng.randrange(7, 15), minute=rng.choice([0, 15, 30, 45]))
        result.append(Busy(start, start + timedelta(minutes=50), counts_toward_daily_cap=rng.random() < 0.9))
    return result


def measure(label: str, run, repeats: int) -> None:
    run()  # warm caches (time zone look-ups), as a running server would have
    times = []
    for _ in range(repeats):
        began = clock.perf_counter()
        result = run()
        times.append((clock.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(
        f"{label:<48} median {statistics.median(times):8.2f} ms   p95 {p95:8.2f} ms   ({result} slots, {repeats} runs)"
    )


def main() -> None:
    rng = random.Random(5)
    end_8 = NOW + timedelta(weeks=8)
    end_4 = NOW + timedelta(weeks=4)

    one = therapist_rules(rng)
    one_busy = bookings(rng, 200, 8)
    measure(
        "1 therapist x 8 weeks, 200 bookings",
        lambda: len(compute_slots(one, one_busy, now=NOW, start=NOW, end=end_8)),
        repeats=200,
    )
    fine = therapist_rules(rng, step_minutes=15)
    measure(
        "  same, 15-minute grid",
        lambda: len(compute_slots(fine, one_busy, now=NOW, start=NOW, end=end_8)),
        repeats=200,
    )

    many = {n: (therapist_rules(rng), bookings(rng, 40, 4)) for n in range(200)}
    measure(
        "200 therapists x 4 weeks, 40 bookings each",
        lambda: sum(map(len, compute_slots_for_many(many, now=NOW, start=NOW, end=end_4).values())),
        repeats=30,
    )


if __name__ == "__main__":
    main()
