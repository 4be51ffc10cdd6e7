"""Small request helpers shared by apps."""

import hashlib

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address.

    In production Forløp runs behind TRUSTED_PROXY_COUNT reverse proxies (default 1), each appending the
    address it saw to X-Forwarded-For. Only those right-most entries are trustworthy: anything to their left
    was sent by the client and could be invented to dodge rate limits and lockouts.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104


def hashed_ip(request: HttpRequest) -> str:
    """A keyed hash of the address: enough to rate-limit, without storing the address itself."""
    digest = hashlib.blake2b(
        client_ip(request).encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=16
    )
    return digest.hexdigest()
