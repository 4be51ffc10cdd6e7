from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import RateLimitHit


def hits_in_window(*, scope: str, key: str, window: timedelta) -> int:
    since = timezone.now() - window
    return RateLimitHit.objects.filter(scope=scope, key=key, created_at__gte=since).count()


def is_rate_limited(*, scope: str, key: str, limit: int, window: timedelta) -> bool:
    return hits_in_window(scope=scope, key=key, window=window) >= limit


def record_hit(*, scope: str, key: str) -> None:
    RateLimitHit.objects.create(scope=scope, key=key, created_at=timezone.now())


def clear_hits(*, scope: str, key: str) -> None:
    RateLimitHit.objects.filter(scope=scope, key=key).delete()


@transaction.atomic
def prune_rate_limit_hits(*, older_than: timedelta = timedelta(days=1)) -> int:
    deleted, _ = RateLimitHit.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
