"""Rate-limit races with real threads, shared by the SQLite file-database script and the PostgreSQL tests.

Each scenario releases all its threads at once and returns plain data (counts and unexpected errors), so it
can cross a process boundary as JSON.
"""

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db import close_old_connections, connection
from django.test import Client

# Just after an hour began, so no fixed window ends while a scenario runs.
NOW = datetime(2026, 3, 2, 7, 0, 5, tzinfo=UTC)
CONTACT = {
    "urgent": "no",
    "name": "Kari Nordmann",
    "email": "kari@example.no",
    "phone": "412 34 567",
    "preferred_contact": "email",
    "message": "Jeg drikker mer enn jeg vil, og lurer på om avrusning hjemme er mulig.",
    "consent": "on",
    "website": "",
}


def run_at_once(attempts: list[Callable[[], bool]]) -> tuple[int, list[str]]:
    """Run each attempt in its own thread, all released together. Returns (attempts that said yes, errors)."""
    barrier = threading.Barrier(len(attempts))
    yes: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(attempt: Callable[[], bool]) -> None:
        try:
            barrier.wait(timeout=30)
            if attempt():
                with lock:
                    yes.append(1)
        except Exception as exc:  # noqa: BLE001 - the point is to report anything unexpected
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
    return len(yes), errors


def contact_posts(threads: int = 15) -> dict:
    """`threads` contact-form posts from one address at once (the limit is CONTACT_RATE_LIMIT_PER_HOUR)."""
    from forlop.contact.models import ContactEnquiry

    before = ContactEnquiry.objects.count()

    def post() -> bool:
        response = Client().post("/kontakt/", CONTACT)
        if response.status_code not in (302, 429):
            raise AssertionError(f"contact form answered {response.status_code}")
        return response.status_code == 302

    accepted, errors = run_at_once([post for _ in range(threads)])
    return {"accepted": accepted, "stored": ContactEnquiry.objects.count() - before, "errors": errors}


def api_holds(threads: int = 40) -> dict:
    """`threads` holds of different free times from one address at once, through the JSON API (the limit is
    BOOKING_HOLD_RATE_LIMIT_PER_HOUR)."""
    from forlop.booking.models import Booking, ConsultationType
    from forlop.booking.slots import free_slots
    from forlop.booking.tests import races as booking_races
    from forlop.therapists.models import Therapist

    if not Therapist.objects.filter(slug="race-terapeut").exists():
        booking_races.setup_world()
    therapist = Therapist.objects.get(slug="race-terapeut")
    consultation = ConsultationType.objects.get(slug="konsultasjon")
    starts = [
        slot.start_utc
        for slot in free_slots(
            therapist=therapist,
            consultation_type=consultation,
            start=NOW + timedelta(days=1),
            end=NOW + timedelta(days=14),
            now=NOW,
        )
    ][:threads]
    assert len(starts) == threads, "not enough free times for the race"
    before = Booking.objects.count()

    def hold(start: datetime) -> Callable[[], bool]:
        def attempt() -> bool:
            body = {"therapist": therapist.slug, "type": consultation.slug, "start": start.isoformat()}
            response = Client().post("/api/v1/holds", body, content_type="application/json")
            if response.status_code not in (201, 429):
                raise AssertionError(f"holds answered {response.status_code}: {response.content[:200]!r}")
            return response.status_code == 201

        return attempt

    accepted, errors = run_at_once([hold(start) for start in starts])
    return {"accepted": accepted, "created": Booking.objects.count() - before, "errors": errors}


def consume_at_once(threads: int = 40, limit: int = 20) -> dict:
    """`threads` attempts against one key at once, each alone (as the hold API's consume)."""
    from forlop.core.models import RateLimitCounter
    from forlop.core.services import consume

    def attempt() -> bool:
        return consume(scope="race", key="alone", limit=limit, window=timedelta(hours=1))

    allowed, errors = run_at_once([attempt for _ in range(threads)])
    counted = RateLimitCounter.objects.get(scope="race", key="alone").count
    return {"allowed": allowed, "counted": counted, "errors": errors}


def consume_in_transactions(threads: int = 40, limit: int = 20) -> dict:
    """The same inside the caller's transaction with a write after it (as the contact and match services),
    where a lost race must not spoil the caller's work."""
    from django.db import transaction

    from forlop.core.models import JobRun
    from forlop.core.services import consume

    names = iter(range(threads))
    lock = threading.Lock()

    def attempt() -> bool:
        with lock:
            n = next(names)
        with transaction.atomic():
            if not consume(scope="race", key="in-transaction", limit=limit, window=timedelta(hours=1)):
                return False
            JobRun.objects.create(name=f"race-{n}", next_run_at=NOW)
            return True

    allowed, errors = run_at_once([attempt for _ in range(threads)])
    written = JobRun.objects.filter(name__startswith="race-").count()
    return {"allowed": allowed, "written": written, "errors": errors}


def check_then_write(threads: int = 40, limit: int = 20) -> dict:
    """The control: the check-then-write that `consume` replaces (read the count, then add one), with every
    thread checking before any writes (a barrier between), the interleaving one conditional write rules
    out."""
    from django.db.models import F

    from forlop.core.models import RateLimitCounter
    from forlop.core.services import window_of

    start, end = window_of(at=NOW, window=timedelta(hours=1))
    row = RateLimitCounter.objects.create(scope="race", key="naive", window_start=start, window_end=end)
    checked = threading.Barrier(threads)

    def attempt() -> bool:
        seen = RateLimitCounter.objects.get(pk=row.pk).count
        checked.wait(timeout=30)
        if seen >= limit:
            return False
        RateLimitCounter.objects.filter(pk=row.pk).update(count=F("count") + 1)
        return True

    allowed, errors = run_at_once([attempt for _ in range(threads)])
    return {"allowed": allowed, "counted": RateLimitCounter.objects.get(pk=row.pk).count, "errors": errors}


SCENARIOS = ["consume_at_once", "consume_in_transactions", "check_then_write", "contact_posts", "api_holds"]
