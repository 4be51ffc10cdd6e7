"""The public match form: five steps, a summary, and a thank-you page. Each step is a POST that redirects
(POST/redirect/GET), so it works without JavaScript; htmx only swaps the form area instead of the page.

Answers are health information: every response that can show them is marked no-store.
"""

from typing import Any

from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods

from forlop.audit.access import public
from forlop.contact.reply_times import configured_hours, reply_promise
from forlop.core.services import RateLimited
from forlop.core.unavailable import refused_write, unavailable
from forlop.lib import triage
from forlop.lib.requests import hashed_ip
from forlop.selftest import scoring
from forlop.selftest.feedback import AUDIT_FEEDBACK, DUDIT_FEEDBACK
from forlop.selftest.instruments import AUDIT_INSTRUMENT, DUDIT_INSTRUMENT

from . import answers as vocab
from . import flow, offers, services
from .forms import STEP_COUNT, STEP_TITLES, STEPS


def step_url(number: int) -> str:
    return reverse("matching:match") if number == 1 else reverse("matching:step", kwargs={"number": number})


def _no_store(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response


def _progress(current: dict[str, Any], number: int | None) -> list[dict[str, Any]]:
    done = set(current.get("valid", []))
    return [
        {
            "number": step.number,
            "title": step.title,
            "current": step.number == number,
            "url": step_url(step.number) if str(step.number) in done and step.number != number else "",
        }
        for step in STEPS
    ]


def _where_to_continue(current: dict[str, Any]) -> str:
    missing = flow.first_incomplete(current)
    return step_url(missing) if missing else reverse("matching:summary")


@public
@require_http_methods(["GET", "POST"])
def match(request: HttpRequest) -> HttpResponse:
    return _step(request, 1)


@public
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, number: int) -> HttpResponse:
    if not 2 <= number <= STEP_COUNT:
        raise Http404
    return _step(request, number)


def _step(request: HttpRequest, number: int) -> HttpResponse:
    current = flow.state(request)
    step = flow.step_by_number(number)
    save_failed = False
    if request.method == "POST":
        form = flow.bind(step, request.POST, current)
        valid = form.is_valid()
        if request.POST.get("action") == "back" and number > 1:
            if _saved_step(request, number=number, form=form, valid=valid):
                return redirect(step_url(number - 1))
            save_failed = True
        elif valid:
            if _saved_step(request, number=number, form=form, valid=True):
                return redirect(step_url(number + 1) if number < STEP_COUNT else reverse("matching:summary"))
            save_failed = True
    else:
        missing = flow.first_incomplete(current, before=number)
        if missing is not None:
            return redirect(step_url(missing))
        form = flow.display_form(step, current)

    context = {
        **_triage_context(flow.known_answers(current)),
        "step": step,
        "step_count": STEP_COUNT,
        "progress": _progress(current, number),
        "form": form,
        "acute_now": number == 1 and _acute_in(form),
        "selftest": current.get("selftest"),
        "cancelled": request.GET.get("slettet") == "1" and number == 1,
        "price_from": vocab.PRICE_FROM_ORE,
        "save_failed": save_failed,
    }
    response = render(request, f"matching/step_{number}.html", context)
    return _no_store(unavailable(response) if save_failed else response)


def _saved_step(request: HttpRequest, *, number: int, form: Any, valid: bool) -> bool:
    """Keep a step's answers in the session, written here rather than after the view, so that a database
    that refuses the write brings the same step back with what was typed (503) instead of a 500."""
    with refused_write("match step") as write:
        flow.save_step(request, number=number, raw=flow.raw_of(form, request.POST), valid=valid)
        try:
            request.session.save()
        except UpdateError as exc:  # how the session store reports a refused UPDATE
            raise DatabaseError("the session could not be saved") from exc
    if write.failed:
        request.session.modified = False  # nothing to write at the end of the request either
    return not write.failed


def _triage_context(answers: dict[str, Any]) -> dict[str, Any]:
    verdict = vocab.assess(answers)
    return {"triage": verdict, "triage_recognised": triage.describe_recognised(verdict.recognised)}


def _acute_in(form: Any) -> bool:
    """Whether the step-1 form (as sent, or as last saved) has a "yes" to acute danger."""
    names = ("acute_suicide", "acute_overdose", "acute_withdrawal")
    if form.is_bound:
        return any(form.data.get(name) == "yes" for name in names)
    return any(form.initial.get(name) == "yes" for name in names)


