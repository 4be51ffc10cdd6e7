"""Staff login, second factors, sessions and passwords: the writes that matter for account security.

Login is two steps. `check_password` (step 1) logs the person in with a password-only session: it can reach
the second step and enrolment, nothing else (the staff gate wants `user.is_verified()`). `finish_login`
(step 2) marks the session verified with a django-otp device and gives it a new id.

Brute force: failures are counted per (email tried, hashed address) pair, so an attacker elsewhere can
lock only their own pair, never the real person out. Wrong second-factor codes count against the same pair.

Password spraying (one address trying a common password on many accounts, once each, staying under every
pair's limit) is counted per address across accounts: after ADDRESS_MAX_FAILURES failed passwords in a
lockout window, every password from that address fails until the window ends, the right one included. That
answer is the wrong-password answer, byte for byte, and takes as long (the password is still hashed): a
sprayer learns neither which guesses were right nor that it is locked, so the lock is not a signal to move
to the next address. The price: colleagues behind the same address (one office, one NAT) are told their
password is wrong for the rest of the window; twenty failed logins in fifteen minutes from one small
practice's office is unusual enough to accept that, and the login log shows them as "locked". Logins that
succeed do not count towards the address.
"""

import base64
import hashlib
import secrets
from datetime import datetime, timedelta
from importlib import import_module
from typing import NamedTuple

import segno
from django.conf import settings
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from forlop.core.services import clear, consume, is_exhausted, refund
from forlop.lib.emails import normalise_email

from .models import KnownDevice, LoginEvent, User, UserSession, WebAuthnCredential

LOGIN_SCOPE = "staff-login"
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
ADDRESS_SCOPE = "staff-login-address"
ADDRESS_MAX_FAILURES = 20  # failed passwords from one address, across accounts, per LOCKOUT window

RESET_SCOPE = "password-reset"
RESET_LIMIT = 3
RESET_WINDOW = timedelta(hours=1)

# Session keys (epoch seconds) read by forlop.accounts.middleware.
SESSION_LOGIN_AT = "staff_login_at"
SESSION_SEEN_AT = "staff_seen_at"
SESSION_NEXT = "staff_login_next"
SESSION_NOTICE = "staff_notice"  # why the login page is shown (logged out, timed out …)
SESSION_BACKUP_CODES = "staff_backup_codes_once"
SESSION_TOTP_KEY = "staff_totp_pending_key"

DEVICE_COOKIE = "forlop_device"
DEVICE_COOKIE_SALT = "forlop.accounts.device"
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "Reservekoder"
TOTP_DEVICE_NAME = "Autentiseringsapp"

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


class LoginResult(NamedTuple):
    user: User | None
    locked: bool = False


class FactorResult(NamedTuple):
    device: Device | None
    locked: bool = False


class FactorError(Exception):
    """A second-factor change that is refused; the message is shown to the person."""


# --- Step 1: password -----------------------------------------------------------------------------------


def lockout_key(*, email: str, ip_hash: str) -> str:
    return f"{normalise_email(email)}|{ip_hash}"


def is_locked_out(*, email: str, ip_hash: str) -> bool:
    return is_exhausted(
        scope=LOGIN_SCOPE, key=lockout_key(email=email, ip_hash=ip_hash), limit=MAX_FAILURES, window=LOCKOUT
    )


def _take_try(*, key: str, now: datetime) -> bool:
    """Take one of the pair's tries before checking anything; `_give_back` returns it when the attempt was
    right. Counting first (not after a failure) is what stops simultaneous guesses from all passing a check
    made before any of them had failed (forlop.core.services.consume)."""
    return consume(scope=LOGIN_SCOPE, key=key, limit=MAX_FAILURES, window=LOCKOUT, now=now)


def _give_back(*, key: str, now: datetime) -> None:
    refund(scope=LOGIN_SCOPE, key=key, window=LOCKOUT, now=now)


def may_log_in(user: User, *, client: bool = False) -> bool:
    """Only active staff log in here (only active clients, without a staff role, at Min side's login:
    `client=True`); demo accounts never in production, even if someone created one."""
    if client:
        if not (user.is_active and user.is_client and not user.is_staff):
            return False
    elif not (user.is_active and user.is_staff):
        return False
    return not (settings.PRODUCTION and user.is_demo)


