"""The relapse-prevention plan: the staff page inside a course (read, write a new version, history) and the
person's own page on Min side with the help-now ladder, one tap from every Min side page."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forlop.accounts.models import User
from forlop.audit.access import own_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, log_access
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course
from forlop.core.unavailable import refused_write, unavailable
from forlop.people.models import Person

from . import services
from .forms import OwnPartForm, PlanForm, initial_from

PURPOSE = "Behandling: tilbakefallsplan"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _reverse_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _staff_page(
    request: HttpRequest, course: Course, *, form: PlanForm | None = None, status: int = 200, **extra: Any
) -> HttpResponse:
    plan = services.plan_for(course)
    versions = list(plan.versions.select_related("by").order_by("-number")) if plan else []
    latest = versions[0] if versions else None
    may_edit = may_change(request, course, Data.TREATMENT) and course.is_open
    if may_edit and form is None:
        form = PlanForm(initial=initial_from(latest))
    log_course_read(request, latest or course)
    context = {
        "course": course,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": "tilbakefall",
        "latest": latest,
        "contacts": services.contacts_of(latest),
        "versions": versions,
        "may_edit": may_edit,
        "form": form if may_edit else None,
        "edit_open": status != 200 or latest is None,
        **extra,
    }
    return render(request, "care_relapse/staff.html", context, status=status)


@course_view(Data.TREATMENT, purpose=PURPOSE)
@require_GET
def staff(request: HttpRequest, course: Course) -> HttpResponse:
    return _staff_page(request, course)


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: endre tilbakefallsplan")
@require_POST
def staff_save(request: HttpRequest, course: Course) -> HttpResponse:
    form = PlanForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with refused_write("relapse plan") as write:
            try:
                services.save_plan(
                    course=course,
                    by=_user(request),
                    warning_signs=data["warning_signs"],
                    triggers=data["triggers"],
                    actions=data["actions"],
                    contacts=form.contacts(),
                    reasons=data["reasons"],
                    based_on=data["based_on"],
                )
            except services.RelapsePlanError as error:
                form.add_error(None, error.messages[0])
        if write.failed:
            return unavailable(_staff_page(request, course, form=form, status=200, save_failed=True))
        if not form.errors:
            messages.success(request, _("Tilbakefallsplanen er lagret som en ny versjon."))
            return redirect("care_relapse:staff", course_pk=course.pk)
    return _staff_page(request, course, form=form, status=400)


# --- Min side ----------------------------------------------------------------------------------------------


def course_of(person: Person) -> Course | None:
    """The person's open course, else their latest one (its plan is still theirs to read)."""
    courses = Course.objects.filter(person=person).order_by("-started_at", "-pk")
    return courses.open().first() or courses.first()


def ladder_urls() -> dict[str, str | None]:
    return {
        "exercise_url": _reverse_or_none("care_modules:craving_exercise"),
        "message_url": _reverse_or_none("care_messaging:mine_new"),
    }


def _mine_page(
    request: HttpRequest, *, form: OwnPartForm | None = None, status: int = 200, **extra: Any
) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = course_of(person)
    plan = services.plan_for(course) if course else None
    latest = services.latest_version(plan)
    may_edit = bool(course and course.is_open and latest)
    if may_edit and form is None:
        form = OwnPartForm(initial=initial_from(latest))
    if latest is not None:
        log_access(request=request, obj=latest, subject=person)
    else:
        log_access(
            request=request,
            obj=Ref("care_relapse.relapseplan", "", "tilbakefallsplan", person_id=person.pk),
            subject=person,
        )
    urls = ladder_urls()
    context = {
        "tab": "tilbakefallsplan",
        "course": course,
        "latest": latest,
        "contacts": services.contacts_of(latest),
        "form": form if may_edit else None,
        "edit_open": status != 200,
        "exercise_url": urls["exercise_url"] if course and course.is_open else None,
        "message_url": urls["message_url"] if course and course.is_open else None,
        **extra,
    }
    return render(request, "care_relapse/mine.html", context, status=status)


@own_data(purpose="Min side: tilbakefallsplan og hjelp nå")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    return _mine_page(request)


@own_data(purpose="Min side: endre egne deler av tilbakefallsplanen")
@require_POST
def mine_save(request: HttpRequest) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = Course.objects.open().filter(person=person).first()
    form = OwnPartForm(request.POST)
    if course is None:
        form.add_error(None, _("Du har ikke et åpent forløp, så planen kan ikke endres nå."))
        return _mine_page(request, form=form, status=400)
    if form.is_valid():
        with refused_write("relapse plan (own part)") as write:
            try:
                services.save_own_part(
                    course=course,
                    by=_user(request),
                    contacts=form.contacts(),
                    reasons=form.cleaned_data["reasons"],
                    based_on=form.cleaned_data["based_on"],
                )
            except services.RelapsePlanError as error:
                form.add_error(None, error.messages[0])
        if write.failed:
            return unavailable(_mine_page(request, form=form, save_failed=True))
        if not form.errors:
            messages.success(request, _("Endringene dine er lagret."))
            return redirect("care_relapse:mine")
    return _mine_page(request, form=form, status=400)
