"""The relatives' course pages, the pårørendesamtale page, and the Min side page about children.

- The course (`lessons`, `lesson`) is on the relative's own area: `@own_data`, the same view class as the
  rest of "Min side for pårørende" (forlop/relatives/views.py). Answers and done marks are the relative's own
  and are logged as their own reads; no page shows them to anyone else.
- The first lesson, "Sikkerhet først", is also public (`preview`): what to do at violence, threats or an
  overdose should not wait for an account. The public page shows the lesson and the list of the other
  lessons, with the exercises as questions to think about (nothing is saved without an account).
- `talk` lists the therapists who offer the pårørendesamtale, with a link into the ordinary booking flow.
  Public: anyone may book it, with or without the person, without an account.
- `children` is the person's own Min side page with material for talking with their children.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from forlop.accounts.models import User
from forlop.audit.access import own_data, public
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.care.models import Course
from forlop.people.models import Person

from . import content, services
from .models import ANSWER_MAX


def _me(request: HttpRequest) -> Person:
    return request.person  # type: ignore[attr-defined]


def _account(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]  # @own_data: a logged-in client account


def _log_own(request: HttpRequest, me: Person, what: str) -> None:
    log_access(request=request, obj=Ref("people.person", str(me.pk), what, person_id=me.pk), subject=me)


def _answers_form(lesson: content.Text, data=None, initial=None) -> forms.Form:
    form = forms.Form(data, initial=initial)
    for block in lesson.exercises:
        form.fields[block.key] = forms.CharField(
            label="".join(s.text or f"{s.contact.name} {s.contact.number}" for s in block.line),
            required=False,
            max_length=ANSWER_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"max_length": gettext_lazy("Et svar kan være på høyst %(limit_value)d tegn.")},
        )
    return form


# --- The relative's course ------------------------------------------------------------------------------------


@own_data(purpose="Min side for pårørende: kurset mitt")
@require_GET
def lessons(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    done = services.done_lessons(me)
    _log_own(request, me, "pårørendekurs")
    rows = [{"lesson": lesson, "done": lesson.slug in done} for lesson in content.lessons()]
    return render(
        request,
        "relatives/craft/lessons.html",
        {"rows": rows, "done_count": sum(r["done"] for r in rows), "area": "craft"},
    )


@own_data(purpose="Min side for pårørende: en leksjon og svarene mine")
@require_http_methods(["GET", "POST"])
def lesson(request: HttpRequest, slug: str) -> HttpResponse:
    me = _me(request)
    text = content.lesson(slug)
    if text is None:
        raise Http404
    status = 200
    form = None
    if request.method == "POST":
        if "done" in request.POST:
            try:
                services.mark_done(
                    relative=me, lesson=slug, done=request.POST["done"] == "1", by=_account(request)
                )
            except services.CraftError as error:
                messages.error(request, str(error))
            return redirect("relatives:craft:lesson", slug=slug)
        form = _answers_form(text, request.POST)
        if form.is_valid():
            try:
                services.save_answers(
                    relative=me, lesson=slug, answers=form.cleaned_data, by=_account(request)
                )
            except services.CraftError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Svarene dine er lagret. Bare du kan se dem."))
                return redirect("relatives:craft:lesson", slug=slug)
        status = 400
    answers = services.answers_for(me, slug)
    log_access_many(request=request, objs=list(answers.values()), subject=lambda _a: me)
    _log_own(request, me, f"pårørendekurs: {slug}")
    if form is None:
        form = _answers_form(text, initial={key: a.text for key, a in answers.items()})
    all_lessons = content.lessons()
    position = next(i for i, item in enumerate(all_lessons) if item.slug == slug)
    return render(
        request,
        "relatives/craft/lesson.html",
        {
            "lesson": text,
            "form": form,
            "done": slug in services.done_lessons(me),
            "previous": all_lessons[position - 1] if position > 0 else None,
            "next": all_lessons[position + 1] if position + 1 < len(all_lessons) else None,
            "count": len(all_lessons),
            "area": "craft",
        },
        status=status,
    )


# --- Public: the first lesson and the pårørendesamtale --------------------------------------------------------


@public
@require_GET
def preview(request: HttpRequest) -> HttpResponse:
    all_lessons = content.lessons()
    return render(
        request,
        "relatives/craft/preview.html",
        {"lesson": all_lessons[0], "others": all_lessons[1:]},
    )


@public
@require_GET
def talk(request: HttpRequest) -> HttpResponse:
    ctype = services.talk_type()
    return render(
        request,
        "relatives/craft/talk.html",
        {"ctype": ctype, "therapists": services.talk_therapists() if ctype else []},
    )


# --- The person's Min side: talking with children -------------------------------------------------------------


@own_data(purpose="Min side: å snakke med barn om rus")
@require_GET
def children(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    course = Course.objects.open().filter(person=me).select_related("assessment").first()
    assessment = getattr(course, "assessment", None) if course is not None else None
    has_children = bool(assessment is not None and assessment.has_children)
    if assessment is not None:
        log_access(request=request, obj=assessment, subject=me, why="Min side: om barna (barn under 18 år)")
    _log_own(request, me, "om å snakke med barn")
    texts = content.children()
    return render(
        request,
        "relatives/children/children.html",
        {"tab": "forlop", "has_children": has_children, "ages": texts[:-1], "help": texts[-1]},
    )