def _log_event(*, email: str, user: User | None, ip_hash: str, user_agent: str, outcome: str) -> None:
    LoginEvent.objects.create(
        email_tried=email[:254], user=user, ip_hash=ip_hash, user_agent=user_agent[:100], outcome=outcome
    )


@transaction.atomic
def check_password(
    *, email: str, password: str, ip_hash: str, user_agent: str, client: bool = False
) -> LoginResult:
    """Step 1. Unknown email, wrong password, inactive or non-staff account all fail the same way (with
    `client=True`, Min side's login: a staff account fails like a wrong password)."""
    email = normalise_email(email)
    key = lockout_key(email=email, ip_hash=ip_hash)
    now = timezone.now()
    if not _take_try(key=key, now=now):
        known = User.objects.filter(email=email).first()
        _log_event(
            email=email, user=known, ip_hash=ip_hash, user_agent=user_agent, outcome=LoginEvent.Outcome.LOCKED
        )
        return LoginResult(None, locked=True)
    address_open = consume(
        scope=ADDRESS_SCOPE, key=ip_hash, limit=ADDRESS_MAX_FAILURES, window=LOCKOUT, now=now
    )
    # ModelBackend hashes the password even for unknown emails, so timing does not reveal accounts. A
    # locked address is hashed too, so that its answer takes as long as any wrong password's.
    user = authenticate(None, email=email, password=password)
    if not address_open:
        _give_back(key=key, now=now)  # not a guess at this account: the password was never weighed
        known = User.objects.filter(email=email).first()
        _log_event(
            email=email, user=known, ip_hash=ip_hash, user_agent=user_agent, outcome=LoginEvent.Outcome.LOCKED
        )
        return LoginResult(None)  # answered exactly as a wrong password (see the module docstring)
    if user is None or not may_log_in(user, client=client):  # type: ignore[arg-type]
        known = User.objects.filter(email=email).first()
        _log_event(
            email=email, user=known, ip_hash=ip_hash, user_agent=user_agent, outcome=LoginEvent.Outcome.FAILED
        )
        return LoginResult(None)
    _give_back(key=key, now=now)
    refund(scope=ADDRESS_SCOPE, key=ip_hash, window=LOCKOUT, now=now)
    _log_event(
        email=email, user=user, ip_hash=ip_hash, user_agent=user_agent, outcome=LoginEvent.Outcome.PASSWORD_OK
    )  # type: ignore[arg-type]
    return LoginResult(user)  # type: ignore[arg-type]


def _now_ts() -> float:
    return timezone.now().timestamp()


def log_in(*, request: HttpRequest, user: User) -> None:
    """A password-only session with a new id (Django's login cycles the key)."""
    stale = request.session.session_key
    if stale:
        UserSession.objects.filter(session_key=stale).delete()
    auth_login(request, user, backend=AUTH_BACKEND)
    now = _now_ts()
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_SEEN_AT] = now
    key = request.session.session_key
    assert key is not None  # login saved the session under a new key
    UserSession.objects.create(user=user, session_key=key)


def rotate_session_key(request: HttpRequest) -> None:
    old = request.session.session_key
    request.session.cycle_key()
    _follow_rotation(request, old)


def _follow_rotation(request: HttpRequest, old_key: str | None) -> None:
    new_key = request.session.session_key
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


# --- Step 2: second factor ------------------------------------------------------------------------------


