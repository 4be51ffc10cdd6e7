"""Staff login (password, then a second factor), enrolment and account security (the start page is forlop.staff's).

The login, second-step and enrolment pages are classified @public: they are for people who are not (yet)
fully logged in, and each checks the half-logged-in state itself. Everything that assumes a verified
session goes through @staff_only / @personal_data.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from forlop.audit.access import public, staff_only
from forlop.lib import jsonbody
from forlop.lib.requests import hashed_ip

from . import passkeys, services, stepup
from .forms import (
    CodeForm,
    LoginForm,
    NewPasswordForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    TOTPSetupForm,
)
from .guards import is_verified
from .models import LoginEvent, Role, User, WebAuthnCredential
from .useragent import describe

STAFF_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.THERAPIST, Role.DOCTOR)

SESSION_PASSKEY_LOGIN = "staff_passkey_login_challenge"
SESSION_PASSKEY_REGISTER = "staff_passkey_register_challenge"

NOTICES = {
    "logout": gettext_lazy("Du er logget ut."),
    "ended": gettext_lazy(
        "Økten din er avsluttet, for eksempel etter 30 minutter uten aktivitet. Logg inn på nytt."
    ),
    "idle": gettext_lazy("Du ble logget ut fordi du ikke hadde vært aktiv på 30 minutter."),
    "max": gettext_lazy(
        "Du ble logget ut fordi du hadde vært innlogget i 12 timer. Logg inn på nytt for å fortsette."
    ),
    "password_reset": gettext_lazy("Passordet er endret. Logg inn med det nye passordet og andre faktor."),
}


def _user_agent(request: HttpRequest) -> str:
    return describe(request.headers.get("User-Agent", ""))


def _device_token(request: HttpRequest) -> str | None:
    return request.get_signed_cookie(
        services.DEVICE_COOKIE,
        default=None,
        salt=services.DEVICE_COOKIE_SALT,
        max_age=services.DEVICE_COOKIE_MAX_AGE,
    )


def _set_device_cookie(response: HttpResponseBase, token: str) -> None:
    response.set_signed_cookie(
        services.DEVICE_COOKIE,
        token,
        salt=services.DEVICE_COOKIE_SALT,
        max_age=services.DEVICE_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _safe_next(request: HttpRequest, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def _after_login_url(request: HttpRequest) -> str:
    return request.session.pop(services.SESSION_NEXT, None) or reverse(settings.LOGIN_REDIRECT_URL)


def _second_step_url(user: User) -> str:
    return reverse("accounts:setup" if services.needs_enrolment(user) else "accounts:verify")


def _pending_user(request: HttpRequest) -> User | None:
    """Logged in with the password, second factor not yet given."""
    user = request.user
    if user.is_authenticated and services.may_log_in(user) and not is_verified(user):  # type: ignore[arg-type]
        return user  # type: ignore[return-value]
    return None


def _factor_owner(request: HttpRequest) -> tuple[User | None, bool]:
    """Who may add a second factor here, and whether this is first-time enrolment (not yet verified)."""
    user = request.user
    if not user.is_authenticated or not services.may_log_in(user):  # type: ignore[arg-type]
        return None, False
    if is_verified(user):
        return user, False  # type: ignore[return-value]
    if services.needs_enrolment(user):  # type: ignore[arg-type]
        return user, True  # type: ignore[return-value]
    return None, False


def _finish(request: HttpRequest, device, response: HttpResponseBase) -> HttpResponseBase:
    token = services.finish_login(
        request=request,
        device=device,
        ip_hash=hashed_ip(request),
        user_agent=_user_agent(request),
        device_token=_device_token(request),
    )
    _set_device_cookie(response, token)
    return response


def _factor_added(request: HttpRequest, user: User, device, enrolling: bool) -> tuple[str, str | None]:
    """After a new app or passkey: finish the login if this was enrolment, and hand out backup codes the
    first time. Returns where to go next and a device-cookie token to set (enrolment only)."""
    token = None
    if enrolling:
        token = services.finish_login(
            request=request,
            device=device,
            ip_hash=hashed_ip(request),
            user_agent=_user_agent(request),
            device_token=_device_token(request),
        )
    if enrolling or services.backup_codes_left(user) == 0:
        request.session[services.SESSION_BACKUP_CODES] = services.generate_backup_codes(user=user)
        return reverse("accounts:backup_codes"), token
    messages.success(request, _("Den nye andre faktoren er lagt til."))
    return reverse("accounts:security"), token


# --- Step 1 ---------------------------------------------------------------------------------------------


@public
@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.GET.get("next"))
    user = request.user
    if user.is_authenticated:
        if is_verified(user):
            return redirect(next_url or reverse(settings.LOGIN_REDIRECT_URL))
        if services.may_log_in(user):  # type: ignore[arg-type]
            if next_url:
                request.session[services.SESSION_NEXT] = next_url
            return redirect(_second_step_url(user))  # type: ignore[arg-type]
    reason = request.session.pop(services.SESSION_NOTICE, "")
    if not reason and request.method == "GET" and "utlopt" in request.GET:
        reason = "ended"
    notice = NOTICES.get(reason, "")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.check_password(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
            ip_hash=hashed_ip(request),
            user_agent=_user_agent(request),
        )
        if result.user is not None:
            services.log_in(request=request, user=result.user)
            if next_url:
                request.session[services.SESSION_NEXT] = next_url
            return redirect(_second_step_url(result.user))
        if result.locked:
            form.add_error(
                None,
                _(
                    "For mange mislykkede forsøk. Av sikkerhetshensyn må du vente 15 minutter før du prøver "
                    "igjen fra denne enheten. Har du glemt passordet, kan du lage et nytt."
                ),
            )
        else:
            form.add_error(None, _("E-postadressen eller passordet er feil."))
    return render(request, "accounts/login.html", {"form": form, "notice": notice})


# --- Step 2 ---------------------------------------------------------------------------------------------


@public
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponseBase:
    user = _pending_user(request)
    if user is None:
        if request.user.is_authenticated and is_verified(request.user):
            return redirect(settings.LOGIN_REDIRECT_URL)
        return redirect("accounts:login")
    if services.needs_enrolment(user):
        return redirect("accounts:setup")
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
                left = services.backup_codes_left(user)
                messages.warning(
                    request,
                    _("Du brukte en reservekode. Du har %(left)s igjen; lag nye på Sikkerhet-siden.")
                    % {"left": left},
                )
            return _finish(request, result.device, redirect(_after_login_url(request)))
    has_passkey = WebAuthnCredential.objects.devices_for_user(user, confirmed=True).exists()
    return render(request, "accounts/verify.html", {"form": form, "has_passkey": has_passkey})


def posted_json(page: str):
    """For the passkey endpoints the script posts to: someone who opens one in the address bar is sent to
    the page that uses it instead of getting an error."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
            if request.method in ("GET", "HEAD"):
                return redirect(page)
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _json_error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _read_json(request: HttpRequest) -> dict | None:
    """The posted JSON object, or None for anything else (too deep, too large, not JSON: the script never
    sends those, so the answer is the same "try again" as for an interrupted ceremony)."""
    try:
        data = jsonbody.read(request)
    except jsonbody.BodyError:
        return None
    return data if isinstance(data, dict) else None


