"""The front door's triage: what the software flags, and what a person is told, when they describe their use.

Pure: plain answers in, a `Triage` out; no ORM, no clock. The match form, the coordinator's queue and the
self-tests all call `assess()`, so the person, the staff and every page see the same verdict. The rules are
those of shared/clinical/triage.md (Helsedirektoratet IS-2211 with its chapters on alcohol,
benzodiazepines, opioids and pregnancy; the TSB priority guidance; pasient- og brukerrettighetsloven
§§ 4-3 and 4-4), one row each in `RULES` below with its condition, its flags, the words the person sees
(to the person themself, or to a relative asking for someone else) and its source.

Terms (as in triage.md): *regular* = weekly or more often. *Dependence-risk substances* = alcohol,
benzodiazepines and z-drugs (prescribed or not), GHB/GBL, opioids (prescribed or not).

Unknown is never safe: "vet ikke" about earlier withdrawal seizures counts as yes (rule 2); a
benzodiazepine or opioid named in the medication field, or a "yes" to using one on prescription, counts as
regular use unless the form says otherwise; the medication and health fields are read for drug names and
for "epilepsi"/"kramper" (`recognise`), and a hit applies the rule as if the structured answer had been
given. Adding an answer that signals risk can only add flags, never remove one (a Hypothesis property).

When several rules fire, every advice is shown, most serious first (`RULES` is in that order). The software
flags and advises; a doctor decides (the match request's doctor gate).
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .crisis import EMERGENCY, LEGEVAKT

# --- Answer keys --------------------------------------------------------------------------------------

# Substances: the matching vocabulary's keys (forlop.therapists.vocabulary.SUBSTANCES; a test checks they agree).
ALCOHOL = "alkohol"
CANNABIS = "cannabis"
OPIOIDS = "opioider"
BENZOS = "benzodiazepiner"
STIMULANTS = "sentralstimulerende"
GHB = "ghb"
GAMBLING = "spill"  # a behaviour, not a substance: no withdrawal rule reads it
OTHER = "annet"
SUBSTANCE_KEYS = frozenset({ALCOHOL, CANNABIS, OPIOIDS, BENZOS, STIMULANTS, GHB, GAMBLING, OTHER})
DEPENDENCE_RISK = frozenset({ALCOHOL, BENZOS, GHB, OPIOIDS})
NOT_DANGEROUS_TO_STOP = frozenset({CANNABIS, STIMULANTS})

RARELY, WEEKLY, DAILY = "rarely", "weekly", "daily"
FREQUENCIES = {
    RARELY: _("Sjeldnere enn hver uke"),
    WEEKLY: _("En eller flere ganger i uken"),
    DAILY: _("Daglig eller nesten daglig"),
}
REGULAR = frozenset({WEEKLY, DAILY})
_FREQUENCY_RANK = {RARELY: 0, WEEKLY: 1, DAILY: 2}

A_LOT = "a_lot"
ALCOHOL_AMOUNTS = {
    "little": _("1–2 enheter"),
    "some": _("3–6 enheter"),
    A_LOT: _("7 enheter eller mer"),
    "unknown": _("Vet ikke"),
}

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO_UNKNOWN = {YES: _("Ja"), NO: _("Nei"), UNKNOWN: _("Vet ikke")}
NOT_RELEVANT = "not_relevant"
PREGNANCY_ANSWERS = {YES: _("Ja"), NO: _("Nei"), NOT_RELEVANT: _("Ikke aktuelt, eller vil ikke svare")}

# Benzodiazepines/z-drugs and opioids: used at all, and on prescription or not.
PRESCRIBED, NOT_PRESCRIBED, BOTH = "prescribed", "not_prescribed", "both"
MEDICINE_USE = {
    NO: _("Nei"),
    PRESCRIBED: _("Ja, på resept"),
    NOT_PRESCRIBED: _("Ja, uten resept"),
    BOTH: _("Ja, både på og uten resept"),
    UNKNOWN: _("Vet ikke"),
}
USES_MEDICINE = frozenset({PRESCRIBED, NOT_PRESCRIBED, BOTH})

SELF, RELATIVE = "self", "relative"
UNDER_16, AGE_16_17, ADULT = "under_16", "16_17", "adult"

# Acute danger, in the order the form asks.
SUICIDE, OVERDOSE, WITHDRAWAL = "suicide", "overdose", "withdrawal"
ACUTE_SIGNS = {
    SUICIDE: _("Tanker om å ta sitt eget liv nå"),
    OVERDOSE: _("Overdose nå, eller frykt for det"),
    WITHDRAWAL: _("Sterke abstinenser nå (kramper, forvirring, hallusinasjoner)"),
}


@dataclass(frozen=True, kw_only=True)
class Answers:
    """What the person told us. Every field may be left out (the self-tests know only some of them).

    use: substance key -> frequency key, for each substance or behaviour they named.
    alcohol_amount: ALCOHOL_AMOUNTS key for a typical drinking day; alcohol_morning: YES_NO_UNKNOWN key for
        "drinks in the morning, or shakes when not drinking".
    earlier_seizures: withdrawal seizures or delirium tremens ever (YES_NO_UNKNOWN); epilepsy: epilepsy or
        seizures for other reasons (YES_NO_UNKNOWN).
    benzos, opioids: MEDICINE_USE keys (the structured question, prescribed or not).
    free_text: the medication and health fields, read by `recognise`.
    """

    who: str = SELF
    age: str | None = None
    acute: frozenset[str] = frozenset()
    use: Mapping[str, str] = field(default_factory=dict)
    alcohol_amount: str | None = None
    alcohol_morning: str | None = None
    earlier_seizures: str | None = None
    epilepsy: str | None = None
    benzos: str | None = None
    opioids: str | None = None
    pregnant: str | None = None
    free_text: str = ""

    def __post_init__(self) -> None:
        if not self.acute <= ACUTE_SIGNS.keys():
            raise ValueError(f"unknown acute signs: {sorted(self.acute - ACUTE_SIGNS.keys())}")
        if not self.use.keys() <= SUBSTANCE_KEYS:
            raise ValueError(f"unknown substances: {sorted(self.use.keys() - SUBSTANCE_KEYS)}")
        if not set(self.use.values()) <= FREQUENCIES.keys():
            raise ValueError(f"unknown frequencies: {sorted(set(self.use.values()) - FREQUENCIES.keys())}")
        if self.who not in (SELF, RELATIVE):
            raise ValueError(f"unknown addressee: {self.who!r}")


# --- Reading the free text ----------------------------------------------------------------------------

SEIZURE_WORDS = "seizure"


@dataclass(frozen=True)
class Term:
    name: str  # as shown back to the person: "Stesolid", "epilepsi"
    kind: str  # BENZOS, OPIOIDS, GHB or SEIZURE_WORDS
    pattern: str  # regex, matched case-insensitively at a word start


KIND_LABELS = {
    BENZOS: _("beroligende medisin eller sovemedisin"),
    OPIOIDS: _("opioid"),
    GHB: _("GHB/GBL"),
    SEIZURE_WORDS: _("kramper eller epilepsi"),
}


def _terms(kind: str, names: Iterable[str]) -> list[Term]:
    # "Stesolid" matches "stesolid", "Stesolid 10 mg" and "stesolid-tabletter"; a space in a name may be any
    # run of white space.
    return [Term(name, kind, re.escape(name.casefold()).replace(r"\ ", r"\s+")) for name in names]


# Benzodiazepines and z-drugs: shared/clinical/benzodiazepine-equivalents.md, generic names in Norwegian and
# international spelling, and the brands sold in Norway.
BENZO_NAMES = (
    "diazepam", "Valium", "Stesolid", "alprazolam", "Xanor", "klonazepam", "clonazepam", "Rivotril",
    "lorazepam", "Temesta", "Ativan", "oksazepam", "oxazepam", "Sobril", "nitrazepam", "Apodorm", "Mogadon",
    "flunitrazepam", "Rohypnol", "Flunipam", "klordiazepoksid", "chlordiazepoxide", "temazepam",
    "triazolam", "Halcion", "bromazepam", "Lexotan", "klobazam", "clobazam", "Frisium", "midazolam",
    "zopiklon", "zopiclone", "Imovane", "zolpidem", "Stilnoct", "eszopiklon", "eszopiclone", "zaleplon",
    "benzodiazepin", "benzo",
)  # fmt: skip
OPIOID_NAMES = (
    "heroin", "morfin", "morphine", "oksykodon", "oxycodone", "OxyContin", "OxyNorm", "Targiniq",
    "tramadol", "Nobligan", "Tradolan", "kodein", "codeine", "Paralgin forte", "Pinex forte", "Altermol",
    "metadon", "methadone", "buprenorfin", "buprenorphine", "Subutex", "Suboxone", "Buvidal", "fentanyl",
    "Durogesic", "ketobemidon", "Ketogan", "tapentadol", "Palexia", "hydromorfon", "Palladon", "opioid",
)  # fmt: skip
GHB_NAMES = ("GHB", "GBL", "butandiol")
TERMS: tuple[Term, ...] = (
    *_terms(BENZOS, BENZO_NAMES),
    *_terms(OPIOIDS, OPIOID_NAMES),
    *_terms(GHB, GHB_NAMES),
    # "kramper", "krampeanfall", "abstinenskramper", "epilepsi", "epileptisk"; not "magekramper" or
    # "leggkramper" (cramps in a muscle are no seizure).
    Term("epilepsi", SEIZURE_WORDS, r"epilep"),
    Term("kramper", SEIZURE_WORDS, r"(?:abstinens)?kramp"),
)
_TERM_RE = re.compile(
    "|".join(f"(?<!\\w)(?P<t{index}>{term.pattern})" for index, term in enumerate(TERMS)), re.IGNORECASE
)


def recognise(text: str) -> tuple[Term, ...]:
    """The drug names and seizure words in `text`, each once, in the order they first appear."""
    found: dict[str, Term] = {}
    for match in _TERM_RE.finditer(text or ""):
        term = TERMS[int(next(name for name, value in match.groupdict().items() if value)[1:])]
        found.setdefault(term.name.casefold(), term)
    return tuple(found.values())


# --- Facts the rules read -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    answers: Answers
    recognised: tuple[Term, ...]
    regular: frozenset[str]  # substances used weekly or more (including medicine use and named drugs)
    daily: frozenset[str]
    used: frozenset[str]  # every substance used at all (not gambling)
    seizure_history: bool  # earlier withdrawal seizures/DT, "vet ikke", epilepsy, or seizures named
    pregnant: bool

    @property
    def relative(self) -> bool:
        return self.answers.who == RELATIVE


def facts_of(answers: Answers) -> Facts:
    recognised = recognise(answers.free_text)
    named = {term.kind for term in recognised}
    use = {key: value for key, value in answers.use.items() if key != GAMBLING}
    regular = {key for key, value in use.items() if value in REGULAR}
    daily = {key for key, value in use.items() if value == DAILY}
    used = set(use)
    for substance, medicine in ((BENZOS, answers.benzos), (OPIOIDS, answers.opioids)):
        # Prescribed medicine is taken regularly unless the form says it is rare; use without a prescription
        # that the person did not describe further is not assumed to be rare (unknown is not safe).
        if medicine in USES_MEDICINE:
            used.add(substance)
            if use.get(substance) != RARELY or medicine in (PRESCRIBED, BOTH):
                regular.add(substance)
        if substance in named:
            used.add(substance)
            regular.add(substance)
    if GHB in named:
        used.add(GHB)
        regular.add(GHB)
    seizure_history = (
        answers.earlier_seizures in (YES, UNKNOWN) or answers.epilepsy == YES or SEIZURE_WORDS in named
    )
    return Facts(
        answers=answers,
        recognised=recognised,
        regular=frozenset(regular),
        daily=frozenset(daily),
        used=frozenset(used),
        seizure_history=seizure_history,
        pregnant=answers.pregnant == YES,
    )


def _not_dangerous_to_stop(f: Facts) -> bool:
    """Rule 11: only cannabis, stimulants or occasional use, and nothing that makes stopping a risk."""
    return (
        bool(f.used)
        and all(sub in NOT_DANGEROUS_TO_STOP or sub not in f.regular for sub in f.used)
        and not f.pregnant
        and WITHDRAWAL not in f.answers.acute
        and not _in_rules_2_to_6(f)
    )


def _in_rules_2_to_6(f: Facts) -> bool:
    return any(RULES_BY_KEY[key].applies(f) for key in ("seizures", "alcohol", "ghb", "benzos", "opioids"))


# --- The rules ----------------------------------------------------------------------------------------

URGENT = "urgent"
DOCTOR = "doctor"
RESIDENTIAL = "residential"
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Rule:
    number: int
    key: str
    label: str | Promise  # for staff: why the request is flagged
    applies: Callable[[Facts], bool]
    flags: frozenset[str]
    to_self: str | Promise
    to_relative: str | Promise
    source: str
    urgent_when: Callable[[Facts], bool] | None = None  # an extra condition that makes the rule urgent

    def flags_for(self, facts: Facts) -> frozenset[str]:
        if self.urgent_when is not None and self.urgent_when(facts):
            return self.flags | {URGENT}
        return self.flags

    def advice(self, facts: Facts) -> str:
        return self.text(relative=facts.relative)

    def text(self, *, relative: bool = False) -> str:
        numbers = {"emergency": EMERGENCY.number, "legevakt": LEGEVAKT.number, "rusinfo": "08588"}
        return str(self.to_relative if relative else self.to_self) % numbers


RULES: tuple[Rule, ...] = (
    Rule(
        1,
        "acute",
        _("Akutt fare nå"),
        lambda f: bool(f.answers.acute),
        frozenset({URGENT}),
        _(
            "Ring %(emergency)s nå hvis livet kan være i fare, for eksempel ved overdose, kramper, sterk "
            "forvirring eller tanker om å ta livet ditt. Haster det, men er ikke livstruende, ring legevakten "
            "på %(legevakt)s. Vi er ikke en akuttjeneste og kan ikke hjelpe deg raskt nok i en akutt situasjon."
        ),
        _(
            "Ring %(emergency)s nå hvis livet til den du er bekymret for kan være i fare, for eksempel ved "
            "overdose, kramper, sterk forvirring eller fare for selvmord. Haster det, men er ikke livstruende, "
            "ring legevakten på %(legevakt)s. Vi er ikke en akuttjeneste og kan ikke hjelpe raskt nok i en "
            "akutt situasjon."
        ),
        "crisis-contacts.md",
    ),
    Rule(
        8,
        "pregnant_dependence",
        _("Gravid, og bruker et rusmiddel som kan gi farlige abstinenser"),
        lambda f: f.pregnant and _in_rules_2_to_6(f),
        frozenset({URGENT, DOCTOR}),
        _(
            "Du er gravid og bruker noe som kan gi farlige abstinenser. Ikke slutt brått på egen hånd, for din "
            "egen og barnets skyld: en lege bør planlegge det. Kontakt fastlegen eller jordmoren din i dag. "
            "Ved akutt fare, ring %(emergency)s."
        ),
        _(
            "Den du er bekymret for er gravid og bruker noe som kan gi farlige abstinenser. Hun bør ikke slutte "
            "brått på egen hånd, for sin egen og barnets skyld: en lege bør planlegge det. Hjelp henne å "
            "kontakte fastlege eller jordmor i dag. Ved akutt fare, ring %(emergency)s."
        ),
        "IS-2211 (gravide)",
    ),
    Rule(
        4,
        "ghb",
        _("Bruker GHB/GBL jevnlig"),
        lambda f: GHB in f.regular,
        frozenset({DOCTOR, RESIDENTIAL}),
        _(
            "Abstinenser etter GHB eller GBL kan være livstruende, og de behandles der du kan følges med hele "
            "døgnet. Ikke slutt på egen hånd. Ring fastlegen, eller legevakten på %(legevakt)s, i dag. Vi "
            "hjelper deg videre til riktig sted; GHB-avrusning gjør vi ikke over video."
        ),
        _(
            "Abstinenser etter GHB eller GBL kan være livstruende, og de behandles der man kan følges med hele "
            "døgnet. Den du er bekymret for bør ikke slutte på egen hånd, men ringe fastlegen, eller "
            "legevakten på %(legevakt)s, i dag. Vi hjelper videre til riktig sted; GHB-avrusning gjør vi ikke "
            "over video."
        ),
        "IS-2211; Tidsskriftet om GHB-delir",
        urgent_when=lambda f: GHB in f.daily,
    ),
    Rule(
        2,
        "seizures",
        _("Tidligere abstinenskramper, delirium eller epilepsi (eller vet ikke), og jevnlig bruk"),
        lambda f: f.seizure_history and bool(f.regular & {ALCOHOL, BENZOS, GHB}),
        frozenset({DOCTOR, RESIDENTIAL}),
        _(
            "Har du hatt kramper eller delirium under abstinenser før, eller vet du ikke sikkert, skal du ikke "
            "slutte på egen hånd. Avrusning etter tidligere kramper eller delirium skjer som regel på en "
            "døgnavdeling. Snakk med en lege først: fastlegen, eller legevakten på %(legevakt)s i dag hvis du "
            "allerede har sluttet."
        ),
        _(
            "Har den du er bekymret for hatt kramper eller delirium under abstinenser før, eller vet dere ikke "
            "sikkert, bør hen ikke slutte på egen hånd. Avrusning etter tidligere kramper eller delirium skjer "
            "som regel på en døgnavdeling. En lege bør vurdere det først: fastlegen, eller legevakten på "
            "%(legevakt)s i dag hvis hen allerede har sluttet."
        ),
        "IS-2211 kap. 12",
    ),
    Rule(
        3,
        "alcohol",
        _("Daglig alkohol, mye eller med morgendrikking/skjelving"),
        lambda f: (
            ALCOHOL in f.daily and (f.answers.alcohol_amount == A_LOT or f.answers.alcohol_morning == YES)
        ),
        frozenset({DOCTOR}),
        _(
            "Å slutte brått etter mye daglig drikking kan gi farlige abstinenser. Ikke slutt på egen hånd før "
            "du har snakket med en lege. Vi kan vurdere sammen med deg om avrusning hjemme, med oppfølging, er "
            "trygt for deg."
        ),
        _(
            "Å slutte brått etter mye daglig drikking kan gi farlige abstinenser. Den du er bekymret for bør "
            "ikke slutte på egen hånd før hen har snakket med en lege. Vi kan vurdere om avrusning hjemme, med "
            "oppfølging, er trygt."
        ),
        "IS-2211 kap. 12",
    ),
    Rule(
        5,
        "benzos",
        _("Bruker benzodiazepiner eller z-medisiner jevnlig (også på resept)"),
        lambda f: BENZOS in f.regular,
        frozenset({DOCTOR}),
        _(
            "Ikke slutt brått med beroligende medisiner eller sovemedisiner. En gradvis nedtrapping over uker "
            "eller måneder er tryggere, og planen lager vi sammen med en lege."
        ),
        _(
            "Den du er bekymret for bør ikke slutte brått med beroligende medisiner eller sovemedisiner. En "
            "gradvis nedtrapping over uker eller måneder er tryggere, og planen lages sammen med en lege."
        ),
        "IS-2211 kap. 13",
    ),
    Rule(
        6,
        "opioids",
        _("Bruker opioider jevnlig (også på resept)"),
        lambda f: OPIOIDS in f.regular,
        frozenset({DOCTOR}),
        _(
            "Abstinenser fra opioider er svært ubehagelige, men sjelden farlige i seg selv. Den store faren er "
            "overdose etter et opphold, fordi toleransen faller raskt: den dosen du tålte før, kan da bli "
            "dødelig. Spør fastlegen eller apoteket om nalokson-nesespray. Ved opioidavhengighet finnes også "
            "legemiddelassistert rehabilitering (LAR)."
        ),
        _(
            "Abstinenser fra opioider er svært ubehagelige, men sjelden farlige i seg selv. Den store faren er "
            "overdose etter et opphold, fordi toleransen faller raskt: den dosen hen tålte før, kan da bli "
            "dødelig. Nalokson-nesespray kan redde liv ved overdose; spør fastlegen eller apoteket. Ved "
            "opioidavhengighet finnes også legemiddelassistert rehabilitering (LAR)."
        ),
        "IS-2211 kap. 14; nasjonal overdosestrategi",
    ),
    Rule(
        10,
        "several",
        _("Flere rusmidler, og jevnlig bruk av minst ett som kan gi farlige abstinenser"),
        lambda f: len(f.used) >= 2 and bool(f.regular & DEPENDENCE_RISK),
        frozenset({DOCTOR}),
        _(
            "Når flere rusmidler brukes, kan abstinensene påvirke hverandre og bli vanskeligere å forutsi. En "
            "lege ser derfor på svarene før vi foreslår noe."
        ),
        _(
            "Når flere rusmidler brukes, kan abstinensene påvirke hverandre og bli vanskeligere å forutsi. En "
            "lege ser derfor på svarene før vi foreslår noe."
        ),
        "IS-2211 (blandingsbruk)",
    ),
    Rule(
        7,
        "pregnant",
        _("Gravid og bruker alkohol eller andre rusmidler"),
        lambda f: f.pregnant and bool(f.used) and not _in_rules_2_to_6(f),
        frozenset({DOCTOR}),
        _(
            "Slutt nå: ingen mengde alkohol eller rusmidler er kjent for å være trygg i svangerskapet. Snakk "
            "med jordmoren eller fastlegen din, som kan henvise deg videre raskt."
        ),
        _(
            "Den du er bekymret for bør slutte nå: ingen mengde alkohol eller rusmidler er kjent for å være "
            "trygg i svangerskapet. Oppmuntre henne til å snakke med jordmor eller fastlege, som kan henvise "
            "videre raskt."
        ),
        "Nasjonalt forløp «Gravide og rusmidler»",
    ),
    Rule(
        9,
        "under_16",
        _("Under 16 år"),
        lambda f: f.answers.age == UNDER_16,
        frozenset({COORDINATOR}),
        _(
            "Når du er under 16 år, er foreldrene dine vanligvis med når du får helsehjelp. Du kan også snakke "
            "med helsesykepleieren på skolen, spørre anonymt på ung.no, eller ringe RUSinfo på %(rusinfo)s."
        ),
        _(
            "Når den du er bekymret for er under 16 år, er foreldrene vanligvis med når hen får helsehjelp. "
            "Helsesykepleieren på skolen, ung.no og RUSinfo på %(rusinfo)s kan også hjelpe."
        ),
        "pbrl § 4-4",
    ),
    Rule(
        9,
        "age_16_17",
        _("16 eller 17 år"),
        lambda f: f.answers.age == AGE_16_17,
        frozenset({COORDINATOR}),
        _(
            "Fra du er 16 år, bestemmer du selv over helsehjelpen din. Du kan også snakke med "
            "helsesykepleieren på skolen, spørre anonymt på ung.no, eller ringe RUSinfo på %(rusinfo)s."
        ),
        _(
            "Fra 16 år bestemmer ungdommen selv over sin egen helsehjelp, men det er ofte godt å ha foreldrene "
            "med. Helsesykepleieren på skolen, ung.no og RUSinfo på %(rusinfo)s kan også hjelpe."
        ),
        "pbrl § 4-3",
    ),
    Rule(
        11,
        "not_dangerous",
        _("Bare cannabis, sentralstimulerende eller sjelden bruk"),
        lambda f: _not_dangerous_to_stop(f),
        frozenset(),
        _("Å slutte er ikke farlig i seg selv."),
        _("Å slutte er ikke farlig i seg selv."),
        "RUSinfo",
    ),
    Rule(
        11,
        "cannabis",
        _("Cannabis"),
        lambda f: _not_dangerous_to_stop(f) and CANNABIS in f.used,
        frozenset(),
        _(
            "Når du slutter med cannabis, kan du bli irritabel og sove dårlig en stund, men det går vanligvis over i "
            "løpet av to uker."
        ),
        _(
            "Når man slutter med cannabis, kan man bli irritabel og sove dårlig en stund, men det går vanligvis over i "
            "løpet av to uker."
        ),
        "RUSinfo",
    ),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}
FLAGGING_KEYS = frozenset(rule.key for rule in RULES if rule.flags or rule.urgent_when)

# Rules where medically supported outpatient detox can be the help (IS-2211: alcohol without earlier seizures
# or delirium, a benzodiazepine taper, buprenorphine for opioids). Never rules 2, 4 and 8: there a residential
# unit is likely, and the clinician's part is to help the person on to one.
OUTPATIENT_DETOX_RULES = frozenset({"alcohol", "benzos", "opioids", "several"})
# Rules 2, 4 and 8: the clinician's part is to help the person on to a residential unit (or, when pregnant, to
# a doctor's plan that may well mean one); "Tilbyr medisinsk støttet avrusning" is never the reason there.
HELP_ON_RULES = frozenset({"seizures", "ghb", "pregnant_dependence"})

FOR_RELATIVE_THEMSELF = _(
    "Du som er pårørende kan også få hjelp for din egen del: samtaler hos oss, og RUSinfo på 08588 svarer "
    "pårørende også."
)


@dataclass(frozen=True)
class Advice:
    rule: int
    key: str
    text: str


@dataclass(frozen=True)
class Triage:
    rules: tuple[str, ...]  # keys of the rules that fired, most serious first
    flags: frozenset[str]
    advice: tuple[Advice, ...]
    recognised: tuple[Term, ...]
    relative: bool = False
    acute: tuple[str, ...] = ()  # ACUTE_SIGNS keys answered "yes", in ACUTE_SIGNS order

    @property
    def urgent(self) -> bool:
        return URGENT in self.flags

    @property
    def doctor_review(self) -> bool:
        return DOCTOR in self.flags

    @property
    def residential_likely(self) -> bool:
        return RESIDENTIAL in self.flags

    @property
    def help_on_to_residential(self) -> bool:
        """Rules 2, 4 or 8 fired: the match reason is that the clinician can help the person on."""
        return bool(HELP_ON_RULES & set(self.rules))

    @property
    def outpatient_detox(self) -> bool:
        """Medically supported detox here may be what helps (and may be named as a match reason)."""
        return not self.help_on_to_residential and bool(OUTPATIENT_DETOX_RULES & set(self.rules))

    @property
    def coordinator_review(self) -> bool:
        return COORDINATOR in self.flags

    @property
    def flagged(self) -> bool:
        """Anything that means a person must look before the practice suggests or sends anything."""
        return bool(self.flags)

    @property
    def flagging_rules(self) -> tuple[str, ...]:
        return tuple(key for key in self.rules if key in FLAGGING_KEYS)

    @property
    def labels(self) -> list[str]:
        return [str(RULES_BY_KEY[key].label) for key in self.flagging_rules]

    @property
    def acute_labels(self) -> list[str]:
        return [str(ACUTE_SIGNS[key]) for key in self.acute]

    @property
    def recognised_names(self) -> list[str]:
        return [term.name for term in self.recognised]

    @property
    def relative_help(self) -> str:
        return str(FOR_RELATIVE_THEMSELF) if self.relative else ""


def assess(answers: Answers) -> Triage:
    facts = facts_of(answers)
    fired = [rule for rule in RULES if rule.applies(facts)]
    flags: frozenset[str] = frozenset().union(*(rule.flags_for(facts) for rule in fired))
    return Triage(
        rules=tuple(rule.key for rule in fired),
        flags=flags,
        advice=tuple(Advice(rule.number, rule.key, rule.advice(facts)) for rule in fired),
        recognised=facts.recognised,
        relative=facts.relative,
        acute=tuple(key for key in ACUTE_SIGNS if key in answers.acute),
    )


def highest_frequency(use: Mapping[str, str]) -> str:
    """The most frequent use of any substance (for short summaries): "" when none is known."""
    known = [value for value in use.values() if value in _FREQUENCY_RANK]
    return max(known, key=_FREQUENCY_RANK.__getitem__) if known else ""


def label_of(key: str) -> str:
    """A rule key's label for staff; keys that are no longer rules (old rows) are shown as they are."""
    rule = RULES_BY_KEY.get(key)
    return str(rule.label) if rule else key


