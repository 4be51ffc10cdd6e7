"""The journal's pages: the staff page inside a course (list, write, sign, amend, withhold), and the person's
own signed notes in Min side. Thin views: a form, one service call, redirect; every read logged with the
course's person as subject."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forlop.accounts.models import User
from forlop.audit.access import own_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.care import sections
from forlop.care.access import course_view, log_course_read, may_change
from forlop.care.models import Course
from forlop.people.models import Person

from . import services
from .forms import AmendmentForm, NoteForm, WithholdForm
from .models import JournalNote

PURPOSE = "Behandling: journal"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _note(course: Course, note_pk: int) -> JournalNote:
    note = get_object_or_404(JournalNote.objects.select_related("author"), pk=note_pk, course=course)
    note.course = course  # the loaded course carries its team
    return note


def _page(request: HttpRequest, course: Course, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = _user(request)
    writer = may_change(request, course)
    notes = list(course.journal_notes.for_page())  # type: ignore[attr-defined]
    bookings = services.bookings_for(course) if writer else []
    context = {
        "course": course,
        "notes": notes,
        "user_id": user.pk,
        "may_write": writer,
        "form": extra.get("form")
        or (NoteForm(bookings=bookings, initial={"consulted_on": timezone.localdate()}) if writer else None),
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": "journal",
    }
    log_course_read(request, course)
    log_access_many(request=request, objs=notes, subject=lambda _note: course.person)
    return render(request, "care_journal/notes.html", context, status=status)


@course_view(Data.TREATMENT, purpose=PURPOSE)
@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, course: Course) -> HttpResponse:
    if request.method == "GET":
        return _page(request, course)
    form = NoteForm(request.POST, bookings=services.bookings_for(course))
    if form.is_valid():
        try:
            services.write_note(
                course=course,
                by=_user(request),
                text=form.cleaned_data["text"],
                consulted_on=form.cleaned_data["consulted_on"],
                booking=form.chosen_booking(),
            )
        except services.JournalError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Utkastet er lagret. Signer det når det er ferdig."))
            return redirect("care_journal:notes", course_pk=course.pk)
    return _page(request, course, status=400, form=form)


def _form_page(
    request: HttpRequest, course: Course, note: JournalNote, template: str, form: Any, *, status: int = 200
) -> HttpResponse:
    context = {
        "course": course,
        "note": note,
        "form": form,
        "sections": sections.for_course(course),
        "emergency": getattr(request, "emergency_access", None),
        "tab": "journal",
    }
    log_access(request=request, obj=note, subject=course.person)
    return render(request, template, context, status=status)


@course_view(Data.TREATMENT, Act.CHANGE, purpose=PURPOSE)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, course: Course, note_pk: int) -> HttpResponse:
    note = _note(course, note_pk)
    bookings = services.bookings_for(course)
    if request.method == "GET":
        initial = {"text": note.text, "consulted_on": note.consulted_on, "booking": note.booking_id}
        if note.is_signed or note.author_id != request.user.pk:
            messages.error(
                request, _("Bare den som skrev utkastet, kan endre det, og bare før det er signert.")
            )
            return redirect("care_journal:notes", course_pk=course.pk)
        return _form_page(
            request, course, note, "care_journal/edit.html", NoteForm(bookings=bookings, initial=initial)
        )
    form = NoteForm(request.POST, bookings=bookings)
    if form.is_valid():
        try:
            services.edit_draft(
                note=note,
                by=_user(request),
                text=form.cleaned_data["text"],
                consulted_on=form.cleaned_data["consulted_on"],
                booking=form.chosen_booking(),
            )
        except services.JournalError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Utkastet er lagret."))
            return redirect("care_journal:notes", course_pk=course.pk)
    return _form_page(request, course, note, "care_journal/edit.html", form, status=400)


@course_view(Data.TREATMENT, Act.CHANGE, purpose=PURPOSE)
@require_POST
def sign(request: HttpRequest, course: Course, note_pk: int) -> HttpResponse:
    note = _note(course, note_pk)
    try:
        services.sign_note(note=note, by=_user(request))
    except services.JournalError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Notatet er signert. Det kan ikke endres mer; rettelser skrives som tillegg.")
        )
    return redirect("care_journal:notes", course_pk=course.pk)


def _note_form(
    request: HttpRequest,
    course: Course,
    note_pk: int,
    *,
    form_class: type[forms.Form],
    template: str,
    act: Callable[[JournalNote, dict], object],
    done: str,
) -> HttpResponse:
    """A page with one form about one note (amend, withhold): GET shows it; a valid POST calls the service
    (`act(note, cleaned_data)`) and goes back to the journal with `done`; anything else re-shows what was
    typed with the message, as a 400."""
    note = _note(course, note_pk)
    if request.method == "GET":
        return _form_page(request, course, note, template, form_class())
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(note, form.cleaned_data)
        except services.JournalError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, done)
            return redirect("care_journal:notes", course_pk=course.pk)
    return _form_page(request, course, note, template, form, status=400)


@course_view(Data.TREATMENT, Act.CHANGE, purpose=PURPOSE)
@require_http_methods(["GET", "POST"])
def amend(request: HttpRequest, course: Course, note_pk: int) -> HttpResponse:
    return _note_form(
        request,
        course,
        note_pk,
        form_class=AmendmentForm,
        template="care_journal/amend.html",
        act=lambda note, data: services.amend_note(
            note=note, by=_user(request), text=data["text"], reason=data["reason"]
        ),
        done=_("Tillegget er signert og lagt under notatet."),
    )


@course_view(Data.TREATMENT, Act.CHANGE, purpose=PURPOSE)
@require_http_methods(["GET", "POST"])
def withhold(request: HttpRequest, course: Course, note_pk: int) -> HttpResponse:
    return _note_form(
        request,
        course,
        note_pk,
        form_class=WithholdForm,
        template="care_journal/withhold.html",
        act=lambda note, data: services.withhold_note(
            note=note, by=_user(request), ground=data["ground"], explanation=data["explanation"]
        ),
        done=_("Notatet er holdt tilbake for pasienten. Avgjørelsen er logget."),
    )


@course_view(Data.TREATMENT, Act.CHANGE, purpose=PURPOSE)
@require_POST
def lift(request: HttpRequest, course: Course, note_pk: int) -> HttpResponse:
    note = _note(course, note_pk)
    try:
        services.lift_withholding(note=note, by=_user(request))
    except services.JournalError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Pasienten kan nå lese notatet."))
    return redirect("care_journal:notes", course_pk=course.pk)


# --- Min side -----------------------------------------------------------------------------------------------


@own_data(purpose="Min side: journalen min")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    person: Person = request.person  # type: ignore[attr-defined]
    entries = []
    shown = []
    for note in services.notes_of_person(person):
        withheld = note.active_withholding() is not None
        entries.append({"note": note, "withheld": withheld})
        if not withheld:
            shown.append(note)
    log_access(
        request=request,
        obj=Ref("people.person", str(person.pk), "Journalen min", person_id=person.pk),
        subject=person,
    )
    log_access_many(request=request, objs=shown, subject=lambda _note: person)
    any_withheld = len(shown) < len(entries)
    return render(
        request, "care_journal/mine.html", {"entries": entries, "any_withheld": any_withheld, "tab": "forlop"}
    )
