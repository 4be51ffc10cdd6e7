"""Min side: the daily check-in (today, or yesterday as a late entry), the page after it (with the help-now
ladder at once on a red flag), and "Min fremgang". Staff: the same charts and the recent check-ins, with
"seen" for a check-in's flags."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forlop.audit.access import own_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course
from forlop.care.withdrawal.models import ScaleEntry
from forlop.lib.timezones import OSLO
from forlop.people.models import Person

from . import days, progress, redflags, services
from .forms import CheckInForm, MarkSeenForm
from .models import CheckIn

TAB = "innsjekk"


def _reverse_or_none(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _no_course(request: HttpRequest, person: Person, title: str) -> HttpResponse:
    log_access(
        request=request,
        obj=Ref("people.person", str(person.pk), "innsjekk", person_id=person.pk),
        subject=person,
    )
    return render(request, "care_checkin/mine_none.html", {"tab": TAB, "title": title})


def _checkin_page(request: HttpRequest, *, yesterday: bool) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = services.open_course(person)
    if course is None:
        return _no_course(request, person, _("Daglig innsjekk"))
    now = timezone.now()
    today, yday = days.editable_days(now, OSLO)
    shown_day = yday if yesterday else today
    if request.method == "POST":
        posted = request.POST.get("day", "")
        try:
            shown_day = date.fromisoformat(posted)
        except ValueError:
            pass
    existing = CheckIn.objects.filter(course=course, day=shown_day).first()
    taper = services.taper_on(course, shown_day)
    form = CheckInForm(
        request.POST or None,
        initial={"day": shown_day, **CheckInForm.initial_from(existing)},
        substances=services.substance_choices(course),
        taper=taper is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_checkin(
                by=request.user,  # type: ignore[arg-type]
                course=course,
                day=form.cleaned_data["day"],
                answers=form.answers(),
                now=now,
            )
        except services.CheckinRejected as error:
            field = error.field if error.field in form.fields and error.field != "day" else None
            form.add_error(field, error.messages[0])
        else:
            return redirect("care_checkin:saved", day=saved.day.isoformat())
    log_access(request=request, obj=existing or course, subject=person)
    context = {
        "tab": TAB,
        "course": course,
        "form": form,
        "day": shown_day,
        "is_today": shown_day == today,
        "existing": existing,
        "taper": taper,
        "yesterday_done": CheckIn.objects.filter(course=course, day=yday).exists(),
        "streak": services.streak_for(course, now=now),
    }
    return render(request, "care_checkin/mine.html", context, status=400 if form.errors else 200)


@own_data(purpose="Min side: daglig innsjekk")
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    return _checkin_page(request, yesterday=False)


@own_data(purpose="Min side: daglig innsjekk for i går")
@require_http_methods(["GET", "POST"])
def mine_yesterday(request: HttpRequest) -> HttpResponse:
    return _checkin_page(request, yesterday=True)


@own_data(purpose="Min side: innsjekk lagret")
@require_GET
def saved(request: HttpRequest, day: str) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = services.open_course(person)
    if course is None:
        return _no_course(request, person, _("Daglig innsjekk"))
    try:
        when = date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    checkin = get_object_or_404(CheckIn, course=course, day=when)
    now = timezone.now()
    log_access(request=request, obj=checkin, subject=person)
    rules = checkin.red_flag_rules()
    context = {
        "tab": TAB,
        "checkin": checkin,
        "rules": rules,
        "danger": bool(rules),
        "acute": redflags.acute(checkin.red_flags),
        "streak": services.streak_for(course, now=now),
        "may_correct": days.may_enter(checkin.day, now=now, tz=OSLO),
        "is_today": checkin.day == days.day_of(now, OSLO),
        "message_url": _reverse_or_none("care_messaging:mine_new"),
        "exercise_url": _reverse_or_none("care_modules:craving_exercise"),
    }
    return render(request, "care_checkin/saved.html", context)


def _progress(course: Course, *, now: Any) -> progress.Progress:
    checkins = services.checkins(course)
    entries = list(
        ScaleEntry.objects.filter(course=course).select_related("error").order_by("taken_at", "pk")
    )
    return progress.build(checkins, entries, today=days.day_of(now, OSLO))


@own_data(purpose="Min side: min fremgang")
@require_GET
def mine_progress(request: HttpRequest) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = services.open_course(person)
    if course is None:
        return _no_course(request, person, _("Min fremgang"))
    now = timezone.now()
    shown = _progress(course, now=now)
    log_access(request=request, obj=course, subject=person)
    log_access_many(request=request, objs=shown.checkins, subject=lambda _c: person)
    context = {
        "tab": TAB,
        "course": course,
        "progress": shown,
        "streak": services.streak_for(course, now=now),
    }
    return render(request, "care_checkin/progress.html", context)


@course_view(Data.TREATMENT, purpose="Behandling: innsjekk og fremgang")
@require_GET
def staff(request: HttpRequest, course: Course) -> HttpResponse:
    now = timezone.now()
    shown = _progress(course, now=now)
    log_course_read(request, course)
    log_access_many(request=request, objs=shown.checkins, subject=lambda _c: course.person)
    context = {
        "course": course,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": TAB,
        "progress": shown,
        "recent": shown.checkins[:14],
        "waiting": [c for c in shown.checkins if c.attention],
        "streak": services.streak_for(course, now=now),
        "flags": services.flags_for([course.pk], now=now).get(course.pk, []),
        "may_mark": may_change(request, course),
    }
    return render(request, "care_checkin/staff.html", context)


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: innsjekk sett")
@require_POST
def mark_seen(request: HttpRequest, course: Course) -> HttpResponse:
    form = MarkSeenForm(request.POST)
    if not form.is_valid():
        raise Http404
    checkin = get_object_or_404(CheckIn, pk=form.cleaned_data["checkin"], course=course)
    services.mark_seen(by=request.user, checkin=checkin)  # type: ignore[arg-type]
    messages.success(request, _("Innsjekken er markert som sett."))
    return redirect("care_checkin:staff", course_pk=course.pk)
