"""Red-flag answers in the daily check-in: one table, read top to bottom. Pure: no ORM, no clock.

Each rule says when it fires, how serious it is for the team (`forlop.care.flags.Severity`), what the
therapist reads (label and why), and what the person is told at once, following
../shared/clinical/triage.md row 1 (acute danger: suicidal thoughts, seizures, hallucinations or confusion
during withdrawal → 113 at once, legevakt 116 117; we are not an emergency service) and rows 3-6 for use
during a taper (do not stop on your own, do not take extra doses; legevakt 116 117, 113 when life is in
danger). Every red flag shows the help-now ladder with the acute numbers first.

"Large use during a taper" is defined from the answers: during an approved taper the person used
- the substance the plan tapers (use beyond the plan), or
- alcohol, benzodiazepines/z-drugs or GHB (dependence-risk substances that add to the taper's effect), or
- anything, and said the amount was "mye".

Confusion or hallucinations fire whatever withdrawal level was chosen: triage row 1 names them as acute
danger during withdrawal, strong or not.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from forlop.care.flags import Severity

# Answer keys, as the form and the table store them.
AMOUNT_LITTLE, AMOUNT_SOME, AMOUNT_MUCH = "litt", "noe", "mye"
DOSE_YES, DOSE_NO, DOSE_PARTLY = "ja", "nei", "delvis"
WITHDRAWAL_NONE, WITHDRAWAL_MILD, WITHDRAWAL_STRONG = "ingen", "lett", "sterk"
CONFUSION, HALLUCINATIONS = "forvirring", "hallusinasjoner"
RISKY_DURING_TAPER = frozenset({"alkohol", "benzodiazepiner", "ghb"})


@dataclass(frozen=True)
class Answers:
    craving: int = 0
    used: bool = False
    substances: tuple[str, ...] = ()  # forlop.therapists.vocabulary.SUBSTANCES keys
    amount: str = ""  # AMOUNT_*
    suicide_thoughts: bool = False
    seizure: bool = False
    taper: bool = False  # an approved taper plan covers the day
    taper_substances: tuple[str, ...] = ()  # what the plan tapers (vocabulary keys)
    dose: str = ""  # DOSE_*
    withdrawal: str = ""  # WITHDRAWAL_*
    symptoms: tuple[str, ...] = ()


def large_use_during_taper(a: Answers) -> bool:
    if not (a.taper and a.used):
        return False
    used = set(a.substances)
    return a.amount == AMOUNT_MUCH or bool(used & (set(a.taper_substances) | RISKY_DURING_TAPER))


@dataclass(frozen=True)
class RedFlag:
    key: str
    severity: Severity
    label: str | Promise  # for the therapist's tag
    why: str | Promise  # for the therapist: what the person answered
    advice: str | Promise  # for the person, shown at once
    fires: Callable[[Answers], bool]
    for_doctor: bool = True


TABLE: tuple[RedFlag, ...] = (
    RedFlag(
        key="suicide_thoughts",
        severity=Severity.URGENT,
        label=_("Selvmordstanker"),
        why=_("Svarte ja på «Har du hatt tanker om å ta livet ditt siden sist?» i innsjekken."),
        advice=_(
            "Takk for at du sier det. Er livet ditt i fare nå, eller har du planer om å ta livet ditt, ring 113. "
            "Trenger du hjelp i dag, ring legevakt 116 117. Vil du snakke med noen, kan du ringe Mental Helse "
            "på 116 123 hele døgnet. Terapeuten din har fått beskjed, men vi er ikke en akuttjeneste."
        ),
        fires=lambda a: a.suicide_thoughts,
    ),
    RedFlag(
        key="seizure",
        severity=Severity.URGENT,
        label=_("Krampeanfall"),
        why=_("Svarte ja på «Har du hatt krampeanfall siden sist?» i innsjekken."),
        advice=_(
            "Et krampeanfall under avrusning eller nedtrapping kan være livstruende. Ring 113 nå, også om "
            "anfallet er over. Ikke vær alene. Legen og terapeuten din har fått beskjed."
        ),
        fires=lambda a: a.seizure,
    ),
    RedFlag(
        key="confusion",
        severity=Severity.URGENT,
        label=_("Forvirring eller hallusinasjoner"),
        why=_("Krysset av for forvirring eller hallusinasjoner som abstinenssymptom i innsjekken."),
        advice=_(
            "Forvirring eller hallusinasjoner i abstinens kan være tegn på en farlig tilstand (delirium). "
            "Ring 113 nå. Ikke vær alene, og ikke kjør bil. Legen og terapeuten din har fått beskjed."
        ),
        fires=lambda a: CONFUSION in a.symptoms or HALLUCINATIONS in a.symptoms,
    ),
    RedFlag(
        key="large_use_taper",
        severity=Severity.WARNING,
        label=_("Bruk under nedtrapping"),
        why=_(
            "Brukte under nedtrappingen: rusmiddelet planen trapper ned, alkohol, benzodiazepiner eller GHB, "
            "eller svarte «mye»."
        ),
        advice=_(
            "Det er bra at du sier det. Bruk oppå nedtrappingsplanen kan gi farlig sterk virkning. Ikke ta "
            "ekstra doser for å ta igjen, og ikke stopp brått på egen hånd. Kjenner du deg dårlig, ring legevakt "
            "116 117. Ved fare for liv, ring 113. Legen og terapeuten din har fått beskjed og tar det opp med deg."
        ),
        fires=large_use_during_taper,
    ),
)
BY_KEY = {rule.key: rule for rule in TABLE}


def evaluate(answers: Answers) -> list[RedFlag]:
    """The rules that fire, most serious first (the table's order within a severity)."""
    fired = [rule for rule in TABLE if rule.fires(answers)]
    return sorted(fired, key=lambda r: -r.severity)


def acute(keys: list[str]) -> bool:
    """Whether any of the stored red-flag keys calls for 113 at once."""
    return any(BY_KEY[k].severity == Severity.URGENT for k in keys if k in BY_KEY)
