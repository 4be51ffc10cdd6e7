from django.db import models


class RateLimitHit(models.Model):
    """One counted attempt (contact form, login…) for a keyed, hashed identity. Works across processes."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"


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