@public
@require_http_methods(["GET", "POST"])
def summary(request: HttpRequest) -> HttpResponse:
    current = flow.state(request)
    answers, bad_step, include_selftest = flow.collect(current)
    if bad_step is not None:
        return redirect(step_url(bad_step))
    verdict = vocab.assess(answers)
    rate_limited = save_failed = False
    if request.method == "POST":
        ip_hash = hashed_ip(request)
        try:
            with refused_write("match request") as write:
                match_request = services.submit_request(
                    answers=answers,
                    selftest=current.get("selftest") if include_selftest else None,
                    ip_hash=ip_hash,
                )
        except RateLimited:
            rate_limited = True
        else:
            # The answers stay in the session untouched (writing it would fail too): the summary comes back.
            save_failed = write.failed
        if not (rate_limited or save_failed):
            flow.finish(
                request,
                outcome={
                    "urgent": match_request.urgent,
                    "medical": match_request.medical_assessment,
                    "flagged": match_request.flagged,
                    "for_relative": verdict.relative,
                    "advice": [item.text for item in verdict.advice],
                    "recognised": triage.describe_recognised(verdict.recognised),
                    "relative_help": verdict.relative_help,
                    # Only what the thank-you page shows: who was suggested and why (never the answers).
                    "offers": [] if match_request.flagged else match_request.suggestions,
                },
            )
            return redirect("matching:thanks")
    context = {
        **_triage_context(answers),
        "sections": vocab.describe(answers, step_titles=STEP_TITLES),
        "selftest": current.get("selftest") if include_selftest else None,
        "progress": _progress(current, None),
        "step_count": STEP_COUNT,
        "rate_limited": rate_limited,
        "save_failed": save_failed,
    }
    response = render(request, "matching/summary.html", context, status=429 if rate_limited else 200)
    return _no_store(unavailable(response) if save_failed else response)


@public
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    outcome = flow.pop_outcome(request) or {}
    now = timezone.now()
    context = {
        "urgent": outcome.get("urgent", False),
        "medical": outcome.get("medical", False),
        "flagged": outcome.get("flagged", outcome.get("urgent", False) or outcome.get("medical", False)),
        "for_relative": outcome.get("for_relative", False),
        "advice": outcome.get("advice", []),
        "recognised": outcome.get("recognised", ""),
        "relative_help": outcome.get("relative_help", ""),
        "offers": offers.same_day_offers(outcome.get("offers") or [], now=now),
        "reply": reply_promise(now, configured_hours()),
    }
    return _no_store(render(request, "matching/thanks.html", context))


@public
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest) -> HttpResponse:
    """ "Avbryt og slett svarene mine" asks first: GET says what goes and offers the way back to the step the
    person came from; only the POST deletes."""
    if request.method == "POST":
        flow.cancel(request)
        return redirect(reverse("matching:match") + "?slettet=1")
    if not flow.state(request):  # nothing to delete
        return redirect("matching:match")
    back = request.GET.get("fra", "")
    allowed = {step_url(number) for number in range(1, STEP_COUNT + 1)} | {reverse("matching:summary")}
    context = {"back_url": back if back in allowed else reverse("matching:match")}
    return _no_store(render(request, "matching/cancel.html", context))


# --- A self-test result taken along into the form -------------------------------------------------------

INSTRUMENTS = {AUDIT_INSTRUMENT.slug: AUDIT_INSTRUMENT, DUDIT_INSTRUMENT.slug: DUDIT_INSTRUMENT}


@public
@require_http_methods(["GET", "POST"])
def attach_selftest(request: HttpRequest) -> HttpResponse:
    """Score the self-test again from its answers (never trust a total sent by the browser) and keep only the
    instrument, total and zone in the match session. The answers themselves are not kept."""
    if request.method != "POST":
        return redirect("selftest:index")
    instrument = INSTRUMENTS.get(request.POST.get("instrument", ""))
    selftest = _score(instrument, request.POST) if instrument else None
    if selftest is None:
        return _no_store(render(request, "matching/selftest_invalid.html", status=400))
    flow.attach_selftest(request, selftest)
    return redirect(_where_to_continue(flow.state(request)))


def _score(instrument: Any, data: Any) -> dict[str, Any] | None:
    try:
        sex = scoring.Sex(data.get("sex", ""))
        answers = [
            int(data[f"q{item.n}"]) if data.get(f"q{item.n}", "") != "" else None for item in instrument.items
        ]
        if instrument is AUDIT_INSTRUMENT:
            audit = scoring.score_audit(answers, sex=sex)
            total, zone = audit.total, AUDIT_FEEDBACK[audit.zone].label
        else:
            dudit = scoring.score_dudit(answers, sex=sex)
            total, zone = dudit.total, DUDIT_FEEDBACK[dudit.band].label
    except (ValueError, KeyError):  # AnswerError is a ValueError, as is a non-number
        return None
    return {
        "instrument": instrument.slug,
        "name": instrument.short_name,
        "total": total,
        "max": instrument.max_total,
        "zone": str(zone),
    }
