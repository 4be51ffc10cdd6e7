import os
import signal
import threading

import pytest
from django.core import mail
from django.core.management import call_command

from forlop.core.models import JobRun
from forlop.outbox import services
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import queue_email


def queue(count: int) -> None:
    for index in range(count):
        queue_email(to=f"person{index}@example.no", template="contact_receipt", context={"crisis_url": "x"})


@pytest.mark.django_db
def test_one_round_delivers_due_mail_and_runs_the_periodic_jobs():
    queue(2)

    call_command("worker", "--once")

    assert len(mail.outbox) == 2
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.SENT}
    ran = set(JobRun.objects.filter(last_finished_at__isnull=False).values_list("name", flat=True))
    assert {"core.prune_rate_limit_hits", "outbox.purge_old", "contact.delete_expired_enquiries"} <= ran


@pytest.mark.django_db
def test_sigterm_stops_the_worker_after_the_message_in_hand(monkeypatch, settings):
    """The signal arrives while the first of three messages is being sent: that one finishes, no more."""
    settings.WORKER_POLL_SECONDS = 0.05
    queue(3)
    real_send = services._send

    def send_then_get_stopped(message):
        if not mail.outbox:
            os.kill(os.getpid(), signal.SIGTERM)
        real_send(message)

    monkeypatch.setattr(services, "_send", send_then_get_stopped)
    backstop = threading.Timer(30, os.kill, (os.getpid(), signal.SIGTERM))  # never hang the suite
    backstop.start()
    try:
        call_command("worker")  # returns (exit status 0) instead of being killed
    finally:
        backstop.cancel()

    statuses = list(OutboxMessage.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [OutboxMessage.Status.SENT, OutboxMessage.Status.PENDING, OutboxMessage.Status.PENDING]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_sigint_stops_an_idle_worker_and_restores_the_signal_handlers(settings):
    settings.WORKER_POLL_SECONDS = 30
    before = signal.getsignal(signal.SIGINT)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        call_command("worker")
    finally:
        timer.cancel()
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.django_db
def test_a_failing_round_is_logged_and_the_worker_carries_on(monkeypatch, caplog):
    calls = []

    def broken(**kwargs):
        calls.append(1)
        raise RuntimeError("database went away")

    monkeypatch.setattr("forlop.outbox.management.commands.worker.deliver_due", broken)

    call_command("worker", "--once")

    assert calls == [1]
    assert "worker round failed" in caplog.text
