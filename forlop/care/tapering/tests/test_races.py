"""Many workers at once, on PostgreSQL (scripts/with-postgres.sh): the step reminder goes out once, and a
version is approved once when the doctor's two clicks (two backup codes) arrive together."""

import threading
from collections.abc import Callable
from datetime import datetime, time

import pytest
from django.db import close_old_connections, connection
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from forlop.audit.models import AccessLog
from forlop.booking.tests.races import seed_consultation_types
from forlop.care.tapering import services
from forlop.care.tapering.models import PlanVersion, StepReminder
from forlop.lib.timezones import OSLO
from forlop.outbox.models import OutboxMessage

THREADS = 6

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _consultation_types(transactional_db):
    seed_consultation_types()  # a transactional test starts from empty tables: the first talk's type


def together(attempts: list[Callable[[], str]]) -> list[str]:
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(attempt: Callable[[], str]) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = attempt()
        except services.ApprovalRefused as refused:
            outcome = f"refused: {refused.message}"
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


def test_many_workers_send_the_step_reminder_once(approved, time_machine):
    day = services.change_days(approved.schedule)[0]
    time_machine.move_to(datetime.combine(day, time(9), tzinfo=OSLO), tick=False)
    outcomes = together([lambda: str(services.send_step_reminders()) for _ in range(THREADS)])
    assert sorted(outcomes) == ["0"] * (THREADS - 1) + ["1"], outcomes
    assert OutboxMessage.objects.filter(template="care_tapering_step").count() == 1
    assert StepReminder.objects.count() == 1


def test_two_approvals_at_once_approve_once(world, draft):
    doctor = world.users["team_doctor"]
    device = StaticDevice.objects.create(user=doctor, name="Reservekoder", confirmed=True)
    codes = ["kode0001", "kode0002"]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)

    def click(code: str) -> Callable[[], str]:
        def attempt() -> str:
            services.approve(by=doctor, version=PlanVersion.objects.get(pk=draft.pk), code=code)
            return "approved"

        return attempt

    outcomes = together([click(code) for code in codes])
    assert sorted(outcomes) == ["approved", "refused: Denne versjonen er allerede godkjent."], outcomes
    draft.refresh_from_db()
    assert draft.approved_by == doctor
    assert AccessLog.objects.filter(object_id=str(draft.pk), why__contains="godkjent").count() == 1
