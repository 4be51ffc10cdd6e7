"""JSON API `/api/v1/` for embedding and integrations: therapists, free slots, holds, confirmations.

Plain Django views over the same services as the HTML flow (same validation, holds, rate limits and database
guarantees). The inputs are the forms in forms.py (HoldRequestForm, SlotsQueryForm, DetailsForm), from which
openapi.py writes the OpenAPI document served at /api/v1/openapi.json; tests/test_api_schema.py checks it
against the live views (schemathesis, also stateful through the document's links).

CSRF: the API is csrf_exempt. That is safe only because it never reads or sets cookies or sessions: a
request is authorised by what it carries (the hold token in the URL), not by ambient browser credentials,
so a forged cross-site request gains nothing a direct request would not. Do not add cookie-based auth here.

Every error is {"error": {"code": …, "message": …, "fields"?: {field: [messages]}}} with a stable code
(forlop/lib/jsonbody.py), also a crash (500), a body too large (413) or an unknown address under /api/v1/:
the views carry `json_errors`, which the site's error handlers (site/views.py) look for.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps

from django.conf import settings
from django.core.validators import slug_re
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from forlop.audit.access import public
from forlop.core import services as core_services
from forlop.core.unavailable import MESSAGE as UNAVAILABLE_MESSAGE
from forlop.core.unavailable import refused_write, unavailable
from forlop.lib import jsonbody
from forlop.lib.requests import hashed_ip
from forlop.lib.timezones import OSLO
from forlop.therapists.models import Therapist

from . import services
from .forms import DetailsForm, HoldRequestForm, SlotsQueryForm
from .models import Booking, ConsultationType, TherapistPrice, price_for
from .openapi import IDEMPOTENCY_MAX, MAX_RANGE_DAYS, bind_json, document
from .slots import (
    offered_type,
    one_version_per_request,
    published_therapist,
    schedule_version,
    slots_json,
)
from .views import HOLD_RATE_SCOPE

API_RATE_SCOPE = "booking.api"
DEFAULT_RANGE_DAYS = 7
IDEMPOTENCY_HEADER = "HTTP_IDEMPOTENCY_KEY"
MAX_BODY_BYTES = 64 * 1024  # a hold or a confirmation is well under 8 kB


def error(
    status: int, code: str, message: str | Promise, fields: dict | None = None, **extra
) -> JsonResponse:
    return jsonbody.error_response(status, code, message, fields, **extra)


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
            # A database that will not take the request (locked, read-only, gone) is a 503 in the JSON shape.
            with refused_write(f"api {view.__name__}"):
                limit = settings.BOOKING_API_RATE_LIMIT_PER_MINUTE
                if limit:
                    key = hashed_ip(request)
                    if not core_services.consume(
                        scope=API_RATE_SCOPE, key=key, limit=limit, window=timedelta(minutes=1)
                    ):
                        return _rate_limited(60)
                return view(request, *args, **kwargs)
            return unavailable(error(503, "unavailable", str(UNAVAILABLE_MESSAGE)))

        return jsonbody.json_errors(public(csrf_exempt(wrapper)))

    return decorator


def _rate_limited(retry_after: int) -> JsonResponse:
    response = error(429, "rate_limited", _("For mange forespørsler. Vent litt og prøv igjen."))
    response["Retry-After"] = str(retry_after)
    return response


def _json_object(request: HttpRequest) -> dict | JsonResponse:
    """The body as a JSON object, or the error to answer (400, or 413 for a body over the limit)."""
    try:
        data = jsonbody.read(request, max_bytes=MAX_BODY_BYTES)
    except jsonbody.BodyError as exc:
        return error(exc.status, exc.code, exc.message)
    if not isinstance(data, dict):
        return error(400, "validation_error", _("Body må være et JSON-objekt."))
    return data


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
        physician = therapist.is_physician
        types = sorted(
            (
                ctype
                for ctype in therapist.consultation_types.all()  # type: ignore[attr-defined]
                if ctype.active
                and (physician or not ctype.doctors_only)
                and (therapist.accepting_new_clients or not ctype.for_new_clients)
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


def _field_errors(form) -> dict[str, list[str]]:
    return {name: [str(message) for message in errors] for name, errors in form.errors.items()}


def _offered_type(therapist: Therapist, slug: str) -> ConsultationType | None:
    return ConsultationType.objects.offered_by(therapist).filter(slug=slug).first()


@api_view("GET")
@one_version_per_request  # the form's type choices use the version the view read (slots.py)
def slots(request: HttpRequest, slug: str) -> HttpResponse:
    """Free slots of one therapist and type, from `from` to `to` (Oslo dates, inclusive, at most 31 days)."""
    version = schedule_version()  # therapists, types and working rules are cached per version (slots.py)
    # Only a slug is looked up: PostgreSQL refuses a NUL in the address with a 500, and garbage stays out of
    # the per-process cache.
    therapist = published_therapist(slug, version=version) if slug_re.match(slug) else None
    if therapist is None:
        return _not_found(_("Fant ingen terapeut med denne adressen."))
    query = SlotsQueryForm(request.GET)
    fields = {} if query.is_valid() else _field_errors(query)
    ctype = None if "type" in fields else offered_type(therapist, query.cleaned_data["type"], version=version)
    if ctype is None:
        fields.setdefault("type", [_("Oppgi en konsultasjonstype som terapeuten tilbyr (slug).")])
    now = timezone.now()
    first = last = None
    if not fields:
        first = query.cleaned_data["from"] or now.astimezone(OSLO).date()
        last = query.cleaned_data["to"] or first + timedelta(days=DEFAULT_RANGE_DAYS - 1)
        if last < first:
            fields["to"] = [_("Sluttdatoen kan ikke være før startdatoen.")]
        elif (last - first).days + 1 > MAX_RANGE_DAYS:
            fields["to"] = [_("Du kan be om høyst %(days)s dager om gangen.") % {"days": MAX_RANGE_DAYS}]
    if fields or ctype is None or first is None or last is None:
        return error(400, "validation_error", _("Forespørselen har feil."), fields)
    head = json.dumps(
        {
            "therapist": therapist.slug,
            "type": ctype.slug,
            "from": first.isoformat(),
            "to": last.isoformat(),
            "time_zone": "Europe/Oslo",
            "slots": [],
        }
    )
    found = slots_json(  # the "slots" array as JSON text, spliced in last (slots.py)
        therapist_id=therapist.pk,
        consultation_type=ctype,
        start=datetime.combine(first, datetime.min.time(), tzinfo=OSLO),
        end=datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=OSLO),
        now=now,
        version=version,
    )
    return HttpResponse(head.removesuffix("[]}") + found + "}", content_type="application/json")


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


def _booking_json(booking: Booking) -> dict:
    # Never the person's name or email: the answer may pass through logs and embedding pages.
    return {
        "status": booking.status,
        "therapist": booking.therapist.slug,
        "type": booking.consultation_type.slug,
        "start": _z(booking.start_at),
        "end": _z(booking.end_at),
        "price_ore": booking.price_ore,
    }


@api_view("POST")
def create_hold(request: HttpRequest) -> JsonResponse:
    """Hold a free slot for BOOKING_HOLD_MINUTES. An `Idempotency-Key` header makes retries safe."""
    data = _json_object(request)
    if isinstance(data, JsonResponse):
        return data
    form, fields = bind_json(HoldRequestForm, data)
    if not form.is_valid():
        fields = _field_errors(form) | fields
    key = request.META.get(IDEMPOTENCY_HEADER, "").strip()
    if len(key) > IDEMPOTENCY_MAX:
        fields["Idempotency-Key"] = [_("Høyst %(count)s tegn.") % {"count": IDEMPOTENCY_MAX}]
    if fields:
        return error(400, "validation_error", _("Forespørselen har feil."), fields)
    start = form.cleaned_data["start"]
    version = schedule_version()
    therapist = published_therapist(form.cleaned_data["therapist"], version=version)
    if therapist is None:
        return _not_found(_("Fant ingen terapeut med denne adressen."))
    ctype = offered_type(therapist, form.cleaned_data["type"], version=version)
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
    """Turn a hold into a booking. Confirming the same hold again answers 200 with the same booking, or 409
    with the booking as it stands when the details differ (nothing is changed)."""
    booking = (
        Booking.objects.by_checkout_token(token).select_related("therapist", "consultation_type").first()
    )
    if booking is None:
        return _not_found(_("Fant ingen reservasjon med denne nøkkelen."))
    data = _json_object(request)
    if isinstance(data, JsonResponse):
        return data
    form, fields = bind_json(DetailsForm, data)
    if not form.is_valid():
        fields = _field_errors(form) | fields
    if "consent" in fields:  # the form's message asks the person to tick a box; here a program sends it
        fields["consent"] = [_("Personen må ha samtykket (consent: true).")]
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
    except services.AlreadyConfirmed as exc:
        return error(409, exc.code, str(exc.message), booking=_booking_json(exc.booking))
    except services.BookingError as exc:
        return _booking_error(exc)
    return JsonResponse({"booking": _booking_json(result.booking)}, status=201 if result.created else 200)


@api_view("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
def unknown(request: HttpRequest, rest: str) -> JsonResponse:
    return _not_found(_("Denne adressen finnes ikke i API-et."))
