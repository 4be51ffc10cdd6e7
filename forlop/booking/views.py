"""The public booking flow and the manage link. Every page works without JavaScript: the type and the day
are GET parameters, holding and confirming are POSTs (POST/redirect/GET). htmx only swaps the picker.

Flow: /bestill/<slug>/ (type, then day and time) → POST holds the time → /bestilling/<token>/ (details)
→ /bestilling/<token>/se-over/ (review, POST confirms) → /bestilling/<token>/bekreftet/.
The checkout token is in the URL only while booking; the manage link (/timer/<token>/) comes by email.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from forlop.accounts.clients import ClientAccountError, invite_client
from forlop.audit.access import public
from forlop.audit.actors import Actor
from forlop.core import services as core_services
from forlop.core.unavailable import MESSAGE as UNAVAILABLE_MESSAGE
from forlop.core.unavailable import refused_write, unavailable
from forlop.lib.dates import day_or_none
from forlop.lib.money import format_nok
from forlop.lib.requests import hashed_ip
from forlop.lib.timezones import OSLO, to_oslo
from forlop.scheduling.availability import Slot, slots_by_local_date
from forlop.therapists.models import Therapist

from . import ics, services, tokens
from .forms import DetailsForm, SlotForm
from .models import Booking, ConsultationType, TherapistPrice, price_for
from .pagecache import cache_booking_page
from .slots import Verdict, check_slot, free_slots, nearest
from .tokens import checkout_token

HOLD_RATE_SCOPE = "booking.hold"
PICKER_DAYS = 7


def _today() -> date:
    return timezone.now().astimezone(OSLO).date()


DONE_SHOWS_EMAIL_FOR = timedelta(minutes=30)


def _midnight(day: date) -> datetime:
    # Oslo midnight is never inside a DST gap (the clocks change at 02:00/03:00).
    return datetime.combine(day, datetime.min.time(), tzinfo=OSLO)


def _price_label(ore: int) -> str:
    return format_nok(ore) if ore else str(_("Gratis"))


def picker(
    *,
    therapist: Therapist,
    consultation_type: ConsultationType,
    from_day: date | None,
    chosen_day: date | None,
    now: datetime,
    base_url: str,
    exclude_pk: int | None = None,
) -> dict:
    """The context for the day-and-time picker: a week of days from `from_day`, the chosen day's times."""
    today = now.astimezone(OSLO).date()
    first = max(from_day or chosen_day or today, today)
    if chosen_day is not None and not first <= chosen_day < first + timedelta(days=PICKER_DAYS):
        first = max(chosen_day, today)
    days = [first + timedelta(days=n) for n in range(PICKER_DAYS)]
    slots = free_slots(
        therapist=therapist,
        consultation_type=consultation_type,
        start=_midnight(days[0]),
        end=_midnight(days[-1] + timedelta(days=1)),
        now=now,
        exclude_pk=exclude_pk,
    )
    by_day = slots_by_local_date(slots)
    if chosen_day not in days:
        chosen_day = next((day for day in days if by_day.get(day)), None)

    def url(**params) -> str:
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return f"{base_url}{'&' if '?' in base_url else '?'}{query}"

    previous_first = first - timedelta(days=PICKER_DAYS)
    return {
        "ctype": consultation_type,
        "days": [
            {
                "day": day,
                "count": len(by_day.get(day, ())),
                "url": url(fra=days[0].isoformat(), dag=day.isoformat()),
                "current": day == chosen_day,
            }
            for day in days
        ],
        "chosen_day": chosen_day,
        "day_slots": by_day.get(chosen_day, []) if chosen_day else [],
        "week_has_slots": bool(slots),
        "next_url": url(fra=(first + timedelta(days=PICKER_DAYS)).isoformat()),
        "previous_url": url(fra=max(previous_first, today).isoformat()) if first > today else "",
    }


def _offered(therapist: Therapist) -> list[tuple[ConsultationType, str]]:
    types = list(ConsultationType.objects.offered_by(therapist))
    prices = dict(
        TherapistPrice.objects.filter(therapist=therapist).values_list("consultation_type_id", "price_ore")
    )
    return [(ctype, _price_label(price_for(ctype, prices))) for ctype in types]


def _suggestions(
    *,
    therapist: Therapist,
    ctype: ConsultationType,
    around: datetime,
    now: datetime,
    exclude_pk: int | None = None,
) -> list[Slot]:
    """The free times nearest the one that could not be had (a lost race, an expired hold)."""
    found = free_slots(
        therapist=therapist,
        consultation_type=ctype,
        start=max(around - timedelta(days=3), now),
        end=around + timedelta(days=4),
        now=now,
        exclude_pk=exclude_pk,
    )
    return nearest(found, to=around)


