from django.db import models


class RateLimitCounter(models.Model):
    """How often one keyed, hashed identity used one limit (contact form, login…) in one fixed window.

    Written only by `forlop.core.services.consume`, which counts up with one conditional UPDATE, so the
    limit holds across processes and servers. See there for why the windows are fixed.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField(db_index=True)  # pruned after this
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="core_rate_limit_one_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key} {self.count}"


class JobRun(models.Model):
    """The schedule and lease of one periodic job (forlop.core.jobs). One row per job name."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    # Set while a worker runs the job; another worker waits until it is cleared or has passed (crash).
    locked_until = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class Heartbeat(models.Model):
    """When a process last showed it was alive: the worker every poll round, /healthz on each write probe.

    Holds nothing about people: a name, a time, and which host and process wrote it (for operators).
    """

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
