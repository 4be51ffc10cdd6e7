"""The setting suggestion: from what the kartlegging found, where detox and follow-up can safely happen.

Pure: facts in, a `Suggestion` out; no ORM, no clock. Four levels, from least to most intensive:

- OUTPATIENT (poliklinisk): here, with a plan and follow-up;
- RESIDENTIAL (døgnavrusning): a residential unit where the person is watched around the clock;
- TSB: refer via the fastlege to specialist care (tverrfaglig spesialisert rusbehandling), where withdrawal
  with GHB/GBL, with pregnancy, or with severe somatic or psychiatric illness is handled;
- EMERGENCY: acute danger now, 113 or legevakt 116 117.

The rules are the front door's (`forlop.lib.triage`, shared/clinical/triage.md): the facts are turned into
the triage's `Answers` and `triage.assess` says which rules fire, so the match form, the coordinator's queue
and this page never disagree. On top come IS-2211's criteria for outpatient detox (alcohol chapter 12, and
shared/clinical/benzodiazepine-equivalents.md): no earlier withdrawal seizures or delirium tremens; able to
take medicine, fluids and food by mouth without signs of serious dehydration; no severe somatic or
psychiatric illness; a stable place to live and a sober person who can be there; not GHB; not pregnant with
use of a dependence-risk substance; and a PAWSS under 4 where it was scored. These criteria apply when
detox from a dependence-risk substance is what is planned (regular use of alcohol, benzodiazepines/z-drugs,
GHB/GBL or opioids).

Unknown is never safe: an unanswered question the criteria need counts as "vet ikke" and keeps the
suggestion at the more intensive level, and the suggestion lists what is still unanswered. Adding a fact
that signals risk never moves the suggestion to a less intensive level (a Hypothesis property). The software
suggests; the clinician (with the doctor) decides and says why.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from forlop.lib import triage

OUTPATIENT = "poliklinisk"
RESIDENTIAL = "dogn"
TSB = "tsb"
EMERGENCY = "akutt"
LEVELS = (OUTPATIENT, RESIDENTIAL, TSB, EMERGENCY)  # least to most intensive
RANK = {level: index for index, level in enumerate(LEVELS)}
LEVEL_LABELS = {
    OUTPATIENT: _("Poliklinisk avrusning og oppfølging"),
    RESIDENTIAL: _("Døgnavrusning (døgnenhet)"),
    TSB: _("Henvise via fastlege til spesialisthelsetjenesten (TSB)"),
    EMERGENCY: _("Akutt nå: 113 eller legevakt 116 117"),
}

STABLE, UNSTABLE, HOMELESS = "stable", "unstable", "none"
HOUSING_KEYS = frozenset({STABLE, UNSTABLE, HOMELESS})
YES_NO_UNKNOWN = frozenset({triage.YES, triage.NO, triage.UNKNOWN})
PREGNANCY_KEYS = frozenset({triage.YES, triage.NO, triage.NOT_RELEVANT})
PAWSS_HIGH_RISK = 4  # forlop.care.scales: PAWSS 4 or more is high risk of complicated withdrawal


@dataclass(frozen=True, kw_only=True)
class Facts:
    """What the kartlegging found. "" (or None) is "not answered yet".

    use: substance key (forlop.therapists.vocabulary.SUBSTANCES) -> frequency (triage.FREQUENCIES key).
    alcohol_units: alcohol units on a typical drinking day. earlier_seizures, earlier_delirium, epilepsy,
    alcohol_morning, sober_support: yes/no/unknown. pregnant: yes/no/not_relevant. housing: STABLE, UNSTABLE
    or HOMELESS. free_text: the medication and health fields, read by the triage for drug names and seizure
    words. pawss: the latest PAWSS total, if one was scored (None when not scored or not applicable).
    """

    use: Mapping[str, str] = field(default_factory=dict)
    alcohol_units: Decimal | None = None
    alcohol_morning: str = ""
    earlier_seizures: str = ""
    earlier_delirium: str = ""
    epilepsy: str = ""
    acute: frozenset[str] = frozenset()
    severe_somatic: bool = False
    severe_psychiatric: bool = False
    oral_intake_problem: bool = False
    pregnant: str = ""
    age: int | None = None
    housing: str = ""
    sober_support: str = ""
    free_text: str = ""
    pawss: int | None = None

    def __post_init__(self) -> None:
        for name in ("earlier_seizures", "earlier_delirium", "epilepsy", "alcohol_morning", "sober_support"):
            value = getattr(self, name)
            if value and value not in YES_NO_UNKNOWN:
                raise ValueError(f"{name}: unknown answer {value!r}")
        if self.pregnant and self.pregnant not in PREGNANCY_KEYS:
            raise ValueError(f"pregnant: unknown answer {self.pregnant!r}")
        if self.housing and self.housing not in HOUSING_KEYS:
            raise ValueError(f"housing: unknown answer {self.housing!r}")
        if self.alcohol_units is not None and self.alcohol_units < 0:
            raise ValueError("alcohol_units must not be negative")


@dataclass(frozen=True)
class Reason:
    key: str
    level: str  # the level this reason asks for at least
    text: str
    source: str


@dataclass(frozen=True)
class Suggestion:
    setting: str
    reasons: tuple[Reason, ...]  # most intensive first
    missing: tuple[str, ...]  # questions the criteria need that are not answered yet
    triage: triage.Triage
    doctor_review: bool

    @property
    def label(self) -> str:
        return str(LEVEL_LABELS[self.setting])

    @property
    def complete(self) -> bool:
        return not self.missing


def alcohol_amount(units: Decimal | None) -> str:
    """Units a day as the match form's amount: 7 or more is "mye" (triage rule 3)."""
    if units is None:
        return "unknown"
    if units >= 7:
        return triage.A_LOT
    if units >= 3:
        return "some"
    return "little"


