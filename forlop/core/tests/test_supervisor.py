"""`manage.py serve` with real processes: a crashed child is started again, the site never goes down with the
worker, and Ctrl-C or SIGTERM stops everything.

Each test starts `serve` in its own session (process group) on a free loopback port with its own SQLite file,
finds the web server and the worker by their parent pid in /proc, kills one with SIGKILL and watches /healthz
from outside. Whatever happens, the whole process group is killed at the end, so nothing outlives the test.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from forlop.core.supervisor import restart_delay

ROOT = Path(__file__).resolve().parents[3]
STARTUP_SECONDS = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_env(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FORLOP_ENV", "DEBUG"}}
    env.update(
        FORLOP_VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'forlop.sqlite3'}",
        WORKER_POLL_SECONDS="0.5",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> Path:
    """One migrated SQLite file, copied for each test (migrating takes seconds, copying does not)."""
    var = tmp_path_factory.mktemp("serve-template")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=serve_env(var),
        check=True,
        timeout=120,
    )
    return var / "forlop.sqlite3"


def wait_for[T](what: str, probe: Callable[[], T], timeout: float) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"gave up after {timeout} s waiting for {what}")


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a live process, None when it is gone or a zombie."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    if fields[0] in {"Z", "X"}:
        return None
    return fields[0], int(fields[1]), int(fields[2])


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    return _stat(pid) is not None


def processes_in_group(pgid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat[2] == pgid:
                found.append(int(entry.name))
    return found


class Served:
    def __init__(self, var: Path):
        self.port = free_port()
        self.log_path = var / "serve.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{self.port}", "--web-workers", "1"],
            cwd=ROOT,
            env=serve_env(var),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the test can kill everything it started
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def child(self, kind: str) -> int | None:
        """The pid of serve's direct child running gunicorn ("web") or `manage.py worker` ("worker")."""
        marker = " -m gunicorn " if kind == "web" else "manage.py worker"
        for pid in processes_in_group(self.proc.pid):
            stat = _stat(pid)
            if stat and stat[1] == self.proc.pid and marker in _cmdline(pid):
                return pid
        return None

    def health(self) -> int | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=3) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return None

    def wait_until_up(self) -> tuple[int, int]:
        wait_for("/healthz to answer 200", lambda: self.health() == 200, STARTUP_SECONDS)
        web = wait_for("the web server", lambda: self.child("web"), STARTUP_SECONDS)
        worker = wait_for("the worker", lambda: self.child("worker"), STARTUP_SECONDS)
        return web, worker

    def assert_everything_stopped(self, *, within: float) -> None:
        try:
            code = self.proc.wait(timeout=within)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"serve was still running {within} s after being asked to stop") from None
        assert code == 0, self.log[-3000:]
        # serve waits for its children, and gunicorn for its own workers: nothing of the group is left.
        assert processes_in_group(self.proc.pid) == [], self.log[-3000:]
        assert self.health() is None

    def kill_everything(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)
        self._log.close()


@pytest.fixture
def served(tmp_path, migrated_database):
    shutil.copy(migrated_database, tmp_path / "forlop.sqlite3")
    served = Served(tmp_path)
    try:
        yield served
    finally:
        served.kill_everything()


def test_it_restarts_a_killed_worker_while_the_site_keeps_answering(served):
    web, worker = served.wait_until_up()

    os.kill(worker, signal.SIGKILL)
    statuses = []

    def new_worker() -> int | None:
        statuses.append(served.health())
        pid = served.child("worker")
        return pid if pid not in (None, worker) else None

    replacement = wait_for("a new worker", new_worker, 15)

    assert set(statuses) == {200}, statuses
    assert served.proc.poll() is None
    assert served.child("web") == web, "the web server must not be restarted because the worker died"
    assert alive(replacement)
    assert "worker" in served.log and "SIGKILL" in served.log  # the crash is logged

    served.proc.send_signal(signal.SIGTERM)
    served.assert_everything_stopped(within=15)
    assert not alive(web) and not alive(replacement)


def test_it_restarts_a_killed_web_server_and_leaves_the_worker_alone(served):
    web, worker = served.wait_until_up()

    os.kill(web, signal.SIGKILL)
    replacement = wait_for("a new web server", lambda: served.child("web") not in (None, web), 15)
    wait_for("/healthz to answer 200 again", lambda: served.health() == 200, 20)

    assert replacement
    assert served.child("worker") == worker
    assert served.proc.poll() is None

    # Ctrl-C in a terminal signals the whole foreground process group at once.
    os.killpg(served.proc.pid, signal.SIGINT)
    served.assert_everything_stopped(within=15)


def test_the_restart_delay_doubles_up_to_a_cap():
    delays = [restart_delay(crashes, first=1.0, cap=30.0) for crashes in range(1, 9)]
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]


def _child(name: str, code: str):
    from forlop.core.supervisor import Child

    return Child(name, [sys.executable, "-c", code])


def test_a_child_that_keeps_crashing_is_restarted_ever_more_slowly(caplog):
    from forlop.core.supervisor import Supervisor

    supervisor = Supervisor([_child("crasher", "raise SystemExit(3)")], first_delay=0.1, max_delay=0.4)
    supervisor._start(supervisor.children[0])
    deadline = time.monotonic() + 5
    with caplog.at_level("INFO", logger="forlop.serve"):
        while caplog.text.count("stopped with exit status 3") < 5 and time.monotonic() < deadline:
            supervisor.poll_once()
            time.sleep(0.01)
        supervisor.stop_all()

    delays = [line.split("again in ")[1].split(" s")[0] for line in caplog.messages if "again in" in line]
    assert delays[:5] == ["0.1", "0.2", "0.4", "0.4", "0.4"]
    assert "crash 5 in a row" in caplog.text


def test_a_child_that_ignores_sigterm_is_killed_after_the_stop_timeout(tmp_path, caplog):
    from forlop.core.supervisor import Supervisor

    ready = tmp_path / "ready"
    stubborn = (
        "import pathlib, signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        f"pathlib.Path({str(ready)!r}).touch(); time.sleep(60)"
    )
    supervisor = Supervisor([_child("stubborn", stubborn)], stop_timeout=0.5)
    child = supervisor.children[0]
    supervisor._start(child)
    wait_for("the child to ignore SIGTERM", ready.exists, 10)
    started = time.monotonic()
    with caplog.at_level("INFO", logger="forlop.serve"):
        supervisor.stop_all()

    assert time.monotonic() - started < 5
    assert child.process is not None and child.process.returncode == -signal.SIGKILL
    assert "did not stop in time" in caplog.text
