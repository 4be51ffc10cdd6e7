"""Re-entering the second factor for one weighty act (step-up): a doctor approving a taper plan.

A verified session is not enough for such an act: the person at the keyboard must show, there and then, that
they hold the account's second factor. `verify_code` checks a fresh code from the authenticator app (a code
already used, for the login or an earlier step-up, is refused: django-otp keeps the last time step) or an
unused backup code (used up by the check) against the user's confirmed devices.

Passkeys: the approval form also offers the passkey ceremony (`accounts:stepup_passkey_options` /
`accounts:stepup_passkey`, the same challenge-and-verify as the login). A verified answer leaves a one-time
proof in the session (`record_passkey_proof`), good for `PASSKEY_PROOF_MAX_AGE`, which the approving view
takes (`take_passkey_proof`) and hands to `verify_code(passkey=…)`. A proof is used once, belongs to one
account, and a stale one is refused.

Tries are taken before the check (`forlop.core.services.consume`, the pattern of the login): at most
`MAX_TRIES` per user per `WINDOW`, a right code gives its try back. Every wrong code is written to the login
log (`LoginEvent`, outcome "factor_failed"), where the owner already looks for attacks on second factors.
"""

from datetime import datetime, timedelta
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.core.services import consume, refund

from .models import LoginEvent, User, WebAuthnCredential

SCOPE = "staff-step-up"
PASSKEY_PROOF_KEY = "stepup_passkey_proof"
PASSKEY_PROOF_MAX_AGE = timedelta(minutes=2)
MAX_TRIES = 5
WINDOW = timedelta(minutes=15)


class StepUp(NamedTuple):
    device: Device | None
    error: str = ""  # Norwegian, for the form, when `device` is None
    locked: bool = False

    @property
    def ok(self) -> bool:
        return self.device is not None


def _confirmed_code_devices(user: User) -> tuple[bool, bool]:
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    static = StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists()
    return totp, static


def can_type_a_code(user: User) -> bool:
    """Whether the user has an authenticator app or unused backup codes to re-enter."""
    totp, static = _confirmed_code_devices(user)
    return totp or static


def has_passkey(user: User) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def refusal_for(user: User) -> str:
    """Why this user cannot step up here, or "" when they can."""
    if can_type_a_code(user) or has_passkey(user):
        return ""
    return _("Kontoen din har ingen andre faktor å bekrefte med. Sett opp en autentiseringsapp først.")


def record_passkey_proof(session, *, credential: WebAuthnCredential, now: datetime) -> None:
    """The passkey just answered a step-up challenge: remember it, once, for the form that is about to post."""
    session[PASSKEY_PROOF_KEY] = {"user": credential.user_id, "device": credential.pk, "at": now.isoformat()}


def take_passkey_proof(session, *, user: User, now: datetime) -> WebAuthnCredential | None:
    """The passkey that proved itself for `user` within PASSKEY_PROOF_MAX_AGE, used up; else None."""
    proof = session.pop(PASSKEY_PROOF_KEY, None)
    if not isinstance(proof, dict) or proof.get("user") != user.pk:
        return None
    try:
        at = datetime.fromisoformat(str(proof.get("at")))
    except ValueError:
        return None
    if not (timedelta(0) <= now - at <= PASSKEY_PROOF_MAX_AGE):
        return None
    return WebAuthnCredential.objects.filter(pk=proof.get("device"), user=user, confirmed=True).first()


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def verify_code(
    *,
    user: User,
    code: str,
    ip_hash: str = "",
    user_agent: str = "",
    now: datetime | None = None,
    passkey: WebAuthnCredential | None = None,
) -> StepUp:
    """Check a freshly typed code, or the passkey that has just answered a step-up challenge (taken from the
    session by `take_passkey_proof`). A TOTP code is accepted once; a backup code is used up."""
    now = now or timezone.now()
    key = str(user.pk)
    if passkey is not None and passkey.user_id == user.pk and passkey.confirmed:
        return StepUp(passkey)
    if not consume(scope=SCOPE, key=key, limit=MAX_TRIES, window=WINDOW, now=now):
        _log_failure(user=user, ip_hash=ip_hash, user_agent=user_agent, outcome=LoginEvent.Outcome.LOCKED)
        return StepUp(
            None,
            _("For mange feil koder. Vent et kvarter før du prøver igjen."),
            locked=True,
        )
    refusal = refusal_for(user)
    if not refusal and not can_type_a_code(user):
        refusal = _("Bekreft med passnøkkelen din: trykk på «Bekreft med passnøkkel».")
    if refusal:
        refund(scope=SCOPE, key=key, window=WINDOW, now=now)  # not a guess: there is nothing to guess at
        return StepUp(None, refusal)
    token = _normalise(code)
    matched = None
    if token:
        devices: list[Device] = [
            *TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update(),
            *StaticDevice.objects.devices_for_user(user, confirmed=True).select_for_update(),
        ]
        matched = next((device for device in devices if device.verify_token(token)), None)
    if matched is None:
        _log_failure(
            user=user, ip_hash=ip_hash, user_agent=user_agent, outcome=LoginEvent.Outcome.FACTOR_FAILED
        )
        if not token:
            return StepUp(None, _("Skriv inn koden fra autentiseringsappen eller en reservekode."))
        return StepUp(
            None,
            _("Koden stemmer ikke, eller den er brukt før. Vent på en ny kode i appen og prøv igjen."),
        )
    refund(scope=SCOPE, key=key, window=WINDOW, now=now)
    return StepUp(matched)


def _log_failure(*, user: User, ip_hash: str, user_agent: str, outcome: str) -> None:
    LoginEvent.objects.create(
        email_tried=user.email[:254],
        user=user,
        ip_hash=ip_hash,
        user_agent=user_agent[:100],
        outcome=outcome,
    )