@public
@require_http_methods(["GET", "POST"])
@cache_booking_page  # an anonymous GET is rendered once for what it shows (pagecache.py)
def start(request: HttpRequest, slug: str) -> HttpResponse:
    therapist = get_object_or_404(Therapist.objects.published(), slug=slug)
    offered = _offered(therapist)
    type_slug = request.POST.get("type") if request.method == "POST" else request.GET.get("type")
    chosen = next(((ctype, price) for ctype, price in offered if ctype.slug == type_slug), None)
    context: dict = {"therapist": therapist, "offered": offered, "chosen": chosen}
    if chosen is None:
        status = 404 if type_slug else 200
        context["unknown_type"] = bool(type_slug)
        return render(request, "booking/start.html", context, status=status)
    ctype, price = chosen
    now = timezone.now()
    base_url = reverse("booking:start", kwargs={"slug": slug}) + f"?type={ctype.slug}"
    status = 200
    chosen_day = day_or_none(request.GET.get("dag"))
    if request.method == "POST":
        form = SlotForm(request.POST)
        if form.is_valid():
            start_at = form.cleaned_data["start"]
            ip_hash = hashed_ip(request)
            try:
                with refused_write("booking hold") as write:
                    allowed = core_services.consume(
                        scope=HOLD_RATE_SCOPE,
                        key=ip_hash,
                        limit=settings.BOOKING_HOLD_RATE_LIMIT_PER_HOUR,
                        window=timedelta(hours=1),
                    )
                    if allowed:
                        hold = services.hold_slot(
                            therapist=therapist, consultation_type=ctype, start=start_at, now=now
                        )
            except services.BookingError as error:
                context["booking_error"] = error.message
                context["suggestions"] = _suggestions(
                    therapist=therapist, ctype=ctype, around=start_at, now=now
                )
                context["suggestion_type"] = ctype
                day = to_oslo(start_at).date()
                context.update(
                    picker(
                        therapist=therapist,
                        consultation_type=ctype,
                        from_day=None,
                        chosen_day=day,
                        now=now,
                        base_url=base_url,
                    )
                )
                return render(request, "booking/start.html", context, status=409)
            if write.failed:  # the same day again, the chosen time still ticked, and "try again soon"
                context.update(save_failed=True, chosen_start=start_at)
                chosen_day = to_oslo(start_at).date()
                status = 503
            elif not allowed:
                context["rate_limited"] = True
                status = 429
            else:
                return redirect("booking:details", token=hold.token)
        else:
            context["slot_form"] = form
            status = 400
    context.update(
        picker(
            therapist=therapist,
            consultation_type=ctype,
            from_day=None if status == 503 else day_or_none(request.GET.get("fra")),
            chosen_day=chosen_day,
            now=now,
            base_url=base_url,
        )
    )
    response = render(request, "booking/start.html", context, status=status)
    return unavailable(response) if status == 503 else response


def _checkout(token: str) -> Booking:
    booking = (
        Booking.objects.by_checkout_token(token).select_related("therapist", "consultation_type").first()
    )
    if booking is None:
        raise Http404
    return booking


KEPT_FIELDS = ("name", "email", "phone", "note", "consent")


def _typed(data) -> dict[str, str]:
    """What the person typed into the details form, as posted (valid or not), to carry along."""
    return {name: str(data.get(name, ""))[:2000] for name in KEPT_FIELDS if data.get(name)}


def _hold_gone(
    request: HttpRequest, booking: Booking, *, typed: dict | None = None, error: str = "", status: int = 410
) -> HttpResponse:
    """The hold ran out (or was abandoned). Nothing typed is lost: what was just posted travels along in the
    page's forms (and what was saved earlier stays on the old hold), and one click holds the same time again
    if it is still free, else one of the nearest free times, and returns to the filled-in form."""
    now = timezone.now()
    same_free = (
        check_slot(
            therapist=booking.therapist,
            consultation_type=booking.consultation_type,
            start=booking.start_at,
            now=now,
        )
        == Verdict.FREE
    )
    suggestions = (
        []
        if same_free
        else _suggestions(
            therapist=booking.therapist, ctype=booking.consultation_type, around=booking.start_at, now=now
        )
    )
    kept = typed if typed is not None else {}
    return render(
        request,
        "booking/hold_expired.html",
        {
            **_checkout_context(booking, checkout_token(booking)),
            "same_free": same_free,
            "suggestions": suggestions,
            "suggestion_type": booking.consultation_type,
            "minutes": settings.BOOKING_HOLD_MINUTES,
            "kept": kept,
            "kept_anything": bool(kept) or bool(booking.client_name or booking.client_email or booking.note),
            "booking_error": error,
        },
        status=status,
    )


