"""Small request helpers shared by apps."""

import hashlib

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind a proxy (production), the proxy's X-Forwarded-For's first hop."""
    if getattr(settings, "PRODUCTION", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104


def hashed_ip(request: HttpRequest) -> str:
    """A keyed hash of the address: enough to rate-limit, without storing the address itself."""
    digest = hashlib.blake2b(
        client_ip(request).encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=16
    )
    return digest.hexdigest()