def has_primary_factor(user: User) -> bool:
    """A passkey or an authenticator app. Backup codes alone are for emergencies, not a setup."""
    return (
        WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


def needs_enrolment(user: User) -> bool:
    return not (has_primary_factor(user) or StaticDevice.objects.filter(user=user, confirmed=True).exists())


def _normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def check_code(*, user: User, code: str, ip_hash: str, user_agent: str) -> FactorResult:
    """Step 2 with a typed code: the authenticator app's six digits or one backup code (used up)."""
    key, now = lockout_key(email=user.email, ip_hash=ip_hash), timezone.now()
    if not _take_try(key=key, now=now):
        _log_event(
            email=user.email,
            user=user,
            ip_hash=ip_hash,
            user_agent=user_agent,
            outcome=LoginEvent.Outcome.LOCKED,
        )
        return FactorResult(None, locked=True)
    token = _normalise_code(code)
    devices: list[Device] = []
    if token:
        devices += list(TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update())
        devices += list(StaticDevice.objects.devices_for_user(user, confirmed=True).select_for_update())
    matched = next((device for device in devices if device.verify_token(token)), None)
    if matched is None:
        _log_event(
            email=user.email,
            user=user,
            ip_hash=ip_hash,
            user_agent=user_agent,
            outcome=LoginEvent.Outcome.FACTOR_FAILED,
        )
    else:
        _give_back(key=key, now=now)
    return FactorResult(matched)


def record_factor_failure(*, user: User, ip_hash: str, user_agent: str) -> None:
    """A refused passkey counts like a wrong code."""
    _take_try(key=lockout_key(email=user.email, ip_hash=ip_hash), now=timezone.now())
    _log_event(
        email=user.email,
        user=user,
        ip_hash=ip_hash,
        user_agent=user_agent,
        outcome=LoginEvent.Outcome.FACTOR_FAILED,
    )


@transaction.atomic
def finish_login(
    *, request: HttpRequest, device: Device, ip_hash: str, user_agent: str, device_token: str | None
) -> str:
    """Mark the session verified, give it a new id, and recognise the browser. Returns the device-cookie
    token to (re)set; a browser this person has not used before gets them an email."""
    user: User = request.user  # type: ignore[assignment]
    otp_login(request, device)
    rotate_session_key(request)
    request.session[SESSION_SEEN_AT] = _now_ts()
    clear(scope=LOGIN_SCOPE, key=lockout_key(email=user.email, ip_hash=ip_hash))
    _log_event(
        email=user.email,
        user=user,
        ip_hash=ip_hash,
        user_agent=user_agent,
        outcome=LoginEvent.Outcome.VERIFIED,
    )
    return remember_device(user=user, token=device_token, description=user_agent)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def remember_device(*, user: User, token: str | None, description: str) -> str:
    token = token or secrets.token_urlsafe(24)
    now = timezone.now()
    updated = KnownDevice.objects.filter(user=user, token_hash=_token_hash(token)).update(last_seen_at=now)
    if not updated:
        KnownDevice.objects.create(
            user=user,
            token_hash=_token_hash(token),
            description=description[:100],
            first_seen_at=now,
            last_seen_at=now,
        )
        client = user.is_client  # a client's email names Min side's pages, not the staff area's
        _queue_email(
            to=user.email,
            template="client_new_device" if client else "account_new_device",
            context={
                "name": user.get_short_name(),
                "when": now,
                "browser": description,
                "security_url": settings.SITE_URL
                + reverse("accounts:client_security" if client else "accounts:security"),
                "reset_url": settings.SITE_URL
                + reverse("accounts:client_link_login" if client else "accounts:password_reset"),
            },
        )
    return token


def _queue_email(*, to: str, template: str, context: dict) -> None:
    from forlop.outbox.services import queue_email  # the outbox app is built alongside this one

    queue_email(to=[to], template=template, context=context)


# --- Enrolment and managing factors ---------------------------------------------------------------------


def pending_totp_key(session) -> str:
    """The secret shown while someone sets up an app; kept in the session until the first code proves the
    app has it, so abandoned setups leave nothing behind in the database."""
    key = session.get(SESSION_TOTP_KEY)
    if not key:
        key = random_hex(20)
        session[SESSION_TOTP_KEY] = key
    return key


def totp_preview(*, user: User, key: str) -> TOTPDevice:
    return TOTPDevice(user=user, key=key, name=TOTP_DEVICE_NAME)


def totp_qr_data_uri(device: TOTPDevice) -> str:
    # Drawn here, never by a third-party QR service: the secret must not leave the server.
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2, dark="#0b2e36")