@public
@never_cache
@require_http_methods(["POST"])
def rehold(request: HttpRequest, token: str) -> HttpResponse:
    """After a hold ran out ("Hold av tiden igjen"): hold the same (or a chosen nearby) time and go back to
    the details form with everything typed filled in."""
    old = _checkout(token)
    if old.status not in (Booking.Status.HELD, Booking.Status.EXPIRED):  # confirmed (or cancelled since)
        return redirect("booking:done", token=token)
    now = timezone.now()
    if _is_open_hold(old, now):
        return redirect("booking:details", token=token)
    typed = _typed(request.POST) or {
        "name": old.client_name,
        "email": old.client_email,
        "phone": old.client_phone,
        "note": old.note,
        **({"consent": "on"} if old.consent_at else {}),
    }
    form = SlotForm(request.POST)
    if not form.is_valid():
        return _hold_gone(request, old, typed=typed, status=400)
    try:
        with refused_write("booking hold again") as write:
            allowed = core_services.consume(
                scope=HOLD_RATE_SCOPE,
                key=hashed_ip(request),
                limit=settings.BOOKING_HOLD_RATE_LIMIT_PER_HOUR,
                window=timedelta(hours=1),
            )
            if allowed:
                hold = services.hold_slot(
                    therapist=old.therapist,
                    consultation_type=old.consultation_type,
                    start=form.cleaned_data["start"],
                    now=now,
                )
    except services.BookingError as error:
        return _hold_gone(request, old, typed=typed, error=str(error.message), status=409)
    if write.failed:
        return unavailable(_hold_gone(request, old, typed=typed, error=str(UNAVAILABLE_MESSAGE)))
    if not allowed:
        message = _("Det er holdt av mange tider fra nettverket ditt den siste timen. Prøv igjen senere.")
        return _hold_gone(request, old, typed=typed, error=str(message), status=429)
    details = DetailsForm(typed)
    if details.is_valid():
        data = details.cleaned_data
        with refused_write("booking details again") as write:
            services.save_details(
                booking=hold.booking,
                details=services.ClientDetails(
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    note=data["note"],
                    consent=True,
                ),
                now=now,
            )
        if not write.failed:
            return redirect(reverse("booking:details", kwargs={"token": hold.token}) + "?igjen=1")
    # Not complete yet (or not saved): the details form of the new hold, with what was typed in it.
    context = _checkout_context(hold.booking, hold.token, form=DetailsForm(initial=typed), rehold=True)
    return render(request, "booking/details.html", context)


def _is_open_hold(booking: Booking, now: datetime) -> bool:
    return (
        booking.status == Booking.Status.HELD
        and booking.hold_expires_at is not None
        and booking.hold_expires_at > now
    )


@public
@never_cache
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, token: str) -> HttpResponse:
    booking = _checkout(token)
    if booking.status == Booking.Status.CONFIRMED:
        return redirect("booking:done", token=token)
    now = timezone.now()
    if not _is_open_hold(booking, now):
        return _hold_gone(request, booking, typed=_typed(request.POST) if request.method == "POST" else None)
    if request.method == "POST":
        form = DetailsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with refused_write("booking details") as write:
                    services.save_details(
                        booking=booking,
                        details=services.ClientDetails(
                            name=data["name"],
                            email=data["email"],
                            phone=data["phone"],
                            note=data["note"],
                            consent=True,
                        ),
                        now=now,
                    )
            except services.HoldExpired:
                return _hold_gone(request, booking, typed=_typed(request.POST))
            if write.failed:  # the same form again, with everything typed, and "try again soon"
                context = _checkout_context(booking, token, form=form, save_failed=True)
                return unavailable(render(request, "booking/details.html", context))
            return redirect("booking:review", token=token)
    else:
        initial = {}
        if booking.client_name:
            initial = {
                "name": booking.client_name,
                "email": booking.client_email,
                "phone": booking.client_phone,
                "note": booking.note,
                "consent": booking.consent_at is not None,
            }
        form = DetailsForm(initial=initial)
    context = _checkout_context(booking, token, form=form, rehold="igjen" in request.GET)
    return render(request, "booking/details.html", context)


