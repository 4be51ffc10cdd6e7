"""Test helpers other apps may import: a staff member logged in with a verified second factor."""

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User, UserSession
from .services import SESSION_LOGIN_AT, SESSION_SEEN_AT


def login_verified(client: Client, user: User) -> Client:
    """Log `user` into `client` as if they had typed their password and an authenticator-app code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Testapp", confirmed=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = timezone.now().timestamp()
    session[SESSION_LOGIN_AT] = now
    session[SESSION_SEEN_AT] = now
    session.save()
    assert session.session_key is not None
    UserSession.objects.get_or_create(user=user, session_key=session.session_key)
    return client
