"""Many at once, on PostgreSQL (scripts/with-postgres.sh): the digest goes once per clinician and day however
many workers run it, and two tabs sending the same day's check-in make one row (the later one corrects it)."""

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.db import close_old_connections, connection

from forlop.booking.tests.races import seed_consultation_types
from forlop.care import summary
from forlop.care.checkin import services
from forlop.care.checkin.models import CheckIn, DigestSent
from forlop.outbox.models import OutboxMessage

from .conftest import answers, at

THREADS = 6
TODAY = date(2026, 3, 2)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _consultation_types(transactional_db):
    seed_consultation_types()


def together(attempts: list[Callable[[], str]]) -> list[str]:
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(attempt: Callable[[], str]) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = attempt()
        except Exception as exc:  # noqa: BLE001 - reported as data
            outcome = f"error {type(exc).__name__}: {exc}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return outcomes


def test_many_workers_send_the_digest_once_per_clinician(world):
    services.save_checkin(
        by=world.users["the_person"],
        course=world.course,
        day=TODAY,
        answers=answers(seizure=True),
        now=at(2026, 3, 2, 6),
    )
    outcomes = together(
        [
            lambda: str(services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 2, 8)))
            for _ in range(THREADS)
        ]
    )
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    assert sum(int(o) for o in outcomes) == 2
    assert OutboxMessage.objects.filter(template="care_checkin_digest").count() == 2
    assert DigestSent.objects.count() == 2


def test_two_tabs_checking_in_at_once_make_one_row(world):
    nora = world.users["the_person"]

    def send(craving: int) -> Callable[[], str]:
        def attempt() -> str:
            services.save_checkin(
                by=nora,
                course=world.course,
                day=TODAY,
                answers=answers(craving=craving),
                now=at(2026, 3, 2, 9),
            )
            return "saved"

        return attempt

    outcomes = together([send(n) for n in range(THREADS)])
    assert outcomes == ["saved"] * THREADS, outcomes
    assert CheckIn.objects.filter(course=world.course, day=TODAY).count() == 1
