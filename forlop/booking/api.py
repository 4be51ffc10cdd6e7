"""JSON API `/api/v1/` for embedding and integrations: therapists, free slots, holds, confirmations.

Plain Django views over the same services as the HTML flow (same validation, holds, rate limits and database
guarantees). The contract is the hand-written OpenAPI document in openapi.py, served at
/api/v1/openapi.json and checked against the live views by tests/test_api_schema.py (schemathesis).

CSRF: the API is csrf_exempt. That is safe only because it never reads or sets cookies or sessions: a
request is authorised by what it carries (the hold token in the URL), not by ambient browser credentials,
so a forged cross-site request gains nothing a direct request would not. Do not add cookie-based auth here.

Every error is {"error": {"code": …, "message": …, "fields"?: {field: [messages]}}} with a stable code.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from forlop.audit.access import public
from forlop.core import services as core_services
from forlop.lib.requests import hashed_ip
from forlop.lib.timezones import OSLO
from forlop.therapists.models import Therapist

from . import services
from .forms import DetailsForm, is_sane_day, parse_start
from .models import Booking, ConsultationType, TherapistPrice, is_doctor, price_for
from .openapi import MAX_RANGE_DAYS, document
from .slots import free_slots
from .views import HOLD_RATE_SCOPE

API_RATE_SCOPE = "booking.api"
DEFAULT_RANGE_DAYS = 7
IDEMPOTENCY_HEADER = "HTTP_IDEMPOTENCY_KEY"
IDEMPOTENCY_MAX = 80


def error(status: int, code: str, message: str, fields: dict | None = None) -> JsonResponse:
    body: dict = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = fields
    return JsonResponse({"error": body}, status=status)


def _z(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def api_view(*methods: str) -> Callable:
    """JSON 405 for other methods, the per-address rate limit, and no CSRF (see the module docstring)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> JsonResponse:
            if request.method not in methods:
                response = error(
                    405,
                    "method_not_allowed",
                    _("Metoden %(method)s støttes ikke her.") % {"method": request.method},
                )
                response["Allow"] = ", ".join(methods)
                return response
            limit = settings.BOOKING_API_RATE_LIMIT_PER_MINUTE
            if limit:
                key = hashed_ip(request)
                if not core_services.consume(
                    scope=API_RATE_SCOPE, key=key, limit=limit, window=timedelta(minutes=1)
                ):
                    return _rate_limited(60)
            return view(request, *args, **kwargs)

        return public(csrf_exempt(wrapper))

    return decorator


def _rate_limited(retry_after: int) -> JsonResponse:
    response = error(429, "rate_limited", _("For mange forespørsler. Vent litt og prøv igjen."))
    response["Retry-After"] = str(retry_after)
    return response


def _json_body(request: HttpRequest) -> dict | None:
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _not_found(message: str) -> JsonResponse:
    return error(404, "not_found", message)


# --- read ---------------------------------------------------------------------------------------------------


def _type_json(ctype: ConsultationType, price: int) -> dict:
    return {
        "slug": ctype.slug,
        "name": ctype.name,
        "description": ctype.description,
        "duration_minutes": ctype.duration_minutes,
        "price_ore": price,
        "mode": ctype.mode,
    }


@api_view("GET")
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(document())


@api_view("GET")
def therapists(request: HttpRequest) -> JsonResponse:
    """Published therapists with their public fields and bookable types. Four queries, whatever the count."""
    rows = list(
        Therapist.objects.published()
        .prefetch_related("languages", "meeting_modes", "consultation_types")
        .order_by("name", "pk")
    )
    prices: dict[int, dict[int, int]] = {}
    for therapist_id, type_id, price in TherapistPrice.objects.values_list(
        "therapist_id", "consultation_type_id", "price_ore"
    ):
        prices.setdefault(therapist_id, {})[type_id] = price
    result = []
    for therapist in rows:
        own = prices.get(therapist.pk, {})
        doctor = is_doctor(therapist)
        types = sorted(
            (
                ctype
                for ctype in therapist.consultation_types.all()  # type: ignore[attr-defined]
                if ctype.active and (doctor or not ctype.doctors_only)
            ),
            key=lambda ctype: (ctype.position, ctype.pk),
        )
        result.append(
            {
                "slug": therapist.slug,
                "name": therapist.name,
                "title": therapist.display_title,
                "profession": therapist.profession,
                "languages": sorted(language.key for language in therapist.languages.all()),
                "meeting_modes": sorted(mode.key for mode in therapist.meeting_modes.all()),
                "place": therapist.place,
                "profile_url": settings.SITE_URL
                + reverse("therapists:detail", kwargs={"slug": therapist.slug}),
                "booking_url": settings.SITE_URL + reverse("booking:start", kwargs={"slug": therapist.slug}),
                "consultation_types": [_type_json(ctype, price_for(ctype, own)) for ctype in types],
            }
        )
    return JsonResponse({"therapists": result})


