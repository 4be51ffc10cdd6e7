"""The one gate in front of every staff page: logged in, second factor verified, right role."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


def is_verified(user) -> bool:
    """True once django-otp's middleware has seen a confirmed second factor in this session."""
    return bool(getattr(user, "is_verified", lambda: False)())


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


def staff_gate(request: HttpRequest, roles: Iterable[str]) -> HttpResponse | None:
    """None when the request may pass; otherwise the response to send instead."""
    user = request.user
    if not user.is_authenticated:
        response = redirect_to_login(request.get_full_path())
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # The browser still had a session that has ended (idle, logged out elsewhere): say so.
            response["Location"] += "&utlopt=1"
        return response
    if not user.is_active or not user.is_staff:
        return forbidden(request)
    if not is_verified(user):
        # Password alone is never enough for staff pages: finish the second step (or enrol) first. The login
        # page sends a half-logged-in person on to the right step and remembers where they were going.
        return redirect_to_login(request.get_full_path(), login_url=reverse("accounts:login"))
    if not user.has_role(*roles):  # type: ignore[union-attr]
        return forbidden(request)
    return None
