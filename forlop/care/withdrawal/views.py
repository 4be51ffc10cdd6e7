"""Staff pages for the withdrawal scales in a course: the series (a chart and a table per instrument), the
entry form per instrument, and marking an entry as made by mistake."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forlop.accounts.models import User
from forlop.audit.policy import Act, Data
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course
from forlop.care.scales import SCALES, PawssNotApplicable, ScaleKind

from . import services
from .forms import EntryForm, MarkErrorForm
from .models import ScaleEntry
from .series import build_series

TAB = "abstinens"


def _context(request: HttpRequest, course: Course, **extra: Any) -> dict[str, Any]:
    return {
        "course": course,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": TAB,
        **extra,
    }


def _kind(instrument: str) -> ScaleKind:
    try:
        return ScaleKind(instrument)
    except ValueError as error:
        raise Http404 from error


@course_view(Data.TREATMENT, purpose="Behandling: abstinensskårer")
@require_GET
def series(request: HttpRequest, course: Course) -> HttpResponse:
    entries = list(services.series(course))
    kinds_with_entries = [k for k in ScaleKind if any(e.instrument == k.value for e in entries)]
    log_course_read(request, course)
    context = _context(
        request,
        course,
        series=[build_series(entries, k) for k in kinds_with_entries],
        scales=[SCALES[k] for k in ScaleKind],
        may_enter=may_change(request, course) and course.is_open,
        may_mark=may_change(request, course),
        not_applicable=PawssNotApplicable().label,
        flags=services.flags_for([course.pk], now=timezone.now()).get(course.pk, []),
    )
    return render(request, "care_withdrawal/series.html", context)


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: registrere abstinensskåre")
@require_http_methods(["GET", "POST"])
def new_entry(request: HttpRequest, course: Course, instrument: str) -> HttpResponse:
    kind = _kind(instrument)
    now = timezone.now()
    if not course.is_open:
        messages.error(request, _("Forløpet er avsluttet. Nye skårer kan ikke registreres."))
        return redirect("care_withdrawal:series", course_pk=course.pk)
    form = EntryForm(request.POST or None, kind=kind, now=now)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.record_entry(
                course=course,
                by=request.user,  # type: ignore[arg-type]
                instrument=kind.value,
                answers=form.cleaned_data["scores"],
                threshold_met=form.cleaned_data["threshold_met_bool"],
                taken_at=form.cleaned_data["taken_at"],
                note=form.cleaned_data["note"],
                now=now,
            )
        except services.EntryRejected as error:
            form.add_error(error.field if error.field in form.fields else None, error.messages[0])
        else:
            messages.success(request, _saved_message(entry))
            return redirect("care_withdrawal:series", course_pk=course.pk)
    log_course_read(request, course)
    context = _context(request, course, form=form, definition=SCALES[kind], kind=kind)
    return render(request, "care_withdrawal/entry.html", context, status=400 if form.errors else 200)


def _saved_message(entry: ScaleEntry) -> str:
    definition = SCALES[entry.kind]
    if entry.total is None:
        return _("PAWSS er registrert: ikke aktuelt for personen.")
    band = entry.band_obj
    text = _("%(scale)s er registrert: sum %(total)s, %(band)s.") % {
        "scale": definition.short_name,
        "total": entry.total,
        "band": str(band.label).lower() if band else "",
    }
    if entry.flagged:
        text += " " + str(definition.threshold.rule)
    return text


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: merke abstinensskåre som feil")
@require_http_methods(["GET", "POST"])
def mark_error(request: HttpRequest, course: Course, entry_pk: int) -> HttpResponse:
    entry = get_object_or_404(
        ScaleEntry.objects.select_related("entered_by", "error"), pk=entry_pk, course=course
    )
    if entry.in_error:
        messages.info(request, _("Denne skåringen er allerede merket som registrert ved en feil."))
        return redirect("care_withdrawal:series", course_pk=course.pk)
    form = MarkErrorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        by: User = request.user  # type: ignore[assignment]
        try:
            services.mark_in_error(entry=entry, by=by, reason=form.cleaned_data["reason"])
        except services.EntryRejected as error:
            form.add_error("reason" if error.field == "reason" else None, error.messages[0])
        else:
            messages.success(request, _("Skåringen er merket som registrert ved en feil."))
            return redirect("care_withdrawal:series", course_pk=course.pk)
    log_course_read(request, entry)
    definition = SCALES[entry.kind]
    context = _context(request, course, form=form, entry=entry, definition=definition, band=entry.band_obj)
    return render(request, "care_withdrawal/mark_error.html", context, status=400 if form.errors else 200)
