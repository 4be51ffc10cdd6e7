from datetime import timedelta
from importlib import import_module

from django.conf import settings

from forlop.core.jobs import register

from .services import delete_expired_requests


@register("matching.delete_expired_requests", every=timedelta(days=1))
def delete_expired() -> None:
    delete_expired_requests()


@register("matching.clear_expired_sessions", every=timedelta(hours=1))
def clear_expired_sessions() -> None:
    # The match form keeps its answers (health information) in the session until it is sent; an abandoned
    # form's session row must not outlive its 30-minute expiry by more than the hour.
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
