"""Relatives' pages: the public "For pårørende" page and its invitation, the relative's own area, and the
person's "Pårørende" tab on Min side.

How a relative's area differs from a client's Min side: it is the same kind of account (a client account
linked to the relative's own Person, password + second factor, the same lockout) and the same view class
(`@own_data`: only the logged-in person's own pages). Min side shows a person their own data (appointments,
what they sent, who read it). "Min side for pårørende" (`home`) shows what is for them as a relative: the
people who share something with them (`person`, read through the consent and logged in *that* person's log)
and, later, their own CRAFT course and pårørendesamtale. A person can be both: one account, both areas,
linked to each other; the person's own Min side pages never show anyone else's data, so a relative who
opens them sees only their own (empty or not).

The person's tab (`consents`) is where the person — and only the person, in an open course — adds relatives,
turns each one's dial and writes the summary. Every change goes through `services` (which logs it); every
relative's read goes through `services.read_shared` (which asks the policy and logs it).
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from forlop.accounts import clients
from forlop.accounts import services as accounts
from forlop.accounts.forms import NewPasswordForm
from forlop.audit.access import own_data, public
from forlop.audit.services import Ref, log_access, log_access_many
from forlop.lib.requests import hashed_ip
from forlop.people.models import Person

from . import services
from .forms import AddRelativeForm, DialForm, SignUpForm, SummaryForm
from .models import Consent


def _person(request: HttpRequest) -> Person:
    return request.person  # type: ignore[attr-defined]


def _own_page(request: HttpRequest, person: Person, what: str) -> None:
    log_access(
        request=request, obj=Ref("people.person", str(person.pk), what, person_id=person.pk), subject=person
    )


# --- Public: "For pårørende" and the invitation -------------------------------------------------------------


@public
@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Anyone close to someone with a drug or alcohol problem can get their own account here, without the
    person knowing or being a client. The answer is the same whatever the address."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_up(email=form.cleaned_data["email"], ip_hash=hashed_ip(request))
        return render(request, "relatives/start_sent.html")
    return render(request, "relatives/start.html", {"form": form})


@public
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a password from the emailed link; then the second factor (the clients' pages), then home."""
    user = clients.user_for_invitation(token)
    if user is None:
        return render(request, "accounts/client_invitation_invalid.html", status=400)
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        clients.accept_invitation(user=user, password=form.cleaned_data["new_password1"])
        if request.user.is_authenticated:
            accounts.end_current_session(request)
        accounts.log_in(request=request, user=user)
        request.session[accounts.SESSION_NEXT] = services.home_url()
        return redirect("accounts:client_setup")
    return render(request, "relatives/invitation.html", {"form": form, "invited": user})


# --- The relative's own area -----------------------------------------------------------------------------------


@own_data(purpose="Min side for pårørende")
def home(request: HttpRequest) -> HttpResponse:
    me = _person(request)
    consents = services.shared_with_me(me)
    _own_page(request, me, "pårørende")
    return render(
        request,
        "relatives/home.html",
        {
            "consents": consents,
            "is_client": services.open_course(me) is not None,
            "area": "home",
        },
    )


@own_data(purpose="Min side for pårørende: det som er delt med meg")
def person(request: HttpRequest, pk: int) -> HttpResponse:
    me = _person(request)
    try:
        shared = services.read_shared(request=request, relative=me, consent_id=pk)
    except services.NotShared:
        raise Http404 from None
    return render(request, "relatives/person.html", {"shared": shared, "area": "person"})


# --- The person's tab: who may see what ---------------------------------------------------------------------


def _consents_page(
    request: HttpRequest, *, add_form=None, summary_form=None, status: int = 200
) -> HttpResponse:
    me = _person(request)
    course = services.open_course(me)
    consents = list(Consent.objects.current().filter(person=me))
    draft, approved = services.draft_of(me), services.approved_of(me)
    latest = draft or approved
    log_access_many(
        request=request, objs=[*consents, *[s for s in (draft, approved) if s]], subject=lambda _o: me
    )
    _own_page(request, me, "pårørende")
    rows = []
    for consent in consents:
        form = DialForm(initial={"dial": consent.dial}, prefix=f"c{consent.pk}")
        # One legend per relative, so a screen reader says whose dial it is.
        form.fields["dial"].label = _("Hva kan %(name)s se?") % {"name": consent.relative_name}
        rows.append({"consent": consent, "form": form})
    context = {
        "tab": "parorende",
        "course": course,
        "rows": rows,
        "add_form": add_form or AddRelativeForm(),
        "summary_form": summary_form or SummaryForm(initial={"text": latest.text if latest else ""}),
        "draft": draft,
        "approved": approved,
        "relative_of": services.shared_with_me(me),
    }
    return render(request, "relatives/consents.html", context, status=status)


@own_data(purpose="Min side: pårørende og hva de kan se")
def consents(request: HttpRequest) -> HttpResponse:
    return _consents_page(request)


@require_POST
@own_data(purpose="Min side: legge til pårørende")
def add(request: HttpRequest) -> HttpResponse:
    form = AddRelativeForm(request.POST)
    if form.is_valid():
        try:
            services.add_relative(
                person=_person(request),
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                dial=form.cleaned_data["dial"],
                by=request.user,  # type: ignore[arg-type]
            )
        except services.RelativesError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Den pårørende er lagt til og får en e-post om å logge inn."))
            return redirect("relatives:consents")
    return _consents_page(request, add_form=form, status=400)


@require_POST
@own_data(purpose="Min side: endre hva en pårørende kan se")
def dial(request: HttpRequest, pk: int) -> HttpResponse:
    form = DialForm(request.POST, prefix=f"c{pk}")
    if not form.is_valid():
        messages.error(request, _("Velg hva pårørende skal få se."))
        return redirect("relatives:consents")
    try:
        services.set_dial(
            person=_person(request),
            consent_id=pk,
            dial=form.cleaned_data["dial"],
            by=request.user,  # type: ignore[arg-type]
        )
    except services.RelativesError:
        raise Http404 from None
    messages.success(request, _("Lagret. Endringen gjelder med en gang."))
    return redirect("relatives:consents")


@require_POST
@own_data(purpose="Min side: fjerne en pårørende")
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.remove_relative(person=_person(request), consent_id=pk, by=request.user)  # type: ignore[arg-type]
    except services.RelativesError:
        raise Http404 from None
    messages.success(request, _("Den pårørende er fjernet og ser ikke lenger noe fra deg."))
    return redirect("relatives:consents")


@require_POST
@own_data(purpose="Min side: oppsummering til pårørende")
def summary(request: HttpRequest) -> HttpResponse:
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.save_summary(
                person=_person(request),
                text=form.cleaned_data["text"],
                approve=request.POST.get("approve") == "1",
                by=request.user,  # type: ignore[arg-type]
            )
        except services.RelativesError as refusal:
            form.add_error("text", str(refusal))
        else:
            approved = request.POST.get("approve") == "1"
            messages.success(
                request,
                _("Oppsummeringen er godkjent og delt.")
                if approved
                else _("Utkastet er lagret. Ingen ser det før du godkjenner."),
            )
            return redirect(reverse("relatives:consents") + "#oppsummering")
    return _consents_page(request, summary_form=form, status=400)
