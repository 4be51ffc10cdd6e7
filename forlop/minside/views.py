"""Min side: a person's own appointments, what they sent, who has read their data, and their data.

Every view is `@own_data`: only the person themselves (a client account linked to them, second factor
verified), and every page writes the person's own read to the access log."""

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from forlop.audit.access import own_data
from forlop.audit.models import Action
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.booking import tokens
from forlop.booking.models import Booking
from forlop.booking.views import _links as booking_links
from forlop.course.models import Enrollment
from forlop.matching.models import MatchRequest
from forlop.people.models import Person

from . import services
from .log import PER_PAGE, describe, rows_about


def _person(request: HttpRequest) -> Person:
    return request.person  # type: ignore[attr-defined]


def _self_ref(person: Person, what: str) -> Ref:
    return Ref("people.person", str(person.pk), what, person_id=person.pk)


def _log_page(request: HttpRequest, person: Person, objs: list, what: str) -> None:
    """One row per thing shown, or one row for the page when it shows none of them."""
    if objs:
        log_access_many(request=request, objs=objs, subject=lambda _obj: person)
    else:
        log_access(request=request, obj=_self_ref(person, what), subject=person)


@own_data(purpose="Min side: timene mine")
def appointments(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    now = timezone.now()
    bookings = list(
        person.bookings.exclude(status__in=[Booking.Status.HELD, Booking.Status.EXPIRED])
        .select_related("therapist", "consultation_type")
        .order_by("start_at", "pk")
    )
    upcoming = [b for b in bookings if b.end_at > now and not b.is_cancelled]
    past = [b for b in reversed(bookings) if b not in upcoming]
    items = []
    for booking in upcoming:
        links = booking_links(booking, tokens.manage_token(booking), now)
        items.append({"booking": booking, **links})
    _log_page(request, person, bookings, "timer")
    return render(request, "minside/appointments.html", {"upcoming": items, "past": past, "tab": "timer"})


@own_data(purpose="Min side: det jeg har sendt")
def sent(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    requests = list(person.match_requests.order_by("-created_at"))
    enquiries = list(person.enquiries.order_by("-created_at"))
    enrollments = list(person.course_enrollments.order_by("-created_at"))
    shown = [*requests, *enquiries, *enrollments]
    _log_page(request, person, shown, "sendt")
    context = {
        "requests": [
            {
                "request": r,
                "suggestions": r.suggestions
                if r.status in (MatchRequest.Status.SUGGESTED, MatchRequest.Status.BOOKED)
                else [],
            }
            for r in requests
        ],
        "enquiries": enquiries,
        "enrollments": enrollments,
        "running": Enrollment.RUNNING,
        "tab": "sendt",
        "left": request.GET.get("meldt-av") == "1",
        "withdrawn": request.GET.get("trukket") == "1",
    }
    return render(request, "minside/sent.html", context)


@require_POST
@own_data(purpose="Min side: melde seg av e-postkurset")
def leave_course(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request)
    try:
        services.leave_course(person=person, enrollment_id=pk, by=request.user)  # type: ignore[arg-type]
    except services.NotYours:
        raise Http404 from None
    return redirect(reverse("minside:sent") + "?meldt-av=1")


@require_POST
@own_data(purpose="Min side: trekke tilbake en forespørsel")
def withdraw_request(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request)
    try:
        services.withdraw_match_request(person=person, request_id=pk, by=request.user)  # type: ignore[arg-type]
    except services.NotYours:
        raise Http404 from None
    return redirect(reverse("minside:sent") + "?trukket=1")


@own_data(purpose="Min side: hvem har lest opplysningene mine")
def access_log(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    page = Paginator(rows_about(person), PER_PAGE).get_page(request.GET.get("side"))
    lines = [describe(entry, person=person, now=timezone.now()) for entry in page.object_list]
    # Logged after reading, so this visit shows at the top of the next one, not of this one.
    log_access(request=request, obj=_self_ref(person, "tilgangslogg"), subject=person)
    return render(request, "minside/log.html", {"page": page, "lines": lines, "tab": "logg"})


@own_data(purpose="Min side: mine opplysninger")
def my_data(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    requests = list(person.match_requests.order_by("-created_at"))
    enrollments = list(person.course_enrollments.order_by("-created_at"))
    deletion = person.deletion_requests.filter(handled_at__isnull=True).first()
    _log_page(request, person, [*requests, *enrollments], "mine opplysninger")
    context = {
        "requests": requests,
        "enrollments": enrollments,
        "running": Enrollment.RUNNING,
        "deletion": deletion,
        "tab": "data",
        "asked": request.GET.get("sletting") == "1",
    }
    return render(request, "minside/data.html", context)


@own_data(purpose="Min side: laste ned opplysningene mine")
def export_json(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    data = services.export(person=person)
    data["access_log"] = [
        _line_json(describe(e, person=person, now=timezone.now())) for e in rows_about(person)
    ]
    log_access(request=request, obj=_self_ref(person, "eksport"), subject=person, action=Action.EXPORT)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mine-opplysninger.json"'
    return response


def _line_json(line) -> dict:
    return {"at": line.at.isoformat(), "what": line.text, "why": line.why, "emergency": line.emergency}


@own_data(purpose="Min side: lese opplysningene mine")
def export_html(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    sections = [
        {
            "key": part.key,
            "title": part.title,
            "rows": [[(label, services.shown(value)) for _key, label, value in row] for row in part.rows],
        }
        for part in services.sections(person=person)
    ]
    lines = [describe(e, person=person, now=timezone.now()) for e in rows_about(person)]
    log_access(request=request, obj=_self_ref(person, "eksport"), subject=person, action=Action.EXPORT)
    return render(
        request,
        "minside/export.html",
        {"person": person, "sections": sections, "lines": lines, "tab": "data"},
    )


@require_http_methods(["GET", "POST"])
@own_data(purpose="Min side: be om sletting")
def delete_account(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            log_access(request=request, obj=_self_ref(person, "sletting"), subject=person)
            return render(request, "minside/delete.html", {"tab": "data", "error": True}, status=400)
        services.request_deletion(
            person=person,
            by=request.user,  # type: ignore[arg-type]
            note=request.POST.get("note", ""),
        )
        return redirect(reverse("minside:data") + "?sletting=1")
    log_access(request=request, obj=_self_ref(person, "sletting"), subject=person)
    return render(request, "minside/delete.html", {"tab": "data"})
