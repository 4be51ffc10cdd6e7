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
