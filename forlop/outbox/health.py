"""The outbox's part of /healthz: how long the longest-waiting due email has waited for the worker.

Measured from when it became due (`next_attempt_at`), not from when it was queued: an email waiting out its
retry backoff is not late, and a live worker picks up a due one within a poll round. So a large figure means
the worker is gone or cannot keep up (degraded after `HEALTH_OUTBOX_DELAY_SECONDS`).
"""

from datetime import datetime

from django.conf import settings
from django.db.models import Min

from forlop.core.health import register

from .models import OutboxMessage


@register("outbox")
def oldest_due_email(now: datetime) -> dict:
    oldest = OutboxMessage.objects.due(now).aggregate(oldest=Min("next_attempt_at"))["oldest"]
    seconds = max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
    return {
        "status": "delayed" if seconds > settings.HEALTH_OUTBOX_DELAY_SECONDS else "ok",
        "oldest_due_seconds": round(seconds),
    }
