"""Two (or more) lesson schedulers at the same moment, with real threads. Shared by the SQLite file-database
script (race_script.py, its own process) and the PostgreSQL test. Returns plain data, so it can cross a
process boundary as JSON."""

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from importlib import import_module

from django.db import connection, transaction

from forlop.course import services
from forlop.course.models import Enrollment, Lesson, LessonDelivery
from forlop.course.schedule import next_lesson_due
from forlop.lib.timezones import OSLO
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import queue_email

CONFIRMED = datetime(2026, 3, 2, 12, 0, tzinfo=OSLO)
ENROLLMENTS = 5
SCHEDULERS = 4


def setup_world() -> None:
    import_module("forlop.course.migrations.0003_lesson_safety").seed_lessons(Lesson)
    for n in range(ENROLLMENTS):
        Enrollment.objects.create(
            email=f"race{n}@example.no",
            audience="self" if n % 2 else "relative",
            token=f"race-token-{n}",
            status=Enrollment.Status.ACTIVE,
            consent_at=CONFIRMED,
            created_at=CONFIRMED,
            confirmed_at=CONFIRMED,
        )


def _together(work: Callable[[], int], threads: int) -> tuple[list[int], list[str]]:
    barrier = threading.Barrier(threads)
    results: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            result = work()
            with lock:
                results.append(result)
        except Exception as exc:  # noqa: BLE001 - the point is to report anything unexpected
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()  # a thread's connection would otherwise outlive the test (CONN_MAX_AGE)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    return results, errors


class _ErrorLog(logging.Handler):
    """The job logs (and skips) an enrollment it failed on; a race test must see those."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.getMessage()} {record.exc_info[1] if record.exc_info else ''}")


def schedulers_at_once(*, days: int = 5) -> dict:
    """Every morning of the course, SCHEDULERS threads run the job at the same moment."""
    handler = _ErrorLog()
    logging.getLogger("forlop.course.services").addHandler(handler)
    queued_per_day, errors = [], []
    try:
        for day in range(1, days + 1):
            now = (CONFIRMED + timedelta(days=day)).replace(hour=9, minute=0)
            results, day_errors = _together(lambda now=now: services.send_due_lessons(now=now), SCHEDULERS)
            queued_per_day.append(sum(results))
            errors += day_errors
    finally:
        logging.getLogger("forlop.course.services").removeHandler(handler)
    per_lesson = {}
    for delivery in LessonDelivery.objects.all():
        per_lesson.setdefault(str(delivery.number), 0)
        per_lesson[str(delivery.number)] += 1
    return {
        "queued_per_day": queued_per_day,
        "deliveries": LessonDelivery.objects.count(),
        "lesson_emails": OutboxMessage.objects.filter(template="course_lesson").count(),
        "deliveries_per_lesson": per_lesson,
        "completed": Enrollment.objects.filter(status=Enrollment.Status.COMPLETED).count(),
        "errors": errors + handler.messages,
    }


def naive_without_guard() -> dict:
    """Control: the same schedulers reading what is due and then queueing it, with neither the delivery
    row nor the locked re-check. Every scheduler sends every lesson."""
    now = (CONFIRMED + timedelta(days=1)).replace(hour=9, minute=0)
    OutboxMessage.objects.filter(template="course_lesson").delete()
    LessonDelivery.objects.all().delete()
    Enrollment.objects.update(status=Enrollment.Status.ACTIVE, ended_at=None)
    lesson = Lesson.objects.get(number=1, audience="self")
    barrier = threading.Barrier(SCHEDULERS)

    def naive() -> int:
        due = [
            enrollment
            for enrollment in Enrollment.objects.active()
            if (next_due := next_lesson_due(confirmed_at=enrollment.confirmed_at, sent=[], now=now))
            and next_due[1] <= now
        ]
        barrier.wait(timeout=30)  # everyone has looked before anyone writes
        for enrollment in due:
            with transaction.atomic():
                queue_email(
                    to=enrollment.email,
                    template="course_lesson",
                    context=services.lesson_email_context(lesson=lesson, first_name="", unsubscribe_url="x"),
                )
        return len(due)

    results, errors = _together(naive, SCHEDULERS)
    return {
        "lesson_emails": OutboxMessage.objects.filter(template="course_lesson").count(),
        "queued": sum(results),
        "errors": errors,
    }
