"""Outcome measures in a course: PHQ-9 and GAD-7 (from shared/clinical/measures.json), and AUDIT and DUDIT
(scored by forlop.selftest.scoring, the same rules as the public self-tests). Pure: no database, no clock.

- PHQ-9: nine items scored 0-3, total 0-27; bands minimal 0-4, mild 5-9, moderate 10-14, moderately severe
  15-19, severe 20-27 (Kroenke, Spitzer, Williams 2001).
- GAD-7: seven items scored 0-3, total 0-21; bands minimal 0-4, mild 5-9, moderate 10-14, severe 15-21
  (Spitzer, Kroenke, Williams, Löwe 2006).
- The PHQ-9 item-9 rule: an answer of 1 or more on item 9 (thoughts of being better off dead or of hurting
  oneself) shows the crisis numbers at once and flags the clinician, whatever the total.
- Every item must be answered; a missing answer is never scored as 0, and an answer outside 0-3 is refused,
  never clamped (the errors are forlop.selftest.scoring's, with their Norwegian messages).

The Norwegian wording of the items is a faithful translation of the English in measures.json, kept close to
the original; it must be compared with the official Norwegian translations (Pfizer / phqscreeners) in a
clinical review before launch. A test checks that the items, scores and bands still match measures.json.

measures.json and its README give bands, not a threshold for a meaningful change, so what a change means is
told as a change of band (and of the sum), never as a claim of improvement or worsening beyond that.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from forlop.selftest import scoring as selftest_scoring
from forlop.selftest.feedback import AUDIT_FEEDBACK, DUDIT_FEEDBACK
from forlop.selftest.instruments import (
    AUDIT_INSTRUMENT,
    DUDIT_INSTRUMENT,
    Instrument,
    Item,
    Option,
    Text,
)
from forlop.selftest.scoring import (
    AnswerError,
    AnswerNotAllowed,
    AnswersMissing,
    Sex,
    WrongNumberOfAnswers,
)

__all__ = [
    "AnswerError",
    "AnswerNotAllowed",
    "AnswersMissing",
    "Sex",
    "WrongNumberOfAnswers",
]

type Answers = Sequence[int | None]


class Kind(StrEnum):
    AUDIT = "audit"
    DUDIT = "dudit"
    PHQ9 = "phq9"
    GAD7 = "gad7"


# --- PHQ-9 and GAD-7 as data -------------------------------------------------------------------------------

_FREQUENCY = (
    Option(0, _lazy("Ikke i det hele tatt")),
    Option(1, _lazy("Flere dager")),
    Option(2, _lazy("Mer enn halvparten av dagene")),
    Option(3, _lazy("Nesten hver dag")),
)


def _items(*texts: Text) -> tuple[Item, ...]:
    return tuple(Item(n, text, _FREQUENCY) for n, text in enumerate(texts, start=1))


PHQ9_INSTRUMENT = Instrument(
    slug=Kind.PHQ9.value,
    title=_lazy("Skjema om humør og depresjon"),
    short_name="PHQ-9",
    max_total=27,
    source=_lazy(
        "PHQ-9 (Patient Health Questionnaire), Kroenke, Spitzer og Williams, J Gen Intern Med 2001;16:606-13. "
        "Fritt til bruk."
    ),
    items=_items(
        _lazy("Lite interesse for eller glede av å gjøre ting"),
        _lazy("Følt deg nedfor, deprimert eller håpløs"),
        _lazy("Vansker med å sovne eller sove hele natten, eller sovet for mye"),
        _lazy("Følt deg trett eller hatt lite energi"),
        _lazy("Dårlig matlyst eller spist for mye"),
        _lazy(
            "Følt deg dårlig med deg selv – eller følt at du har mislyktes eller sviktet deg selv eller "
            "familien din"
        ),
        _lazy("Vansker med å konsentrere deg, for eksempel om å lese avisen eller se på TV"),
        _lazy(
            "Beveget deg eller snakket så langsomt at andre kan ha lagt merke til det – eller det motsatte: "
            "vært så urolig eller rastløs at du har beveget deg mye mer enn vanlig"
        ),
        _lazy(
            "Tanker om at det hadde vært bedre om du var død, eller om å skade deg selv på en eller annen måte"
        ),
    ),
)

GAD7_INSTRUMENT = Instrument(
    slug=Kind.GAD7.value,
    title=_lazy("Skjema om angst og bekymring"),
    short_name="GAD-7",
    max_total=21,
    source=_lazy(
        "GAD-7 (Generalized Anxiety Disorder 7), Spitzer, Kroenke, Williams og Löwe, Arch Intern Med "
        "2006;166:1092-7. Fritt til bruk."
    ),
    items=_items(
        _lazy("Følt deg nervøs, engstelig eller på tuppa"),
        _lazy("Ikke klart å stoppe eller kontrollere bekymringene dine"),
        _lazy("Bekymret deg for mye for forskjellige ting"),
        _lazy("Hatt vanskelig for å slappe av"),
        _lazy("Vært så rastløs at det er vanskelig å sitte stille"),
        _lazy("Blitt lett irritert eller sint"),
        _lazy("Vært redd, som om noe forferdelig kunne komme til å skje"),
    ),
)

# The stem the person reads above the items ("Over the last 2 weeks, how often …").
STEMS: dict[Kind, Text] = {
    Kind.PHQ9: _lazy("Hvor ofte har du i løpet av de siste 2 ukene vært plaget av noe av det følgende?"),
    Kind.GAD7: _lazy("Hvor ofte har du i løpet av de siste 2 ukene vært plaget av det følgende?"),
    Kind.AUDIT: _lazy("Spørsmålene gjelder alkoholvanene dine. Noen av dem gjelder det siste året."),
    Kind.DUDIT: _lazy(
        "Spørsmålene gjelder bruk av narkotika og andre rusmidler enn alkohol, og vanedannende legemidler tatt "
        "på en annen måte enn legen har skrevet ut."
    ),
}

INSTRUMENTS: dict[Kind, Instrument] = {
    Kind.AUDIT: AUDIT_INSTRUMENT,
    Kind.DUDIT: DUDIT_INSTRUMENT,
    Kind.PHQ9: PHQ9_INSTRUMENT,
    Kind.GAD7: GAD7_INSTRUMENT,
}

# The order measures are shown and asked in.
ORDER = (Kind.AUDIT, Kind.DUDIT, Kind.PHQ9, Kind.GAD7)

SAFETY_ITEM = 9  # PHQ-9 item 9
SAFETY_FROM = 1  # any answer of 1 or more


@dataclass(frozen=True)
class Band:
    key: str  # stable, stored: "minimal", "mild", … for PHQ-9/GAD-7; "zone_1" … for AUDIT; "dudit_0" … for DUDIT
    low: int
    high: int
    label: Text
    rank: int  # 0 for the lowest band

    def holds(self, total: int) -> bool:
        return self.low <= total <= self.high


PHQ9_BANDS = (
    Band("minimal", 0, 4, _lazy("Lite eller ingen plager"), 0),
    Band("mild", 5, 9, _lazy("Milde plager"), 1),
    Band("moderate", 10, 14, _lazy("Moderate plager"), 2),
    Band("moderately severe", 15, 19, _lazy("Moderat alvorlige plager"), 3),
    Band("severe", 20, 27, _lazy("Alvorlige plager"), 4),
)
GAD7_BANDS = (
    Band("minimal", 0, 4, _lazy("Lite eller ingen plager"), 0),
    Band("mild", 5, 9, _lazy("Milde plager"), 1),
    Band("moderate", 10, 14, _lazy("Moderate plager"), 2),
    Band("severe", 15, 21, _lazy("Alvorlige plager"), 3),
)
BANDS: dict[Kind, tuple[Band, ...]] = {Kind.PHQ9: PHQ9_BANDS, Kind.GAD7: GAD7_BANDS}


def band_for_total(kind: Kind, total: int) -> Band:
    """The PHQ-9 or GAD-7 band of a total; a total outside the instrument's range is an error."""
    for band in BANDS[kind]:
        if band.holds(total):
            return band
    raise ValueError(f"{kind} total {total} is outside 0-{INSTRUMENTS[kind].max_total}")