def _checkout_context(booking: Booking, token: str, **extra) -> dict:
    return {
        "booking": booking,
        "therapist": booking.therapist,
        "token": token,
        "start": to_oslo(booking.start_at),
        "end": to_oslo(booking.end_at),
        "price": _price_label(booking.price_ore),
        "hold_until": to_oslo(booking.hold_expires_at) if booking.hold_expires_at else None,
        # The countdown counts from what the server says is left, not from the browser's own clock.
        "hold_seconds": max(0, int((booking.hold_expires_at - timezone.now()).total_seconds()))
        if booking.hold_expires_at
        else 0,
        **extra,
    }


@public
@never_cache
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, token: str) -> HttpResponse:
    booking = _checkout(token)
    if booking.status == Booking.Status.CONFIRMED:
        return redirect("booking:done", token=token)
    now = timezone.now()
    if not _is_open_hold(booking, now):
        return _hold_gone(request, booking)
    if not (booking.client_name and booking.client_email and booking.consent_at):
        return redirect("booking:details", token=token)
    if request.method == "POST":
        try:
            with refused_write("booking confirmation") as write:
                services.confirm_booking(booking=booking, now=now)
        except services.HoldExpired:
            return _hold_gone(request, booking)
        if write.failed:  # the same page again, with "try again soon": the hold still stands
            context = _checkout_context(booking, token, save_failed=True)
            return unavailable(render(request, "booking/review.html", context))
        return redirect("booking:done", token=token)
    return render(request, "booking/review.html", _checkout_context(booking, token))


@public
@never_cache
@require_GET
def done(request: HttpRequest, token: str) -> HttpResponse:
    booking = _checkout(token)
    if booking.status == Booking.Status.HELD:
        return redirect("booking:review", token=token)
    if booking.status == Booking.Status.EXPIRED:
        return _hold_gone(request, booking)
    # The checkout link stays in the browser's history: after a short while it no longer shows the address,
    # nor the manage link, the calendar file or the video link (they are in the email).
    now = timezone.now()
    recent = booking.confirmed_at is not None and now - booking.confirmed_at < DONE_SHOWS_EMAIL_FOR
    context = {**_checkout_context(booking, token), "show_email": recent}
    if recent and booking.is_confirmed:
        context.update(_links(booking, tokens.manage_token(booking), now))
    return render(request, "booking/done.html", context)


VIDEO_OPENS_BEFORE = timedelta(minutes=15)


def _links(booking: Booking, manage_token: str, now: datetime) -> dict:
    """The manage link, the calendar file and the video link (open from 15 minutes before the start until
    the end; before that, when it opens)."""
    opens = booking.start_at - VIDEO_OPENS_BEFORE
    has_video = booking.is_confirmed and bool(booking.video_url) and now < booking.end_at
    return {
        "manage_link": reverse("booking:manage", kwargs={"token": manage_token}),
        "calendar_link": reverse("booking:calendar_file", kwargs={"token": manage_token}),
        "min_side_link": reverse("booking:create_account", kwargs={"token": manage_token}),
        "video_open": has_video and now >= opens,
        "video_opens_at": to_oslo(opens) if has_video and now < opens else None,
        "upcoming": booking.is_confirmed and now < booking.end_at,
    }


# --- manage link --------------------------------------------------------------------------------------------


def _managed(token: str) -> Booking:
    booking = Booking.objects.by_manage_token(token).select_related("therapist", "consultation_type").first()
    if booking is None:
        raise Http404
    return booking


def _manage_context(booking: Booking, token: str, now: datetime, **extra) -> dict:
    return {
        "booking": booking,
        "therapist": booking.therapist,
        "token": token,
        "start": to_oslo(booking.start_at),
        "end": to_oslo(booking.end_at),
        "price": _price_label(booking.price_ore),
        "is_future": booking.start_at > now,
        "can_cancel": booking.is_confirmed and booking.start_at > now,
        "can_move": services.can_move(booking, now),
        "cancel_is_free": now < services.free_cancel_deadline(booking),
        "free_cancel_deadline": to_oslo(services.free_cancel_deadline(booking)),
        "free_cancel_hours": settings.BOOKING_FREE_CANCEL_HOURS,
        **_links(booking, token, now),
        **extra,
    }