def _date_param(request: HttpRequest, name: str, fields: dict) -> date | None:
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        fields[name] = [_("Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2026-03-03.")]
        return None
    if not is_sane_day(day):
        fields[name] = [_("Datoen må ligge mellom år 2000 og 2100.")]
        return None
    return day


def _offered_type(therapist: Therapist, slug: str) -> ConsultationType | None:
    return ConsultationType.objects.offered_by(therapist).filter(slug=slug).first()


@api_view("GET")
def slots(request: HttpRequest, slug: str) -> JsonResponse:
    """Free slots of one therapist and type, from `from` to `to` (Oslo dates, inclusive, at most 31 days)."""
    therapist = Therapist.objects.published().filter(slug=slug).first()
    if therapist is None:
        return _not_found(_("Fant ingen terapeut med denne adressen."))
    fields: dict[str, list[str]] = {}
    type_slug = request.GET.get("type", "")
    ctype = _offered_type(therapist, type_slug) if type_slug else None
    if ctype is None:
        fields["type"] = [_("Oppgi en konsultasjonstype som terapeuten tilbyr (slug).")]
    now = timezone.now()
    today = now.astimezone(OSLO).date()
    first = _date_param(request, "from", fields)
    last = _date_param(request, "to", fields)
    if not fields:
        first = first or today
        last = last or first + timedelta(days=DEFAULT_RANGE_DAYS - 1)
        if last < first:
            fields["to"] = [_("Sluttdatoen kan ikke være før startdatoen.")]
        elif (last - first).days + 1 > MAX_RANGE_DAYS:
            fields["to"] = [_("Du kan be om høyst %(days)s dager om gangen.") % {"days": MAX_RANGE_DAYS}]
    if fields or ctype is None or first is None or last is None:
        return error(400, "validation_error", _("Forespørselen har feil."), fields)
    found = free_slots(
        therapist=therapist,
        consultation_type=ctype,
        start=datetime.combine(first, datetime.min.time(), tzinfo=OSLO),
        end=datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=OSLO),
        now=now,
    )
    return JsonResponse(
        {
            "therapist": therapist.slug,
            "type": ctype.slug,
            "from": first.isoformat(),
            "to": last.isoformat(),
            "time_zone": "Europe/Oslo",
            "slots": [
                {
                    "start": _z(slot.start_utc),
                    "end": _z(slot.end_utc),
                    "local_start": slot.start_local.isoformat(),
                }
                for slot in found
            ],
        }
    )


# --- write --------------------------------------------------------------------------------------------------


def _hold_json(booking: Booking, token: str) -> dict:
    return {
        "token": token,
        "therapist": booking.therapist.slug,
        "type": booking.consultation_type.slug,
        "start": _z(booking.start_at),
        "end": _z(booking.end_at),
        "expires_at": _z(booking.hold_expires_at) if booking.hold_expires_at else None,
        "price_ore": booking.price_ore,
    }


_STATUS_OF = {"slot_taken": 409, "outside_availability": 422, "hold_expired": 410}


def _booking_error(exc: services.BookingError) -> JsonResponse:
    return error(_STATUS_OF.get(exc.code, 400), exc.code, str(exc.message))


def _string(data: dict, name: str, fields: dict, *, max_length: int) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        fields[name] = [_("Feltet må være en tekst.")]
        return ""
    if len(value) > max_length:
        fields[name] = [_("Høyst %(count)s tegn.") % {"count": max_length}]
    return value


