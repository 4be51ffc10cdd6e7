"""ID-porten as a second way into Min side: OpenID Connect, authorization code with PKCE (S256), a nonce,
and `acr_values=idporten-loa-high`, through Authlib's Django client (state, nonce and code verifier are kept
in the session under `_state_idporten_<state>`; the ID token's signature, issuer, audience, expiry and
nonce are checked by Authlib against the provider's discovery document and keys).

Off unless IDPORTEN_ISSUER, IDPORTEN_CLIENT_ID and IDPORTEN_CLIENT_SECRET are set (forlop.settings).

The `pid` claim (the national identity number) links to a Person (`Person.idporten_pid`, unique). A pid
that is not linked yet is linked only to a person who proves their account in the same session, with a
password or email link and a second factor (`link_pid`); a pid linked to another person is refused.
"""

from datetime import timedelta
from typing import Any

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from joserfc.errors import JoseError
from requests import RequestException

from forlop.people.models import Person

from .models import IdPortenLogin, User
from .services import _queue_email

NAME = "idporten"
ACR = "idporten-loa-high"
SESSION_PENDING_PID = "client_idporten_pending_pid"
PENDING_FOR = timedelta(minutes=15)


class IdPortenError(Exception):
    """A login through ID-porten that is refused; the message is shown to the person."""


def enabled() -> bool:
    return bool(settings.IDPORTEN_ISSUER and settings.IDPORTEN_CLIENT_ID and settings.IDPORTEN_CLIENT_SECRET)


def _client():
    """A fresh Authlib client from today's settings (the discovery document is fetched once per login)."""
    oauth = OAuth()
    oauth.register(
        NAME,
        client_id=settings.IDPORTEN_CLIENT_ID,
        client_secret=settings.IDPORTEN_CLIENT_SECRET,
        server_metadata_url=settings.IDPORTEN_ISSUER.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid profile", "code_challenge_method": "S256", "timeout": 10},
    )
    return oauth.create_client(NAME)


def redirect_uri() -> str:
    return settings.SITE_URL + reverse("accounts:idporten_callback")


def start(request: HttpRequest) -> HttpResponse:
    """Redirect to ID-porten; state, nonce and the PKCE verifier stay in this session."""
    return _client().authorize_redirect(request, redirect_uri(), acr_values=ACR, ui_locales="nb")


def finish(request: HttpRequest) -> str:
    """The `pid` from ID-porten's answer, after Authlib has checked state, code (with the PKCE verifier) and
    the ID token (signature, issuer, audience, expiry, nonce). Refused unless the level is idporten-loa-high."""
    try:
        token: dict[str, Any] = _client().authorize_access_token(request)
    except (AuthlibBaseError, JoseError, RequestException, ValueError) as error:
        raise IdPortenError(
            "Innloggingen med ID-porten kunne ikke fullføres. Den kan ha tatt for lang tid, eller blitt "
            "startet i en annen nettleser. Prøv igjen."
        ) from error
    claims = token.get("userinfo") or {}
    if claims.get("acr") != ACR:
        raise IdPortenError(
            "Min side krever innlogging på høyt sikkerhetsnivå i ID-porten (for eksempel BankID eller MinID "
            "med app). Prøv igjen og velg en av dem."
        )
    pid = str(claims.get("pid") or "")
    if not (len(pid) == 11 and pid.isdigit()):
        raise IdPortenError("ID-porten sendte ikke fødselsnummeret ditt. Prøv igjen.")
    return pid


def person_with_pid(pid: str) -> Person | None:
    return Person.objects.filter(idporten_pid=pid).select_related("user").first()


def device_for(user: User) -> IdPortenLogin:
    """The django-otp device that marks a session as verified by ID-porten (loa-high is itself two-factor)."""
    device, _ = IdPortenLogin.objects.get_or_create(
        user=user, defaults={"name": "ID-porten", "confirmed": True}
    )
    return device


@transaction.atomic
def link_pid(*, user: User, pid: str) -> None:
    """Link ID-porten's pid to the client's person, once they have proved the account. Refused when the pid
    belongs to another person, or the person has another pid already."""
    person = Person.objects.select_for_update().filter(user=user).first()
    if person is None:
        raise IdPortenError("Kontoen din er ikke knyttet til en person hos oss. Ta kontakt med oss.")
    owner = Person.objects.filter(idporten_pid=pid).exclude(pk=person.pk).exists()
    if owner:
        raise IdPortenError(
            "Dette fødselsnummeret er allerede koblet til en annen konto på Min side. Vi har ikke koblet det "
            "til kontoen din. Ta kontakt med oss hvis du mener dette er feil."
        )
    if person.idporten_pid == pid:
        return
    if person.idporten_pid:
        raise IdPortenError(
            "Kontoen din er allerede koblet til et annet fødselsnummer i ID-porten. Ta kontakt med oss."
        )
    try:
        with transaction.atomic():
            Person.objects.filter(pk=person.pk).update(idporten_pid=pid)
    except IntegrityError as race:  # linked to someone else at the same moment
        raise IdPortenError(
            "Dette fødselsnummeret er allerede koblet til en annen konto på Min side."
        ) from race
    # The owner hears of it: a new way in to their account should never go unnoticed.
    _queue_email(
        to=user.email,
        template="client_idporten_linked",
        context={
            "name": user.get_short_name(),
            "when": timezone.now(),
            "security_url": settings.SITE_URL + reverse("accounts:client_security"),
        },
    )


def remember_pending(session, pid: str) -> None:
    """An unknown pid waits in the session for the person to prove their account, for PENDING_FOR."""
    session[SESSION_PENDING_PID] = {"pid": pid, "at": timezone.now().timestamp()}


def take_pending(session) -> str | None:
    pending = session.pop(SESSION_PENDING_PID, None)
    if not isinstance(pending, dict):
        return None
    if timezone.now().timestamp() - float(pending.get("at", 0)) > PENDING_FOR.total_seconds():
        return None
    return str(pending.get("pid") or "") or None
