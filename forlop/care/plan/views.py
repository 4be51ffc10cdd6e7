"""The treatment plan: the staff page inside a course (goals, measures, evaluations, the forms to change them),
and the person's own "Mitt forløp" page on Min side."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forlop.accounts.models import User
from forlop.audit.access import own_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, log_access
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course, Phase, PhaseChange, TeamMember, TeamRole
from forlop.people.models import Person

from . import services
from .forms import EvaluationForm, PlanForm, measure_formset, measures_of
from .models import PlanRevision, TreatmentPlan

PURPOSE = "Behandling: behandlingsplan"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _revisions_with_changes(plan: TreatmentPlan) -> list[dict[str, Any]]:
    revisions = list(plan.revisions.select_related("by").order_by("number"))
    found = []
    older: PlanRevision | None = None
    for revision in revisions:
        found.append({"revision": revision, "changes": services.changes_between(older, revision)})
        older = revision
    return list(reversed(found))


def _page(request: HttpRequest, course: Course, *, status: int = 200, **forms: Any) -> HttpResponse:
    now = timezone.now()
    plan = services.plan_for(course)
    revision = services.current_revision(plan) if plan else None
    evaluations = list(plan.evaluations.select_related("done_by").order_by("-due_on", "-pk")) if plan else []
    pending = next((e for e in evaluations if not e.is_done), None)
    done = [e for e in evaluations if e.is_done]
    may_edit = may_change(request, course, Data.TREATMENT) and course.is_open
    plan_form = plan_formset = evaluation_form = None
    if may_edit:
        plan_form = forms.get("plan_form") or PlanForm(
            initial={
                "goals": "\n".join(revision.goals),
                "interval_weeks": revision.interval_weeks,
                "based_on": revision.number,
            }
            if revision
            else None
        )
        plan_formset = forms.get("plan_formset") or measure_formset(
            measures=list(revision.measures) if revision else []
        )
        if plan is not None:
            evaluation_form = forms.get("evaluation_form") or EvaluationForm(
                initial={"evaluation": pending.pk if pending else None}
            )
    context = {
        "course": course,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": "behandlingsplan",
        "plan": plan,
        "revision": revision,
        "history": _revisions_with_changes(plan) if plan else [],
        "pending": pending,
        "overdue_days": services.days_overdue(pending.due_on, now=now) if pending else 0,
        "done": done,
        "may_edit": may_edit,
        "plan_form": plan_form,
        "plan_formset": plan_formset,
        "evaluation_form": evaluation_form,
        "edit_open": bool(forms.get("plan_form")),
    }
    log_course_read(request, plan or course)
    return render(request, "care_plan/plan.html", context, status=status)


@course_view(Data.TREATMENT, purpose=PURPOSE)
@require_GET
def plan(request: HttpRequest, course: Course) -> HttpResponse:
    return _page(request, course)


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: endre behandlingsplan")
@require_POST
def edit(request: HttpRequest, course: Course) -> HttpResponse:
    form = PlanForm(request.POST)
    formset = measure_formset(request.POST)
    if form.is_valid() and formset.is_valid():
        existing = services.plan_for(course)
        try:
            if existing is None:
                services.create_plan(
                    course=course,
                    by=_user(request),
                    goals=form.goal_list(),
                    measures=measures_of(formset),
                    interval_weeks=form.cleaned_data["interval_weeks"],
                    note=form.cleaned_data["note"],
                )
            else:
                services.revise_plan(
                    plan=existing,
                    by=_user(request),
                    goals=form.goal_list(),
                    measures=measures_of(formset),
                    interval_weeks=form.cleaned_data["interval_weeks"],
                    note=form.cleaned_data["note"],
                    based_on=form.cleaned_data["based_on"],
                )
        except services.PlanError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Behandlingsplanen er lagret."))
            return redirect("care_plan:plan", course_pk=course.pk)
    return _page(request, course, status=400, plan_form=form, plan_formset=formset)


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: evaluering av behandlingsplan")
@require_POST
def evaluate(request: HttpRequest, course: Course) -> HttpResponse:
    form = EvaluationForm(request.POST)
    existing = services.plan_for(course)
    if existing is None:
        messages.error(request, _("Lag behandlingsplanen før du registrerer en evaluering."))
        return redirect("care_plan:plan", course_pk=course.pk)
    if form.is_valid():
        try:
            services.record_evaluation(
                plan=existing,
                by=_user(request),
                summary=form.cleaned_data["summary"],
                goals_outcome=form.cleaned_data["goals_outcome"],
                goals_adjusted=form.cleaned_data["goals_adjusted"],
                evaluation_id=form.cleaned_data["evaluation"],
            )
        except services.PlanError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Evalueringen er registrert, og neste evaluering er satt opp."))
            return redirect("care_plan:plan", course_pk=course.pk)
    return _page(request, course, status=400, evaluation_form=form)


# --- Min side ----------------------------------------------------------------------------------------------


def phase_in_plain_words(phase: str) -> str:
    return {
        Phase.KARTLEGGING: _("Vi blir kjent og finner ut sammen hva du trenger."),
        Phase.AVRUSNING: _("Du slutter eller trapper ned, med oppfølging av lege og terapeut."),
        Phase.BEHANDLING: _("Dere jobber med målene du har satt deg, og ser på planen sammen jevnlig."),
        Phase.OPPFOLGING: _("Du klarer deg mer på egen hånd, og vi følger opp med færre timer."),
        Phase.AVSLUTTET: _("Forløpet er avsluttet."),
    }.get(Phase(phase), "")


def _reverse_or_none(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _taper_links(request: HttpRequest, person: Person) -> list[dict[str, Any]]:
    """The person's approved taper plans, linked to the tapering app's Min side pages when they exist."""
    try:
        from forlop.care.tapering.services import approved_plans_for
    except ImportError:
        return []
    links = []
    for taper, version in approved_plans_for(person):
        url = _reverse_or_none("care_tapering:mine_plan", plan_pk=taper.pk) or _reverse_or_none(
            "care_tapering:mine"
        )
        if url:
            log_access(request=request, obj=taper, subject=person)
            links.append({"title": taper.get_kind_display(), "approved_at": version.approved_at, "url": url})
    return links


def _course_for(person: Person) -> Course | None:
    courses = Course.objects.filter(person=person).order_by("-started_at", "-pk")
    return courses.open().first() or courses.first()


@own_data(purpose="Min side: mitt forløp")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = _course_for(person)
    if course is None:
        log_access(
            request=request,
            obj=Ref("people.person", str(person.pk), "forløp", person_id=person.pk),
            subject=person,
        )
        return render(
            request,
            "care_plan/mine_none.html",
            {
                "tab": "forlop",
                "match_url": _reverse_or_none("matching:match"),
                "therapists_url": _reverse_or_none("therapists:list"),
            },
        )
    order: dict[str, int] = {TeamRole.THERAPIST: 0, TeamRole.DOCTOR: 1, TeamRole.COORDINATOR: 2}
    team = sorted(
        TeamMember.objects.filter(course=course).select_related("user"),
        key=lambda m: (order.get(m.role, 9), m.pk),
    )
    history = [
        {
            "change": change,
            "label": Phase(change.to_phase).label,
            "plain": phase_in_plain_words(change.to_phase),
        }
        for change in PhaseChange.objects.filter(course=course).order_by("at", "pk")
    ]
    plan = services.plan_for(course)
    revision = services.current_revision(plan) if plan else None
    pending = services.pending_evaluation(plan) if plan else None
    log_access(request=request, obj=course, subject=person)
    if plan is not None:
        log_access(request=request, obj=plan, subject=person)
    context = {
        "tab": "forlop",
        "course": course,
        "phase_label": Phase(course.phase).label,
        "phase_plain": phase_in_plain_words(course.phase),
        "history": history,
        "team": team,
        "plan": plan,
        "revision": revision,
        "next_evaluation": pending.due_on if pending and course.is_open else None,
        "evaluation_late": bool(
            pending and course.is_open and services.is_overdue(pending.due_on, now=timezone.now())
        ),
        "taper_links": _taper_links(request, person),
        "journal_url": _reverse_or_none("care_journal:mine"),
    }
    return render(request, "care_plan/mine.html", context)
