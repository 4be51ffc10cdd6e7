"""Taper plan pages: staff (list and create, a version, edit a draft, new version, approve) and Min side (the
person's approved plan day by day, and a print view). Thin: the services write and check the team rule."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forlop.accounts import stepup
from forlop.accounts.models import User
from forlop.accounts.useragent import describe
from forlop.audit.access import own_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import log_access, log_access_many
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course
from forlop.lib.requests import hashed_ip

from . import services
from .forms import ApproveForm, CreateForm, DraftForm, NewVersionForm
from .models import PlanVersion, Status, TaperPlan


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _context(request: HttpRequest, course: Course, **extra: Any) -> dict[str, Any]:
    return {
        "course": course,
        "sections": sections.for_course(course),
        "tab": "nedtrapping",
        "emergency": getattr(request, "emergency_access", None),
        "may_edit": may_change(request, course, Data.TREATMENT),
        "may_approve": may_change(request, course, Data.PRESCRIPTION),
        **extra,
    }


def _plan(course: Course, plan_pk: int) -> TaperPlan:
    return get_object_or_404(TaperPlan, pk=plan_pk, course=course)


def _version(course: Course, plan_pk: int, number: int) -> PlanVersion:
    return get_object_or_404(
        PlanVersion.objects.select_related("plan", "proposed_by", "edited_by", "approved_by"),
        plan__course=course,
        plan_id=plan_pk,
        number=number,
    )


# --- staff ------------------------------------------------------------------------------------------------------


def _plans_page(request: HttpRequest, course: Course, *, status: int = 200, **extra: Any) -> HttpResponse:
    plans = list(course.taper_plans.all())
    rows = [(plan, services.versions_with_status(plan)) for plan in plans]
    log_course_read(request, course)
    log_access_many(request=request, objs=plans, subject=lambda _p: course.person)
    extra.setdefault("create_form", CreateForm())
    return render(
        request, "care_tapering/plans.html", _context(request, course, rows=rows, **extra), status=status
    )


@course_view(Data.PRESCRIPTION, purpose="Behandling: nedtrappingsplaner")
@require_GET
def plans(request: HttpRequest, course: Course) -> HttpResponse:
    return _plans_page(request, course)


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: ny nedtrappingsplan")
@require_POST
def create(request: HttpRequest, course: Course) -> HttpResponse:
    form = CreateForm(request.POST)
    if not form.is_valid():
        return _plans_page(request, course, status=400, create_form=form)
    version = services.propose(by=_user(request), course=course, kind=form.cleaned_data["kind"])
    return redirect("care_tapering:edit", course_pk=course.pk, plan_pk=version.plan_id, number=version.number)


@course_view(Data.PRESCRIPTION, purpose="Behandling: nedtrappingsplan")
@require_GET
def version(request: HttpRequest, course: Course, plan_pk: int, number: int) -> HttpResponse:
    shown = _version(course, plan_pk, number)
    log_course_read(request, shown)
    return render(request, "care_tapering/version.html", _version_context(request, course, shown))


def _version_context(
    request: HttpRequest, course: Course, shown: PlanVersion, **extra: Any
) -> dict[str, Any]:
    statuses = dict((v.pk, s) for v, s in services.versions_with_status(shown.plan))
    return _context(
        request,
        course,
        plan=shown.plan,
        version=shown,
        status=statuses.get(shown.pk, Status.DRAFT),
        status_label=Status(statuses.get(shown.pk, Status.DRAFT)).label,
        schedule=shown.schedule,
        new_version_form=extra.pop("new_version_form", NewVersionForm()),
        **extra,
    )


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: endre nedtrappingsplan")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, course: Course, plan_pk: int, number: int) -> HttpResponse:
    draft = _version(course, plan_pk, number)
    if draft.approved_at is not None:
        messages.info(request, _("Denne versjonen er godkjent og kan ikke endres. Lag en ny versjon."))
        return redirect("care_tapering:version", course_pk=course.pk, plan_pk=plan_pk, number=number)
    form_class = DraftForm.for_kind(draft.plan.kind)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                services.save_draft(by=_user(request), version=draft, inputs=form.to_inputs())
            except services.TaperInputError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Utkastet er lagret. Se over planen før du godkjenner."))
                return redirect("care_tapering:version", course_pk=course.pk, plan_pk=plan_pk, number=number)
        status = 400
    else:
        form = form_class(initial=form_class.initial_from(draft.inputs))
    log_course_read(request, draft)
    return render(
        request,
        "care_tapering/edit.html",
        _context(request, course, plan=draft.plan, version=draft, form=form, schedule=draft.schedule),
        status=status,
    )


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: ny versjon av nedtrappingsplan")
@require_POST
def new_version(request: HttpRequest, course: Course, plan_pk: int) -> HttpResponse:
    plan = _plan(course, plan_pk)
    form = NewVersionForm(request.POST)
    if form.is_valid():
        try:
            created = services.new_version(by=_user(request), plan=plan, reason=form.cleaned_data["reason"])
        except services.TaperInputError as error:
            form.add_error(None, str(error))
        else:
            return redirect("care_tapering:edit", course_pk=course.pk, plan_pk=plan.pk, number=created.number)
    latest = plan.versions.order_by("-number").first()
    assert latest is not None
    log_course_read(request, latest)
    return render(
        request,
        "care_tapering/version.html",
        _version_context(request, course, latest, new_version_form=form),
        status=400,
    )


@course_view(Data.PRESCRIPTION, Act.CHANGE, purpose="Behandling: godkjenne nedtrappingsplan")
@require_http_methods(["GET", "POST"])
def approve(request: HttpRequest, course: Course, plan_pk: int, number: int) -> HttpResponse:
    draft = _version(course, plan_pk, number)
    if draft.approved_at is not None:
        return redirect("care_tapering:version", course_pk=course.pk, plan_pk=plan_pk, number=number)
    user = _user(request)
    status = 200
    if request.method == "POST":
        form = ApproveForm(request.POST)
        form.is_valid()
        passkey = None
        if request.POST.get("passkey_proof") == "1":
            passkey = stepup.take_passkey_proof(request.session, user=user, now=timezone.now())
        try:
            services.approve(
                by=user,
                version=draft,
                code=form.cleaned_data.get("code", ""),
                passkey=passkey,
                ip_hash=hashed_ip(request),
                user_agent=describe(request.headers.get("User-Agent", "")),
            )
        except services.ApprovalRefused as refused:
            form.add_error("code", refused.message)
            status = 429 if refused.locked else 400
        except PermissionDenied:
            raise
        else:
            messages.success(
                request,
                _("Versjon %(number)s er godkjent. Personen ser den nå i Min side.") % {"number": number},
            )
            return redirect("care_tapering:version", course_pk=course.pk, plan_pk=plan_pk, number=number)
    else:
        form = ApproveForm()
    log_course_read(request, draft)
    return render(
        request,
        "care_tapering/approve.html",
        _context(
            request,
            course,
            plan=draft.plan,
            version=draft,
            schedule=draft.schedule,
            form=form,
            refusal=stepup.refusal_for(user),
            has_passkey=stepup.has_passkey(user),
            can_type_a_code=stepup.can_type_a_code(user),
        ),
        status=status,
    )


# --- Min side -------------------------------------------------------------------------------------------------


def _mine(request: HttpRequest, plan_pk: int) -> tuple[TaperPlan, PlanVersion]:
    person = request.person  # type: ignore[attr-defined]
    for plan, version in services.approved_plans_for(person):
        if plan.pk == plan_pk:
            return plan, version
    raise Http404


def _days(version: PlanVersion, today: date) -> list[dict[str, Any]]:
    return [
        {
            "date": date.fromisoformat(day["date"]),
            "doses": day["doses"],
            "today": day["date"] == today.isoformat(),
        }
        for day in version.schedule.get("days", [])
    ]


@own_data(purpose="Min side: nedtrappingsplan")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    found = services.approved_plans_for(request.person)  # type: ignore[attr-defined]
    if len(found) == 1:
        return redirect("care_tapering:mine_plan", plan_pk=found[0][0].pk)
    log_access_many(request=request, objs=[v for _p, v in found], subject=lambda _v: request.person)  # type: ignore[attr-defined]
    if not found:
        log_access(request=request, obj=request.person)  # type: ignore[attr-defined]
    return render(request, "care_tapering/mine_list.html", {"found": found, "tab": "forlop"})


@own_data(purpose="Min side: nedtrappingsplan")
@require_GET
def mine_plan(request: HttpRequest, plan_pk: int) -> HttpResponse:
    return _mine_page(request, plan_pk, "care_tapering/mine_plan.html")


@own_data(purpose="Min side: nedtrappingsplan, utskrift")
@require_GET
def mine_print(request: HttpRequest, plan_pk: int) -> HttpResponse:
    return _mine_page(request, plan_pk, "care_tapering/mine_print.html")


def _mine_page(request: HttpRequest, plan_pk: int, template: str) -> HttpResponse:
    plan, shown = _mine(request, plan_pk)
    log_access(request=request, obj=shown, subject=request.person)  # type: ignore[attr-defined]
    today = services.local_today(timezone.now())
    days = _days(shown, today)
    return render(
        request,
        template,
        {
            "plan": plan,
            "version": shown,
            "schedule": shown.schedule,
            "days": days,
            "coming": [d for d in days if d["date"] >= today],
            "past": [d for d in days if d["date"] < today],
            "today": today,
            "tab": "forlop",
        },
    )
