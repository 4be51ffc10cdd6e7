"""JSON over HTTP: every JSON request body is read here, with a size and a nesting limit, and the API's one
error shape is written here.

Python's json module recurses once per level of nesting, so a body of 10,000 `[` ends in RecursionError: a
500, and a cheap way to make the server do work. `parse` therefore measures the nesting first with a flat scan
(strings blanked out by one regular expression, then a running count of brackets) and hands json.loads only
what is known to be shallow. The size is checked against Content-Length before the body is read at all.

The error shape, {"error": {"code", "message", "fields"?}}, is the API's documented contract (the OpenAPI
document in booking/openapi.py). Views that answer in it carry `json_errors = True`, so the site's 400, 404
and 500 handlers (site/views.py) answer them in it too instead of with an HTML page.
"""

import json
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAX_DEPTH = 32
MAX_BYTES = 64 * 1024

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class BodyError(ValueError):
    """A body that cannot be used. `status` and `code` are what the API answers."""

    status = 400
    code = "validation_error"

    def __init__(self, message: str | Promise) -> None:
        self.message = message
        super().__init__(str(message))


class BodyTooLarge(BodyError):
    status = 413
    code = "payload_too_large"


def too_deep(text: str, max_depth: int) -> bool:
    """Whether any bracket in `text` (strings aside) opens more than `max_depth` levels. No recursion."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False


def parse(raw: bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value in `raw` (UTF-8). Raises BodyTooLarge or BodyError with a Norwegian message."""
    if len(raw) > max_bytes:
        raise BodyTooLarge(_("Innholdet er for stort (høyst %(size)s kB).") % {"size": max_bytes // 1024})
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(_("Innholdet må være JSON i UTF-8.")) from exc
    return parse_text(text, max_depth=max_depth)


def parse_text(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Like `parse`, for JSON that arrived as a string (a passkey answer inside a form field)."""
    if too_deep(text, max_depth):
        raise BodyError(
            _("JSON-innholdet er nestet for dypt (høyst %(depth)s nivåer).") % {"depth": max_depth}
        )
    try:
        return json.loads(text)
    except RecursionError as exc:  # not reachable after too_deep(); kept so a miss is a 400, not a 500
        raise BodyError(
            _("JSON-innholdet er nestet for dypt (høyst %(depth)s nivåer).") % {"depth": max_depth}
        ) from exc
    except ValueError as exc:
        raise BodyError(_("Innholdet er ikke gyldig JSON.")) from exc


def read(request: HttpRequest, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The request's JSON body (an empty body is None). Raises BodyTooLarge or BodyError."""
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = 0
    too_large = BodyTooLarge(_("Innholdet er for stort (høyst %(size)s kB).") % {"size": max_bytes // 1024})
    if announced > max_bytes:
        raise too_large
    try:
        raw = request.body
    except RequestDataTooBig as exc:  # above DATA_UPLOAD_MAX_MEMORY_SIZE, whatever Content-Length said
        raise too_large from exc
    if not raw.strip():
        return None
    return parse(raw, max_bytes=max_bytes, max_depth=max_depth)


# --- the error shape ----------------------------------------------------------------------------------------


def error_response(
    status: int,
    code: str,
    message: str | Promise,
    fields: dict | None = None,
    *,
    retry_after: int | None = None,
    **extra: Any,
) -> JsonResponse:
    """{"error": {"code", "message", "fields"?}} plus any `extra` top-level members (a 409's current state)."""
    body: dict[str, Any] = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = fields
    response = JsonResponse({"error": body, **extra}, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def json_errors(view: Callable) -> Callable:
    """Mark a view whose errors, even those raised past it (a crash, a too-large body), are JSON."""
    view.json_errors = True  # type: ignore[attr-defined]
    return view


def wants_json_errors(request: HttpRequest) -> bool:
    """Whether the request went to (or would have gone to) a view marked with `json_errors`."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    return bool(getattr(match.func, "json_errors", False))
