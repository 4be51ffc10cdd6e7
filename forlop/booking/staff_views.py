"""Staff calendar: a therapist's week with bookings and working hours, outcomes, cancelling with new times,
working hours, date overrides, booking settings and the private calendar feed.

Therapists (and doctors) see and change only their own calendar; coordinators and admins may pick any
therapist (`?terapeut=<pk>`, or a hidden field in POSTs). Every booking shown is written to the access log.

The calendar feed (`feed`) is classified @public because calendar apps cannot log in: it is authenticated
by the unguessable token in its URL alone (an HMAC; only its hash is stored, and "Lag ny lenke" revokes it).
It therefore shows no client names or notes: times, type, video link and a link to this calendar.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forlop.accounts.clients import ClientAccountError, invite_client
from forlop.audit import policy
from forlop.audit.access import personal_data, public, staff_only
from forlop.audit.actors import Actor
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.lib.dates import day_or_none
from forlop.lib.timezones import OSLO
from forlop.scheduling import services as scheduling
from forlop.scheduling.availability import Slot, working_intervals
from forlop.scheduling.models import DateOverride, WorkingHours
from forlop.scheduling.services import working_rules
from forlop.therapists.models import Therapist

from . import ics, services
from .models import Booking, CalendarFeed, token_hash
from .slots import free_slots, nearest
from .staff_forms import CancelForm, OverrideForm, SettingsForm, WeeklyHoursForm, format_windows

OUTCOMES = (Booking.Status.HELD_DONE, Booking.Status.NO_SHOW)
SUGGESTIONS_OFFERED = 12
FEED_PAST_DAYS = 30


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _today() -> date:
    return timezone.now().astimezone(OSLO).date()


def visible_therapists(user) -> list[Therapist]:
    if policy.sees_every(user, Data.CALENDAR):
        return list(Therapist.objects.order_by("name", "pk"))
    return list(Therapist.objects.filter(user=user))


def therapist_for(request: HttpRequest) -> tuple[Therapist | None, list[Therapist]]:
    """The therapist whose calendar this request may see (object check), and the ones it may choose."""
    choices = visible_therapists(request.user)
    wanted = request.POST.get("terapeut") or request.GET.get("terapeut")
    if wanted:
        found = next((t for t in choices if str(t.pk) == wanted), None)
        if found is None:
            raise PermissionDenied
        return found, choices
    return (choices[0] if choices else None), choices


def _may_see(user, therapist: Therapist) -> bool:
    return policy.may(user, Act.SEE, Data.CALENDAR, assigned_user_id=therapist.user_id)


def _staff_booking(request: HttpRequest, pk: int) -> Booking:
    booking = get_object_or_404(
        Booking.objects.exclude(status__in=(Booking.Status.HELD, Booking.Status.EXPIRED)).select_related(
            "therapist", "consultation_type"
        ),
        pk=pk,
    )
    if not _may_see(request.user, booking.therapist):
        raise PermissionDenied
    return booking


def calendar_url(therapist: Therapist, day: date | None = None) -> str:
    query = f"?terapeut={therapist.pk}"
    if day is not None:
        query += f"&uke={_monday(day).isoformat()}"
    return reverse("booking:calendar") + query


def _week_of(booking: Booking) -> date:
    return booking.start_at.astimezone(OSLO).date()


# --- the week -----------------------------------------------------------------------------------------------


def _next_booking_start(therapist: Therapist, now: datetime) -> datetime | None:
    """When the therapist's next confirmed booking starts (one under way counts: it is not over yet)."""
    return (
        Booking.objects.filter(therapist=therapist, status=Booking.Status.CONFIRMED, end_at__gt=now)
        .order_by("start_at")
        .values_list("start_at", flat=True)
        .first()
    )


@personal_data(*policy.roles(Data.CALENDAR), purpose="Behandlerens timeoversikt")
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    therapist, choices = therapist_for(request)
    now = timezone.now()
    today = now.astimezone(OSLO).date()
    asked = day_or_none(request.GET.get("uke"))
    monday = _monday(asked or today)
    jumped = False
    if asked is None and therapist is not None:
        # Nothing left this week: open on the week of the next booking instead of an empty one.
        following = _next_booking_start(therapist, now)
        if following is not None and _monday(following.astimezone(OSLO).date()) > monday:
            monday, jumped = _monday(following.astimezone(OSLO).date()), True
    days = [monday + timedelta(days=n) for n in range(7)]
    context: dict = {
        "therapist": therapist,
        "choices": choices,
        "monday": monday,
        "this_monday": _monday(today),
        "jumped": jumped,
    }
    bookings: list[Booking] = []
    if therapist is not None:
        start = datetime.combine(monday, datetime.min.time(), tzinfo=OSLO)
        end = datetime.combine(monday + timedelta(days=7), datetime.min.time(), tzinfo=OSLO)
        bookings = list(
            Booking.objects.filter(therapist=therapist, start_at__gte=start, start_at__lt=end)
            .exclude(status__in=(Booking.Status.HELD, Booking.Status.EXPIRED))
            .select_related("consultation_type")
            .order_by("start_at")
        )
        rules = working_rules(
            [therapist.pk], duration_minutes=5, buffer_after_minutes=0, first_day=days[0], last_day=days[-1]
        )[therapist.pk]
        by_day: dict[date, list[dict]] = {day: [] for day in days}
        for booking in bookings:
            by_day.setdefault(booking.start_at.astimezone(OSLO).date(), []).append(
                {
                    "booking": booking,
                    "can_mark": booking.start_at <= now
                    and booking.status in (Booking.Status.CONFIRMED, *OUTCOMES),
                    "can_cancel": booking.is_confirmed and booking.start_at > now,
                }
            )
        context["week"] = [
            {
                "day": day,
                "hours": [(s.astimezone(OSLO), e.astimezone(OSLO)) for s, e in working_intervals(rules, day)],
                "bookings": by_day.get(day, []),
                "is_today": day == today,
            }
            for day in days
        ]
        context["previous_week"] = (monday - timedelta(days=7)).isoformat()
        context["next_week"] = (monday + timedelta(days=7)).isoformat()
    log_access_many(request=request, objs=bookings)
    return render(request, "booking/staff/calendar.html", context)


