"""The view class for every staff page inside a course: `@course_view(data, act, purpose=…)`.

It is `@personal_data` (verified staff, every read logged, no-store) plus the course check from the one
access policy: the course's team passes; anyone else on staff who declared an emergency access (akuttilgang)
that is still in force may *read*, and every row those reads write says "Akuttilgang: <reason>". Everyone else
gets a 403 page that names no person and offers the emergency access form.

The view receives the course (`view(request, course, …)`); the URL names it `course_pk`. It logs what it
shows with `log_course_read` (or `log_access`) — the purpose already carries the emergency reason.

Example::

    @course_view(Data.TREATMENT, purpose="Behandling: kartlegging")
    def assessment(request, course):
        log_course_read(request, course)
        ...
"""

from collections.abc import Callable
from functools import wraps

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from forlop.audit import policy
from forlop.audit.access import personal_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import Thing, log_access

from .models import Course, TeamMember
from .services import emergency_in_force

TEAM = "team"
EMERGENCY = "emergency"


def load_course(pk: int) -> Course:
    return get_object_or_404(
        Course.objects.select_related("person").prefetch_related(
            Prefetch("team", queryset=TeamMember.objects.select_related("user"))
        ),
        pk=pk,
    )


def course_access(request: HttpRequest, course: Course, data: Data, act: Act) -> str | None:
    """TEAM, EMERGENCY or None: how `request.user` may do `act` on `data` in `course`, if at all."""
    user = request.user
    if policy.may(user, act, data, team=course.team_user_ids()):  # type: ignore[arg-type]
        return TEAM
    if act == Act.SEE and policy.may_declare_emergency(user, data):  # type: ignore[arg-type]
        grant = emergency_in_force(course=course, user=user)  # type: ignore[arg-type]
        if grant is not None:
            request.emergency_access = grant  # type: ignore[attr-defined]
            return EMERGENCY
    return None


def course_view(data: Data = Data.TREATMENT, act: Act = Act.SEE, *, purpose: str) -> Callable:
    roles = policy.roles(data, act)

    def decorator(view: Callable) -> Callable:
        @personal_data(*roles, purpose=purpose)
        @wraps(view)
        def wrapper(request: HttpRequest, course_pk: int, *args, **kwargs) -> HttpResponse:
            course = load_course(course_pk)
            # A POST changes something; reading pages needs SEE, and a view that changes says so with act.
            how = course_access(request, course, data, act)
            if how is None:
                may_declare = act == Act.SEE and policy.may_declare_emergency(request.user, data)  # type: ignore[arg-type]
                return render(
                    request,
                    "care/not_on_team.html",
                    {"course_pk": course.pk, "may_declare": may_declare, "next": request.get_full_path()},
                    status=403,
                )
            request.course = course  # type: ignore[attr-defined]
            request.course_access = how  # type: ignore[attr-defined]
            if how == EMERGENCY:
                reason = request.emergency_access.reason  # type: ignore[attr-defined]
                request.access_purpose = f"Akuttilgang: {reason} ({purpose})"[:200]  # type: ignore[attr-defined]
            return view(request, course, *args, **kwargs)

        return wrapper

    return decorator


def log_course_read(request: HttpRequest, obj: Thing, *, course: Course | None = None) -> None:
    """Log that `obj` (the course or something in it) was shown, with the course's person as subject."""
    course = course or request.course  # type: ignore[attr-defined]
    log_access(request=request, obj=obj, subject=course.person)


def may_change(request: HttpRequest, course: Course, data: Data = Data.TREATMENT) -> bool:
    """For templates: show the forms that change `data` only to those who may (the team; never emergency)."""
    return course_access(request, course, data, Act.CHANGE) == TEAM
