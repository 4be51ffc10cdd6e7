"""A small process supervisor for `manage.py serve`: keeps the web server and the worker running.

A child that exits while nobody asked it to is started again after a delay that doubles with each crash in a
row (1 s, 2 s, 4 s … capped at 30 s), and the count starts over once the child has run for a minute. Each
child is supervised on its own: the web server is never stopped because the worker died, or the reverse.
SIGINT (Ctrl-C) or SIGTERM stops the supervisor: every child gets SIGTERM, those still running after
`stop_timeout` seconds get SIGKILL, and a second Ctrl-C kills them at once.

This is for development and small single-machine installations. In production, let systemd (or the container
runtime) supervise gunicorn and the worker as two services with `Restart=always` (see the README): it also
restarts after a reboot, and it supervises the supervisor.
"""

import logging
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

logger = logging.getLogger("forlop.serve")

FIRST_DELAY = 1.0
MAX_DELAY = 30.0
STABLE_AFTER = 60.0


def restart_delay(crashes_in_a_row: int, *, first: float = FIRST_DELAY, cap: float = MAX_DELAY) -> float:
    """Seconds to wait before starting a child again after its n-th crash in a row (n ≥ 1)."""
    return min(cap, first * 2 ** max(0, crashes_in_a_row - 1))


def describe_exit(returncode: int) -> str:
    if returncode < 0:
        try:
            return signal.Signals(-returncode).name
        except ValueError:
            return f"signal {-returncode}"
    return f"exit status {returncode}"


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    crashes: int = 0  # in a row, without a stable run in between
    restart_at: float | None = None


@dataclass
class Supervisor:
    children: list[Child]
    first_delay: float = FIRST_DELAY
    max_delay: float = MAX_DELAY
    stable_after: float = STABLE_AFTER
    stop_timeout: float = 10.0
    poll_interval: float = 0.2
    stopping: bool = False
    hurry: bool = False  # a second stop signal: kill instead of waiting
    _previous_handlers: dict = field(default_factory=dict)

    def run(self) -> None:
        """Start every child and keep them running until SIGINT or SIGTERM; then stop them all."""
        self._install_signal_handlers()
        try:
            for child in self.children:
                self._start(child)
            while not self.stopping:
                self.poll_once()
                time.sleep(self.poll_interval)
        finally:
            self.stop_all()
            self._restore_signal_handlers()

    def poll_once(self, now: float | None = None) -> None:
        """Notice children that have exited and start those whose restart delay has passed."""
        now = time.monotonic() if now is None else now
        for child in self.children:
            if child.process is not None:
                returncode = child.process.poll()
                if returncode is None:
                    if child.crashes and now - child.started_at >= self.stable_after:
                        child.crashes = 0
                    continue
                if self.stopping:
                    continue
                # A long, healthy run before this crash makes it the first crash in a row again.
                child.crashes = 1 if now - child.started_at >= self.stable_after else child.crashes + 1
                delay = restart_delay(child.crashes, first=self.first_delay, cap=self.max_delay)
                child.restart_at = now + delay
                logger.error(
                    "%s (pid %s) stopped with %s; starting it again in %.1f s (crash %d in a row)",
                    child.name,
                    child.process.pid,
                    describe_exit(returncode),
                    delay,
                    child.crashes,
                )
                child.process = None
            elif child.restart_at is not None and now >= child.restart_at and not self.stopping:
                self._start(child)

    def stop_all(self) -> None:
        running = [child for child in self.children if child.process and child.process.poll() is None]
        for child in running:
            assert child.process is not None
            logger.info("stopping %s (pid %s)", child.name, child.process.pid)
            try:
                child.process.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + self.stop_timeout
        while any(c.process.poll() is None for c in running if c.process) and time.monotonic() < deadline:
            if self.hurry:
                break
            time.sleep(0.05)
        for child in running:
            assert child.process is not None
            if child.process.poll() is None:
                logger.warning("%s (pid %s) did not stop in time; killing it", child.name, child.process.pid)
                child.process.kill()
            child.process.wait()
        for child in self.children:
            child.restart_at = None

    def _start(self, child: Child) -> None:
        child.process = subprocess.Popen(child.argv)  # noqa: S603 - fixed argv from serve, no shell
        child.started_at = time.monotonic()
        child.restart_at = None
        logger.info("started %s (pid %s)", child.name, child.process.pid)

    def _request_stop(self, signum, frame) -> None:
        # Only set flags: the handler may interrupt anything, including a log call.
        if self.stopping:
            self.hurry = True
        self.stopping = True

    def _install_signal_handlers(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous_handlers[sig] = signal.signal(sig, self._request_stop)

    def _restore_signal_handlers(self) -> None:
        for sig, handler in self._previous_handlers.items():
            signal.signal(sig, handler)
        self._previous_handlers.clear()
