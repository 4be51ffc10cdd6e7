"""The booking page's HTML, rendered once for what it shows.

Rendering the page (the site's frame, a week of days, the chosen day's times) costs several times what
finding the free times costs. So for an anonymous GET the decorator first works out everything the page
depends on, cheaply: the schedule version (therapists, types, prices, hours: forlop/scheduling/versioning.py),
today's date, and the free slots themselves over every week the page could show for these parameters (busy
time read fresh, expired holds and notice applied at this instant, as the view does). The page is reused only
while all of that is unchanged, so a new booking, a hold, an expired hold, an edit to the hours or the
passing of the notice period shows on the very next request.

Per visitor: the CSRF token in the form is taken out of the stored copy and this visitor's own token put in
when it is served (Django then sets the CSRF cookie as usual). A request with a session cookie, a page that
set any other cookie or used the response's CSP nonce, and any status but 200 are never stored.
"""

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import wraps
from hashlib import blake2b

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from forlop.lib.dates import day_or_none
from forlop.lib.timezones import OSLO

from .slots import Version, cache, free_slot_starts, offered_type, published_therapist, schedule_version

_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_MARK = b"\x00csrf\x00"
# The page shows a week from today, from ?fra= or from ?dag= (views.picker); a week either side of each of
# those days covers it, and a week that started on the Monday before one of them.
_SPAN = timedelta(days=7)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=OSLO)


def _identity(request: HttpRequest, slug: str) -> tuple[Version, str] | None:
    """The schedule version and everything the page shows, as one string; None when the view must answer
    by itself."""
    type_slug = request.GET.get("type")
    if not type_slug:
        return None
    version = schedule_version()
    if version is None:
        return None
    therapist = published_therapist(slug, version=version)
    if therapist is None:
        return None
    ctype = offered_type(therapist, type_slug, version=version)
    if ctype is None:
        return None
    now = timezone.now()
    today = now.astimezone(OSLO).date()
    anchors = sorted(
        {today}
        | {max(day, today) for day in (day_or_none(request.GET.get(k)) for k in ("fra", "dag")) if day}
    )
    ranges: list[list[date]] = []
    for anchor in anchors:  # merged, so overlapping spans are computed once
        first, last = max(anchor - _SPAN, today), anchor + _SPAN + timedelta(days=1)
        if ranges and first <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], last)
        else:
            ranges.append([first, last])
    starts = free_slot_starts(
        therapist_id=therapist.pk,
        consultation_type=ctype,
        ranges=[(_midnight(first), _midnight(last)) for first, last in ranges],
        now=now,
        version=version,
    )
    htmx = sorted((k, v) for k, v in request.headers.items() if k.lower().startswith("hx-"))
    return version, repr(
        (version, request.get_full_path(), translation.get_language(), today, htmx, ranges, starts)
    )


def cache_booking_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, slug, *args, **kwargs)
        before = _identity(request, slug)
        if before is None:
            return view(request, slug, *args, **kwargs)
        version, identity = before
        key = ("booking page", blake2b(identity.encode(), digest_size=20).digest())
        stored = cache.peek(version, key)
        if isinstance(stored, tuple):
            content, content_type = stored
            return HttpResponse(
                content.replace(_MARK, get_token(request).encode()), content_type=content_type
            )
        response = view(request, slug, *args, **kwargs)
        if response.status_code != 200 or response.cookies or getattr(request, "_csp_nonce", None):
            return response
        tokens = set(_TOKEN.findall(response.content))
        # Stored only if nothing changed while the view ran (a booking committed meanwhile would otherwise
        # leave a page without that time under the key of the calendar before it).
        if len(tokens) <= 1 and _identity(request, slug) == before:
            content = response.content
            for token in tokens:
                content = content.replace(token, _MARK)
            cache.put(version, key, (content, response["Content-Type"]))
        return response

    return wrapper
