"""A page cache for the public knowledge base, for anonymous readers.

Articles are read far more often than they change, and rendering a page costs tens of times more than serving
a cached one. A page is cached only when the request carries no session cookie (so nobody's own state is
ever cached) and the response sets no cookie. The cache key includes a content version read with one cheap
query (the number of visible articles and the newest change), so a published, edited, unpublished or newly
due article shows on every server within VERSION_SECONDS: each process re-reads the version at most that
often. The cache backend is Django's default (per process); with several app servers each warms its own,
which is correct because the version comes from the database.
"""

import time
from collections.abc import Callable
from functools import wraps
from hashlib import blake2b

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import timezone, translation

from .models import Article

PAGE_TIMEOUT = 300
VERSION_SECONDS = 2.0

_version: tuple[float, str] = (0.0, "")


def current_version() -> str:
    """The content version, re-read from the database at most every VERSION_SECONDS in this process."""
    global _version
    checked_at, version = _version
    now = time.monotonic()
    if now - checked_at >= VERSION_SECONDS or not version:
        version = content_version()
        _version = (now, version)
    return version


def forget_version() -> None:
    global _version
    _version = (0.0, "")


def content_version() -> str:
    now = timezone.now()
    visible = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now).aggregate(
        n=Count("id"),
        changed=Max("updated_at"),
        newest=Max("published_at"),
        reviewed=Max("medically_reviewed_at"),  # a doctor's review changes the page, not updated_at
    )
    return f"{visible['n']}:{visible['changed']}:{visible['newest']}:{visible['reviewed']}"


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        path = request.get_full_path()
        identity = f"{translation.get_language()}|{path}|{current_version()}"
        key = "page:" + blake2b(identity.encode(), digest_size=20).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.render()
        # Never cache a page that hands out a CSRF token or sets a cookie: it belongs to one visitor.
        # Nor one that used this response's CSP nonce: a cached copy would carry a nonce the next header lacks.
        personal = (
            response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or bool(getattr(request, "_csp_nonce", None))
        )
        if response.status_code == 200 and not personal and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return wrapper
