"""Min side's login: set up from an invitation, log in with a password or a one-time email link, and always
a second factor (an authenticator app, a passkey, or a backup code). The services are the staff login's
(`client=True`); only the pages and where they lead differ.

All @public: they are for people who are not (yet) fully logged in, and each checks the half-logged-in
state itself, like the staff login pages. Min side's own pages are `@own_data` (forlop.audit.access).
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from forlop.audit.access import public
from forlop.lib.requests import hashed_ip

from . import clients, idporten, passkeys, services
from .forms import CodeForm, LoginForm, NewPasswordForm, PasswordResetRequestForm, TOTPSetupForm
from .guards import is_verified
from .models import User, WebAuthnCredential
from .views import (
    _device_token,
    _json_error,
    _read_json,
    _safe_next,
    _set_device_cookie,
    _user_agent,
    passkey_login_for,
    passkey_options_for,
    posted_json,
)

SESSION_PASSKEY_LOGIN = "client_passkey_login_challenge"
SESSION_PASSKEY_REGISTER = "client_passkey_register_challenge"
HOME = "/min-side/"  # Min side's start page


def _home(request: HttpRequest) -> str:
    return request.session.pop(services.SESSION_NEXT, None) or getattr(settings, "CLIENT_HOME_URL", HOME)


def _pending_client(request: HttpRequest) -> User | None:
    user = request.user
    if user.is_authenticated and services.may_log_in(user, client=True) and not is_verified(user):  # type: ignore[arg-type]
        return user  # type: ignore[return-value]
    return None


def _second_step(user: User) -> str:
    return reverse("accounts:client_setup" if services.needs_enrolment(user) else "accounts:client_verify")


def _start_half_session(request: HttpRequest, user: User) -> HttpResponse:
    """Password (or link) accepted: a session that can reach only the second step."""
    services.log_in(request=request, user=user)
    return redirect(_second_step(user))


def _finish(request: HttpRequest, device, response: HttpResponseBase) -> HttpResponseBase:
    token = services.finish_login(
        request=request,
        device=device,
        ip_hash=hashed_ip(request),
        user_agent=_user_agent(request),
        device_token=_device_token(request),
    )
    _set_device_cookie(response, token)
    pid = idporten.take_pending(request.session)
    if pid:  # came from ID-porten with a pid we did not know, and has now proved the account
        try:
            idporten.link_pid(user=request.user, pid=pid)  # type: ignore[arg-type]
        except idporten.IdPortenError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, _("ID-porten er koblet til Min side. Neste gang kan du logge inn med den.")
            )
    return response


# --- Invitation ------------------------------------------------------------------------------------------


@public
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    user = clients.user_for_invitation(token)
    if user is None:
        return render(request, "accounts/client_invitation_invalid.html", status=400)
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        clients.accept_invitation(user=user, password=form.cleaned_data["new_password1"])
        if request.user.is_authenticated:
            services.end_current_session(request)
        return _start_half_session(request, user)
    return render(request, "accounts/client_invitation.html", {"form": form, "invited": user})


# --- Step 1: password or emailed link --------------------------------------------------------------------


@public
@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.GET.get("next"))
    if next_url:
        request.session[services.SESSION_NEXT] = next_url
    user = request.user
    if user.is_authenticated:
        if is_verified(user) and services.may_log_in(user, client=True):  # type: ignore[arg-type]
            return redirect(_home(request))
        if _pending_client(request):
            return redirect(_second_step(user))  # type: ignore[arg-type]
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.check_password(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
            ip_hash=hashed_ip(request),
            user_agent=_user_agent(request),
            client=True,
        )
        if result.user is not None:
            return _start_half_session(request, result.user)
        if result.locked:
            form.add_error(
                None,
                _(
                    "For mange mislykkede forsøk. Av sikkerhetshensyn må du vente 15 minutter før du prøver "
                    "igjen fra denne enheten."
                ),
            )
        else:
            form.add_error(None, _("E-postadressen eller passordet er feil."))
    return render(
        request,
        "accounts/client_login.html",
        {"form": form, "idporten": idporten.enabled()},
    )


@public
@never_cache
@require_http_methods(["GET", "POST"])
def link_login(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        clients.request_login_link(email=form.cleaned_data["email"], ip_hash=hashed_ip(request))
        return render(request, "accounts/client_link_sent.html")
    return render(request, "accounts/client_link_login.html", {"form": form})


@public
@never_cache
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST logs in: mail scanners that open links must not use the link up."""
    user = clients.user_for_login_link(token)
    if user is None:
        return render(request, "accounts/client_link_invalid.html", status=400)
    if request.method == "POST":
        if request.user.is_authenticated:
            services.end_current_session(request)
        return _start_half_session(request, user)
    return render(request, "accounts/client_link_confirm.html")