def totp_secret_for_humans(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_totp(*, user: User, key: str, code: str) -> TOTPDevice | None:
    device = totp_preview(user=user, key=key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    token = _normalise_code(code)
    if not token.isdigit() or not totp.verify(int(token), tolerance=device.tolerance):
        return None
    device.last_t = totp.t()  # the code just used cannot log anyone in again
    device.confirmed = True
    device.save()
    return device


@transaction.atomic
def generate_backup_codes(*, user: User) -> list[str]:
    """Ten new one-time codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def remove_factor(*, user: User, device: TOTPDevice | WebAuthnCredential) -> None:
    if device.user_id != user.pk:
        raise FactorError("Enheten hører ikke til kontoen din.")
    passkeys = WebAuthnCredential.objects.filter(user=user, confirmed=True)
    apps = TOTPDevice.objects.filter(user=user, confirmed=True)
    if isinstance(device, WebAuthnCredential):
        passkeys = passkeys.exclude(pk=device.pk)
    else:
        apps = apps.exclude(pk=device.pk)
    others = passkeys.exists() or apps.exists()
    if not others:
        raise FactorError(
            "Du kan ikke fjerne den eneste andre faktoren din. Legg til en passnøkkel eller en app først."
        )
    device.delete()


# --- Sessions -------------------------------------------------------------------------------------------


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@transaction.atomic
def end_sessions(*, user: User, keep_session_key: str | None = None) -> int:
    """Delete the user's sessions on the server: a copied cookie stops working at once."""
    rows = UserSession.objects.filter(user=user)
    if keep_session_key:
        rows = rows.exclude(session_key=keep_session_key)
    keys = list(rows.values_list("session_key", flat=True))
    store = _session_store()
    for key in keys:
        store(session_key=key).delete(key)
    rows.delete()
    return len(keys)


def end_current_session(request: HttpRequest) -> None:
    key = request.session.session_key
    auth_logout(request)  # flushes: the session row is deleted
    if key:
        UserSession.objects.filter(session_key=key).delete()


@transaction.atomic
def deactivate_user(*, user: User) -> None:
    """An account that is switched off is logged out everywhere at once."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    end_sessions(user=user)


# --- Passwords ------------------------------------------------------------------------------------------


@transaction.atomic
def change_password(*, request: HttpRequest, user: User, password: str) -> None:
    """The person's own change: this session stays (with a new id), every other one ends."""
    user.set_password(password)
    user.save(update_fields=["password"])
    old = request.session.session_key
    update_session_auth_hash(request, user)  # cycles the key
    _follow_rotation(request, old)
    end_sessions(user=user, keep_session_key=request.session.session_key)
    _password_changed_email(user)


def _password_changed_email(user: User) -> None:
    _queue_email(
        to=user.email,
        template="account_password_changed",
        context={
            "name": user.get_short_name(),
            "when": timezone.now(),
            "reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
        },
    )


@transaction.atomic
def request_password_reset(*, email: str, ip_hash: str) -> None:
    """Sends a link if the address belongs to an active staff account; says nothing either way."""
    email = normalise_email(email)
    key = f"{email}|{ip_hash}"
    if not consume(scope=RESET_SCOPE, key=key, limit=RESET_LIMIT, window=RESET_WINDOW):
        return
    user = User.objects.filter(email=email, is_active=True, is_staff=True).first()
    if user is None or not user.has_usable_password() or not may_log_in(user):
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.SITE_URL + reverse(
        "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )
    _queue_email(
        to=user.email,
        template="account_password_reset",
        context={
            "name": user.get_short_name(),
            "link": link,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )


def user_for_reset_token(*, uidb64: str, token: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


@transaction.atomic
def reset_password(*, user: User, password: str) -> None:
    """A new password from the emailed link. It does not log anyone in: the next login still asks for the
    second factor, so a stolen mailbox alone is not enough."""
    user.set_password(password)
    user.save(update_fields=["password"])
    end_sessions(user=user)
    _password_changed_email(user)


# --- Housekeeping ---------------------------------------------------------------------------------------

LOGIN_EVENT_RETENTION = timedelta(days=180)
KNOWN_DEVICE_RETENTION = timedelta(days=400)  # the device cookie lives 365 days


@transaction.atomic
def prune_security_records(*, now: datetime | None = None) -> dict[str, int]:
    """Forget what is no longer needed: old login attempts, browsers not seen for over a year, and session
    rows whose sessions cannot be alive any more (past the 12-hour cap)."""
    now = now or timezone.now()
    session_cutoff = now - timedelta(seconds=settings.STAFF_SESSION_MAX_SECONDS + 3600)
    return {
        "login_events": LoginEvent.objects.filter(created_at__lt=now - LOGIN_EVENT_RETENTION).delete()[0],
        "known_devices": KnownDevice.objects.filter(last_seen_at__lt=now - KNOWN_DEVICE_RETENTION).delete()[
            0
        ],
        "user_sessions": UserSession.objects.filter(created_at__lt=session_cutoff).delete()[0],
    }
