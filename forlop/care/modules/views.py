"""Modules: the team's page inside a course (assign, see progress, read and comment on answers) and the
person's pages on Min side (the list, a module to read and answer, the craving exercise)."""

from typing import Any

from django.contrib import messages
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forlop.accounts.models import User
from forlop.audit.access import own_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course
from forlop.contact.danger_words import mentions_acute_danger
from forlop.people.models import Person

from . import catalog, services
from .forms import CommentForm, ScheduleForm
from .models import Answer, Assignment

PURPOSE = "Behandling: moduler"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _status(assignment: Assignment, now: Any) -> str:
    if not services.is_unlocked(assignment, now=now):
        return "locked"
    return "done" if assignment.completed_at else "open"


# --- the team ----------------------------------------------------------------------------------------------


def _staff_page(
    request: HttpRequest,
    course: Course,
    *,
    status: int = 200,
    schedule_form: ScheduleForm | None = None,
    failed_comment: tuple[int, CommentForm] | None = None,
) -> HttpResponse:
    now = timezone.now()
    assignments = services.assignments_for(course)
    by_slug = {a.slug: a for a in assignments}
    may_edit = may_change(request, course, Data.TREATMENT) and course.is_open
    rows = []
    shown: list[Answer] = []
    for assignment in assignments:
        module = catalog.get(assignment.slug, get_language())
        if module is None:
            continue
        answers = {a.exercise: a for a in assignment.answers.all()}
        items = []
        for exercise in module.exercises:
            answer = answers.get(exercise.key)
            if answer is None or answer.shared_at is None:
                continue
            shown.append(answer)
            comment_form = CommentForm(prefix=f"c{answer.pk}")
            if failed_comment and failed_comment[0] == answer.pk:
                comment_form = failed_comment[1]
            items.append({"exercise": exercise, "answer": answer, "form": comment_form})
        rows.append(
            {
                "assignment": assignment,
                "module": module,
                "status": _status(assignment, now),
                "shared": len(items),
                "total": len(module.exercises),
                "items": items,
            }
        )
    form = schedule_form
    if may_edit and form is None:
        form = ScheduleForm(assignments=by_slug, today=services.clinic_day(now))
    log_course_read(request, course)
    log_access_many(request=request, objs=shown, subject=lambda _a: course.person)
    context = {
        "course": course,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": "moduler",
        "rows": rows,
        "unread": sum(1 for a in shown if a.unread),
        "may_edit": may_edit,
        "form": form if may_edit else None,
        "schedule_open": schedule_form is not None or not assignments,
    }
    return render(request, "care_modules/staff.html", context, status=status)


@course_view(Data.TREATMENT, purpose=PURPOSE)
@require_GET
def staff(request: HttpRequest, course: Course) -> HttpResponse:
    return _staff_page(request, course)


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: tildele moduler")
@require_POST
def schedule(request: HttpRequest, course: Course) -> HttpResponse:
    assignments = {a.slug: a for a in services.assignments_for(course)}
    form = ScheduleForm(request.POST, assignments=assignments, today=services.clinic_day(timezone.now()))
    if form.is_valid():
        try:
            changed = services.set_schedule(course=course, by=_user(request), schedule=form.schedule())
        except services.ModuleError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, " ".join(changed) if changed else _("Ingen endringer."))
            return redirect("care_modules:staff", course_pk=course.pk)
    return _staff_page(request, course, status=400, schedule_form=form)


def _answer_in(course: Course, answer_pk: int) -> Answer:
    return get_object_or_404(Answer, pk=answer_pk, assignment__course=course)


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: kommentere svar i modul")
@require_POST
def comment(request: HttpRequest, course: Course, answer_pk: int) -> HttpResponse:
    answer = _answer_in(course, answer_pk)
    form = CommentForm(request.POST, prefix=f"c{answer.pk}")
    if form.is_valid():
        try:
            services.comment(answer=answer, by=_user(request), text=form.cleaned_data["text"])
        except services.ModuleError as error:
            form.add_error("text", error.messages[0])
        else:
            messages.success(request, _("Kommentaren er lagret. Personen ser den på Min side."))
            return redirect(
                reverse("care_modules:staff", kwargs={"course_pk": course.pk}) + f"#svar-{answer.pk}"
            )
    return _staff_page(request, course, status=400, failed_comment=(answer.pk, form))


@course_view(Data.TREATMENT, Act.CHANGE, purpose="Behandling: lese svar i modul")
@require_POST
def seen(request: HttpRequest, course: Course, answer_pk: int) -> HttpResponse:
    answer = _answer_in(course, answer_pk)
    try:
        services.mark_seen(answer=answer, by=_user(request))
    except services.ModuleError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Svaret er merket som lest."))
    return redirect("care_modules:staff", course_pk=course.pk)


# --- Min side ----------------------------------------------------------------------------------------------


def _course_for(person: Person) -> Course | None:
    courses = Course.objects.filter(person=person).order_by("-started_at", "-pk")
    return courses.open().first() or courses.first()


def _none_page(request: HttpRequest, person: Person) -> HttpResponse:
    log_access(
        request=request,
        obj=Ref("people.person", str(person.pk), "moduler", person_id=person.pk),
        subject=person,
    )
    return render(request, "care_modules/mine_none.html", {"tab": "moduler"})