@personal_data(*policy.roles(Data.CALENDAR, Act.CHANGE), purpose="Registrere om timen ble gjennomført")
@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a consultation as held or as a no-show (only once it has started; a mistake can be corrected)."""
    booking = _staff_booking(request, pk)
    status = request.POST.get("status", "")
    if status not in OUTCOMES:
        messages.error(request, _("Velg om timen ble gjennomført eller om klienten ikke møtte."))
        return redirect(calendar_url(booking.therapist, _week_of(booking)))
    try:
        services.mark_outcome(booking=booking, status=status, by=Actor.of(request))
    except services.NotChangeable:
        messages.error(request, _("Du kan registrere utfallet først når timen har begynt."))
    else:
        label = _("gjennomført") if status == Booking.Status.HELD_DONE else _("ikke møtt")
        messages.success(request, _("Timen er registrert som %(outcome)s.") % {"outcome": label})
    return redirect(calendar_url(booking.therapist, _week_of(booking)))


def _suggestion_slots(booking: Booking, now: datetime) -> list[Slot]:
    """Free times of the same type near the cancelled one (the booking itself still counts as busy)."""
    found = free_slots(
        therapist=booking.therapist,
        consultation_type=booking.consultation_type,
        start=now,
        end=max(now, booking.start_at) + timedelta(days=14),
        now=now,
    )
    return nearest(found, to=booking.start_at, count=SUGGESTIONS_OFFERED)


def _slot_label(slot: Slot) -> str:
    from django.utils.formats import date_format

    local = slot.start_local
    return _("%(day)s kl. %(time)s") % {
        "day": date_format(local, "l j. F").capitalize(),
        "time": f"{local:%H:%M}",
    }


@personal_data(*policy.roles(Data.CALENDAR, Act.CHANGE), purpose="Invitere klienten til Min side")
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """After a first talk: invite the booking's person to Min side (forlop.accounts.clients.invite_client)."""
    booking = _staff_booking(request, pk)
    back = calendar_url(booking.therapist, _week_of(booking))
    if booking.person is None:
        messages.error(request, _("Denne timen har ingen e-postadresse å sende invitasjonen til."))
        return redirect(back)
    try:
        with transaction.atomic():
            invite_client(person=booking.person, by=request.user)  # type: ignore[arg-type]
    except ClientAccountError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Klienten har fått en invitasjon til Min side på e-post."))
    return redirect(back)


@personal_data(*policy.roles(Data.CALENDAR, Act.CHANGE), purpose="Avlyse en time og foreslå nye tider")
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """The practice cancels a booking with a reason; the client's email suggests the times ticked here."""
    booking = _staff_booking(request, pk)
    now = timezone.now()
    back = calendar_url(booking.therapist, _week_of(booking))
    if not (booking.is_confirmed and booking.start_at > now):
        messages.error(request, _("Denne timen kan ikke avlyses lenger."))
        return redirect(back)
    slots = _suggestion_slots(booking, now)
    by_value = {slot.start_utc.isoformat(): slot for slot in slots}
    choices = [(value, _slot_label(slot)) for value, slot in by_value.items()]
    status = 200
    if request.method == "POST":
        form = CancelForm(request.POST, choices=choices)
        if form.is_valid():
            chosen = [by_value[value] for value in form.cleaned_data["suggestions"]]
            try:
                services.cancel_booking(
                    booking=booking,
                    now=now,
                    by=Actor.of(request),
                    reason=form.cleaned_data["reason"],
                    suggestions=sorted(chosen),
                )
            except services.BookingError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("Timen er avlyst, og klienten har fått beskjed på e-post."))
            return redirect(back)
        status = 400
    else:
        form = CancelForm(choices=choices)
    log_access(request=request, obj=booking)
    context = {"booking": booking, "therapist": booking.therapist, "form": form, "back": back}
    return render(request, "booking/staff/cancel.html", context, status=status)


