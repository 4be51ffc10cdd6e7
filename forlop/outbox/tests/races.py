"""Worker races with real threads: several workers claiming mail and periodic jobs at the same moment.

Shared by the SQLite file-database script (race_script.py, its own process with the real settings) and the
PostgreSQL tests. Each scenario returns plain data (counts and unexpected errors) so it can travel as JSON.
"""

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial

from django.db import close_old_connections, connection

from forlop.core.jobs import Job, run_due_jobs
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import claim, deliver_due, queue_email

THREADS = 8
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _run(attempts: list[Callable[[], object]]) -> tuple[list[object], list[str]]:
    """Run each attempt in its own thread (own connection), all released at once."""
    barrier = threading.Barrier(len(attempts))
    results: list[object] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(attempt: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            result = attempt()
            with lock:
                results.append(result)
        except Exception as exc:  # the point is to report anything unexpected
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results, errors


def _queue(to: str) -> OutboxMessage:
    return queue_email(to=to, template="contact_receipt", context={"crisis_url": "https://x.example/"})


def claim_race(rounds: int = 5) -> dict:
    """THREADS workers claim the same due row at once: exactly one may win each round."""
    winners, errors = [], []
    for n in range(rounds):
        message = _queue(f"claim{n}@example.no")
        attempt = partial(claim, pk=message.pk, now=message.next_attempt_at)
        results, errs = _run([attempt for _ in range(THREADS)])
        winners.append(sum(token is not None for token in results))
        errors += errs
    return {"winners_per_round": winners, "errors": errors}


def naive_claim_race(rounds: int = 3) -> dict:
    """Control: read the status, then write it unconditionally. Every thread believes it won."""
    winners, errors = [], []
    for n in range(rounds):
        message = _queue(f"naive{n}@example.no")
        both_read = threading.Barrier(THREADS)

        def naive(pk: int = message.pk, both_read: threading.Barrier = both_read) -> bool:
            pending = OutboxMessage.objects.get(pk=pk).status == OutboxMessage.Status.PENDING
            both_read.wait(timeout=30)
            OutboxMessage.objects.filter(pk=pk).update(status=OutboxMessage.Status.SENDING)
            return pending

        results, errs = _run([naive for _ in range(THREADS)])
        winners.append(sum(bool(won) for won in results))
        errors += errs
    return {"winners_per_round": winners, "errors": errors}


def delivery_race(messages: int = 20, workers: int = 4) -> dict:
    """`workers` full delivery rounds at once over the same queue. Returns what each worker sent."""
    for n in range(messages):
        _queue(f"person{n}@example.no")
    results, errors = _run([deliver_due for _ in range(workers)])
    return {
        "sent_per_worker": [report.sent for report in results],  # type: ignore[attr-defined]
        "rows_sent": OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count(),
        "errors": errors,
    }


def job_race(rounds: int = 5) -> dict:
    """THREADS workers look for due jobs at the same moment: the job runs once per round."""
    calls: list[int] = []
    lock = threading.Lock()

    def count() -> None:
        with lock:
            calls.append(1)

    job = Job(name="race.count", every=timedelta(hours=1), func=count, lease=timedelta(minutes=30))
    runs_per_round, errors = [], []
    for n in range(rounds):
        now = NOW + timedelta(hours=n)
        before = len(calls)
        _, errs = _run([lambda now=now: run_due_jobs(now=now, jobs=[job]) for _ in range(THREADS)])
        runs_per_round.append(len(calls) - before)
        errors += errs
    return {"runs_per_round": runs_per_round, "errors": errors}


def check_claims(results: dict) -> None:
    assert results["errors"] == []
    assert set(results["winners_per_round"]) == {1}


def check_control(results: dict) -> None:
    assert results["errors"] == []
    assert min(results["winners_per_round"]) > 1  # the race is real without the conditional UPDATE


def check_jobs(results: dict) -> None:
    assert results["errors"] == []
    assert set(results["runs_per_round"]) == {1}