def audit_band(zone: selftest_scoring.Zone) -> Band:
    low, high = next((lo, hi) for z, lo, hi in selftest_scoring.AUDIT_ZONE_RANGES if z is zone)
    return Band(f"zone_{zone.value}", low, high, AUDIT_FEEDBACK[zone].label, zone.value - 1)


def dudit_band(band: selftest_scoring.DuditBand) -> Band:
    return Band(f"dudit_{band.value}", 0, DUDIT_INSTRUMENT.max_total, DUDIT_FEEDBACK[band].label, band.value)


def band_by_key(kind: Kind, key: str) -> Band | None:
    """The band a stored key names (None for an unknown key)."""
    if kind is Kind.AUDIT:
        candidates = [audit_band(z) for z in selftest_scoring.Zone]
    elif kind is Kind.DUDIT:
        candidates = [dudit_band(b) for b in selftest_scoring.DuditBand]
    else:
        candidates = list(BANDS[kind])
    return next((b for b in candidates if b.key == key), None)


# --- Scoring -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    kind: Kind
    answers: tuple[int, ...]  # per item as scored (AUDIT: skipped items 0)
    total: int
    band: Band
    sex: Sex | None = None  # AUDIT and DUDIT only: which cut-off was used

    @property
    def safety_flag(self) -> bool:
        """PHQ-9 item 9 answered 1 or more: the crisis numbers at once and a flag to the clinician."""
        return item9_positive(self.kind, self.answers)


