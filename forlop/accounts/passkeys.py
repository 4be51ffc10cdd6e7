"""WebAuthn passkeys and security keys (py_webauthn 3): registration and authentication ceremonies.

The views keep the challenge in the session between the options request and the browser's answer; these
functions only build options and verify answers. Phishing resistance comes from the browser binding each
signature to the origin, so we check origin and rp id strictly.
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from forlop.lib import jsonbody

from .models import User, WebAuthnCredential

DEFAULT_NAME = "Passnøkkel"


class PasskeyError(Exception):
    """A ceremony that failed; the message is Norwegian and safe to show."""


class RelyingParty:
    def __init__(self, rp_id: str, origin: str):
        self.id = rp_id
        self.origin = origin


def relying_party(request: HttpRequest) -> RelyingParty:
    """In production the rp id is SITE_URL's host. Elsewhere it follows the address in use, so passkeys work
    on localhost and a test server's random port (browsers refuse IP addresses such as 127.0.0.1)."""
    if settings.PRODUCTION:
        parts = urlsplit(settings.SITE_URL)
        return RelyingParty(parts.hostname or "", f"{parts.scheme}://{parts.netloc}")
    host = request.get_host()
    return RelyingParty(urlsplit(f"//{host}").hostname or host, f"{request.scheme}://{host}")


def user_handle(user: User) -> bytes:
    """Stable, opaque id for the authenticator: never the email address."""
    return salted_hmac("forlop.accounts.passkey-user", str(user.pk), algorithm="sha256").digest()


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    descriptors = []
    for credential in WebAuthnCredential.objects.devices_for_user(user, confirmed=True):
        transports = []
        for value in credential.transports:
            try:
                transports.append(AuthenticatorTransport(value))
            except ValueError:
                continue
        descriptors.append(
            PublicKeyCredentialDescriptor(
                id=base64url_to_bytes(credential.credential_id), transports=transports or None
            )
        )
    return descriptors


def registration_options(*, user: User, rp: RelyingParty) -> tuple[str, bytes]:
    """Options JSON for navigator.credentials.create() and the challenge to keep in the session."""
    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=settings.PRACTICE_NAME,
        user_id=user_handle(user),
        user_name=user.email,
        user_display_name=user.full_name or user.email,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(user),
    )
    return options_to_json(options), options.challenge


def _parse(credential: str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(credential, str):
        try:
            credential = jsonbody.parse_text(credential)
        except jsonbody.BodyError as exc:
            raise PasskeyError(_("Svaret fra nettleseren kunne ikke leses. Prøv igjen.")) from exc
    if not isinstance(credential, dict):
        raise PasskeyError(_("Svaret fra nettleseren kunne ikke leses. Prøv igjen."))
    return credential


@transaction.atomic
def register(
    *, user: User, credential: str | dict[str, Any], challenge: bytes, rp: RelyingParty, name: str = ""
) -> WebAuthnCredential:
    data = _parse(credential)
    try:
        verified = verify_registration_response(
            credential=data, expected_challenge=challenge, expected_rp_id=rp.id, expected_origin=rp.origin
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
        raise PasskeyError(
            _(
                "Passnøkkelen ble ikke godkjent, og den er ikke lagret. Prøv igjen, "
                "eller sett opp en autentiseringsapp i stedet."
            )
        ) from exc
    credential_id = bytes_to_base64url(verified.credential_id)
    if WebAuthnCredential.objects.filter(credential_id=credential_id).exists():
        raise PasskeyError(_("Denne passnøkkelen er allerede registrert."))
    response = data.get("response") or {}
    transports = [str(t) for t in response.get("transports") or [] if isinstance(t, str)][:10]
    return WebAuthnCredential.objects.create(
        user=user,
        name=(name.strip() or DEFAULT_NAME)[:64],
        confirmed=True,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=transports,
        backed_up=verified.credential_backed_up,
    )


def authentication_options(*, user: User, rp: RelyingParty) -> tuple[str, bytes]:
    descriptors = _descriptors(user)
    if not descriptors:
        raise PasskeyError(_("Du har ingen passnøkkel registrert. Bruk en engangskode."))
    options = generate_authentication_options(
        rp_id=rp.id, allow_credentials=descriptors, user_verification=UserVerificationRequirement.PREFERRED
    )
    return options_to_json(options), options.challenge


@transaction.atomic
def authenticate(
    *, user: User, credential: str | dict[str, Any], challenge: bytes, rp: RelyingParty
) -> WebAuthnCredential:
    data = _parse(credential)
    refused = PasskeyError(_("Passnøkkelen ble ikke godkjent. Prøv igjen, eller bruk en engangskode."))
    stored = (
        WebAuthnCredential.objects.devices_for_user(user, confirmed=True)
        .select_for_update()
        .filter(credential_id=str(data.get("id", "")))
        .first()
    )
    if stored is None:
        raise refused
    try:
        verified = verify_authentication_response(
            credential=data,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=rp.origin,
            credential_public_key=bytes(stored.public_key),
            credential_current_sign_count=stored.sign_count,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
        raise refused from exc
    stored.sign_count = verified.new_sign_count
    stored.backed_up = verified.credential_backed_up
    stored.last_used_at = timezone.now()
    stored.save(update_fields=["sign_count", "backed_up", "last_used_at"])
    return stored
