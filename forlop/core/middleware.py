import re
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# What a proxy's id may look like (nginx's $request_id, a UUID, …): nothing that could split a header line.
USABLE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id(request: HttpRequest) -> str:
    """The id for the logs and the access log: a trusted proxy's X-Request-ID, otherwise a fresh one.

    Without a trusted proxy (TRUSTED_PROXY_COUNT = 0) the header came from whoever sent the request, and a
    client could plant an id of its choosing in the access log, or make many requests share one. A proxy
    that is trusted must set the header itself (nginx: `proxy_set_header X-Request-ID $request_id;`), not
    pass on the client's.
    """
    if getattr(settings, "TRUSTED_PROXY_COUNT", 0) > 0:
        incoming = request.headers.get("X-Request-ID", "")
        if USABLE_ID.fullmatch(incoming):
            return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives every request an id (kept from a trusted proxy's X-Request-ID) for logs and the access log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = request_id(request)  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        return response
