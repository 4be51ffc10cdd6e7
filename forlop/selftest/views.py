"""Anonymous self-tests. Answers are scored on the server and shown back in the POST response; nothing is
stored, no session is started, and answers never appear in a URL (no redirect with a query string)."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forlop.audit.access import public

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
        }
    else:
        feedback = DUDIT_FEEDBACK[result.band]
        bands = _dudit_bands(result)
        extra = {
            "cutoff_women": DUDIT_PROBLEMS_FROM[Sex.FEMALE],
            "cutoff_men": DUDIT_PROBLEMS_FROM[Sex.MALE],
        }
    return {
        "instrument": instrument,
        "result": result,
        "feedback": feedback,
        "bands": bands,
        **extra,
    }


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