def describe_recognised(terms: Iterable[Term]) -> str:
    """ "Stesolid (beroligende medisin eller sovemedisin) og epilepsi (kramper eller epilepsi)"."""
    parts = [f"{term.name} ({KIND_LABELS[term.kind]})" for term in terms]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {_('og')} {parts[-1]}"


def as_dict(triage: Triage) -> dict[str, Any]:
    """What a match request stores of its triage (JSON-friendly)."""
    return {
        "rules": list(triage.rules),
        "flags": sorted(triage.flags),
        "recognised": [term.name for term in triage.recognised],
    }


# --- The self-tests -----------------------------------------------------------------------------------
#
# A self-test knows less than the match form: AUDIT says how often and how much someone drinks and whether
# they drink in the morning, but nothing about seizures; DUDIT says nothing about which drug. The self-tests
# still take every advice from the table above: AUDIT through `assess()` (an unasked seizure history counts
# as "vet ikke" when the answers point to possible dependence, since unknown is not safe), DUDIT as the
# substance rules' own words, each led in by the substance it is about.

DRUG_RULES_IF_USED = (
    ("ghb", _("Bruker du GHB eller GBL jevnlig")),
    ("benzos", _("Bruker du beroligende medisiner eller sovemedisiner jevnlig")),
    ("opioids", _("Bruker du opioider")),
)


@dataclass(frozen=True)
class ConditionalAdvice:
    lead: str  # "Bruker du opioider", or "" when the advice applies as it stands
    text: str


def advice_before_stopping(answers: Answers) -> tuple[ConditionalAdvice, ...]:
    """What a self-test shows before anyone stops: the advice of every rule that flags for a doctor."""
    verdict = assess(answers)
    return tuple(
        ConditionalAdvice("", item.text) for item in verdict.advice if DOCTOR in RULES_BY_KEY[item.key].flags
    )


def advice_if_using_drugs() -> tuple[ConditionalAdvice, ...]:
    """For a drug self-test that does not know the drug: each substance rule, led in by its substance."""
    return tuple(ConditionalAdvice(str(lead), RULES_BY_KEY[key].text()) for key, lead in DRUG_RULES_IF_USED)
