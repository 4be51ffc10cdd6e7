"""Anonymous self-tests. Answers are scored on the server and shown back in the POST response; nothing is
stored, no session is started, and answers never appear in a URL (no redirect with a query string)."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forlop.audit.access import public
from forlop.lib import triage

from .feedback import AUDIT_FEEDBACK, DUDIT_FEEDBACK, Feedback
from .forms import SelfTestForm
from .instruments import AUDIT_INSTRUMENT, DUDIT_INSTRUMENT, INSTRUMENTS, Instrument, Text
from .scoring import (
    AUDIT_HAZARDOUS_FROM,
    AUDIT_ZONE_RANGES,
    DUDIT_DEPENDENCE_FROM,
    DUDIT_PROBLEMS_FROM,
    AuditResult,
    DuditBand,
    DuditResult,
    Sex,
    Zone,
)


@dataclass(frozen=True)
class Band:
    """One row of the "how to read the score" table."""

    name: str
    label: Text
    low: int
    high: int
    current: bool


@public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "selftest/index.html", {"instruments": INSTRUMENTS})


@public
@require_http_methods(["GET", "POST"])
def audit(request: HttpRequest) -> HttpResponse:
    return _take_test(request, AUDIT_INSTRUMENT)


@public
@require_http_methods(["GET", "POST"])
def dudit(request: HttpRequest) -> HttpResponse:
    return _take_test(request, DUDIT_INSTRUMENT)


def _take_test(request: HttpRequest, instrument: Instrument) -> HttpResponse:
    if request.method != "POST":
        form = SelfTestForm(instrument=instrument)
        return render(request, "selftest/form.html", {"instrument": instrument, "form": form})

    form = SelfTestForm(request.POST, instrument=instrument)
    if form.is_valid() and form.result is not None:
        response = render(request, "selftest/result.html", _result_context(instrument, form.result))
    else:
        response = render(request, "selftest/form.html", {"instrument": instrument, "form": form})
    # Answers and scores are health information: no browser or proxy may keep a copy.
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response


def _result_context(instrument: Instrument, result: AuditResult | DuditResult) -> dict:
    feedback: Feedback
    if isinstance(result, AuditResult):
        feedback = AUDIT_FEEDBACK[result.zone]
        bands = _audit_bands(result)
        extra = {
            "zone_name": _("Sone %(zone)s av IV") % {"zone": result.zone.roman},
            "base_zone_name": _("sone %(zone)s") % {"zone": result.base_zone.roman},
            "escalated_items": _join_numbers(result.escalated_by),
            "cutoff_women": AUDIT_HAZARDOUS_FROM[Sex.FEMALE],
            "cutoff_men": AUDIT_HAZARDOUS_FROM[Sex.MALE],
            "before_stopping": triage.advice_before_stopping(audit_triage_answers(result, feedback=feedback)),
        }
    else:
        feedback = DUDIT_FEEDBACK[result.band]
        bands = _dudit_bands(result)
        extra = {
            "cutoff_women": DUDIT_PROBLEMS_FROM[Sex.FEMALE],
            "cutoff_men": DUDIT_PROBLEMS_FROM[Sex.MALE],
            "before_stopping": triage.advice_if_using_drugs() if feedback.urgent else (),
        }
    return {
        "instrument": instrument,
        "result": result,
        "feedback": feedback,
        "bands": bands,
        **extra,
    }


# AUDIT item 1 (how often) and item 2 (units on a typical day), by score, in the triage's terms. Item 1's
# top answer, "4 ganger i uken eller mer", is the nearest AUDIT comes to "daily": read as daily, because
# reading it as less could hide rule 3.
AUDIT_FREQUENCY = {1: triage.RARELY, 2: triage.RARELY, 3: triage.WEEKLY, 4: triage.DAILY}
AUDIT_AMOUNT = {0: "little", 1: "some", 2: "some", 3: triage.A_LOT, 4: triage.A_LOT}
AUDIT_MORNING_ITEM = 6
AUDIT_MORNING_WEEKLY = 3  # "Hver uke" or more often


def audit_triage_answers(result: AuditResult, *, feedback: Feedback) -> triage.Answers:
    """The triage's view of an AUDIT result. AUDIT does not ask about seizures: where the result points to
    possible dependence, an earlier withdrawal seizure is "not known", which the triage never takes as safe."""
    frequency = AUDIT_FREQUENCY.get(result.scores[0])
    possible_dependence = feedback.urgent or result.possible_dependence
    return triage.Answers(
        use={triage.ALCOHOL: frequency} if frequency else {},
        alcohol_amount=AUDIT_AMOUNT[result.scores[1]],
        alcohol_morning=triage.YES
        if result.scores[AUDIT_MORNING_ITEM - 1] >= AUDIT_MORNING_WEEKLY
        else triage.NO,
        earlier_seizures=triage.UNKNOWN if possible_dependence else None,
    )


def _audit_bands(result: AuditResult) -> list[Band]:
    bands = []
    for zone, low, high in AUDIT_ZONE_RANGES:
        if zone is Zone.LOW_RISK:
            high = result.hazardous_from - 1
        elif zone is Zone.HAZARDOUS:
            low = result.hazardous_from
        bands.append(
            Band(
                _("Sone %(zone)s") % {"zone": zone.roman},
                AUDIT_FEEDBACK[zone].label,
                low,
                high,
                current=zone is result.zone,
            )
        )
    return bands


def _dudit_bands(result: DuditResult) -> list[Band]:
    limits = {
        DuditBand.BELOW_CUTOFF: (0, result.problems_from - 1),
        DuditBand.PROBABLE_PROBLEMS: (result.problems_from, DUDIT_DEPENDENCE_FROM - 1),
        DuditBand.PROBABLE_DEPENDENCE: (DUDIT_DEPENDENCE_FROM, DUDIT_INSTRUMENT.max_total),
    }
    return [
        Band("", DUDIT_FEEDBACK[band].label, low, high, current=band is result.band)
        for band, (low, high) in limits.items()
    ]


def _join_numbers(numbers: tuple[int, ...]) -> str:
    """(4, 6, 9) -> "4, 6 og 9"."""
    words = [str(n) for n in numbers]
    if len(words) < 2:
        return "".join(words)
    return _("%(first)s og %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}
