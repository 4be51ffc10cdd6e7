"""The one gate in front of every staff page: logged in, second factor verified, right role."""

from collections.abc import Iterable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden


def staff_gate(request: HttpRequest, roles: Iterable[str]) -> HttpResponse | None:
    """None when the request may pass; otherwise the response to send instead."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.is_active or not user.is_staff:
        return HttpResponseForbidden("Du har ikke tilgang til denne siden.")
    if not getattr(user, "is_verified", lambda: False)():
        # Password alone is never enough for staff pages.
        return redirect_to_login(request.get_full_path())
    if not user.has_role(*roles):  # type: ignore[union-attr]
        return HttpResponseForbidden("Du har ikke tilgang til denne siden.")
    return None