# --- working hours, overrides, settings, feed ---------------------------------------------------------------


def feed_url(token: str) -> str:
    return settings.SITE_URL + reverse("booking:feed", kwargs={"token": token})


def _hours_url(therapist: Therapist) -> str:
    return reverse("booking:hours") + f"?terapeut={therapist.pk}"


@staff_only(*policy.roles(Data.CALENDAR, Act.CHANGE))
@require_http_methods(["GET", "POST"])
def hours(request: HttpRequest) -> HttpResponse:
    """Working hours, date overrides, booking settings and the calendar feed of one therapist. Each form
    posts here with an `action`; a form with errors is shown again with what was typed."""
    therapist, choices = therapist_for(request)
    context: dict = {"therapist": therapist, "choices": choices}
    if therapist is None:
        return render(request, "booking/staff/hours.html", context)
    today = _today()
    forms: dict = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        done = _handle(request, therapist, action, today, forms)
        if done is not None:
            messages.success(request, done)
            return redirect(_hours_url(therapist))
        status = 400
    forms.setdefault(
        "hours_form",
        WeeklyHoursForm(
            initial=WeeklyHoursForm.initial_from(WorkingHours.objects.filter(therapist=therapist))
        ),
    )
    forms.setdefault("override_form", OverrideForm(today=today))
    forms.setdefault(
        "settings_form", SettingsForm(initial=SettingsForm.initial_from(scheduling.settings_for(therapist)))
    )
    overrides: dict[date, list[DateOverride]] = {}
    for row in DateOverride.objects.filter(therapist=therapist, day__gte=today).order_by("day", "start"):
        overrides.setdefault(row.day, []).append(row)
    token = services.calendar_feed_token(therapist)
    context.update(
        forms,
        overrides=[
            {
                "day": day,
                "day_off": rows[0].is_day_off,
                "windows": format_windows((r.start, r.end) for r in rows if not r.is_day_off),
                "note": next((r.note for r in rows if r.note), ""),
            }
            for day, rows in overrides.items()
        ],
        feed_url=feed_url(token) if token else "",
    )
    return render(request, "booking/staff/hours.html", context, status=status)


def _handle(request: HttpRequest, therapist: Therapist, action: str, today: date, forms: dict) -> str | None:
    """Carry out one POST of the hours page. The success message, or None (forms then hold the errors)."""
    if action == "hours":
        form = WeeklyHoursForm(request.POST)
        forms["hours_form"] = form
        if form.is_valid():
            scheduling.replace_weekly_hours(therapist=therapist, windows=form.windows())
            return _("Arbeidstiden er lagret.")
    elif action == "override":
        override = OverrideForm(request.POST, today=today)
        forms["override_form"] = override
        if override.is_valid():
            data = override.cleaned_data
            scheduling.set_date_override(
                therapist=therapist, day=data["day"], windows=data["windows"], note=data["note"]
            )
            return _("Avviket for %(day)s er lagret.") % {"day": f"{data['day']:%d.%m.%Y}"}
    elif action == "delete_override":
        day = day_or_none(request.POST.get("day"))
        if day is not None:
            scheduling.clear_date_override(therapist=therapist, day=day)
            return _("Avviket er fjernet. Dagen følger vanlig arbeidstid igjen.")
        forms["override_error"] = _("Fant ikke datoen som skulle fjernes.")
    elif action == "settings":
        settings_form = SettingsForm(request.POST)
        forms["settings_form"] = settings_form
        if settings_form.is_valid():
            scheduling.save_settings(therapist=therapist, **settings_form.cleaned_data)
            return _("Innstillingene er lagret.")
    elif action == "feed_new":
        services.renew_calendar_feed(therapist=therapist)
        return _("Du har fått en ny abonnementslenke. Den gamle virker ikke lenger.")
    elif action == "feed_off":
        services.revoke_calendar_feed(therapist=therapist)
        return _("Abonnementslenken er slått av.")
    else:
        forms["override_error"] = _("Ukjent handling. Prøv igjen.")
    return None


@public
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The therapist's bookings as an iCalendar subscription, authenticated by the token (see above)."""
    found = CalendarFeed.objects.filter(token_hash=token_hash(token)).select_related("therapist").first()
    if found is None:
        raise Http404
    therapist = found.therapist
    now = timezone.now()
    bookings = list(
        Booking.objects.filter(
            therapist=therapist,
            status__in=(Booking.Status.CONFIRMED, *OUTCOMES),
            start_at__gte=now - timedelta(days=FEED_PAST_DAYS),
        )
        .select_related("consultation_type")
        .order_by("start_at")
    )
    # One entry per fetch (calendar apps poll every few minutes): the feed shows times, not people.
    log_access(
        request=request,
        obj=Ref("booking.calendarfeed", str(therapist.pk), therapist.name),
        why="Kalenderabonnement (tider uten navn)",
    )
    body = ics.feed(
        bookings,
        therapist_name=therapist.name,
        now=now,
        calendar_url=settings.SITE_URL + reverse("booking:calendar"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
