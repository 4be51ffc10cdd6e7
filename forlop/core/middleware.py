import uuid

from django.http import HttpRequest, HttpResponse


class RequestIdMiddleware:
    """Gives every request an id (kept from a trusted proxy's X-Request-ID) for logs and the access log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming[:64] if incoming.isalnum() else uuid.uuid4().hex  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        return response