def triage_age(age: int | None) -> str | None:
    if age is None:
        return None
    if age < 16:
        return triage.UNDER_16
    if age < 18:
        return triage.AGE_16_17
    return triage.ADULT


def _seizures_or_delirium(facts: Facts) -> str:
    """The triage's one question ("kramper eller delirium under abstinenser før?") from the two answers;
    not answered counts as "vet ikke"."""
    answers = {facts.earlier_seizures or triage.UNKNOWN, facts.earlier_delirium or triage.UNKNOWN}
    if triage.YES in answers:
        return triage.YES
    if triage.UNKNOWN in answers:
        return triage.UNKNOWN
    return triage.NO


def triage_answers(facts: Facts) -> triage.Answers:
    use = {key: value for key, value in facts.use.items() if key in triage.SUBSTANCE_KEYS and value}
    return triage.Answers(
        age=triage_age(facts.age),
        acute=frozenset(facts.acute),
        use=use,
        alcohol_amount=alcohol_amount(facts.alcohol_units) if triage.ALCOHOL in use else None,
        alcohol_morning=facts.alcohol_morning or None,
        earlier_seizures=_seizures_or_delirium(facts),
        epilepsy=facts.epilepsy or None,
        pregnant=facts.pregnant or None,
        free_text=facts.free_text,
    )


# The triage's rules that set a level by themselves; the others ask for a doctor's review but leave the level.
TRIAGE_LEVELS = {
    "acute": EMERGENCY,
    "pregnant_dependence": TSB,
    "ghb": TSB,
    "seizures": RESIDENTIAL,
}
_TRIAGE_SOURCE = "triage.md"


