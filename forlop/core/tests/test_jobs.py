from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured

from forlop.core import jobs
from forlop.core.jobs import Job, register, run_due_jobs
from forlop.core.models import JobRun, RateLimitCounter

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def counting_job(
    name: str = "test.count", every: timedelta = timedelta(hours=1), lease: timedelta = timedelta(minutes=30)
) -> tuple[Job, list]:
    calls: list[datetime] = []
    return Job(name=name, every=every, func=lambda: calls.append(NOW), lease=lease), calls


@pytest.mark.django_db
def test_a_new_job_runs_at_once_then_once_per_period():
    job, calls = counting_job()

    assert run_due_jobs(now=NOW, jobs=[job]) == ["test.count"]
    assert run_due_jobs(now=NOW + timedelta(minutes=59), jobs=[job]) == []
    assert run_due_jobs(now=NOW + timedelta(hours=1), jobs=[job]) == ["test.count"]

    assert len(calls) == 2
    run = JobRun.objects.get(name="test.count")
    assert run.next_run_at == NOW + timedelta(hours=2)
    assert run.locked_until is None
    assert run.last_error == ""


@pytest.mark.django_db
def test_a_job_still_running_is_not_started_again_by_another_worker():
    inner: list[list[str]] = []

    def slow_job() -> None:
        # Another worker looks in while this run is in progress, well past the next due time.
        inner.append(run_due_jobs(now=NOW + timedelta(minutes=20), jobs=[job]))

    job = Job(name="test.slow", every=timedelta(minutes=5), func=slow_job, lease=timedelta(minutes=30))

    assert run_due_jobs(now=NOW, jobs=[job]) == ["test.slow"]
    assert inner == [[]]


@pytest.mark.django_db
def test_a_job_left_locked_by_a_dead_worker_runs_again_after_its_lease():
    job, calls = counting_job(every=timedelta(minutes=5), lease=timedelta(minutes=30))
    JobRun.objects.create(name=job.name, next_run_at=NOW, locked_until=NOW + timedelta(minutes=30))

    assert run_due_jobs(now=NOW + timedelta(minutes=29), jobs=[job]) == []
    assert run_due_jobs(now=NOW + timedelta(minutes=30), jobs=[job]) == [job.name]
    assert len(calls) == 1


@pytest.mark.django_db
def test_a_failing_job_records_the_error_and_releases_its_lease(caplog):
    def broken() -> None:
        raise RuntimeError("disk full")

    job = Job(name="test.broken", every=timedelta(hours=1), func=broken, lease=timedelta(minutes=30))
    other, calls = counting_job(name="test.other")

    assert run_due_jobs(now=NOW, jobs=[job, other]) == ["test.broken", "test.other"]

    run = JobRun.objects.get(name="test.broken")
    assert run.last_error == "RuntimeError: disk full"
    assert run.locked_until is None
    assert calls == [NOW]  # the other job still ran
    assert "test.broken failed" in caplog.text


# Two workers racing for the same job with real threads: forlop/outbox/tests/test_races.py.


@pytest.mark.django_db
def test_an_idle_worker_checks_its_jobs_with_one_query(django_assert_num_queries):
    job, _ = counting_job()
    run_due_jobs(now=NOW, jobs=[job])

    with django_assert_num_queries(1):
        run_due_jobs(now=NOW + timedelta(minutes=1), jobs=[job])


def test_two_different_jobs_cannot_share_a_name():
    register("test.unique", every=timedelta(hours=1))(_first)
    try:
        register("test.unique", every=timedelta(hours=1))(_first)  # the same function again is fine
        with pytest.raises(ImproperlyConfigured):
            register("test.unique", every=timedelta(hours=1))(_second)
    finally:
        del jobs.REGISTRY["test.unique"]


def _first() -> None: ...


def _second() -> None: ...


def test_the_worker_finds_every_apps_jobs():
    jobs.autodiscover()
    assert {
        "core.prune_rate_limit_hits",
        "outbox.purge_old",
        "contact.delete_expired_enquiries",
    } <= set(jobs.REGISTRY)
    assert jobs.REGISTRY["core.prune_rate_limit_hits"].every == timedelta(hours=1)
    assert jobs.REGISTRY["outbox.purge_old"].every == timedelta(days=1)


@pytest.mark.django_db
def test_the_hourly_job_prunes_rate_limit_counters_of_ended_windows():
    for start in (NOW - timedelta(days=2), NOW - timedelta(minutes=5)):
        RateLimitCounter.objects.create(
            scope="contact", key="a", window_start=start, window_end=start + timedelta(hours=1), count=3
        )
    jobs.autodiscover()

    with time_machine.travel(NOW, tick=False):
        run_due_jobs(jobs=[jobs.REGISTRY["core.prune_rate_limit_hits"]])

    assert list(RateLimitCounter.objects.values_list("window_start", flat=True)) == [
        NOW - timedelta(minutes=5)
    ]
