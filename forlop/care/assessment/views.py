"""Staff page for the kartlegging of a course: the assessment form (pre-filled from the request the first
time), what was carried in from the request (AUDIT/DUDIT), the latest PAWSS from the withdrawal section, the
setting suggestion with its reasons, the setting decision and its history, and the § 10 a checklist."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forlop.accounts.models import User
from forlop.audit.policy import Act, Data
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course
from forlop.therapists.vocabulary import SUBSTANCES

from . import services, setting
from .forms import AssessmentForm, DecisionForm, SubstanceForm
from .models import Assessment

TAB = "kartlegging"
PURPOSE = "Behandling: kartlegging"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _substance_forms(
    assessment: Assessment | None, initial_rows: list[dict], data: Any = None
) -> list[SubstanceForm]:
    if assessment is not None:
        saved = {row.substance: row for row in services.rows_of(assessment)}
        initial = {
            key: {"used": True, **{name: getattr(row, name) for name in services.SUBSTANCE_FIELDS}}
            for key, row in saved.items()
        }
    else:
        initial = {row["substance"]: {"used": True, **row} for row in initial_rows}
    return [SubstanceForm(data, substance=key, initial=initial.get(key, {})) for key in SUBSTANCES]


def _withdrawal_url(course: Course) -> str:
    try:
        return reverse("care_withdrawal:series", kwargs={"course_pk": course.pk})
    except NoReverseMatch:
        return ""


def _page(
    request: HttpRequest,
    course: Course,
    *,
    status: int = 200,
    form: AssessmentForm | None = None,
    substance_forms: list[SubstanceForm] | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    assessment = services.current(course)
    initial = services.prefill(course)
    editable = may_change(request, course) and course.is_open
    if editable and form is None:
        form = AssessmentForm(instance=assessment, initial=None if assessment else initial["assessment"])
    if editable and substance_forms is None:
        substance_forms = _substance_forms(assessment, initial["rows"])
    suggestion = services.suggestion_for(course, assessment)
    history = services.decisions(course)
    if editable and assessment is not None and decision_form is None:
        decision_form = DecisionForm(initial={"setting": suggestion.setting})
    pawss = services.latest_pawss(course)
    log_course_read(request, course)
    if assessment is not None:
        log_course_read(request, assessment)
    context = {
        "course": course,
        "sections": sections.for_course(course),
        "tab": TAB,
        "emergency": getattr(request, "emergency_access", None),
        "assessment": assessment,
        "rows": services.rows_of(assessment),
        "carried": initial,
        "editable": editable,
        "form": form,
        "substance_forms": substance_forms,
        "decision_form": decision_form if editable and assessment is not None else None,
        "suggestion": suggestion,
        "levels": setting.LEVEL_LABELS,
        "decisions": history,
        "current_decision": history[0] if history else None,
        "pawss": pawss,
        "withdrawal_url": _withdrawal_url(course),
    }
    return render(request, "care_assessment/assessment.html", context, status=status)


@course_view(Data.TREATMENT, purpose=PURPOSE)
@require_GET
def assessment(request: HttpRequest, course: Course) -> HttpResponse:
    return _page(request, course)


@course_view(Data.TREATMENT, Act.CHANGE, purpose=PURPOSE)
@require_POST
def save(request: HttpRequest, course: Course) -> HttpResponse:
    current = services.current(course)
    form = AssessmentForm(request.POST, instance=current)
    substance_forms = _substance_forms(current, [], request.POST)
    valid = form.is_valid()
    substances: dict[str, dict[str, Any]] = {}
    for substance_form in substance_forms:
        if not substance_form.is_valid():
            valid = False
            continue
        if substance_form.cleaned_data["used"]:
            substances[substance_form.substance] = substance_form.values()
        elif any(value not in ("", None) for value in substance_form.values().values()):
            substance_form.add_error(
                "used",
                _("Kryss av for «%(label)s», eller tøm feltene.")
                % {"label": substance_form.fields["used"].label},
            )
            valid = False
    if valid:
        try:
            services.save_assessment(
                course=course, by=_user(request), data=form.cleaned_data, substances=substances
            )
        except services.AssessmentError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Kartleggingen er lagret."))
            return redirect("care_assessment:assessment", course_pk=course.pk)
    return _page(request, course, status=400, form=form, substance_forms=substance_forms)


@course_view(Data.TREATMENT, Act.CHANGE, purpose=PURPOSE)
@require_POST
def decide(request: HttpRequest, course: Course) -> HttpResponse:
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_setting(
                course=course,
                by=_user(request),
                setting_key=form.cleaned_data["setting"],
                reason=form.cleaned_data["reason"],
            )
        except services.AssessmentError as error:
            form.add_error("reason", error.messages[0])
        else:
            messages.success(request, _("Avgjørelsen om behandlingsnivå er registrert."))
            return redirect("care_assessment:assessment", course_pk=course.pk)
    return _page(request, course, status=400, decision_form=form)
