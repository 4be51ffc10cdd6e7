"""The background worker: delivers queued email and runs periodic jobs (forlop.core.jobs).

Run one per server (`manage.py serve` starts it); several may run at once against the same database. Each
poll round starts by writing the worker's heartbeat row, which /healthz reports.
SIGTERM or SIGINT (Ctrl-C) stops it after the message in hand, with exit status 0.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from forlop.core import health, jobs
from forlop.core.connections import closing_failed_connections
from forlop.outbox.services import deliver_due

logger = logging.getLogger("forlop.worker")


class Command(BaseCommand):
    help = "Sender e-post fra utsendingskøen og kjører periodiske jobber til den blir stoppet."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Gjør én runde og avslutt (for tester).")

    def handle(self, *args, once: bool, **options):
        jobs.autodiscover()
        self.stopping = False
        self.stop_signal = ""
        previous = {sig: signal.signal(sig, self._request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        logger.info("worker started; jobs: %s", ", ".join(sorted(jobs.REGISTRY)) or "none")
        try:
            while not self.stopping:
                self._tick()
                if once:
                    break
                self._sleep(settings.WORKER_POLL_SECONDS)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._drop_stale_connections()
        if self.stop_signal:
            logger.info("worker received %s and finished the message in hand", self.stop_signal)
        logger.info("worker stopped")

    def _tick(self) -> None:
        self._drop_stale_connections()
        # A connection that saw a database error is closed after the round, so the next one starts afresh.
        with closing_failed_connections():
            self._round()

    def _round(self) -> None:
        try:
            health.beat(name=health.WORKER)  # /healthz reports a worker that stopped beating
            report = deliver_due(should_stop=lambda: self.stopping)
            if report:
                logger.info(
                    "outbox: %s sent, %s retried later, %s failed, %s recovered",
                    report.sent,
                    report.retried,
                    report.failed,
                    report.recovered,
                )
            if not self.stopping:
                jobs.run_due_jobs()
        except Exception:  # a database hiccup: log it and try again next round
            logger.exception("worker round failed")

    @staticmethod
    def _drop_stale_connections() -> None:
        # What Django does around every request, for this long-lived process: drop connections the database
        # or CONN_MAX_AGE has given up on. Never inside a transaction (only tests run the worker in one).
        if not connection.in_atomic_block:
            close_old_connections()

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))

    def _request_stop(self, signum, frame) -> None:
        # Only set flags here: a signal handler that logs could interleave with the interrupted log call.
        self.stop_signal = signal.Signals(signum).name
        self.stopping = True
