"""Race scenarios with real threads, shared by the SQLite file-database script and the PostgreSQL tests.

Each scenario returns plain data (counts and unexpected errors) so it can cross a process boundary as JSON.
"""

import json
import threading
from datetime import UTC, datetime, time, timedelta

from django.db import close_old_connections, connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from forlop.booking import guard, services
from forlop.booking.models import Booking, ConsultationType
from forlop.booking.slots import Verdict, check_slot, free_slots
from forlop.lib.timezones import OSLO
from forlop.scheduling.models import BookingSettings, WorkingHours
from forlop.therapists.models import Profession, Therapist

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=OSLO)
THREADS = 20


def setup_world() -> tuple[Therapist, ConsultationType, ConsultationType, ConsultationType]:
    """A therapist working 09-20 every day, the seeded 50-minute type, and two types whose slots overlap
    partially: 45 min (+15) starting at 10:00 and 60 min (+30) starting at 10:30."""
    seed_consultation_types()
    therapist = Therapist.objects.create(
        name="Race Terapeut",
        slug="race-terapeut",
        status=Therapist.Status.PUBLISHED,
        profession=Profession.PSYKOLOG,
        hpr_number="1234567",
        bio_short="x",
        bio_long="x",
    )
    for weekday in range(7):
        WorkingHours.objects.create(therapist=therapist, weekday=weekday, start=time(9), end=time(20))
    BookingSettings.objects.create(therapist=therapist, min_notice_hours=0, horizon_weeks=8)
    consultation = ConsultationType.objects.get(slug="konsultasjon")
    short = ConsultationType.objects.create(
        name="Kort", slug="kort-race", duration_minutes=45, buffer_after_minutes=15
    )
    long = ConsultationType.objects.create(
        name="Lang", slug="lang-race", duration_minutes=60, buffer_after_minutes=30
    )
    for ctype in (consultation, short, long):
        ctype.therapists.add(therapist)
    return therapist, consultation, short, long


def seed_consultation_types() -> None:
    """Transactional tests empty every table, the types seeded by migration included: seed them again."""
    import importlib

    from django.apps import apps

    importlib.import_module("forlop.booking.migrations.0003_consultation_types").create(apps, None)
    importlib.import_module("forlop.booking.migrations.0005_for_new_clients").mark(apps, None)


def _run(attempts: list) -> tuple[int, list[str]]:
    """Run each attempt in its own thread, all released at once. Returns (successes, unexpected errors)."""
    barrier = threading.Barrier(len(attempts))
    wins: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(attempt):
        try:
            barrier.wait(timeout=30)
            if attempt():
                with lock:
                    wins.append(1)
        except services.SlotTaken:
            pass
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
    return len(wins), errors


def _book(therapist, ctype, start):
    def attempt() -> bool:
        hold = services.hold_slot(therapist=therapist, consultation_type=ctype, start=start, now=NOW)
        details = services.ClientDetails(name="Race", email="race@example.no", consent=True)
        services.confirm_booking(booking=hold.booking, details=details, now=NOW)
        return True

    return attempt


def _active_between(therapist, start, end) -> int:
    return (
        Booking.objects.active()
        .filter(therapist=therapist, start_at__lt=end, blocked_until__gt=start)
        .count()
    )


def same_slot(rounds: int = 5) -> dict:
    therapist, consultation, _, _ = (
        Therapist.objects.get(slug="race-terapeut"),
        ConsultationType.objects.get(slug="konsultasjon"),
        None,
        None,
    )
    per_round, errors, wins = [], [], []
    for n in range(rounds):
        start = datetime(2026, 3, 3 + n, 10, 0, tzinfo=OSLO)
        won, errs = _run([_book(therapist, consultation, start) for _ in range(THREADS)])
        wins.append(won)
        errors += errs
        per_round.append(_active_between(therapist, start, start + timedelta(minutes=60)))
    return {"bookings_per_round": per_round, "wins_per_round": wins, "errors": errors}


def partial_overlap(rounds: int = 3) -> dict:
    therapist = Therapist.objects.get(slug="race-terapeut")
    short = ConsultationType.objects.get(slug="kort-race")
    long = ConsultationType.objects.get(slug="lang-race")
    per_round, errors = [], []
    for n in range(rounds):
        day = datetime(2026, 3, 10 + n, tzinfo=OSLO).date()
        a = datetime.combine(day, time(10), tzinfo=OSLO)
        b = datetime.combine(day, time(10, 30), tzinfo=OSLO)
        attempts = [
            _book(therapist, short, a) if i % 2 else _book(therapist, long, b) for i in range(THREADS)
        ]
        _, errs = _run(attempts)
        errors += errs
        per_round.append(_active_between(therapist, a, b + timedelta(minutes=90)))
    return {"bookings_per_round": per_round, "errors": errors}


