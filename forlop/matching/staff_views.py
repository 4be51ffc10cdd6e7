"""The staff side of match requests. Every page showing a request is access-logged, one row per request.

Who sees what (checked per object on the detail page, not just by role):
- coordinators and admins: the whole queue, and they act on requests;
- a therapist: only requests assigned to them (after a suggestion naming them was sent);
- a doctor: requests flagged for medical assessment, and records the decision that lets a suggestion be
  sent (the doctor gate, enforced in services and the database; the pages only explain it).
A request someone may not see answers 404, so its existence is not given away either.
"""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forlop.accounts.models import Role, User
from forlop.audit import policy
from forlop.audit.access import personal_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import log_access, log_access_many
from forlop.therapists.models import Therapist

from . import answers as vocab
from . import services
from .forms import STEP_TITLES, CloseForm, DoctorDecisionForm, QuestionForm, SuggestForm
from .models import MatchRequest

PURPOSE = services.PURPOSE
PER_PAGE = 25


request_subject = services.request_subject  # the staff start page lists requests too


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def can_view(user: User, match_request: MatchRequest) -> bool:
    therapist = match_request.assigned_therapist
    return policy.may(
        user,
        Act.SEE,
        Data.MATCH_REQUEST,
        assigned_user_id=therapist.user_id if therapist is not None else None,
        flagged=match_request.medical_assessment,
    )


def _list(request: HttpRequest, requests: Any, *, template_context: dict[str, Any]) -> HttpResponse:
    page = Paginator(requests.for_list(), PER_PAGE).get_page(request.GET.get("side"))
    shown = list(page.object_list)
    log_access_many(request=request, objs=shown, subject=request_subject)
    return render(request, "matching/staff/list.html", {"page": page, "requests": shown, **template_context})


@personal_data(*policy.roles(Data.MATCH_REQUEST, Act.CHANGE), purpose=PURPOSE)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("vis", "venter")
    requests = {
        "venter": MatchRequest.objects.waiting(),
        "forslag": MatchRequest.objects.filter(status=MatchRequest.Status.SUGGESTED),
        "alle": MatchRequest.objects.all(),
    }.get(show)
    if requests is None:
        show, requests = "venter", MatchRequest.objects.waiting()
    return _list(
        request,
        requests,
        template_context={
            "heading": _("Forespørsler om terapeut"),
            "show": show,
            "waiting_count": MatchRequest.objects.waiting().count(),
            "with_suggestions": True,
            "tabs": [
                ("venter", _("Venter på oss")),
                ("forslag", _("Forslag sendt")),
                ("alle", _("Alle")),
            ],
        },
    )


@personal_data(Role.THERAPIST, purpose=PURPOSE)  # the requests assigned to them
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    return _list(
        request,
        MatchRequest.objects.assigned_to(_user(request)),
        template_context={
            "heading": _("Forespørsler der du er foreslått"),
            "empty": _("Ingen forespørsler er tildelt deg ennå."),
        },
    )


@personal_data(*policy.roles(Data.MEDICAL_ASSESSMENT), purpose=PURPOSE)
@require_GET
def medical(request: HttpRequest) -> HttpResponse:
    """The doctor's own list: what waits for a decision (urgent first, then oldest), or every flagged one."""
    show = request.GET.get("vis", "venter")
    if show != "alle":
        show = "venter"
    waiting = MatchRequest.objects.awaiting_doctor()
    return _list(
        request,
        waiting if show == "venter" else MatchRequest.objects.flagged_for_doctor(),
        template_context={
            "heading": _("Venter på legevurdering"),
            "show": show,
            "tabs": [("venter", _("Venter på deg")), ("alle", _("Alle til legevurdering"))],
            "lead": _(
                "Forespørslene under er merket for legevurdering. Ingen får forslag om terapeut før en lege "
                "har registrert en vurdering. Hastesaker står øverst, deretter den som har ventet lengst."
            ),
            "waiting_count": waiting.count(),
            "empty": _("Ingen forespørsler venter på legevurdering.")
            if show == "venter"
            else _("Ingen forespørsler er merket for legevurdering."),
        },
    )


def _get_visible(request: HttpRequest, pk: int) -> MatchRequest:
    match_request = get_object_or_404(
        MatchRequest.objects.select_related("assigned_therapist", "doctor_decided_by"), pk=pk
    )
    if not can_view(_user(request), match_request):
        raise Http404
    return match_request


def _therapist_choices() -> list[tuple[int, str]]:
    return list(Therapist.objects.published().order_by("name", "pk").values_list("pk", "name"))


def _suggest_form(match_request: MatchRequest, data: Any = None) -> SuggestForm:
    suggested = [
        (item["therapist_id"], f"{number}. {item['name']}")
        for number, item in enumerate(match_request.suggestions, start=1)
    ]
    return SuggestForm(data, prefix="suggest", suggested=suggested, others=_therapist_choices())


