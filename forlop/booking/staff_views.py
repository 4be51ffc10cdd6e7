"""Staff calendar: a therapist's week with bookings and working hours.

Therapists (and doctors) see only their own calendar; coordinators and admins may pick any therapist.
Every booking shown is written to the access log.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from forlop.audit.access import personal_data
from forlop.audit.services import log_access_many
from forlop.lib.timezones import OSLO
from forlop.scheduling.availability import working_intervals
from forlop.scheduling.services import working_rules
from forlop.therapists.models import Therapist

from .models import Booking

SEES_ALL = ("coordinator", "admin")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def visible_therapists(user) -> list[Therapist]:
    if user.has_role(*SEES_ALL):
        return list(Therapist.objects.order_by("name", "pk"))
    return list(Therapist.objects.filter(user=user))


def therapist_for(request: HttpRequest) -> tuple[Therapist | None, list[Therapist]]:
    """The therapist whose calendar this request may see (object check), and the ones it may choose."""
    choices = visible_therapists(request.user)
    wanted = request.GET.get("terapeut")
    if wanted:
        found = next((t for t in choices if str(t.pk) == wanted), None)
        if found is None:
            raise PermissionDenied
        return found, choices
    return (choices[0] if choices else None), choices


@personal_data("therapist", "doctor", "coordinator", "admin", purpose="Behandlerens timeoversikt")
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    therapist, choices = therapist_for(request)
    today = timezone.now().astimezone(OSLO).date()
    monday = _monday(_parse_day(request.GET.get("uke")) or today)
    days = [monday + timedelta(days=n) for n in range(7)]
    context: dict = {"therapist": therapist, "choices": choices, "monday": monday}
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
        by_day: dict[date, list[Booking]] = {day: [] for day in days}
        for booking in bookings:
            by_day.setdefault(booking.start_at.astimezone(OSLO).date(), []).append(booking)
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