def _criteria(facts: Facts, *, pregnant_rule: bool, ghb_only_rarely: bool) -> tuple[list[Reason], list[str]]:
    """IS-2211's criteria for outpatient detox that the triage does not ask, for someone who needs detox from
    a dependence-risk substance: (reasons, missing). `pregnant_rule`: the triage's rule 8 already fired;
    `ghb_only_rarely`: GHB/GBL is used, but less than weekly (the triage's rule 4 did not fire)."""
    reasons: list[Reason] = []
    missing: list[str] = []

    def add(key: str, level: str, text: str | Promise, source: str = "IS-2211") -> None:
        reasons.append(Reason(key, level, str(text), source))

    if facts.severe_psychiatric:
        add(
            "severe_psychiatric",
            TSB,
            _("Alvorlig psykisk lidelse eller selvmordsfare: avrusning bør skje i spesialisthelsetjenesten."),
        )
    if facts.severe_somatic:
        add(
            "severe_somatic",
            TSB,
            _("Alvorlig somatisk sykdom: avrusning bør skje i spesialisthelsetjenesten."),
        )
    if facts.pregnant == triage.YES and not pregnant_rule:
        add(
            "pregnant_detox",
            TSB,
            _(
                "Gravid og bruker jevnlig et rusmiddel som kan gi farlige abstinenser: avrusningen planlegges av "
                "lege i spesialisthelsetjenesten."
            ),
            "IS-2211 (gravide)",
        )
    if ghb_only_rarely:
        add(
            "ghb_rarely",
            RESIDENTIAL,
            _("Bruker også GHB/GBL: poliklinisk avrusning er ikke aktuelt når GHB er med i bildet."),
        )
    if facts.oral_intake_problem:
        add(
            "oral_intake",
            RESIDENTIAL,
            _(
                "Kan ikke ta medisiner, drikke og spise, eller mistanke om alvorlig væsketap eller "
                "saltforstyrrelse: poliklinisk avrusning er ikke trygt."
            ),
            "IS-2211 kap. 12",
        )
    if facts.pawss is not None and facts.pawss >= PAWSS_HIGH_RISK:
        add(
            "pawss",
            RESIDENTIAL,
            _("PAWSS %(score)s (4 eller mer): høy risiko for komplisert alkoholabstinens.")
            % {"score": facts.pawss},
            "PAWSS (Maldonado 2014)",
        )
    if facts.housing in (UNSTABLE, HOMELESS):
        add(
            "housing",
            RESIDENTIAL,
            _("Ingen stabil bosituasjon: poliklinisk avrusning forutsetter et trygt sted å bo."),
        )
    elif not facts.housing:
        add("housing_unknown", RESIDENTIAL, _("Bosituasjonen er ikke avklart."))
        missing.append(str(_("Bosituasjon")))
    if facts.sober_support == triage.NO:
        add(
            "sober_support",
            RESIDENTIAL,
            _("Ingen edru støtteperson som kan være til stede under avrusningen."),
        )
    elif facts.sober_support == triage.UNKNOWN:
        add(
            "sober_support",
            RESIDENTIAL,
            _("Usikkert om det finnes en edru støtteperson som kan være til stede under avrusningen."),
        )
    elif not facts.sober_support:
        add(
            "sober_support_unknown", RESIDENTIAL, _("Det er ikke avklart om det finnes en edru støtteperson.")
        )
        missing.append(str(_("Edru støtteperson")))
    return reasons, missing


def suggest(facts: Facts) -> Suggestion:
    verdict = triage.assess(triage_answers(facts))
    found = triage.facts_of(triage_answers(facts))
    detox = bool(found.regular & triage.DEPENDENCE_RISK)
    reasons: list[Reason] = []
    for key in verdict.rules:
        rule = triage.RULES_BY_KEY[key]
        level = TRIAGE_LEVELS.get(key)
        if level is None and key not in triage.FLAGGING_KEYS:
            continue
        reasons.append(Reason(key, level or OUTPATIENT, str(rule.label), rule.source))
    missing: list[str] = []
    if detox and found.regular & {triage.ALCOHOL, triage.BENZOS, triage.GHB}:
        if not facts.earlier_seizures:
            missing.append(str(_("Tidligere abstinenskramper")))
        if not facts.earlier_delirium:
            missing.append(str(_("Tidligere delirium")))
    if detox:
        more, more_missing = _criteria(
            facts,
            pregnant_rule="pregnant_dependence" in verdict.rules,
            ghb_only_rarely=triage.GHB in found.used and "ghb" not in verdict.rules,
        )
        reasons.extend(more)
        missing.extend(more_missing)
    if not facts.use:
        missing.insert(0, str(_("Rusmiddelbruk")))
    setting = max((reason.level for reason in reasons), key=RANK.__getitem__, default=OUTPATIENT)
    if setting == OUTPATIENT:
        if detox:
            reasons.append(
                Reason(
                    "outpatient_criteria",
                    OUTPATIENT,
                    str(
                        _(
                            "Kriteriene for poliklinisk avrusning er oppfylt: ingen tidligere kramper eller "
                            "delirium, stabil bosituasjon og edru støtteperson, ingen alvorlig somatisk eller "
                            "psykisk sykdom."
                        )
                    ),
                    "IS-2211",
                )
            )
        else:
            reasons.append(
                Reason(
                    "no_detox",
                    OUTPATIENT,
                    str(_("Ingen jevnlig bruk av rusmidler som kan gi farlige abstinenser.")),
                    _TRIAGE_SOURCE,
                )
            )
    ordered = sorted(reasons, key=lambda reason: -RANK[reason.level])
    return Suggestion(
        setting=setting,
        reasons=tuple(ordered),
        missing=tuple(missing),
        triage=verdict,
        doctor_review=verdict.doctor_review or RANK[setting] > RANK[OUTPATIENT],
    )