# --- Step 2: second factor -------------------------------------------------------------------------------


@public
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponseBase:
    user = _pending_client(request)
    if user is None:
        return redirect("accounts:client_login")
    if services.needs_enrolment(user):
        return redirect("accounts:client_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.check_code(
            user=user,
            code=form.cleaned_data["code"],
            ip_hash=hashed_ip(request),
            user_agent=_user_agent(request),
        )
        if result.locked:
            form.add_error(
                None,
                _("For mange feil koder. Av sikkerhetshensyn må du vente 15 minutter før du prøver igjen."),
            )
        elif result.device is None:
            form.add_error(
                "code",
                _(
                    "Koden stemmer ikke. Skriv inn koden appen viser akkurat nå (den byttes hvert 30. sekund), "
                    "eller en reservekode du ikke har brukt før."
                ),
            )
        else:
            if isinstance(result.device, StaticDevice):
                messages.warning(
                    request,
                    _("Du brukte en reservekode. Du har %(left)s igjen.")
                    % {"left": services.backup_codes_left(user)},
                )
            return _finish(request, result.device, redirect(_home(request)))
    has_passkey = WebAuthnCredential.objects.devices_for_user(user, confirmed=True).exists()
    return render(request, "accounts/client_verify.html", {"form": form, "has_passkey": has_passkey})


@public
@never_cache
@posted_json("accounts:client_verify")
def passkey_login_options(request: HttpRequest) -> HttpResponse:
    return passkey_options_for(request, _pending_client(request), session_key=SESSION_PASSKEY_LOGIN)


@public
@never_cache
@posted_json("accounts:client_verify")
def passkey_login(request: HttpRequest) -> HttpResponseBase:
    return passkey_login_for(
        request,
        _pending_client(request),
        session_key=SESSION_PASSKEY_LOGIN,
        finish=_finish,
        redirect_url=_home(request),
    )


# --- Enrolment -------------------------------------------------------------------------------------------


def _enrolling_client(request: HttpRequest) -> User | None:
    user = _pending_client(request)
    return user if user is not None and services.needs_enrolment(user) else None


@public
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponseBase:
    user = _enrolling_client(request)
    if user is None:
        return redirect("accounts:client_verify" if _pending_client(request) else "accounts:client_login")
    key = services.pending_totp_key(request.session)
    preview = services.totp_preview(user=user, key=key)
    form = TOTPSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.confirm_totp(user=user, key=key, code=form.cleaned_data["code"])
        if device is None:
            form.add_error(
                "code",
                _(
                    "Koden stemmer ikke. Sjekk at du skannet koden på denne siden, at klokka på telefonen går "
                    "riktig, og skriv inn koden appen viser nå."
                ),
            )
        else:
            request.session.pop(services.SESSION_TOTP_KEY, None)
            request.session[services.SESSION_BACKUP_CODES] = services.generate_backup_codes(user=user)
            return _finish(request, device, redirect("accounts:client_backup_codes"))
    return render(
        request,
        "accounts/client_setup.html",
        {
            "form": form,
            "qr": services.totp_qr_data_uri(preview),
            "secret": services.totp_secret_for_humans(preview),
        },
    )


@public
@never_cache
@posted_json("accounts:client_setup")
def passkey_register_options(request: HttpRequest) -> HttpResponse:
    user = _enrolling_client(request)
    if user is None:
        return _json_error(_("Logg inn med e-post og passord først."), status=403)
    options, challenge = passkeys.registration_options(user=user, rp=passkeys.relying_party(request))
    request.session[SESSION_PASSKEY_REGISTER] = bytes_to_base64url(challenge)
    return HttpResponse(options, content_type="application/json")