def item9_positive(kind: Kind | str, answers: Sequence[int | None]) -> bool:
    """The PHQ-9 item-9 rule, whatever the total. Only PHQ-9 has it."""
    if Kind(kind) is not Kind.PHQ9 or len(answers) < SAFETY_ITEM:
        return False
    value = answers[SAFETY_ITEM - 1]
    return value is not None and type(value) is int and value >= SAFETY_FROM


def missing_items(kind: Kind, answers: Answers) -> tuple[int, ...]:
    """Items that still need an answer (AUDIT's skip logic decides for AUDIT; every item for the others)."""
    if kind is Kind.AUDIT:
        return selftest_scoring.audit_missing_items(answers)
    return selftest_scoring.dudit_missing_items(answers)  # "every item must be answered"


def _check(instrument: Instrument, answers: Answers) -> None:
    if len(answers) != len(instrument.items):
        raise WrongNumberOfAnswers(expected=len(instrument.items), got=len(answers))
    for item, value in zip(instrument.items, answers, strict=True):
        if value is None:
            continue
        # bool is an int in Python; True must not pass as the score 1.
        if type(value) is not int or value not in item.allowed_scores:
            raise AnswerNotAllowed(item=item.n, value=value)


def score(kind: Kind | str, answers: Answers, *, sex: Sex | None = None) -> Result:
    """Score one measure. AUDIT and DUDIT need `sex` (the cut-off); "vil ikke oppgi" is Sex.UNSPECIFIED."""
    kind = Kind(kind)
    if kind in (Kind.AUDIT, Kind.DUDIT):
        chosen = Sex(sex) if sex else Sex.UNSPECIFIED
        if kind is Kind.AUDIT:
            audit = selftest_scoring.score_audit(answers, sex=chosen)
            return Result(kind, audit.scores, audit.total, audit_band(audit.zone), chosen)
        dudit = selftest_scoring.score_dudit(answers, sex=chosen)
        return Result(kind, dudit.scores, dudit.total, dudit_band(dudit.band), chosen)
    _check(INSTRUMENTS[kind], answers)
    missing = missing_items(kind, answers)
    if missing:
        raise AnswersMissing(items=missing)
    scores = tuple(int(value or 0) for value in answers)
    total = sum(scores)
    return Result(kind, scores, total, band_for_total(kind, total))


def score_phq9(answers: Answers) -> Result:
    return score(Kind.PHQ9, answers)


def score_gad7(answers: Answers) -> Result:
    return score(Kind.GAD7, answers)


# --- What a change means -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One result in a series, oldest first, as the change text needs it."""

    total: int
    band_key: str


def change_text(kind: Kind | str, previous: Point, latest: Point) -> str:
    """A careful sentence on the change from the previous result to the latest: the sums and the bands, in
    that order, with no claim beyond the bands (measures.json gives no threshold for a meaningful change)."""
    kind = Kind(kind)
    name = INSTRUMENTS[kind].short_name
    old_band, new_band = band_by_key(kind, previous.band_key), band_by_key(kind, latest.band_key)
    values = {"name": name, "old": previous.total, "new": latest.total}
    if latest.total < previous.total:
        sentence = _("%(name)s-summen har gått ned fra %(old)s til %(new)s siden forrige gang.") % values
    elif latest.total > previous.total:
        sentence = _("%(name)s-summen har gått opp fra %(old)s til %(new)s siden forrige gang.") % values
    else:
        sentence = _("%(name)s-summen er den samme som forrige gang (%(new)s).") % values
    if old_band is None or new_band is None:
        return sentence
    bands = {"old": str(old_band.label).lower(), "new": str(new_band.label).lower()}
    if new_band.rank < old_band.rank:
        sentence += (
            " "
            + _("Det betyr at svarene nå ligger i gruppen «%(new)s», en lavere gruppe enn sist («%(old)s»).")
            % bands
        )
    elif new_band.rank > old_band.rank:
        sentence += (
            " "
            + _(
                "Svarene ligger nå i gruppen «%(new)s», en høyere gruppe enn sist («%(old)s»). Det kan være "
                "lurt å snakke med behandleren din om det."
            )
            % bands
        )
    else:
        sentence += " " + _("Svarene ligger fortsatt i gruppen «%(new)s».") % bands
    return sentence
