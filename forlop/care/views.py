"""Staff pages of a course: start one from a request or a first talk, the overview (team, phase, history),
changing phase and team, the emergency access form, and the privacy officer's review list.

The pages inside a course (assessment, scales, taper plan, treatment plan, journal) live in the sub-apps and
use the same view class, `forlop.care.access.course_view`."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forlop.accounts.models import Role, User
from forlop.audit import policy
from forlop.audit.access import personal_data, staff_only
from forlop.audit.policy import Act, Data
from forlop.audit.services import log_access_many
from forlop.booking.models import Booking
from forlop.matching import answers as vocab
from forlop.matching.forms import STEP_TITLES
from forlop.matching.models import MatchRequest
from forlop.matching.services import answers_of

from . import phases, sections, services, summary
from .access import course_view, load_course, log_course_read, may_change
from .assessment.models import SettingDecision
from .forms import EmergencyForm, PhaseForm, ReviewForm, StartCourseForm, TeamForm
from .models import Course, EmergencyAccess

START_ROLES = (Role.COORDINATOR, Role.ADMIN, Role.THERAPIST, Role.DOCTOR)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def carried_over(match_request: MatchRequest | None) -> dict[str, Any]:
    """What the person told us in the request, as the course keeps it: the answers, the attached self-test
    and what the triage flagged."""
    if match_request is None:
        return {}
    return {
        "answers": answers_of(match_request),
        "selftest": match_request.selftest,
        "triage": {
            "urgent": match_request.urgent,
            "acute_signs": list(match_request.acute_signs),
            "medical_reasons": list(match_request.medical_reasons),
            "residential_likely": match_request.residential_likely,
            "recognised": list(match_request.recognised),
            "doctor_decision": match_request.doctor_decision,
            "doctor_reason": match_request.doctor_reason,
        },
        "request_id": match_request.pk,
        "received_at": match_request.created_at.isoformat(),
    }


def _source(request: HttpRequest) -> tuple[MatchRequest | None, Booking | None]:
    """The request or first talk the course starts from, if the user may read it; else 404 or 403."""
    user = _user(request)
    match_request = booking = None
    if "foresporsel" in request.GET:
        try:
            match_request = get_object_or_404(
                MatchRequest.objects.select_related("person", "assigned_therapist"),
                pk=int(request.GET["foresporsel"]),
            )
        except ValueError as error:
            raise Http404 from error
        assigned = match_request.assigned_therapist.user_id if match_request.assigned_therapist else None
        if not policy.may(
            user,
            Act.SEE,
            Data.MATCH_REQUEST,
            assigned_user_id=assigned,
            flagged=match_request.medical_assessment,
        ):
            raise PermissionDenied
    elif "time" in request.GET:
        try:
            booking = get_object_or_404(
                Booking.objects.select_related("person", "therapist"), pk=int(request.GET["time"])
            )
        except ValueError as error:
            raise Http404 from error
        if not policy.may(user, Act.SEE, Data.CALENDAR, assigned_user_id=booking.therapist.user_id):
            raise PermissionDenied
        if booking.person is not None:
            match_request = booking.person.match_requests.order_by("-created_at").first()
    else:
        raise Http404
    return match_request, booking


@personal_data(*START_ROLES, purpose="Behandling: starte forløp")
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Start a course from a match request (?foresporsel=) or a first talk (?time=), carrying over what the
    person told us once the clinician has checked it with them."""
    user = _user(request)
    match_request, booking = _source(request)
    person = (booking.person if booking else None) or (match_request.person if match_request else None)
    if person is None:
        raise Http404
    existing = Course.objects.open().filter(person=person).first()
    initial: dict[str, Any] = {"substances": list(match_request.substances) if match_request else []}
    if booking is not None and booking.therapist.user_id:
        initial["therapist"] = booking.therapist.user_id
    elif (
        match_request is not None
        and match_request.assigned_therapist
        and match_request.assigned_therapist.user_id
    ):
        initial["therapist"] = match_request.assigned_therapist.user_id
    if user.has_role(Role.COORDINATOR):
        initial["coordinator"] = user.pk
    if match_request is not None and match_request.doctor_decided_by_id:
        initial["doctor"] = match_request.doctor_decided_by_id
    form = StartCourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and existing is None and form.is_valid():
        people = {
            u.pk: u
            for u in User.objects.filter(
                pk__in=[
                    v
                    for k, v in form.cleaned_data.items()
                    if k in ("therapist", "doctor", "coordinator") and v
                ]
            )
        }
        try:
            course = services.start_course(
                by=user,
                person=person,
                therapist=people[form.cleaned_data["therapist"]],
                doctor=people.get(form.cleaned_data["doctor"]),
                coordinator=people.get(form.cleaned_data["coordinator"]),
                substances=form.cleaned_data["substances"],
                carried_over=carried_over(match_request),
                match_request=match_request,
                booking=booking,
            )
        except services.CourseError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Forløpet er startet. Neste steg er kartleggingen."))
            return redirect("care:course", course_pk=course.pk)
    shown: list[Any] = [x for x in (match_request, booking) if x is not None]
    log_access_many(request=request, objs=shown, subject=lambda _x: person)
    context = {
        "person": person,
        "match_request": match_request,
        "booking": booking,
        "existing": existing if existing and user.pk in existing.team_user_ids() else None,
        "has_existing": existing is not None,
        "sections": vocab.describe(answers_of(match_request), step_titles=STEP_TITLES)
        if match_request
        else [],
        "form": form,
    }
    return render(request, "care/start.html", context, status=400 if form.errors else 200)


