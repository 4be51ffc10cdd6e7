"""Staff session limits: 30 minutes idle, 12 hours at most, enforced on the server.

Runs right after django_otp's OTPMiddleware. The session's own expiry (SESSION_COOKIE_AGE) is a backstop;
the timestamps kept here decide, so a stolen cookie is no good after the limits either. The "last seen"
stamp is written at most every ten seconds, so a page and its htmx requests cost one session write.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .services import SESSION_LOGIN_AT, SESSION_NOTICE, SESSION_SEEN_AT, end_current_session

SEEN_RESOLUTION_SECONDS = 10


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        # Checking the session first: anonymous visitors cost no user query and get no session.
        if session is not None and SESSION_KEY in session:
            self._enforce(request)
        return self.get_response(request)

    def _enforce(self, request: HttpRequest) -> None:
        session = request.session
        now = timezone.now().timestamp()
        started = session.get(SESSION_LOGIN_AT)
        seen = session.get(SESSION_SEEN_AT)
        if started is None or seen is None:
            # A session made outside the login views (e.g. force_login in tests): the limits start now.
            session[SESSION_LOGIN_AT] = started if started is not None else now
            session[SESSION_SEEN_AT] = now
            return
        reason = ""
        if now - started > settings.STAFF_SESSION_MAX_SECONDS:
            reason = "max"
        elif now - seen > settings.SESSION_COOKIE_AGE:
            reason = "idle"
        if reason:
            end_current_session(request)
            request.session[SESSION_NOTICE] = reason
        elif now - seen >= SEEN_RESOLUTION_SECONDS:
            session[SESSION_SEEN_AT] = now
