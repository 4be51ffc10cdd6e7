from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from forlop.audit import policy
from forlop.audit.access import public, staff_only
from forlop.audit.policy import Data
from forlop.core.services import RateLimited
from forlop.core.unavailable import refused_write, unavailable
from forlop.lib.requests import hashed_ip
from forlop.lib.timezones import to_oslo

from . import conversions, services
from .forms import SignUpForm
from .models import Audience, Enrollment, Lesson, LessonDelivery

FIGURES_DAYS = 30


def _signup_page(request: HttpRequest, form: SignUpForm, *, status: int = 200, **extra) -> HttpResponse:
    lessons = Lesson.objects.for_audience(Audience.SELF).only("number", "title")
    return render(request, "course/signup.html", {"form": form, "lessons": lessons, **extra}, status=status)


@public
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _signup_page(request, SignUpForm())
    form = SignUpForm(request.POST)
    ip_hash = hashed_ip(request)
    if not form.is_valid():
        return _signup_page(request, form)
    data = form.cleaned_data
    try:
        with refused_write("course sign-up") as write:
            services.sign_up(
                email=data["email"], first_name=data["first_name"], audience=data["audience"], ip_hash=ip_hash
            )
    except RateLimited:
        return _signup_page(request, form, status=429, rate_limited=True)
    if write.failed:  # the same form again, with everything typed, and "try again soon"
        return unavailable(_signup_page(request, form, save_failed=True))
    # The same page whatever happened, so the form never reveals whether an address is enrolled.
    return redirect("course:check_inbox")


@public
@require_GET
def check_inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "course/check_inbox.html", {"confirm_days": services.CONFIRM_WITHIN.days})


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "course/link_invalid.html", status=404)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # Confirming takes a button press (POST): mail scanners that open every link must not start the course.
    save_failed = False
    if request.method == "POST":
        with refused_write("course confirmation") as write:
            outcome = services.confirm(token=token)
        if not write.failed:
            if outcome == services.ConfirmOutcome.INVALID:
                return _link_invalid(request)
            return redirect("course:confirm", token=token)
        save_failed = True  # the same page and button again, with "try again soon"
    enrollment = services.find_by_token(token)
    if enrollment is None:
        return _link_invalid(request)
    now = timezone.now()
    first_lesson_at = services.first_lesson_at(enrollment, now=now)
    response = render(
        request,
        "course/confirm.html",
        {
            "enrollment": enrollment,
            "token": token,
            "first_lesson_at": first_lesson_at,
            "first_lesson_tomorrow": first_lesson_at is not None
            and to_oslo(first_lesson_at).date() == to_oslo(now).date() + timedelta(days=1),
            "save_failed": save_failed,
        },
    )
    return unavailable(response) if save_failed else response


@public
@never_cache
@csrf_exempt  # RFC 8058: mail clients POST here without a CSRF token; the unguessable token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    # The page's own button posts here too (without a CSRF cookie, so this page sets no cookie at all).
    save_failed = False
    if request.method == "POST":
        # A refused write is a 503 with Retry-After, which a mail client's one-click request can retry.
        with refused_write("course unsubscribe") as write:
            outcome = services.unsubscribe(token=token)
        if not write.failed:
            if outcome == services.UnsubscribeOutcome.INVALID:
                return _link_invalid(request)
            if request.POST.get("List-Unsubscribe") == "One-Click":
                return render(request, "course/unsubscribed.html")
            return redirect("course:unsubscribed")
        save_failed = True  # the same page and button again, with "try again soon"
    enrollment = services.find_by_token(token)
    if enrollment is None:
        return _link_invalid(request)
    context = {"enrollment": enrollment, "token": token, "save_failed": save_failed}
    response = render(request, "course/unsubscribe.html", context)
    return unavailable(response) if save_failed else response


@public
@require_GET
def unsubscribed(request: HttpRequest) -> HttpResponse:
    return render(request, "course/unsubscribed.html")


@staff_only(*policy.roles(Data.COURSE))
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    today = to_oslo(now).date()
    first_day = today - timedelta(days=FIGURES_DAYS - 1)
    since = now - timedelta(days=FIGURES_DAYS)
    per_day = LessonDelivery.objects.per_local_day(since_day=first_day)
    days = [first_day + timedelta(days=offset) for offset in range(FIGURES_DAYS)]
    return render(
        request,
        "course/figures.html",
        {
            "figures": Enrollment.objects.figures(since=since),
            "lessons": LessonDelivery.objects.totals(since=since),
            "per_day": [(day, per_day.get(day, 0)) for day in reversed(days)],
            "days": FIGURES_DAYS,
            "tracks_matches": conversions.is_tracked(conversions.MATCH_REQUEST),
            "tracks_first_talks": conversions.is_tracked(conversions.FIRST_TALK),
        },
    )
