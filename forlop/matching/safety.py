"""The match form's safety screen: who needs the emergency numbers now, and who a doctor should see first.

Pure: plain answers in, an `Assessment` out; no ORM, no clock. The form and the coordinator's queue both
use it, so the person and the coordinator always see the same verdict.

Acute danger (any one "yes" makes the request urgent, and the person is shown the emergency numbers at once)
    - thoughts of suicide now;
    - an overdose, taken or feared, now;
    - severe withdrawal now (seizures, confusion, hallucinations, heavy shaking).

Medical assessment (the person is told, honestly, that medically supervised detox may be needed, and the
request is flagged for a doctor). Each rule with its source:

    | Rule key          | When                                                         | Why                          |
    |-------------------|--------------------------------------------------------------|------------------------------|
    | alcohol_seizures  | alcohol, daily, a lot, and earlier withdrawal seizures or     | IS-2211: earlier seizures or |
    |                   | delirium ("vet ikke" counts: unknown is not safe)             | delirium rule out outpatient |
    | ghb               | GHB used daily                                               | IS-2211: GHB withdrawal can   |
    |                   |                                                              | be life-threatening          |
    | pregnancy         | pregnant and using alcohol or drugs (not gambling alone)     | mother and child both need a |
    |                   |                                                              | doctor's plan                |
    | several           | two or more substances (gambling does not count)             | mixed withdrawal is hard to  |
    |                   |                                                              | judge without a doctor       |
    | benzo_opioid_daily| benzodiazepines or opioids daily                             | IS-2211: tapered or medicine-|
    |                   |                                                              | assisted, under a doctor     |

The form asks one frequency and one amount for "what you use most", so with several substances it cannot
say which one is daily. That ambiguity never hides a risk: several substances are flagged on their own.

`needs_medical_detox` (a hard constraint for the matching engine) follows the medical flag, except when the
person only asks for help as a relative: then the one who may need detox is not the one being matched.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Acute danger, in the order the form asks.
SUICIDE = "suicide"
OVERDOSE = "overdose"
WITHDRAWAL = "withdrawal"
ACUTE_SIGNS = {
    SUICIDE: _("Tanker om å ta sitt eget liv nå"),
    OVERDOSE: _("Overdose nå, eller frykt for det"),
    WITHDRAWAL: _("Sterke abstinenser nå"),
}

# Answer keys the rules read (the form offers exactly these).
DAILY = "daily"
FREQUENCIES = {
    "rarely": _("Sjeldnere enn hver uke"),
    "weekly": _("En eller flere ganger i uken"),
    DAILY: _("Daglig eller nesten daglig"),
}
A_LOT = "a_lot"
AMOUNTS = {
    "little": _("Lite – for alkohol 1–2 enheter"),
    "some": _("En del – for alkohol 3–6 enheter"),
    A_LOT: _("Mye – for alkohol 7 enheter eller mer"),
    "unknown": _("Vet ikke"),
}
YES, NO, UNKNOWN = "yes", "no", "unknown"
SEIZURE_ANSWERS = {YES: _("Ja"), NO: _("Nei"), UNKNOWN: _("Vet ikke")}
NOT_RELEVANT = "not_relevant"
PREGNANCY_ANSWERS = {YES: _("Ja"), NO: _("Nei"), NOT_RELEVANT: _("Ikke aktuelt, eller vil ikke svare")}

GAMBLING = "spill"  # engine.SUBSTANCES key: a behaviour, not a substance

MEDICAL_REASONS = {
    "alcohol_seizures": _(
        "Mye alkohol daglig, og tidligere abstinenskramper eller delirium (eller vet ikke)"
    ),
    "ghb": _("Bruker GHB daglig"),
    "pregnancy": _("Gravid og bruker alkohol eller andre rusmidler"),
    "several": _("Bruker flere rusmidler"),
    "benzo_opioid_daily": _("Bruker benzodiazepiner eller opioider daglig"),
}


@dataclass(frozen=True, kw_only=True)
class Screen:
    """The answers the safety rules read. Keys as above; substances are engine.SUBSTANCES keys."""

    acute: frozenset[str] = frozenset()
    substances: frozenset[str] = frozenset()
    frequency: str | None = None
    amount: str | None = None
    earlier_seizures: str | None = None
    pregnant: str | None = None
    relative_support_only: bool = False

    def __post_init__(self) -> None:
        if not self.acute <= ACUTE_SIGNS.keys():
            raise ValueError(f"unknown acute signs: {sorted(self.acute - ACUTE_SIGNS.keys())}")


@dataclass(frozen=True)
class Assessment:
    acute: tuple[str, ...]  # ACUTE_SIGNS keys answered "yes", in ACUTE_SIGNS order
    medical: tuple[str, ...]  # MEDICAL_REASONS keys that apply, in MEDICAL_REASONS order
    relative_support_only: bool = False

    @property
    def urgent(self) -> bool:
        return bool(self.acute)

    @property
    def medical_assessment(self) -> bool:
        return bool(self.medical)

    @property
    def needs_medical_detox(self) -> bool:
        return self.medical_assessment and not self.relative_support_only

    @property
    def acute_labels(self) -> list[str]:
        return [str(ACUTE_SIGNS[key]) for key in self.acute]

    @property
    def medical_labels(self) -> list[str]:
        return [str(MEDICAL_REASONS[key]) for key in self.medical]


def _substances(screen: Screen) -> frozenset[str]:
    return screen.substances - {GAMBLING}


MEDICAL_RULES: dict[str, Callable[[Screen], bool]] = {
    "alcohol_seizures": lambda s: (
        "alkohol" in s.substances
        and s.frequency == DAILY
        and s.amount == A_LOT
        and s.earlier_seizures in (YES, UNKNOWN)
    ),
    "ghb": lambda s: "ghb" in s.substances and s.frequency == DAILY,
    "pregnancy": lambda s: s.pregnant == YES and bool(_substances(s)),
    "several": lambda s: len(_substances(s)) >= 2,
    "benzo_opioid_daily": lambda s: (
        bool(s.substances & {"benzodiazepiner", "opioider"}) and s.frequency == DAILY
    ),
}


def assess(screen: Screen) -> Assessment:
    return Assessment(
        acute=tuple(key for key in ACUTE_SIGNS if key in screen.acute),
        medical=tuple(key for key, applies in MEDICAL_RULES.items() if applies(screen)),
        relative_support_only=screen.relative_support_only,
    )