def back_to_back() -> dict:
    therapist = Therapist.objects.get(slug="race-terapeut")
    consultation = ConsultationType.objects.get(slug="konsultasjon")
    first = datetime(2026, 3, 20, 10, 0, tzinfo=OSLO)
    won, errors = _run(
        [_book(therapist, consultation, first), _book(therapist, consultation, first + timedelta(hours=1))]
    )
    return {"wins": won, "errors": errors}


def naive_without_guard(rounds: int = 3) -> dict:
    """The control: check availability in one transaction and write in another (no lock spanning both, no
    re-check), on a database without the guard. All threads check before any writes (a barrier between),
    which is the interleaving the real service's lock makes impossible."""
    therapist = Therapist.objects.get(slug="race-terapeut")
    consultation = ConsultationType.objects.get(slug="konsultasjon")
    guard.drop(connection)
    try:
        per_round = []
        for n in range(rounds):
            start = datetime(2026, 4, 13 + n, 10, 0, tzinfo=OSLO)
            checked = threading.Barrier(THREADS)

            def attempt(start=start, checked=checked) -> bool:
                with transaction.atomic():
                    verdict = check_slot(
                        therapist=therapist, consultation_type=consultation, start=start, now=NOW
                    )
                checked.wait(timeout=30)
                if verdict != Verdict.FREE:
                    return False
                Booking.objects.create(
                    therapist=therapist,
                    consultation_type=consultation,
                    start_at=start,
                    end_at=start + consultation.duration,
                    blocked_until=start + consultation.duration + consultation.buffer,
                    status=Booking.Status.CONFIRMED,
                    created_at=NOW,
                )
                return True

            _run([attempt for _ in range(THREADS)])
            per_round.append(_active_between(therapist, start, start + timedelta(minutes=60)))
        return {"bookings_per_round": per_round}
    finally:
        Booking.objects.filter(start_at__gte=datetime(2026, 4, 13, tzinfo=OSLO)).delete()
        guard.install(connection)


# --- the same Idempotency-Key, twenty times at once ---------------------------------------------------------


def _gather(attempts: list) -> list:
    """Run each attempt in its own thread, all released at once. Returns each attempt's result, or the name of
    the exception it raised, in no particular order."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list = []
    lock = threading.Lock()

    def worker(attempt):
        try:
            barrier.wait(timeout=30)
            outcome = attempt()
        except Exception as exc:  # noqa: BLE001 - reported as data
            outcome = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return outcomes


def same_idempotency_key(rounds: int = 3) -> dict:
    """Twenty retries of one hold request, all with the same Idempotency-Key, sent through the API at once
    (on the real clock: the API has no other). Each answer should be the one hold: 201 with the same token."""
    therapist = Therapist.objects.get(slug="race-terapeut")
    consultation = ConsultationType.objects.get(slug="konsultasjon")
    now = timezone.now()
    free = free_slots(
        therapist=therapist, consultation_type=consultation, start=now, end=now + timedelta(days=7), now=now
    )
    starts = [slot.start_utc for slot in free[1 : 1 + 4 * rounds : 4]]
    answers = []
    with override_settings(BOOKING_API_RATE_LIMIT_PER_MINUTE=0, BOOKING_HOLD_RATE_LIMIT_PER_HOUR=10_000):
        for n, start in enumerate(starts):
            body = json.dumps({"therapist": therapist.slug, "type": consultation.slug, "start": _utc(start)})

            def attempt(body=body, n=n) -> str:
                response = Client().post(
                    "/api/v1/holds",
                    data=body,
                    content_type="application/json",
                    headers={"Idempotency-Key": f"retry-{n}"},
                )
                token = response.json().get("hold", {}).get("token", "")
                return (
                    f"{response.status_code} {token}"
                    if token
                    else f"{response.status_code} {response.content!r}"
                )

            answers.append(sorted(set(_gather([attempt for _ in range(THREADS)]))))
    holds = Booking.objects.filter(start_at__in=starts).count()
    return {"rounds": len(starts), "distinct_answers_per_round": answers, "holds": holds}


def idempotency_key_checked_only_before_the_lock() -> dict:
    """The control: what the service did before, looking the key up before taking the therapist's lock and
    never again (so the service is called without it here: the new one would look again under the lock).
    All twenty miss the key (a barrier between), and then only one can hold the time."""
    therapist = Therapist.objects.get(slug="race-terapeut")
    consultation = ConsultationType.objects.get(slug="konsultasjon")
    start = datetime(2026, 3, 31, 11, 0, tzinfo=OSLO)
    looked = threading.Barrier(THREADS)

    def attempt() -> str:
        existing = Booking.objects.filter(idempotency_key="control-key").first()
        looked.wait(timeout=30)
        if existing is not None:
            return "replayed"
        services.hold_slot(therapist=therapist, consultation_type=consultation, start=start, now=NOW)
        return "held"

    outcomes = _gather([attempt for _ in range(THREADS)])
    return {"held": outcomes.count("held"), "slot_taken": sum("SlotTaken" in o for o in outcomes)}


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
