"""Messages between a person and their team: Min side (list, thread, write) and the staff side (a course's
threads, one thread, and an inbox across the user's courses)."""

from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.access import own_data, personal_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.care import sections
from forlop.care.access import TEAM, course_view, log_course_read
from forlop.care.models import Course, TeamMember
from forlop.contact.reply_times import configured_hours, reply_promise
from forlop.core.unavailable import refused_write, unavailable
from forlop.people.models import Person

from . import services
from .forms import NewThreadForm, ReplyForm
from .models import Message, ReadReceipt, Thread

PURPOSE = "Behandling: meldinger"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _ladder_url() -> str | None:
    try:
        return reverse("care_relapse:mine") + "#help-now-heading"
    except NoReverseMatch:
        return None


def _messages_of(thread: Thread) -> list[Message]:
    return list(
        thread.messages.select_related("by").prefetch_related(
            Prefetch("receipts", queryset=ReadReceipt.objects.select_related("reader").order_by("at", "pk"))
        )
    )


def _send(form: NewThreadForm | ReplyForm, send: Any) -> tuple[Message | None, bool]:
    """Run `send()` (a service call); errors go on the form. (message or None, the database refused)."""
    message = None
    with refused_write("message") as write:
        try:
            message = send()
        except services.MessageError as error:
            form.add_error(None, error.messages[0])
    return message, write.failed


# --- Min side ----------------------------------------------------------------------------------------------


def _open_course(person: Person) -> Course | None:
    return Course.objects.open().filter(person=person).select_related("person").first()


def _mine_context(**extra: Any) -> dict[str, Any]:
    return {
        "tab": "meldinger",
        "reply_now": reply_promise(timezone.now(), configured_hours()),
        "ladder_url": _ladder_url(),
        **extra,
    }


@own_data(purpose="Min side: meldinger")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    threads = services.threads_of_person(person)
    unread = services.unread_by(_user(request), Q(course__person=person, from_person=False))
    if threads:
        log_access_many(request=request, objs=threads, subject=lambda _t: person)
    else:
        log_access(
            request=request,
            obj=Ref("care_messaging.thread", "", "meldinger", person_id=person.pk),
            subject=person,
        )
    rows = [{"thread": t, "unread": unread.get(t.pk, 0)} for t in threads]
    return render(
        request,
        "care_messaging/mine.html",
        _mine_context(rows=rows, course=_open_course(person)),
    )


@own_data(purpose="Min side: skriv melding")
@require_http_methods(["GET", "POST"])
def mine_new(request: HttpRequest) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    course = _open_course(person)
    form = NewThreadForm(request.POST if request.method == "POST" else None)
    status, save_failed = 200, False
    if request.method == "POST" and course is None:
        form.add_error(None, _("Du har ikke et åpent forløp, så meldingen kan ikke sendes her."))
    elif request.method == "POST" and course is not None and form.is_valid():
        data, open_course = form.cleaned_data, course
        message, save_failed = _send(
            form,
            lambda: services.start_thread(
                course=open_course, by=_user(request), subject=data["subject"], body=data["body"]
            ),
        )
        if message is not None:
            flash.success(request, _("Meldingen er sendt."))
            return redirect("care_messaging:mine_thread", thread_pk=message.thread_id)
    if request.method == "POST":
        status = 400
    log_access(
        request=request,
        obj=Ref("care_messaging.thread", "", "ny melding", person_id=person.pk),
        subject=person,
    )
    response = render(
        request,
        "care_messaging/mine_new.html",
        _mine_context(form=form, course=course, save_failed=save_failed),
        status=status,
    )
    return unavailable(response) if save_failed else response


@own_data(purpose="Min side: meldingstråd")
@require_http_methods(["GET", "POST"])
def mine_thread(request: HttpRequest, thread_pk: int) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    thread = get_object_or_404(
        Thread.objects.select_related("course__person"), pk=thread_pk, course__person=person
    )
    form = ReplyForm(request.POST if request.method == "POST" else None)
    status, save_failed = 200, False
    if request.method == "POST":
        if form.is_valid():
            message, save_failed = _send(
                form, lambda: services.reply(thread=thread, by=_user(request), body=form.cleaned_data["body"])
            )
            if message is not None:
                flash.success(request, _("Meldingen er sendt."))
                return redirect("care_messaging:mine_thread", thread_pk=thread.pk)
        status = 400
    items = _messages_of(thread)
    log_access(request=request, obj=thread, subject=person)
    services.mark_read(messages=items, reader=_user(request), as_team=False)
    last = items[-1] if items else None
    context = _mine_context(
        thread=thread,
        items=[{"message": m, "read": any(r.reader_id != m.by_id for r in m.receipts.all())} for m in items],
        form=form if thread.course.is_open else None,
        waiting=services.reply_words(services.expected_reply(last), now=timezone.now())
        if last and last.from_person
        else None,
        save_failed=save_failed,
        danger=services.shows_danger(items, now=timezone.now()),
    )
    response = render(request, "care_messaging/mine_thread.html", context, status=status)
    return unavailable(response) if save_failed else response