@public
@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """See, cancel or move a booking from the link in the email."""
    booking = _managed(token)
    now = timezone.now()
    if request.method == "POST" and request.POST.get("action") == "cancel":
        # Cancelling asks first (the confirmation page); a form from an older page lands there too.
        return redirect("booking:cancel", token=token)
    if request.method == "POST":
        return render(request, "booking/manage.html", _manage_context(booking, token, now), status=400)
    context = _manage_context(
        booking, token, now, just_cancelled="avbestilt" in request.GET, just_moved="flyttet" in request.GET
    )
    return render(request, "booking/manage.html", context)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def create_account(request: HttpRequest, token: str) -> HttpResponse:
    """The "Opprett Min side" link from the confirmation: the manage token proves the address, so the invitation goes
    to the booking's person (forlop.accounts.clients.invite_client, by nobody: they asked themselves)."""
    booking = _managed(token)
    person = booking.person
    if not booking.is_confirmed or person is None or not person.email:
        raise Http404
    account = person.user
    if account is not None and account.has_usable_password():
        return render(request, "booking/create_account.html", {"token": token, "has_account": True})
    error = ""
    if request.method == "POST":
        try:
            with transaction.atomic():
                invite_client(person=person, by=None)
        except ClientAccountError as refusal:
            error = str(refusal)
        else:
            return render(request, "booking/create_account.html", {"token": token, "sent": True})
    return render(request, "booking/create_account.html", {"token": token, "error": error})


@public
@never_cache
@require_GET
def calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    """The booking as an .ics file for "Legg timen i kalenderen" (the same event as the emailed invitation)."""
    booking = _managed(token)
    if not booking.is_confirmed:
        raise Http404
    body = ics.invitation(
        booking,
        method=ics.PUBLISH,
        now=timezone.now(),
        manage_url=services.manage_url(token),
    )
    response = HttpResponse(body, content_type=f"{ics.MIMETYPE}; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="time-forlop.ics"'
    return response


@public
@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Cancelling asks first: GET says what it means (free or late, the time is freed), POST cancels."""
    booking = _managed(token)
    now = timezone.now()
    manage_url = reverse("booking:manage", kwargs={"token": token})
    if not (booking.is_confirmed and booking.start_at > now):
        return redirect(manage_url)
    if request.method == "POST":
        try:
            with refused_write("booking cancel") as write:
                services.cancel_booking(
                    booking=booking, now=now, by=Actor.person_self(booking.person, request=request)
                )
        except services.BookingError as error:
            context = _manage_context(booking, token, now, booking_error=error.message)
            return render(request, "booking/manage.html", context, status=409)
        if write.failed:
            context = _manage_context(booking, token, now, save_failed=True)
            return unavailable(render(request, "booking/cancel.html", context))
        return redirect(manage_url + "?avbestilt=1")
    return render(request, "booking/cancel.html", _manage_context(booking, token, now))


@public
@never_cache
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, token: str) -> HttpResponse:
    booking = _managed(token)
    now = timezone.now()
    manage_url = reverse("booking:manage", kwargs={"token": token})
    if not services.can_move(booking, now):
        return redirect(manage_url)
    base_url = reverse("booking:move", kwargs={"token": token})
    context = _manage_context(booking, token, now)
    status = 200
    chosen_day = day_or_none(request.GET.get("dag"))
    from_day = day_or_none(request.GET.get("fra"))
    if request.method == "POST":
        form = SlotForm(request.POST)
        if form.is_valid():
            try:
                with refused_write("booking move") as write:
                    services.reschedule_booking(
                        booking=booking,
                        start=form.cleaned_data["start"],
                        now=now,
                        by=Actor.person_self(booking.person, request=request),
                    )
            except services.BookingError as error:
                context["booking_error"] = error.message
                context["suggestions"] = _suggestions(
                    therapist=booking.therapist,
                    ctype=booking.consultation_type,
                    around=form.cleaned_data["start"],
                    now=now,
                    exclude_pk=booking.pk,
                )
                chosen_day, from_day = to_oslo(form.cleaned_data["start"]).date(), None
                status = 409
            else:
                if not write.failed:
                    return redirect(manage_url + "?flyttet=1")
                # The same day again, the chosen time still ticked, and "try again soon".
                context.update(save_failed=True, chosen_start=form.cleaned_data["start"])
                chosen_day, from_day = to_oslo(form.cleaned_data["start"]).date(), None
                status = 503
        else:
            context["slot_form"] = form
            status = 400
    context.update(
        picker(
            therapist=booking.therapist,
            consultation_type=booking.consultation_type,
            from_day=from_day,
            chosen_day=chosen_day,
            now=now,
            base_url=base_url,
            exclude_pk=booking.pk,
        )
    )
    response = render(request, "booking/move.html", context, status=status)
    return unavailable(response) if status == 503 else response