@public
@never_cache
@posted_json("accounts:client_setup")
def passkey_register(request: HttpRequest) -> HttpResponseBase:
    user = _enrolling_client(request)
    if user is None:
        return _json_error(_("Logg inn med e-post og passord først."), status=403)
    challenge = request.session.pop(SESSION_PASSKEY_REGISTER, None)
    data = _read_json(request)
    if challenge is None or data is None:
        return _json_error(_("Registreringen ble avbrutt. Prøv igjen."))
    try:
        credential = passkeys.register(
            user=user,
            credential=data.get("credential") or {},
            challenge=base64url_to_bytes(challenge),
            rp=passkeys.relying_party(request),
            name=str(data.get("name") or ""),
        )
    except passkeys.PasskeyError as error:
        return _json_error(str(error))
    request.session[services.SESSION_BACKUP_CODES] = services.generate_backup_codes(user=user)
    return _finish(request, credential, JsonResponse({"redirect": reverse("accounts:client_backup_codes")}))


@public
@never_cache
@require_GET
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Shown once, right after the first factor is set up."""
    user = request.user
    if not (user.is_authenticated and is_verified(user) and services.may_log_in(user, client=True)):  # type: ignore[arg-type]
        return redirect("accounts:client_login")
    codes = request.session.pop(services.SESSION_BACKUP_CODES, None)
    return render(request, "accounts/client_backup_codes.html", {"codes": codes, "next_url": _home(request)})


@public
@never_cache
@require_GET
def security(request: HttpRequest) -> HttpResponse:
    """Where the new-device email points: for now, the way to a new password is a login link; a logged-in
    client can link ID-porten here."""
    user = request.user
    verified = user.is_authenticated and is_verified(user) and services.may_log_in(user, client=True)  # type: ignore[arg-type]
    return render(request, "accounts/client_security.html", {"can_link": verified and idporten.enabled()})


@public
@never_cache
@require_http_methods(["POST"])
def logout(request: HttpRequest) -> HttpResponse:
    services.end_current_session(request)
    messages.info(request, _("Du er logget ut."))
    return redirect("accounts:client_login")


# --- ID-porten -------------------------------------------------------------------------------------------


@public
@never_cache
@require_GET
def idporten_start(request: HttpRequest) -> HttpResponse:
    if not idporten.enabled():  # a bookmarked link while it is switched off: say so where one logs in
        messages.info(request, _("Innlogging med ID-porten er ikke slått på. Logg inn med e-post i stedet."))
        return redirect("accounts:client_login")
    return idporten.start(request)


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "accounts/client_idporten_refused.html", {"message": message}, status=400)


@public
@never_cache
@require_GET
def idporten_callback(request: HttpRequest) -> HttpResponseBase:
    """ID-porten's answer. A verified client links the pid to their account; anyone else is logged in as
    the person the pid is linked to, or asked to prove their account first."""
    if not idporten.enabled():
        messages.info(request, _("Innlogging med ID-porten er ikke slått på. Logg inn med e-post i stedet."))
        return redirect("accounts:client_login")
    try:
        pid = idporten.finish(request)
    except idporten.IdPortenError as refusal:
        return _refused(request, str(refusal))
    user = request.user
    if user.is_authenticated and is_verified(user) and services.may_log_in(user, client=True):  # type: ignore[arg-type]
        try:
            idporten.link_pid(user=user, pid=pid)  # type: ignore[arg-type]
        except idporten.IdPortenError as refusal:
            return _refused(request, str(refusal))
        messages.success(request, _("ID-porten er koblet til Min side. Neste gang kan du logge inn med den."))
        return redirect(_home(request))
    person = idporten.person_with_pid(pid)
    if person is None:
        if user.is_authenticated:
            services.end_current_session(request)
        idporten.remember_pending(request.session, pid)
        return render(request, "accounts/client_idporten_prove.html")
    account = person.user
    if account is None or not services.may_log_in(account, client=True):
        return _refused(
            request,
            _("Du har ingen aktiv konto på Min side. Ta kontakt med oss hvis du mener dette er feil."),
        )
    if user.is_authenticated:
        services.end_current_session(request)
    services.log_in(request=request, user=account)
    return _finish(request, idporten.device_for(account), redirect(_home(request)))