@own_data(purpose="Min side: moduler")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = _course_for(person)
    if course is None:
        return _none_page(request, person)
    now = timezone.now()
    assignments = services.assignments_for(course)
    items = []
    for assignment in assignments:
        module = catalog.get(assignment.slug, get_language())
        if module is None:
            continue
        status = _status(assignment, now)
        answered = sum(1 for a in assignment.answers.all() if a.text or a.draft)
        comments = sum(len(a.comments.all()) for a in assignment.answers.all())
        items.append(
            {
                "assignment": assignment,
                "module": module,
                "status": status,
                "answered": answered,
                "comments": comments if status != "locked" else 0,
            }
        )
    log_access(request=request, obj=course, subject=person)
    log_access_many(request=request, objs=assignments, subject=lambda _a: person)
    return render(request, "care_modules/mine.html", {"tab": "moduler", "course": course, "items": items})


def _mine_assignment(person: Person, slug: str) -> tuple[Course, Assignment]:
    course = _course_for(person)
    if course is None or catalog.get(slug) is None:
        raise Http404
    assignment = services.assignment_for(course, slug)
    if assignment is None:
        raise Http404
    return course, assignment


@own_data(purpose="Min side: modul")
@require_http_methods(["GET", "POST"])
def mine_module(request: HttpRequest, slug: str) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course, assignment = _mine_assignment(person, slug)
    module = catalog.get(slug, get_language())
    assert module is not None
    now = timezone.now()
    if not services.is_unlocked(assignment, now=now):
        log_access(request=request, obj=assignment, subject=person)
        return render(
            request,
            "care_modules/mine_locked.html",
            {"tab": "moduler", "module": module, "assignment": assignment},
        )
    error = ""
    save_failed = False
    posted: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        posted = {e.key: request.POST.get(f"svar-{e.key}", "") for e in module.exercises}
        share = request.POST.get("action") == "share"
        try:
            changed = services.save_answers(
                assignment=assignment, by=_user(request), answers=posted, share=share
            )
        except services.ModuleError as problem:
            error, status = problem.messages[0], 400
        except DatabaseError:
            save_failed, status = True, 503
        else:
            if share:
                text = (
                    _("Svarene dine er delt med behandleren din.") if changed else _("Ingen nye svar å dele.")
                )
            else:
                text = (
                    _("Utkastet er lagret. Bare du ser det til du deler det.")
                    if changed
                    else _("Ingen endringer.")
                )
            messages.success(request, text)
            return redirect("care_modules:mine_module", slug=slug)
    answers = {a.exercise: a for a in assignment.answers.all()}
    parts: list[dict[str, Any]] = []
    for part in module.parts:
        if part.exercise is None:
            parts.append({"html": part.html})
            continue
        answer = answers.get(part.exercise.key)
        if part.exercise.key in posted:
            value = posted[part.exercise.key]
        elif answer is not None and answer.draft_saved_at:
            value = answer.draft
        else:
            value = answer.text if answer else ""
        parts.append(
            {
                "exercise": part.exercise,
                "answer": answer,
                "value": value,
                "draft": bool(answer and answer.draft_saved_at),
                "comments": list(answer.comments.all()) if answer else [],
            }
        )
    log_access(request=request, obj=assignment, subject=person)
    log_access_many(request=request, objs=list(answers.values()), subject=lambda _a: person)
    context = {
        "tab": "moduler",
        "module": module,
        "assignment": assignment,
        "parts": parts,
        "error": error,
        "save_failed": save_failed,
        "may_write": course.is_open,
        "is_craving": slug == catalog.CRAVING_SLUG,
        # What the person wrote (or is writing) speaks of acute danger: 113 and 116 117 at once, on top.
        "danger": any(mentions_acute_danger(str(p.get("value", ""))) for p in parts),
    }
    return render(request, "care_modules/mine_module.html", context, status=status)


@own_data(purpose="Min side: modul")
@require_POST
def mine_done(request: HttpRequest, slug: str) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    _course, assignment = _mine_assignment(person, slug)
    done = request.POST.get("done") != "0"
    try:
        services.mark_done(assignment=assignment, by=_user(request), done=done)
    except services.ModuleError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(
            request, _("Modulen er merket som fullført. Bra jobbet!") if done else _("Modulen er åpen igjen.")
        )
    return redirect("care_modules:mine_module", slug=slug)


@own_data(purpose="Min side: øvelse mot suget")
@require_GET
def craving_exercise(request: HttpRequest) -> HttpResponse:
    """The help-now ladder's first step: open to every person on Min side, whether or not the craving module
    is assigned (it is a short guide, not the person's data); links to the full module when it is open."""
    person: Person = request.person  # type: ignore[attr-defined]
    course = _course_for(person)
    module_url = ""
    if course is not None:
        assignment = services.assignment_for(course, catalog.CRAVING_SLUG)
        if assignment is not None and services.is_unlocked(assignment, now=timezone.now()):
            module_url = reverse("care_modules:mine_module", kwargs={"slug": catalog.CRAVING_SLUG})
    log_access(
        request=request,
        obj=Ref("people.person", str(person.pk), "øvelse mot suget", person_id=person.pk),
        subject=person,
    )
    guide = catalog.guide(language=get_language())
    return render(
        request,
        "care_modules/craving_exercise.html",
        {"tab": "moduler", "guide": guide, "module_url": module_url},
    )