def _detail(
    request: HttpRequest, match_request: MatchRequest, status: int = 200, **forms: Any
) -> HttpResponse:
    user = _user(request)
    coordinating = policy.may(user, Act.CHANGE, Data.MATCH_REQUEST)
    ranking = None  # on a GET: the fresh ranking, so "Ingen god match" can say why
    if coordinating and match_request.is_open and request.method == "GET":
        ranking = services.refresh_suggestions(match_request=match_request)
    context: dict[str, Any] = {
        "match_request": match_request,
        "ranking": ranking,
        "sections": vocab.describe(services.answers_of(match_request), step_titles=STEP_TITLES),
        "events": match_request.events.select_related("actor", "therapist"),
        "coordinating": coordinating,
    }
    if policy.may(user, Act.CHANGE, Data.MEDICAL_ASSESSMENT, flagged=match_request.awaiting_doctor):
        context["doctor_form"] = forms.get("doctor_form") or DoctorDecisionForm(prefix="doctor")
    if coordinating and match_request.is_open:
        suggest_form = forms.get("suggest_form") or _suggest_form(match_request)
        if match_request.awaiting_doctor:  # shown, with why it cannot be used yet; the service refuses too
            for field in suggest_form.fields.values():
                field.disabled = True
        context |= {
            "suggest_form": suggest_form,
            "question_form": forms.get("question_form") or QuestionForm(prefix="question"),
            "close_form": forms.get("close_form") or CloseForm(prefix="close"),
        }
    log_access(request=request, obj=match_request, subject=request_subject(match_request))
    return render(request, "matching/staff/detail.html", context, status=status)


@personal_data(*policy.roles(Data.MATCH_REQUEST), purpose=PURPOSE)
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get_visible(request, pk))


def _changed(request: HttpRequest, match_request: MatchRequest) -> HttpResponse:
    messages.warning(
        request, _("Noen andre har nettopp endret eller lukket forespørselen. Se historikken under.")
    )
    return redirect("matching:request_detail", pk=match_request.pk)


@personal_data(*policy.roles(Data.MATCH_REQUEST, Act.CHANGE), purpose=PURPOSE)
@require_POST
def suggest(request: HttpRequest, pk: int) -> HttpResponse:
    match_request = _get_visible(request, pk)
    form = _suggest_form(match_request, request.POST)
    if not form.is_valid():
        return _detail(request, match_request, suggest_form=form)
    therapist = Therapist.objects.published().filter(pk=form.cleaned_data["therapist_id"]).first()
    if therapist is None:
        form.add_error("other", _("Terapeuten er ikke lenger publisert. Velg en annen."))
        return _detail(request, match_request, suggest_form=form)
    try:
        services.send_suggestion(
            match_request=match_request,
            therapist=therapist,
            by=_user(request),
            note=form.cleaned_data["note"],
        )
    except services.AwaitingDoctor:
        messages.warning(
            request,
            _(
                "Forslaget er ikke sendt: forespørselen er merket for legevurdering, og ingen lege har "
                "registrert en vurdering ennå. Du kan sende forslag når legen har vurdert den."
            ),
        )
        return redirect("matching:request_detail", pk=match_request.pk)
    except services.RequestChanged:
        return _changed(request, match_request)
    messages.success(
        request,
        _("Forslaget om %(name)s er sendt på e-post til %(email)s.")
        % {"name": therapist.name, "email": match_request.email},
    )
    return redirect("matching:request_detail", pk=match_request.pk)


@personal_data(*policy.roles(Data.MATCH_REQUEST, Act.CHANGE), purpose=PURPOSE)
@require_POST
def question(request: HttpRequest, pk: int) -> HttpResponse:
    match_request = _get_visible(request, pk)
    form = QuestionForm(request.POST, prefix="question")
    if not form.is_valid():
        return _detail(request, match_request, question_form=form)
    try:
        services.ask_question(
            match_request=match_request, question=form.cleaned_data["question"], by=_user(request)
        )
    except services.RequestChanged:
        return _changed(request, match_request)
    messages.success(
        request, _("Spørsmålet er sendt på e-post til %(email)s.") % {"email": match_request.email}
    )
    return redirect("matching:request_detail", pk=match_request.pk)


@personal_data(*policy.roles(Data.MATCH_REQUEST, Act.CHANGE), purpose=PURPOSE)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    match_request = _get_visible(request, pk)
    form = CloseForm(request.POST, prefix="close")
    if not form.is_valid():
        return _detail(request, match_request, close_form=form)
    try:
        services.close_request(
            match_request=match_request,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            by=_user(request),
        )
    except services.RequestChanged:
        return _changed(request, match_request)
    messages.success(request, _("Forespørselen er lukket."))
    return redirect("matching:request_detail", pk=match_request.pk)


@personal_data(*policy.roles(Data.MEDICAL_ASSESSMENT, Act.CHANGE), purpose=PURPOSE)
@require_POST
def doctor_decision(request: HttpRequest, pk: int) -> HttpResponse:
    match_request = _get_visible(request, pk)
    form = DoctorDecisionForm(request.POST, prefix="doctor")
    if not form.is_valid():
        return _detail(request, match_request, doctor_form=form)
    try:
        services.record_doctor_decision(
            match_request=match_request,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            by=_user(request),
        )
    except services.RequestChanged:
        messages.warning(
            request,
            _(
                "Vurderingen er ikke lagret: en annen lege har allerede vurdert forespørselen, eller den er "
                "lukket. Se historikken under."
            ),
        )
        return redirect("matching:request_detail", pk=match_request.pk)
    messages.success(
        request,
        _("Vurderingen er lagret: %(decision)s.") % {"decision": match_request.get_doctor_decision_display()},
    )
    return redirect("matching:request_detail", pk=match_request.pk)
