"""Scoring for the AUDIT and DUDIT self-tests. Pure: no database, no clock, no request.

The rules come from shared/clinical/instruments.json, including the choices made where sources disagree:

- AUDIT zones I 0-7, II 8-15, III 16-19, IV 20-40 (WHO). For women the Norwegian (NHI) lower cut-off
  applies: a total of 6-7 is zone II. "Vil ikke oppgi" gets the lower (women's) cut-off, so that not
  answering never makes a risk look smaller, and the result says so.
- AUDIT escalation: one zone up (never past IV) if item 4, 5 or 6 scores 2 or more, or item 9 or 10 scores 4.
- AUDIT skip logic: item 1 = 0 skips items 2-8; items 2 and 3 both 0 skip items 4-8. Skipped items score 0
  whatever was sent. Items 9-10 are always asked.
- DUDIT: probable drug-related problems from 6 (men) or 2 (women, and "vil ikke oppgi"); probable dependence
  from 25 for everyone.

An answer outside an item's allowed scores raises `AnswerNotAllowed`: it is never clamped or ignored, not
even for a skipped item. A missing answer raises `AnswersMissing`; a total is never computed from a partial
set of answers.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from django.utils.translation import gettext as _

from .instruments import AUDIT_INSTRUMENT, DUDIT_INSTRUMENT, Instrument

type Answers = Sequence[int | None]


class Sex(StrEnum):
    """Asked only to pick the cut-off. UNSPECIFIED ("vil ikke oppgi") gets the lower (women's) cut-off."""

    FEMALE = "female"
    MALE = "male"
    UNSPECIFIED = "unspecified"


# --- Errors -------------------------------------------------------------------------------------------


class AnswerError(ValueError):
    """The answers cannot be scored. `message` is Norwegian and fit to show to the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongNumberOfAnswers(AnswerError):
    def __init__(self, *, expected: int, got: int) -> None:
        super().__init__(
            _("Testen har %(expected)s spørsmål, men vi fikk %(got)s svar.")
            % {"expected": expected, "got": got}
        )
        self.expected = expected
        self.got = got


class AnswerNotAllowed(AnswerError):
    def __init__(self, *, item: int, value: object) -> None:
        super().__init__(
            _("Svaret på spørsmål %(n)s er ikke et av alternativene. Velg ett av svarene i listen.")
            % {"n": item}
        )
        self.item = item
        self.value = value


class AnswersMissing(AnswerError):
    def __init__(self, *, items: Sequence[int]) -> None:
        numbers = ", ".join(str(n) for n in items)
        super().__init__(_("Svar på spørsmål %(numbers)s før du ser resultatet.") % {"numbers": numbers})
        self.items = tuple(items)


def _check_allowed(instrument: Instrument, answers: Answers) -> None:
    if len(answers) != len(instrument.items):
        raise WrongNumberOfAnswers(expected=len(instrument.items), got=len(answers))
    for item, value in zip(instrument.items, answers, strict=True):
        if value is None:
            continue
        # bool is an int in Python; True must not pass as the score 1.
        if type(value) is not int or value not in item.allowed_scores:
            raise AnswerNotAllowed(item=item.n, value=value)


# --- AUDIT --------------------------------------------------------------------------------------------


class Zone(IntEnum):
    """WHO's four AUDIT risk zones, ordered."""

    LOW_RISK = 1
    HAZARDOUS = 2
    HARMFUL = 3
    POSSIBLE_DEPENDENCE = 4

    @property
    def roman(self) -> str:
        return ("I", "II", "III", "IV")[self.value - 1]


AUDIT_ZONE_RANGES: tuple[tuple[Zone, int, int], ...] = (
    (Zone.LOW_RISK, 0, 7),
    (Zone.HAZARDOUS, 8, 15),
    (Zone.HARMFUL, 16, 19),
    (Zone.POSSIBLE_DEPENDENCE, 20, 40),
)
AUDIT_HAZARDOUS_FROM = {Sex.MALE: 8, Sex.FEMALE: 6, Sex.UNSPECIFIED: 6}
AUDIT_ESCALATING_ITEMS_FROM = {4: 2, 5: 2, 6: 2, 9: 4, 10: 4}  # item -> score that moves the zone up
AUDIT_DEPENDENCE_ITEMS = (4, 5, 6)
AUDIT_DEPENDENCE_SUBSCORE_FROM = 4
AUDIT_ALWAYS_ASKED = (1, 9, 10)


def audit_skipped_items(answers: Answers) -> frozenset[int]:
    """Items the skip logic leaves out, judged from the answers to items 1-3 that are given."""
    first, quantity, binge = answers[0], answers[1], answers[2]
    if first == 0:
        return frozenset(range(2, 9))
    if quantity == 0 and binge == 0:
        return frozenset(range(4, 9))
    return frozenset()


def audit_missing_items(answers: Answers) -> tuple[int, ...]:
    """Unanswered items that must be answered. An item whose need depends on an unanswered earlier item is
    not listed yet (it may turn out to be skipped), so the list never asks for an answer that is not needed.
    """
    first, quantity, binge = answers[0], answers[1], answers[2]
    required = set(AUDIT_ALWAYS_ASKED)
    if first is not None and first != 0:
        required |= {2, 3}
        if quantity is not None and binge is not None and not (quantity == 0 and binge == 0):
            required |= set(range(4, 9))
    return tuple(n for n in sorted(required) if answers[n - 1] is None)


def audit_zone_for_total(total: int, *, sex: Sex) -> Zone:
    """The zone from the total alone (no escalation)."""
    if not 0 <= total <= AUDIT_INSTRUMENT.max_total:
        raise ValueError(f"AUDIT total {total} is outside 0-{AUDIT_INSTRUMENT.max_total}")
    if AUDIT_HAZARDOUS_FROM[sex] <= total < AUDIT_HAZARDOUS_FROM[Sex.MALE]:
        return Zone.HAZARDOUS
    return next(zone for zone, low, high in AUDIT_ZONE_RANGES if low <= total <= high)


@dataclass(frozen=True)
class AuditResult:
    total: int
    scores: tuple[int, ...]  # per item, after skip logic (skipped items are 0)
    skipped: frozenset[int]
    sex: Sex
    base_zone: Zone  # from the total alone
    zone: Zone  # after escalation
    escalated_by: tuple[int, ...]  # items whose answers triggered the escalation rule

    @property
    def escalated(self) -> bool:
        return self.zone != self.base_zone

    @property
    def lower_cutoff_by_default(self) -> bool:
        """No sex given: the women's (lower) cut-off was used, and the result page says so."""
        return self.sex is Sex.UNSPECIFIED

    @property
    def hazardous_from(self) -> int:
        return AUDIT_HAZARDOUS_FROM[self.sex]

    @property
    def dependence_subscore(self) -> int:
        return sum(self.scores[n - 1] for n in AUDIT_DEPENDENCE_ITEMS)

    @property
    def possible_dependence(self) -> bool:
        return self.dependence_subscore >= AUDIT_DEPENDENCE_SUBSCORE_FROM

    @property
    def is_highest(self) -> bool:
        return self.zone is Zone.POSSIBLE_DEPENDENCE


def score_audit(answers: Answers, *, sex: Sex) -> AuditResult:
    """Score 10 AUDIT answers (None for an unanswered or skipped item)."""
    _check_allowed(AUDIT_INSTRUMENT, answers)
    missing = audit_missing_items(answers)
    if missing:
        raise AnswersMissing(items=missing)
    skipped = audit_skipped_items(answers)
    scores = tuple(0 if n in skipped else int(value or 0) for n, value in enumerate(answers, start=1))
    total = sum(scores)
    base_zone = audit_zone_for_total(total, sex=sex)
    escalated_by = tuple(
        n for n, at_least in AUDIT_ESCALATING_ITEMS_FROM.items() if scores[n - 1] >= at_least
    )
    zone = Zone(min(base_zone + 1, Zone.POSSIBLE_DEPENDENCE)) if escalated_by else base_zone
    return AuditResult(
        total=total,
        scores=scores,
        skipped=skipped,
        sex=sex,
        base_zone=base_zone,
        zone=zone,
        escalated_by=escalated_by,
    )


# --- DUDIT --------------------------------------------------------------------------------------------


class DuditBand(IntEnum):
    BELOW_CUTOFF = 0
    PROBABLE_PROBLEMS = 1
    PROBABLE_DEPENDENCE = 2


DUDIT_PROBLEMS_FROM = {Sex.MALE: 6, Sex.FEMALE: 2, Sex.UNSPECIFIED: 2}
DUDIT_DEPENDENCE_FROM = 25


def dudit_missing_items(answers: Answers) -> tuple[int, ...]:
    """DUDIT has no skip logic: every item must be answered."""
    return tuple(n for n, value in enumerate(answers, start=1) if value is None)


def dudit_band_for_total(total: int, *, sex: Sex) -> DuditBand:
    if not 0 <= total <= DUDIT_INSTRUMENT.max_total:
        raise ValueError(f"DUDIT total {total} is outside 0-{DUDIT_INSTRUMENT.max_total}")
    if total >= DUDIT_DEPENDENCE_FROM:
        return DuditBand.PROBABLE_DEPENDENCE
    if total >= DUDIT_PROBLEMS_FROM[sex]:
        return DuditBand.PROBABLE_PROBLEMS
    return DuditBand.BELOW_CUTOFF


@dataclass(frozen=True)
class DuditResult:
    total: int
    scores: tuple[int, ...]
    sex: Sex
    band: DuditBand

    @property
    def lower_cutoff_by_default(self) -> bool:
        """No sex given: the women's (lower) cut-off was used, and the result page says so."""
        return self.sex is Sex.UNSPECIFIED

    @property
    def problems_from(self) -> int:
        return DUDIT_PROBLEMS_FROM[self.sex]

    @property
    def dependence_from(self) -> int:
        return DUDIT_DEPENDENCE_FROM

    @property
    def is_highest(self) -> bool:
        return self.band is DuditBand.PROBABLE_DEPENDENCE


def score_dudit(answers: Answers, *, sex: Sex) -> DuditResult:
    """Score 11 DUDIT answers (None for an unanswered item)."""
    _check_allowed(DUDIT_INSTRUMENT, answers)
    missing = dudit_missing_items(answers)
    if missing:
        raise AnswersMissing(items=missing)
    scores = tuple(int(value or 0) for value in answers)
    total = sum(scores)
    return DuditResult(total=total, scores=scores, sex=sex, band=dudit_band_for_total(total, sex=sex))
