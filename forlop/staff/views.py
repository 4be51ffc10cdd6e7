"""The staff area's start page (/ansatt/): what waits for each role the user holds, urgent first and then
whoever has waited longest. Names and times only; what people wrote stays on each item's own page.

Every request, enquiry and booking shown is written to the access log, one row each, as the lists they come
from do. Articles hold no personal data.
"""

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from forlop.accounts.models import Role, User
from forlop.audit import policy
from forlop.audit.access import personal_data
from forlop.audit.policy import Data
from forlop.audit.services import log_access_many
from forlop.booking.models import Booking
from forlop.contact.staff_views import enquiry_subject
from forlop.lib.timezones import OSLO
from forlop.matching.staff_views import request_subject

from . import caseload as caseload_module
from . import waiting


@personal_data(*policy.roles(Data.STAFF_PAGES), purpose="Oversikt over det som venter på den ansatte")
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    now = timezone.now()
    counts = waiting.counts(request)
    context: dict = {"counts": counts, "days_ahead": waiting.BOOKING_DAYS}
    requests: list = []
    enquiries: list = []
    bookings: list = []
    if user.has_role(*waiting.COORDINATING):
        context["waiting_requests"] = list(waiting.waiting_requests()[: waiting.SHOWN])
        context["enquiries"] = enquiries = list(waiting.new_enquiries()[: waiting.SHOWN])
        requests += context["waiting_requests"]
    if user.has_role(*policy.roles(Data.MEDICAL_ASSESSMENT)):
        context["awaiting_doctor"] = list(waiting.awaiting_doctor()[: waiting.SHOWN])
        requests += context["awaiting_doctor"]
    if user.has_role(*waiting.REVIEWING_ARTICLES):
        context["articles"] = list(waiting.articles_to_review()[: waiting.SHOWN])
    if user.has_role(Role.THERAPIST):
        context["bookings"] = bookings = list(waiting.coming_bookings(user, now=now)[: waiting.SHOWN + 1])
        context["more_bookings"] = len(bookings) > waiting.SHOWN
        del bookings[waiting.SHOWN :]
        context["booking_days"] = by_day(bookings, today=now.astimezone(OSLO).date())
        context["assigned"] = list(waiting.assigned_requests(user)[: waiting.SHOWN])
        requests += context["assigned"]
    if user.has_role(Role.DOCTOR):
        context["doctor_flags"] = doctor_flags = caseload_module.doctor_flags(user, now=now)
        log_access_many(
            request=request,
            objs=list({course.pk: course for course, _flag in doctor_flags}.values()),
            subject=lambda course: course.person,
            why="Forløp som trenger legen",
        )
    # One row per person shown (a request can be on two lists: it is one view of it).
    unique_requests = list({r.pk: r for r in requests}.values())
    log_access_many(
        request=request, objs=unique_requests, subject=request_subject, why="Forespørsler som venter"
    )
    log_access_many(request=request, objs=enquiries, subject=enquiry_subject, why="Nye henvendelser")
    log_access_many(request=request, objs=bookings, why="Neste timer")
    return render(request, "staff/dashboard.html", context)


def by_day(bookings: list[Booking], *, today: date) -> list[dict]:
    days: dict[date, list[Booking]] = {}
    for booking in bookings:
        days.setdefault(booking.start_at.astimezone(OSLO).date(), []).append(booking)
    return [
        {"day": day, "week": day - timedelta(days=day.weekday()), "is_today": day == today, "bookings": rows}
        for day, rows in days.items()
    ]


CASELOAD_ROLES = (Role.THERAPIST, Role.DOCTOR, Role.COORDINATOR)


@personal_data(*CASELOAD_ROLES, purpose="Mine forløp: oversikt over forløpene jeg er på")
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    """Every open course the user is on the team of: phase, next evaluation, latest scores, open flags and
    next appointment, the most serious flags first."""
    user: User = request.user  # type: ignore[assignment]
    rows = caseload_module.caseload(user, now=timezone.now())
    log_access_many(request=request, objs=[r.course for r in rows], subject=lambda c: c.person)
    return render(request, "staff/caseload.html", {"rows": rows})