# --- staff -------------------------------------------------------------------------------------------------


def _staff_context(request: HttpRequest, course: Course, **extra: Any) -> dict[str, Any]:
    return {
        "course": course,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": "meldinger",
        "may_write": request.course_access == TEAM and course.is_open,  # type: ignore[attr-defined]
        **extra,
    }


@course_view(Data.TREATMENT, purpose=PURPOSE)
@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest, course: Course) -> HttpResponse:
    form = NewThreadForm(request.POST if request.method == "POST" else None)
    status, save_failed = 200, False
    if request.method == "POST":
        if request.course_access != TEAM:  # type: ignore[attr-defined]
            raise PermissionDenied(_("Med akuttilgang kan du lese, men ikke skrive meldinger."))
        if form.is_valid():
            data = form.cleaned_data
            message, save_failed = _send(
                form,
                lambda: services.start_thread(
                    course=course, by=_user(request), subject=data["subject"], body=data["body"]
                ),
            )
            if message is not None:
                flash.success(
                    request, _("Meldingen er sendt. Personen får en e-post om at det er en ny melding.")
                )
                return redirect(
                    "care_messaging:staff_thread", course_pk=course.pk, thread_pk=message.thread_id
                )
        status = 400
    threads = list(Thread.objects.filter(course=course).order_by("-last_at", "-pk"))
    unread = services.unread_by(_user(request), Q(course=course, from_person=True))
    log_course_read(request, course)
    context = _staff_context(
        request,
        course,
        rows=[{"thread": t, "unread": unread.get(t.pk, 0)} for t in threads],
        form=form,
        save_failed=save_failed,
    )
    response = render(request, "care_messaging/staff.html", context, status=status)
    return unavailable(response) if save_failed else response


@course_view(Data.TREATMENT, purpose="Behandling: meldingstråd")
@require_http_methods(["GET", "POST"])
def staff_thread(request: HttpRequest, course: Course, thread_pk: int) -> HttpResponse:
    thread = get_object_or_404(Thread, pk=thread_pk, course=course)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    status, save_failed = 200, False
    if request.method == "POST":
        if request.course_access != TEAM:  # type: ignore[attr-defined]
            raise PermissionDenied(_("Med akuttilgang kan du lese, men ikke skrive meldinger."))
        if form.is_valid():
            message, save_failed = _send(
                form, lambda: services.reply(thread=thread, by=_user(request), body=form.cleaned_data["body"])
            )
            if message is not None:
                flash.success(
                    request, _("Svaret er sendt. Personen får en e-post om at det er en ny melding.")
                )
                return redirect("care_messaging:staff_thread", course_pk=course.pk, thread_pk=thread.pk)
        status = 400
    items = _messages_of(thread)
    log_course_read(request, thread)
    services.mark_read(
        messages=items,
        reader=_user(request),
        as_team=request.course_access == TEAM,  # type: ignore[attr-defined]
    )
    last = items[-1] if items else None
    context = _staff_context(
        request,
        course,
        thread=thread,
        items=items,
        form=form,
        waiting=services.reply_words(services.expected_reply(last), now=timezone.now())
        if last and last.from_person
        else None,
        save_failed=save_failed,
    )
    response = render(request, "care_messaging/staff_thread.html", context, status=status)
    return unavailable(response) if save_failed else response


@personal_data(*policy.roles(Data.TREATMENT), purpose="Behandling: meldinger, innboks")
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    courses = [
        course
        for course in Course.objects.for_team_member(user.pk)
        .select_related("person")
        .prefetch_related(Prefetch("team", queryset=TeamMember.objects.only("course_id", "user_id")))
        if policy.may(user, Act.SEE, Data.TREATMENT, team=course.team_user_ids())
    ]
    by_pk = {c.pk: c for c in courses}
    threads = list(Thread.objects.filter(course_id__in=by_pk).order_by("-last_at", "-pk")[:200])
    unread = services.unread_by(user, Q(course_id__in=by_pk, from_person=True))
    for thread in threads:
        thread.course = by_pk[thread.course_id]
    log_access_many(request=request, objs=threads, subject=lambda t: t.course.person)
    threads.sort(key=lambda t: (unread.get(t.pk, 0) == 0, -t.last_at.timestamp()))
    rows = [{"thread": t, "unread": unread.get(t.pk, 0)} for t in threads]
    return render(request, "care_messaging/inbox.html", {"rows": rows})
