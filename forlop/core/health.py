"""What /healthz reports, and when it says the site is down.

    {"status": "ok" | "degraded" | "error",
     "database": {"read": "ok" | "error", "write": "ok" | "error"},
     "worker": {"status": "ok" | "stale" | "missing", "last_heartbeat": "2026-…Z" | null, "seconds_ago": 1.2},
     "outbox": {"status": "ok" | "delayed", "oldest_due_seconds": 0},
     "errors": {"write": "OperationalError"}}          (only when a probe failed: the exception's class)

- **error, HTTP 503** when the database cannot be read or cannot be written: no page that takes input works.
  The read probe reads the heartbeat table; the write probe updates this endpoint's own row in it (committed:
  a refusal at commit time counts too). Neither touches anything about a person.
- **degraded, HTTP 200** when the site serves but background work lags: the worker's last heartbeat is older
  than `HEALTH_WORKER_STALE_SECONDS` (default 300: a worker beats every `WORKER_POLL_SECONDS`, and one round
  with a few SMTP timeouts can take minutes) or has never been written, or an email has been due for longer
  than `HEALTH_OUTBOX_DELAY_SECONDS` (default 600). A load balancer keeps sending traffic; monitoring should
  alert on it.
- **ok, HTTP 200** otherwise.

The write probe waits at most `WRITE_PROBE_TIMEOUT_SECONDS` for a lock, so a database held by a long write
answers 503 within seconds instead of tying up a web thread for the full busy timeout. Nothing is cached:
each call runs about six small queries.

Other apps add their own part with `@register("name")` in their `health.py` (found when core starts), the
way the outbox reports its oldest due email.
"""

import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import Heartbeat

logger = logging.getLogger(__name__)

WORKER = "worker"
PROBE = "healthz"
WRITE_PROBE_TIMEOUT_SECONDS = 2

Part = Callable[[datetime], dict]
PARTS: dict[str, Part] = {}
_HOST = socket.gethostname()[:255]


def register(name: str) -> Callable[[Part], Part]:
    """Add a part to /healthz: a function of the current time returning a dict with at least "status";
    anything but "ok" makes the whole answer "degraded". It runs only when the database can be read."""

    def decorator(func: Part) -> Part:
        PARTS[name] = func
        return func

    return decorator


def autodiscover() -> None:
    autodiscover_modules("health")


def beat(*, name: str, now: datetime | None = None) -> None:
    """Record that the process called `name` is alive: one UPDATE of its own row (an INSERT the first time)."""
    now = now or timezone.now()
    pid = os.getpid()
    if not Heartbeat.objects.filter(name=name).update(beat_at=now, host=_HOST, pid=pid):
        Heartbeat.objects.bulk_create(
            [Heartbeat(name=name, beat_at=now, host=_HOST, pid=pid)], ignore_conflicts=True
        )


def check(*, now: datetime | None = None) -> tuple[int, dict]:
    """Run every probe; returns the HTTP status and the JSON body for /healthz."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    beats: dict[str, datetime] | None = None
    try:
        beats = dict(Heartbeat.objects.values_list("name", "beat_at"))
    except Exception as exc:  # any failure to read means "down"; the class name says which
        errors["read"] = type(exc).__name__
    try:
        _write_probe(now)
    except Exception as exc:
        errors["write"] = type(exc).__name__
    body: dict = {
        "status": "ok",
        "database": {probe: "error" if probe in errors else "ok" for probe in ("read", "write")},
    }
    if beats is not None:
        body["worker"] = _worker(beats.get(WORKER), now)
        for name, part in PARTS.items():
            try:
                body[name] = part(now)
            except Exception as exc:
                errors[name] = type(exc).__name__
                body[name] = {"status": "error"}
    if errors:
        body["errors"] = errors
        logger.warning("health check failed: %s", errors)
    if "read" in errors or "write" in errors:
        body["status"] = "error"
        return 503, body
    parts = [value for value in body.values() if isinstance(value, dict) and "status" in value]
    if any(part["status"] != "ok" for part in parts):
        body["status"] = "degraded"
    return 200, body


def _worker(last: datetime | None, now: datetime) -> dict:
    if last is None:
        return {"status": "missing", "last_heartbeat": None, "seconds_ago": None}
    seconds = max(0.0, (now - last).total_seconds())
    stale = seconds > settings.HEALTH_WORKER_STALE_SECONDS
    return {
        "status": "stale" if stale else "ok",
        "last_heartbeat": last.isoformat().replace("+00:00", "Z"),
        "seconds_ago": round(seconds, 1),
    }


def _write_probe(now: datetime) -> None:
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {WRITE_PROBE_TIMEOUT_SECONDS * 1000}")
            beat(name=PROBE, now=now)
    elif connection.vendor == "sqlite":
        # One UPDATE in autocommit: SQLite waits busy_timeout for the write lock, shortened for the probe.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            usual = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA busy_timeout = {WRITE_PROBE_TIMEOUT_SECONDS * 1000}")
            try:
                beat(name=PROBE, now=now)
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {int(usual)}")
    else:
        beat(name=PROBE, now=now)
