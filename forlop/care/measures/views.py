"""Outcome measures: the person's "Skjemaer" on Min side (what to fill in, the form item by item, the answer,
and the results over time), and the team's page inside the course (the same results, what is due, the flags,
and entering a paper form)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forlop.accounts.models import User
from forlop.audit.access import own_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course
from forlop.care.plan.services import clinic_day
from forlop.lib import charts
from forlop.lib.timezones import OSLO
from forlop.people.models import Person
from forlop.selftest import scoring as selftest_scoring

from . import schedule, services
from .forms import MeasureForm
from .models import Measurement
from .scoring import BANDS, INSTRUMENTS, ORDER, STEMS, Kind, Point, change_text, item9_positive

TAB = "skjemaer"
TONES = {
    4: ("calm", "neutral", "warn", "danger"),
    5: ("calm", "neutral", "warn", "danger", "severe"),
}


def _bands(kind: Kind) -> list[charts.ChartBand]:
    if kind in BANDS:
        bands = BANDS[kind]
        return [charts.ChartBand(b.low, b.high, str(b.label), TONES[len(bands)][b.rank]) for b in bands]
    if kind is Kind.AUDIT:  # WHO's zones (the men's cut-off; the table names each result's own zone)
        return [
            charts.ChartBand(low, high, f"{_('Sone')} {zone.roman}", TONES[4][zone.value - 1])
            for zone, low, high in selftest_scoring.AUDIT_ZONE_RANGES
        ]
    return []  # DUDIT's cut-off depends on sex; the table names each result's band


@dataclass
class ResultRow:
    taken_at: datetime
    total: int
    max_total: int
    band_label: str
    occasion: str
    measurement: Measurement | None = None  # None for the self-test carried over from the request
    tone: str = "neutral"


@dataclass
class Result:
    kind: Kind
    title: str
    short_name: str
    source: str
    rows: list[ResultRow] = field(default_factory=list)  # newest first
    chart: SafeString | None = None
    change: str = ""


def _occasion_label(m: Measurement) -> str:
    if m.context == "evaluation" and m.evaluation is not None:
        return _("Evaluering %(day)s") % {"day": m.evaluation.due_on.strftime("%d.%m.%Y")}
    return str(m.get_context_display())


def _carried_over_selftest(course: Course) -> tuple[Kind, ResultRow] | None:
    """The AUDIT or DUDIT the person attached to the match request (total and zone only), as a first point."""
    carried = course.carried_over or {}
    selftest = carried.get("selftest") or None
    if not isinstance(selftest, dict):
        return None
    try:
        kind = Kind(str(selftest.get("instrument")))
        total = int(selftest["total"])
    except (KeyError, TypeError, ValueError):
        return None
    if kind not in (Kind.AUDIT, Kind.DUDIT):
        return None
    received = carried.get("received_at")
    at = parse_datetime(received) if isinstance(received, str) else None
    if at is None or timezone.is_naive(at) or at > course.started_at:
        at = course.started_at
    row = ResultRow(
        taken_at=at,
        total=total,
        max_total=INSTRUMENTS[kind].max_total,
        band_label=str(selftest.get("zone") or ""),
        occasion=_("Selvtest i forespørselen"),
    )
    return kind, row


def build_results(course: Course, measurements: list[Measurement]) -> list[Result]:
    """One result per instrument with anything to show: a chart (oldest first), a table (newest first) and,
    from the second result on, what the change since the previous one means."""
    carried = _carried_over_selftest(course)
    results = []
    for kind in ORDER:
        mine = [m for m in measurements if m.instrument == kind.value]
        rows: list[ResultRow] = []
        if carried is not None and carried[0] is kind:
            rows.append(carried[1])
        for m in mine:
            band = m.band_obj
            tones = TONES.get(len(BANDS.get(kind, ())) or 4, TONES[4])
            rows.append(
                ResultRow(
                    taken_at=m.taken_at,
                    total=m.total,
                    max_total=INSTRUMENTS[kind].max_total,
                    band_label=str(band.label) if band else m.band,
                    occasion=_occasion_label(m),
                    measurement=m,
                    tone=tones[min(band.rank, len(tones) - 1)] if band else "neutral",
                )
            )
        if not rows:
            continue
        instrument = INSTRUMENTS[kind]
        chart = charts.line_chart(
            [(r.taken_at, r.total) for r in rows],
            title=_("%(name)s over tid") % {"name": instrument.short_name},
            y_range=(0, instrument.max_total),
            tz=OSLO,
            bands=_bands(kind),
            id_prefix=f"chart-{kind.value}",
        )
        change = ""
        if len(mine) >= 2:
            previous, latest = mine[-2], mine[-1]
            change = change_text(kind, Point(previous.total, previous.band), Point(latest.total, latest.band))
        elif len(rows) >= 2 and rows[0].measurement is None:
            change = _(
                "Det første punktet er selvtesten du tok før forløpet startet. Summen kan sammenlignes, men "
                "selvtesten ble tatt på egen hånd."
            )
        results.append(
            Result(
                kind=kind,
                title=str(instrument.title),
                short_name=instrument.short_name,
                source=str(instrument.source),
                rows=list(reversed(rows)),
                chart=chart,
                change=change,
            )
        )
    return results


def _reverse_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# --- Min side -----------------------------------------------------------------------------------------------


def _open_course(person: Person) -> Course | None:
    return Course.objects.open().filter(person=person).order_by("-started_at", "-pk").first()


def _no_course(request: HttpRequest, person: Person) -> HttpResponse:
    log_access(
        request=request,
        obj=Ref("people.person", str(person.pk), "skjemaer", person_id=person.pk),
        subject=person,
    )
    return render(request, "care_measures/mine_none.html", {"tab": "forlop"})


@own_data(purpose="Min side: skjemaer")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = _open_course(person)
    if course is None:
        return _no_course(request, person)
    measurements = services.series(course)
    due = services.due_for(course, now=timezone.now(), measurements=measurements)
    log_access(request=request, obj=course, subject=person)
    log_access_many(request=request, objs=measurements, subject=lambda _m: person)
    context = {
        "tab": "forlop",
        "course": course,
        "due": [{"item": d, "instrument": INSTRUMENTS[d.kind]} for d in due],
        "results": build_results(course, measurements),
        "hub_url": _reverse_or_none("care_plan:mine"),
    }
    return render(request, "care_measures/mine.html", context)


@own_data(purpose="Min side: fylle ut skjema")
@require_http_methods(["GET", "POST"])
def fill(request: HttpRequest, instrument: str) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = _open_course(person)
    if course is None:
        return _no_course(request, person)
    try:
        kind = Kind(instrument)
    except ValueError as error:
        raise Http404 from error
    now = timezone.now()
    due = next((d for d in services.due_for(course, now=now) if d.kind is kind), None)
    if due is None:
        messages.info(
            request, _("Det skjemaet er ikke til utfylling nå. Takk – du har svart på det som trengs.")
        )
        return redirect("care_measures:mine")
    form = MeasureForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            measurement = services.record(
                course=course,
                by=request.user,  # type: ignore[arg-type]
                instrument=kind.value,
                answers=form.answers,
                occasion=due.occasion.key,
                taken_at=now,
                now=now,
                sex=form.result.sex if form.result else None,
            )
        except services.MeasureRejected as error:
            form.add_error(None, error.messages[0])
        else:
            return redirect("care_measures:answer", pk=measurement.pk)
    log_access(request=request, obj=course, subject=person)
    context = {
        "tab": "forlop",
        "form": form,
        "kind": kind,
        "instrument": INSTRUMENTS[kind],
        "stem": STEMS[kind],
        # The item-9 rule holds at once, even when something else in the form is missing.
        "danger": form.is_bound and kind is Kind.PHQ9 and _item9(form),
    }
    return render(request, "care_measures/fill.html", context, status=400 if form.errors else 200)


def _item9(form: MeasureForm) -> bool:
    return item9_positive(form.kind, form.answers)


@own_data(purpose="Min side: svar på skjema")
@require_GET
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    measurement = get_object_or_404(
        Measurement.objects.select_related("course"), pk=pk, course__person=person
    )
    log_access(request=request, obj=measurement, subject=person)
    course = measurement.course
    remaining = services.due_for(course, now=timezone.now())
    context = {
        "tab": "forlop",
        "measurement": measurement,
        "instrument": INSTRUMENTS[measurement.kind],
        "band": measurement.band_obj,
        "danger": measurement.safety_flag,
        "next_due": [{"item": d, "instrument": INSTRUMENTS[d.kind]} for d in remaining],
        "message_url": _reverse_or_none("care_messaging:mine"),
    }
    return render(request, "care_measures/answer.html", context)


# --- staff --------------------------------------------------------------------------------------------------


def _staff_context(request: HttpRequest, course: Course, **extra: Any) -> dict[str, Any]:
    return {
        "course": course,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": TAB,
        **extra,
    }


@course_view(Data.TREATMENT, purpose="Behandling: kartleggingsskjemaer")
@require_GET
def staff(request: HttpRequest, course: Course) -> HttpResponse:
    now = timezone.now()
    measurements = list(
        Measurement.objects.filter(course=course)
        .select_related("entered_by", "evaluation")
        .order_by("taken_at", "pk")
    )
    due = services.due_for(course, now=now, measurements=measurements)
    log_course_read(request, course)
    for m in measurements:
        log_course_read(request, m)
    context = _staff_context(
        request,
        course,
        results=build_results(course, measurements),
        due=[{"item": d, "instrument": INSTRUMENTS[d.kind]} for d in due],
        flags=services.flags_for([course.pk], now=now).get(course.pk, []),
        may_enter=may_change(request, course) and course.is_open,
        instruments=[INSTRUMENTS[k] for k in ORDER],
    )
    return render(request, "care_measures/staff.html", context)


def _occasion_choices(course: Course) -> list[tuple[str, str]]:
    choices = [("", _("Velg …"))]
    for occasion in services.occasions_for_staff(course):
        if occasion.is_start:
            label = _("Ved start (%(day)s)") % {"day": occasion.due_on.strftime("%d.%m.%Y")}
        else:
            label = _("Evaluering %(day)s") % {"day": occasion.due_on.strftime("%d.%m.%Y")}
        choices.append((occasion.key, label))
    choices.append((services.EXTRA, _("Ekstra (utenom start og evaluering)")))
    return choices


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: registrere kartleggingsskjema")
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest, course: Course, instrument: str) -> HttpResponse:
    try:
        kind = Kind(instrument)
    except ValueError as error:
        raise Http404 from error
    if not course.is_open:
        messages.error(request, _("Forløpet er avsluttet. Nye skjemaer kan ikke registreres."))
        return redirect("care_measures:staff", course_pk=course.pk)
    now = timezone.now()
    form = MeasureForm(
        request.POST or None, kind=kind, occasions=_occasion_choices(course), today=clinic_day(now)
    )
    if request.method == "POST" and form.is_valid():
        by: User = request.user  # type: ignore[assignment]
        try:
            measurement = services.record(
                course=course,
                by=by,
                instrument=kind.value,
                answers=form.answers,
                occasion=form.cleaned_data["occasion"],
                taken_at=form.taken_at(now),
                now=now,
                sex=form.result.sex if form.result else None,
            )
        except services.MeasureRejected as error:
            form.add_error(None, error.messages[0])
        else:
            band = measurement.band_obj
            messages.success(
                request,
                _("%(name)s er registrert: sum %(total)s, %(band)s.")
                % {
                    "name": measurement.short_name,
                    "total": measurement.total,
                    "band": str(band.label).lower() if band else measurement.band,
                },
            )
            if measurement.safety_flag:
                messages.error(
                    request,
                    _(
                        "PHQ-9 spørsmål 9 er besvart over 0. Ta kontakt med personen snarest og vurder "
                        "selvmordsrisiko; ikke vent til neste time."
                    ),
                )
            return redirect("care_measures:staff", course_pk=course.pk)
    log_course_read(request, course)
    context = _staff_context(
        request,
        course,
        form=form,
        kind=kind,
        instrument=INSTRUMENTS[kind],
        stem=STEMS[kind],
        start=schedule.START,
    )
    return render(request, "care_measures/staff_new.html", context, status=400 if form.errors else 200)