def _overview(request: HttpRequest, course: Course, status: int = 200, **forms: Any) -> HttpResponse:
    allowed = phases.NEXT.get(course.phase, ())
    may_team = may_change(request, course, Data.TEAM)
    now = timezone.now()
    context = {
        "flags": summary.flags_for([course.pk], now=now).get(course.pk, []),
        "scores": summary.latest_scores([course.pk]).get(course.pk, []),
        "next_evaluation": summary.next_evaluations([course.pk]).get(course.pk),
        "decision": SettingDecision.objects.filter(course=course)
        .select_related("by")
        .order_by("-at", "-pk")
        .first(),
        "course": course,
        "history": course.phase_changes.select_related("by"),
        "team": course.team.all(),
        "may_team": may_team,
        "phase_form": forms.get("phase_form") or PhaseForm(allowed=allowed, initial={"seen": course.phase})
        if may_team and allowed
        else None,
        "team_form": forms.get("team_form") or TeamForm() if may_team and course.is_open else None,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": "oversikt",
    }
    log_course_read(request, course)
    return render(request, "care/course.html", context, status=status)


@course_view(Data.TEAM, purpose="Behandling: forløpsoversikt")
@require_GET
def course(request: HttpRequest, course: Course) -> HttpResponse:
    return _overview(request, course)


@course_view(Data.TEAM, Act.CHANGE, purpose="Behandling: endre fase")
@require_POST
def change_phase(request: HttpRequest, course: Course) -> HttpResponse:
    form = PhaseForm(request.POST, allowed=phases.NEXT.get(course.phase, ()))
    if form.is_valid() and form.cleaned_data["seen"] not in ("", course.phase):
        form.add_error(None, _("Noen andre endret fasen akkurat nå. Last siden på nytt."))
    elif form.is_valid():
        try:
            services.change_phase(
                course=course,
                to=form.cleaned_data["to"],
                by=_user(request),
                note=form.cleaned_data["note"],
                closing_summary=form.cleaned_data["closing_summary"],
            )
        except services.CourseError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request, _("Fasen er endret til «%(phase)s».") % {"phase": course.get_phase_display()}
            )
            return redirect("care:course", course_pk=course.pk)
    return _overview(request, course, status=400, phase_form=form)


@course_view(Data.TEAM, Act.CHANGE, purpose="Behandling: endre team")
@require_POST
def change_team(request: HttpRequest, course: Course) -> HttpResponse:
    form = TeamForm(request.POST)
    if form.is_valid():
        user = (
            User.objects.filter(pk=form.cleaned_data["user"]).first() if form.cleaned_data["user"] else None
        )
        try:
            services.set_team_member(
                course=course, role=form.cleaned_data["role"], user=user, by=_user(request)
            )
        except services.CourseError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Teamet er oppdatert."))
            return redirect("care:course", course_pk=course.pk)
    return _overview(request, load_course(course.pk), status=400, team_form=form)


@staff_only(*policy.roles(Data.TREATMENT))
@require_http_methods(["GET", "POST"])
def emergency(request: HttpRequest, course_pk: int) -> HttpResponse:
    """Declare an emergency access to a course one is not on the team of. The page names no person."""
    course = get_object_or_404(Course, pk=course_pk)
    user = _user(request)
    if not policy.may_declare_emergency(user, Data.TREATMENT):
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access = services.declare_emergency_access(
                course=course, by=user, reason=form.cleaned_data["reason"]
            )
        except services.CourseError as error:
            form.add_error("reason", error.messages[0])
        else:
            messages.warning(
                request,
                _("Akuttilgang registrert til %(time)s. Alt du leser logges med begrunnelsen din.")
                % {"time": timezone.localtime(access.expires_at).strftime("%H:%M")},
            )
            return redirect(next_url or reverse("care:course", kwargs={"course_pk": course.pk}))
    return render(
        request,
        "care/emergency.html",
        {"course_pk": course.pk, "form": form, "next": next_url, "minutes": services.emergency_minutes()},
        status=400 if form.errors else 200,
    )


@personal_data(*policy.roles(Data.EMERGENCY_REVIEW), purpose="Personvern: gjennomgang av akuttilganger")
@require_GET
def emergency_review(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("vis") == "alle"
    accesses = EmergencyAccess.objects.select_related("user", "course__person", "reviewed_by")
    if not show_all:
        accesses = accesses.filter(reviewed_at__isnull=True)
    rows = list(accesses.order_by("reviewed_at", "-at")[:200])
    log_access_many(request=request, objs=rows, subject=lambda a: a.course.person)
    return render(
        request,
        "care/emergency_review.html",
        {"accesses": rows, "show_all": show_all, "form": ReviewForm()},
    )


@personal_data(
    *policy.roles(Data.EMERGENCY_REVIEW, Act.CHANGE), purpose="Personvern: gjennomgang av akuttilganger"
)
@require_POST
def emergency_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_object_or_404(EmergencyAccess.objects.select_related("course__person"), pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_emergency_access(access=access, by=_user(request), note=form.cleaned_data["note"])
        except services.CourseError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Akuttilgangen er markert som gjennomgått."))
    else:
        messages.error(request, _("Skriv hva gjennomgangen viste."))
    return redirect("care:emergency_review")
