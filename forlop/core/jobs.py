"""Periodic jobs, run by the worker (`manage.py worker`) between email deliveries.

To add a job, give your app a `jobs.py` module; the worker imports every installed app's `jobs` module when
it starts (`autodiscover()`, the way the admin finds `admin.py`):

    # forlop/<app>/jobs.py
    from datetime import timedelta

    from forlop.core.jobs import register

    @register("course.send_lessons", every=timedelta(minutes=5))
    def send_lessons() -> None:
        ...

A job takes no arguments, reads the clock itself and must be safe to run again: after a failure it simply
runs at its next period. Each job has a JobRun row. A worker runs a job only after claiming that row with
one conditional UPDATE (due, and not leased by another worker) that moves `next_run_at` forward and sets a
lease, so two workers, even on two servers, never run the same job at the same time. A worker that dies
mid-job leaves the lease behind; it expires after `lease` and the job runs again.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import JobRun
from .services import prune_rate_limit_counters

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    func: Callable[[], object]
    lease: timedelta


REGISTRY: dict[str, Job] = {}


def register(
    name: str, *, every: timedelta, lease: timedelta = timedelta(minutes=30)
) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Run the decorated function every `every`. `lease`: longer than the job can possibly take."""

    def decorator(func: Callable[[], object]) -> Callable[[], object]:
        existing = REGISTRY.get(name)
        if existing and _qualname(existing.func) != _qualname(func):
            raise ImproperlyConfigured(f"Two periodic jobs are named {name!r}.")
        REGISTRY[name] = Job(name=name, every=every, func=func, lease=lease)
        return func

    return decorator


def autodiscover() -> None:
    autodiscover_modules("jobs")


def run_due_jobs(*, now: datetime | None = None, jobs: Iterable[Job] | None = None) -> list[str]:
    """Run every job that is due and not running elsewhere. Returns the names of the jobs this call ran."""
    now = now or timezone.now()
    jobs = list(REGISTRY.values() if jobs is None else jobs)
    runs = {run.name: run for run in JobRun.objects.filter(name__in=[job.name for job in jobs])}
    missing = [JobRun(name=job.name, next_run_at=now) for job in jobs if job.name not in runs]
    if missing:
        # A job seen for the first time is due at once. Another worker may insert the same row: fine.
        JobRun.objects.bulk_create(missing, ignore_conflicts=True)
        runs.update({run.name: run for run in missing})
    ran = []
    for job in jobs:
        run = runs[job.name]
        if run.next_run_at > now or (run.locked_until and run.locked_until > now):
            continue  # not due (checked in memory first to keep an idle worker to one query)
        if _claim(job, now):
            _run(job, now)
            ran.append(job.name)
    return ran


def _claim(job: Job, now: datetime) -> bool:
    free = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    claimed = JobRun.objects.filter(free, name=job.name, next_run_at__lte=now).update(
        next_run_at=now + job.every, locked_until=now + job.lease, last_started_at=now
    )
    return claimed == 1


def _run(job: Job, now: datetime) -> None:
    error = ""
    try:
        job.func()
    except Exception as exc:  # a failing job must not stop the worker or the other jobs
        logger.exception("periodic job %s failed", job.name)
        error = f"{type(exc).__name__}: {exc}"[:2000]
    # Release only our own lease (locked_until doubles as the claim token).
    JobRun.objects.filter(name=job.name, locked_until=now + job.lease).update(
        locked_until=None, last_finished_at=timezone.now(), last_error=error
    )


def _qualname(func: Callable) -> str:
    return f"{func.__module__}.{func.__qualname__}"


# --- Core's own jobs ----------------------------------------------------------------------------------


@register("core.prune_rate_limit_hits", every=timedelta(hours=1))
def prune_rate_limits() -> None:
    prune_rate_limit_counters()