def passkey_options_for(request: HttpRequest, user: User | None, *, session_key: str) -> HttpResponse:
    """The passkey challenge for a user half-way through logging in (staff or client: one flow)."""
    if user is None:
        return _json_error(_("Logg inn med e-post og passord først."), status=403)
    try:
        options, challenge = passkeys.authentication_options(user=user, rp=passkeys.relying_party(request))
    except passkeys.PasskeyError as error:
        return _json_error(str(error))
    request.session[session_key] = bytes_to_base64url(challenge)
    return HttpResponse(options, content_type="application/json")


def passkey_login_for(
    request: HttpRequest, user: User | None, *, session_key: str, finish, redirect_url: str
) -> HttpResponseBase:
    """Check the passkey's answer to the challenge, with the same lockout as a code, and finish the login."""
    if user is None:
        return _json_error(_("Logg inn med e-post og passord først."), status=403)
    challenge = request.session.pop(session_key, None)
    ip_hash = hashed_ip(request)
    if services.is_locked_out(email=user.email, ip_hash=ip_hash):
        return _json_error(
            _("For mange mislykkede forsøk. Vent 15 minutter før du prøver igjen."), status=429
        )
    data = _read_json(request)
    if challenge is None or data is None:
        return _json_error(_("Innloggingen med passnøkkel ble avbrutt. Prøv igjen."))
    try:
        credential = passkeys.authenticate(
            user=user,
            credential=data,
            challenge=base64url_to_bytes(challenge),
            rp=passkeys.relying_party(request),
        )
    except passkeys.PasskeyError as error:
        services.record_factor_failure(user=user, ip_hash=ip_hash, user_agent=_user_agent(request))
        return _json_error(str(error))
    return finish(request, credential, JsonResponse({"redirect": redirect_url}))


@public
@never_cache
@posted_json("accounts:verify")
def passkey_login_options(request: HttpRequest) -> HttpResponse:
    return passkey_options_for(request, _pending_user(request), session_key=SESSION_PASSKEY_LOGIN)


@public
@never_cache
@posted_json("accounts:verify")
def passkey_login(request: HttpRequest) -> HttpResponseBase:
    return passkey_login_for(
        request,
        _pending_user(request),
        session_key=SESSION_PASSKEY_LOGIN,
        finish=_finish,
        redirect_url=_after_login_url(request),
    )


# --- Enrolment and security -----------------------------------------------------------------------------


@public
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponseBase:
    user, enrolling = _factor_owner(request)
    if user is None:
        return redirect("accounts:verify" if _pending_user(request) else "accounts:login")
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
            url, token = _factor_added(request, user, device, enrolling)
            response = redirect(url)
            if token:
                _set_device_cookie(response, token)
            return response
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "enrolling": enrolling,
            "qr": services.totp_qr_data_uri(preview),
            "secret": services.totp_secret_for_humans(preview),
        },
    )