@api_view("POST")
def create_hold(request: HttpRequest) -> JsonResponse:
    """Hold a free slot for BOOKING_HOLD_MINUTES. An `Idempotency-Key` header makes retries safe."""
    data = _json_body(request)
    if data is None:
        return error(400, "validation_error", _("Body må være et JSON-objekt."))
    fields: dict[str, list[str]] = {}
    therapist_slug = _string(data, "therapist", fields, max_length=80)
    type_slug = _string(data, "type", fields, max_length=60)
    start_text = _string(data, "start", fields, max_length=64)
    start = parse_start(start_text) if start_text and "start" not in fields else None
    if start_text and start is None and "start" not in fields:
        fields["start"] = [
            _("Oppgi tidspunktet som ISO 8601 med tidssone, for eksempel 2026-03-03T09:00:00Z.")
        ]
    key = request.META.get(IDEMPOTENCY_HEADER, "").strip()
    if len(key) > IDEMPOTENCY_MAX:
        fields["Idempotency-Key"] = [_("Høyst %(count)s tegn.") % {"count": IDEMPOTENCY_MAX}]
    if fields or start is None:
        return error(400, "validation_error", _("Forespørselen har feil."), fields)
    therapist = Therapist.objects.published().filter(slug=therapist_slug).first()
    if therapist is None:
        return _not_found(_("Fant ingen terapeut med denne adressen."))
    ctype = _offered_type(therapist, type_slug)
    if ctype is None:
        return error(
            400,
            "validation_error",
            _("Forespørselen har feil."),
            {"type": [str(services.NotOffered.message)]},
        )
    ip_hash = hashed_ip(request)
    if not core_services.consume(
        scope=HOLD_RATE_SCOPE,
        key=ip_hash,
        limit=settings.BOOKING_HOLD_RATE_LIMIT_PER_HOUR,
        window=timedelta(hours=1),
    ):
        return _rate_limited(3600)
    try:
        # The key is scoped to the caller (keyed hash with their address), so someone else who guesses or
        # reuses it can never be handed this person's hold.
        scoped_key = hashlib.sha256(f"{ip_hash}:{key}".encode()).hexdigest() if key else None
        hold = services.hold_slot(
            therapist=therapist, consultation_type=ctype, start=start, idempotency_key=scoped_key
        )
    except services.BookingError as exc:
        return _booking_error(exc)
    return JsonResponse({"hold": _hold_json(hold.booking, hold.token)}, status=201)


@api_view("POST")
def confirm(request: HttpRequest, token: str) -> JsonResponse:
    """Turn a hold into a booking. Confirming the same hold again answers 200 with the same booking."""
    booking = (
        Booking.objects.by_checkout_token(token).select_related("therapist", "consultation_type").first()
    )
    if booking is None:
        return _not_found(_("Fant ingen reservasjon med denne nøkkelen."))
    data = _json_body(request)
    if data is None:
        return error(400, "validation_error", _("Body må være et JSON-objekt."))
    fields: dict[str, list[str]] = {}
    for name in ("name", "email", "phone", "note"):
        if name in data and not isinstance(data[name], str):
            fields[name] = [_("Feltet må være en tekst.")]
    if data.get("consent") is not True:
        fields["consent"] = [_("Personen må ha samtykket (consent: true).")]
    form = DetailsForm(
        {
            "name": data.get("name") if isinstance(data.get("name"), str) else "",
            "email": data.get("email") if isinstance(data.get("email"), str) else "",
            "phone": data.get("phone") if isinstance(data.get("phone"), str) else "",
            "note": data.get("note") if isinstance(data.get("note"), str) else "",
            "consent": "on",
        }
    )
    if not form.is_valid():
        for name, errors in form.errors.items():
            fields.setdefault(name, [str(message) for message in errors])
    if fields:
        return error(400, "validation_error", _("Forespørselen har feil."), fields)
    cleaned = form.cleaned_data
    try:
        result = services.confirm_booking(
            booking=booking,
            details=services.ClientDetails(
                name=cleaned["name"],
                email=cleaned["email"],
                phone=cleaned["phone"],
                note=cleaned["note"],
                consent=True,
            ),
        )
    except services.BookingError as exc:
        return _booking_error(exc)
    confirmed = result.booking
    body = {
        "booking": {
            "status": confirmed.status,
            "therapist": confirmed.therapist.slug,
            "type": confirmed.consultation_type.slug,
            "start": _z(confirmed.start_at),
            "end": _z(confirmed.end_at),
            "price_ore": confirmed.price_ore,
        }
    }
    return JsonResponse(body, status=201 if result.created else 200)


@api_view("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
def unknown(request: HttpRequest, rest: str) -> JsonResponse:
    return _not_found(_("Denne adressen finnes ikke i API-et."))