@public
@never_cache
@posted_json("accounts:setup")
def passkey_register_options(request: HttpRequest) -> HttpResponse:
    user, _enrolling = _factor_owner(request)
    if user is None:
        return _json_error(_("Logg inn med e-post og passord først."), status=403)
    options, challenge = passkeys.registration_options(user=user, rp=passkeys.relying_party(request))
    request.session[SESSION_PASSKEY_REGISTER] = bytes_to_base64url(challenge)
    return HttpResponse(options, content_type="application/json")


@public
@never_cache
@posted_json("accounts:setup")
def passkey_register(request: HttpRequest) -> HttpResponseBase:
    user, enrolling = _factor_owner(request)
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
    url, token = _factor_added(request, user, credential, enrolling)
    response = JsonResponse({"redirect": url})
    if token:
        _set_device_cookie(response, token)
    return response


@staff_only(*STAFF_ROLES)
@require_GET
def security(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "accounts/security.html",
        {
            "passkeys": WebAuthnCredential.objects.devices_for_user(user, confirmed=True).order_by(
                "created_at"
            ),
            "apps": TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at"),
            "backup_left": services.backup_codes_left(user),
            "events": LoginEvent.objects.filter(user=user).order_by("-created_at")[:10],
        },
    )


@staff_only(*STAFF_ROLES)
@require_POST
def remove_passkey(request: HttpRequest, pk: int) -> HttpResponse:
    device = get_object_or_404(WebAuthnCredential, pk=pk, user=request.user)
    return _remove(request, device)


@staff_only(*STAFF_ROLES)
@require_POST
def remove_app(request: HttpRequest, pk: int) -> HttpResponse:
    device = get_object_or_404(TOTPDevice, pk=pk, user=request.user, confirmed=True)
    return _remove(request, device)


def _remove(request: HttpRequest, device) -> HttpResponse:
    try:
        services.remove_factor(user=request.user, device=device)  # type: ignore[arg-type]
    except services.FactorError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("«%(name)s» er fjernet.") % {"name": device.name})
    return redirect("accounts:security")


@staff_only(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        request.session[services.SESSION_BACKUP_CODES] = services.generate_backup_codes(user=request.user)  # type: ignore[arg-type]
        return redirect("accounts:backup_codes")
    codes = request.session.pop(services.SESSION_BACKUP_CODES, None)
    next_url = request.session.pop(services.SESSION_NEXT, None) or reverse(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next_url": next_url})


@staff_only(*STAFF_ROLES)
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.change_password(request=request, user=user, password=form.cleaned_data["new_password1"])
        messages.success(request, _("Passordet er endret. Du er logget ut på alle andre enheter."))
        return redirect("accounts:security")
    return render(request, "accounts/password_change.html", {"form": form})


# --- Logout and forgotten password ----------------------------------------------------------------------


@public
@never_cache
@require_http_methods(["GET", "POST"])
def logout(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.end_current_session(request)
        request.session[services.SESSION_NOTICE] = "logout"
        return redirect("accounts:login")
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return render(request, "accounts/logout.html")


@public
@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_password_reset(email=form.cleaned_data["email"], ip_hash=hashed_ip(request))
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


@public
@require_GET
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


@public
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = services.user_for_reset_token(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/password_reset_invalid.html", status=400)
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.reset_password(user=user, password=form.cleaned_data["new_password1"])
        if request.user.is_authenticated:
            services.end_current_session(request)
        request.session[services.SESSION_NOTICE] = "password_reset"
        return redirect("accounts:login")
    return render(request, "accounts/password_reset_confirm.html", {"form": form, "reset_user": user})


# --- Step-up: re-entering the second factor with a passkey for one weighty act --------------------------------

SESSION_STEPUP_PASSKEY = "stepup_passkey_challenge"


@staff_only(*STAFF_ROLES)
@never_cache
@require_POST
def stepup_passkey_options(request: HttpRequest) -> HttpResponse:
    """The challenge for a logged-in staff member who confirms an act with their passkey (forlop.accounts.stepup)."""
    return passkey_options_for(request, request.user, session_key=SESSION_STEPUP_PASSKEY)  # type: ignore[arg-type]


@staff_only(*STAFF_ROLES)
@never_cache
@require_POST
def stepup_passkey(request: HttpRequest) -> HttpResponseBase:
    """Check the passkey's answer; on success leave a one-time proof in the session and tell the page to send
    its form (the form's view takes the proof with `stepup.take_passkey_proof`)."""

    def finish(request: HttpRequest, credential: WebAuthnCredential, _response: HttpResponse) -> HttpResponse:
        stepup.record_passkey_proof(request.session, credential=credential, now=timezone.now())
        return JsonResponse({"submit": True})

    return passkey_login_for(
        request,
        request.user,  # type: ignore[arg-type]
        session_key=SESSION_STEPUP_PASSKEY,
        finish=finish,
        redirect_url="",
    )
