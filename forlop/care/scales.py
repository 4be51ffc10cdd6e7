"""Scoring for the clinician-rated withdrawal scales CIWA-Ar, COWS and PAWSS. Pure: no database, no clock,
no request.

Staff enter the item scores; the server computes the total, the band and whether the doctor must be told.
The items, allowed scores, totals, bands and cut-offs are copied from shared/clinical/instruments.json (the
app does not read that file at run time; the tests check that this module still matches it and passes every
vector in shared/clinical/test-vectors.json). Sources:

- CIWA-Ar: Clinical Institute Withdrawal Assessment for Alcohol, revised. Sullivan JT, Sykora K,
  Schneiderman J, Naranjo CA, Sellers EM. Br J Addict 1989;84:1353-1357. Not copyrighted. Ten items, 1-9
  scored 0-7 and item 10 (orientation) 0-4; total 0-67. Sources disagree on the bands (some use
  <10 / 10-15 / >15); we use 0-7 minimal/mild, 8-14 moderate, 15+ severe (CamCOPS; matches the
  symptom-triggered protocols where 8+ prompts medication), and show the rule with the band.
- COWS: Clinical Opiate Withdrawal Scale. Wesson DR, Ling W. J Psychoactive Drugs 2003;35(2):253-259.
  Eleven items whose allowed scores are not contiguous (item 3 only 0, 1, 3, 5; item 11 only 0, 3, 5);
  total 0-48. Bands 0-4 none, 5-12 mild, 13-24 moderate, 25-36 moderately severe, 37+ severe. (Several
  open-source versions shift these by one and call 0-4 "mild"; that is wrong.)
- PAWSS: Prediction of Alcohol Withdrawal Severity Scale. Maldonado JR et al. Alcohol 2014;48(4):375-390.
  Applies only if the person drank in the last 30 days or had a positive blood alcohol level on arrival;
  then ten yes/no items (1-8 interview, 9-10 clinical) score 1 each; 4 or more means high risk of
  complicated withdrawal.

Thresholds that raise a flag to the doctor (issue 13), exposed as `Threshold` data so a page can say why a
flag fired: CIWA-Ar 15 or more, COWS 25 or more (urgent), PAWSS 4 or more (high risk).

An answer outside an item's allowed scores raises `ScoreNotAllowed` (a ValueError): it is never clamped.
A missing answer raises `ScoresMissing`, the wrong number of answers `WrongNumberOfScores`; a total is never
computed from a partial set. Messages are Norwegian and fit to show to the clinician.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Text  # only installed with the type checker
else:
    Text = str | Promise

__all__ = [
    "BANDS",
    "SCALES",
    "THRESHOLDS",
    "Band",
    "FlagLevel",
    "Item",
    "Option",
    "PawssNotApplicable",
    "ScaleAnswerError",
    "ScaleDefinition",
    "ScaleKind",
    "ScaleResult",
    "ScoreNotAllowed",
    "ScoresMissing",
    "ScoresGivenButNotApplicable",
    "Threshold",
    "WrongNumberOfScores",
    "band_for_total",
    "flag_for_total",
    "score",
    "score_ciwa_ar",
    "score_cows",
    "score_pawss",
]

type Scores = Sequence[int | None]


class ScaleKind(StrEnum):
    """The three withdrawal scales; the values are the keys used in shared/clinical/instruments.json."""

    CIWA_AR = "ciwa_ar"
    COWS = "cows"
    PAWSS = "pawss"


# --- Items ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One anchored answer (COWS and PAWSS). CIWA-Ar's items take any whole score in their range."""

    score: int
    label: Text


@dataclass(frozen=True)
class Item:
    n: int
    text: Text
    allowed_scores: tuple[int, ...]
    options: tuple[Option, ...] = ()


def _anchored(n: int, text: Text, *pairs: tuple[int, Text]) -> Item:
    return Item(
        n, text, tuple(score for score, _label in pairs), tuple(Option(s, label) for s, label in pairs)
    )


_CIWA_0_TO_7 = tuple(range(8))
_YES_NO = ((0, gettext_lazy("Nei")), (1, gettext_lazy("Ja")))

CIWA_AR_ITEMS: tuple[Item, ...] = (
    Item(1, gettext_lazy("Kvalme og oppkast"), _CIWA_0_TO_7),
    Item(2, gettext_lazy("Skjelving (tremor)"), _CIWA_0_TO_7),
    Item(3, gettext_lazy("Anfallsvis svetting"), _CIWA_0_TO_7),
    Item(4, gettext_lazy("Angst"), _CIWA_0_TO_7),
    Item(5, gettext_lazy("Motorisk uro (agitasjon)"), _CIWA_0_TO_7),
    Item(
        6,
        gettext_lazy("Forstyrrelser i følesansen (kløe, prikking, nummenhet, følelse av kryp)"),
        _CIWA_0_TO_7,
    ),
    Item(7, gettext_lazy("Forstyrrelser i hørselen (lydømfintlighet, lyder som ikke er der)"), _CIWA_0_TO_7),
    Item(8, gettext_lazy("Forstyrrelser i synet (lysømfintlighet, ser ting som ikke er der)"), _CIWA_0_TO_7),
    Item(9, gettext_lazy("Hodepine, trykk i hodet"), _CIWA_0_TO_7),
    Item(10, gettext_lazy("Orientering og uklar bevissthet"), tuple(range(5))),
)

COWS_ITEMS: tuple[Item, ...] = (
    _anchored(
        1,
        gettext_lazy("Hvilepuls (etter å ha sittet eller ligget i ett minutt)"),
        (0, gettext_lazy("80 eller lavere")),
        (1, gettext_lazy("81–100")),
        (2, gettext_lazy("101–120")),
        (4, gettext_lazy("Over 120")),
    ),
    _anchored(
        2,
        gettext_lazy("Svetting (siste halvtime, ikke forklart av romtemperatur eller aktivitet)"),
        (0, gettext_lazy("Ingen frysninger eller rødming")),
        (1, gettext_lazy("Forteller om frysninger eller rødming")),
        (2, gettext_lazy("Rødme eller synlig fuktighet i ansiktet")),
        (3, gettext_lazy("Svetteperler i pannen eller ansiktet")),
        (4, gettext_lazy("Svetten renner av ansiktet")),
    ),
    _anchored(
        3,
        gettext_lazy("Rastløshet (observert under vurderingen)"),
        (0, gettext_lazy("Klarer å sitte stille")),
        (1, gettext_lazy("Forteller at det er vanskelig å sitte stille, men klarer det")),
        (3, gettext_lazy("Flytter seg ofte eller har unødvendige bevegelser i armer eller bein")),
        (5, gettext_lazy("Klarer ikke å sitte stille mer enn noen sekunder")),
    ),
    _anchored(
        4,
        gettext_lazy("Pupillestørrelse"),
        (0, gettext_lazy("Små pupiller, eller normal størrelse for lyset i rommet")),
        (1, gettext_lazy("Pupillene kanskje større enn normalt for lyset i rommet")),
        (2, gettext_lazy("Pupillene moderat utvidet")),
        (5, gettext_lazy("Pupillene så utvidet at bare kanten av iris synes")),
    ),
    _anchored(
        5,
        gettext_lazy("Smerter i ledd eller knokler (bare den delen som skyldes opioidabstinens)"),
        (0, gettext_lazy("Ingen")),
        (1, gettext_lazy("Lett, diffust ubehag")),
        (2, gettext_lazy("Forteller om sterke, diffuse smerter i ledd eller muskler")),
        (4, gettext_lazy("Gnir ledd eller muskler og klarer ikke å sitte stille på grunn av ubehaget")),
    ),
    _anchored(
        6,
        gettext_lazy("Rennende nese eller tåreflod (ikke forklart av forkjølelse eller allergi)"),
        (0, gettext_lazy("Ingen")),
        (1, gettext_lazy("Tett nese eller uvanlig fuktige øyne")),
        (2, gettext_lazy("Rennende nese eller tåreflod")),
        (4, gettext_lazy("Nesen renner hele tiden, eller tårene renner nedover kinnene")),
    ),
    _anchored(
        7,
        gettext_lazy("Mage og tarm (siste halvtime)"),
        (0, gettext_lazy("Ingen plager fra mage eller tarm")),
        (1, gettext_lazy("Magekramper")),
        (2, gettext_lazy("Kvalme eller løs avføring")),
        (3, gettext_lazy("Oppkast eller diaré")),
        (5, gettext_lazy("Flere episoder med diaré eller oppkast")),
    ),
    _anchored(
        8,
        gettext_lazy("Skjelving (observert med utstrakte hender)"),
        (0, gettext_lazy("Ingen skjelving")),
        (1, gettext_lazy("Skjelvingen kan kjennes, men ikke ses")),
        (2, gettext_lazy("Lett synlig skjelving")),
        (4, gettext_lazy("Kraftig skjelving eller muskelrykninger")),
    ),
    _anchored(
        9,
        gettext_lazy("Gjesping (observert under vurderingen)"),
        (0, gettext_lazy("Ingen gjesping")),
        (1, gettext_lazy("Gjesper én eller to ganger under vurderingen")),
        (2, gettext_lazy("Gjesper tre eller flere ganger under vurderingen")),
        (4, gettext_lazy("Gjesper flere ganger i minuttet")),
    ),
    _anchored(
        10,
        gettext_lazy("Angst eller irritabilitet"),
        (0, gettext_lazy("Ingen")),
        (1, gettext_lazy("Forteller om økende irritabilitet eller uro")),
        (2, gettext_lazy("Tydelig irritabel eller engstelig")),
        (4, gettext_lazy("Så irritabel eller engstelig at det er vanskelig å gjennomføre vurderingen")),
    ),
    _anchored(
        11,
        gettext_lazy("Gåsehud"),
        (0, gettext_lazy("Glatt hud")),
        (3, gettext_lazy("Gåsehud kan kjennes, eller hårene reiser seg på armene")),
        (5, gettext_lazy("Tydelig gåsehud")),
    ),
)

PAWSS_THRESHOLD_QUESTION = gettext_lazy(
    "Har personen drukket alkohol de siste 30 dagene, eller hadde personen promille ved ankomst?"
)

PAWSS_ITEMS: tuple[Item, ...] = tuple(
    _anchored(n, text, *_YES_NO)
    for n, text in enumerate(
        (
            gettext_lazy("Har du vært beruset i løpet av de siste 30 dagene?"),
            gettext_lazy("Har du noen gang fått behandling for alkoholproblemer eller alkoholavhengighet?"),
            gettext_lazy("Har du noen gang hatt abstinenser etter alkohol, uansett hvor sterke?"),
            gettext_lazy("Har du noen gang hatt hukommelsestap (blackout) etter drikking?"),
            gettext_lazy("Har du noen gang hatt abstinenskramper etter alkohol?"),
            gettext_lazy("Har du noen gang hatt abstinensdelirium (delirium tremens)?"),
            gettext_lazy(
                "Har du kombinert alkohol med andre dempende midler (for eksempel benzodiazepiner eller "
                "barbiturater) i løpet av de siste 90 dagene?"
            ),
            gettext_lazy("Har du kombinert alkohol med andre rusmidler i løpet av de siste 90 dagene?"),
            gettext_lazy("Var promillen ved ankomst omtrent 2 eller høyere (200 mg/dL eller mer)?"),
            gettext_lazy(
                "Er det tegn på økt autonom aktivitet (for eksempel puls over 120 i minuttet, skjelving, "
                "svetting, uro eller kvalme)?"
            ),
        ),
        start=1,
    )
)


# --- Bands and thresholds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A band of totals, low and high both included. `rank` orders a scale's bands, 0 the lowest.
    `key` is the band's name in instruments.json; `label` is what a clinician reads."""

    key: str
    label: Text
    low: int
    high: int
    rank: int

    def __contains__(self, total: object) -> bool:
        return isinstance(total, int) and self.low <= total <= self.high


def _bands(*rows: tuple[str, Text, int, int]) -> tuple[Band, ...]:
    return tuple(Band(key, label, low, high, rank) for rank, (key, label, low, high) in enumerate(rows))


BANDS: Mapping[ScaleKind, tuple[Band, ...]] = {
    ScaleKind.CIWA_AR: _bands(
        ("minimal/mild", gettext_lazy("Minimale eller lette abstinenser"), 0, 7),
        ("moderate", gettext_lazy("Moderate abstinenser"), 8, 14),
        ("severe", gettext_lazy("Alvorlige abstinenser"), 15, 67),
    ),
    ScaleKind.COWS: _bands(
        ("none", gettext_lazy("Ingen abstinenser"), 0, 4),
        ("mild", gettext_lazy("Lette abstinenser"), 5, 12),
        ("moderate", gettext_lazy("Moderate abstinenser"), 13, 24),
        ("moderately severe", gettext_lazy("Moderat alvorlige abstinenser"), 25, 36),
        ("severe", gettext_lazy("Alvorlige abstinenser"), 37, 48),
    ),
    ScaleKind.PAWSS: _bands(
        ("low risk", gettext_lazy("Lav risiko for komplisert abstinens"), 0, 3),
        ("high risk", gettext_lazy("Høy risiko for komplisert abstinens"), 4, 10),
    ),
}


class FlagLevel(StrEnum):
    FLAG = "flag"  # the doctor should look at it
    URGENT = "urgent"  # the doctor should look at it now
    HIGH_RISK = "high_risk"  # a risk to plan for before withdrawal starts


@dataclass(frozen=True)
class Threshold:
    """A total at or above `at_or_above` raises a flag to the doctor. `rule` says why, in words a page can
    show next to the flag; `source` names where the cut-off comes from."""

    scale: ScaleKind
    at_or_above: int
    level: FlagLevel
    label: Text
    rule: Text
    source: str

    def fires(self, total: int) -> bool:
        return total >= self.at_or_above


THRESHOLDS: Mapping[ScaleKind, Threshold] = {
    ScaleKind.CIWA_AR: Threshold(
        scale=ScaleKind.CIWA_AR,
        at_or_above=15,
        level=FlagLevel.FLAG,
        label=gettext_lazy("Til lege"),
        rule=gettext_lazy("CIWA-Ar-sum 15 eller mer: alvorlige abstinenser. Legen varsles."),
        source="CIWA-Ar, Sullivan et al. 1989; band 15+ severe (CamCOPS)",
    ),
    ScaleKind.COWS: Threshold(
        scale=ScaleKind.COWS,
        at_or_above=25,
        level=FlagLevel.URGENT,
        label=gettext_lazy("Haster"),
        rule=gettext_lazy(
            "COWS-sum 25 eller mer: moderat alvorlige eller alvorlige abstinenser. Legen varsles straks."
        ),
        source="COWS, Wesson & Ling 2003; band 25+ moderately severe",
    ),
    ScaleKind.PAWSS: Threshold(
        scale=ScaleKind.PAWSS,
        at_or_above=4,
        level=FlagLevel.HIGH_RISK,
        label=gettext_lazy("Høy risiko"),
        rule=gettext_lazy("PAWSS-sum 4 eller mer: høy risiko for komplisert abstinens. Legen varsles."),
        source="PAWSS, Maldonado et al. 2014; cut-off 4",
    ),
}


# --- The scales as data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleDefinition:
    kind: ScaleKind
    short_name: str
    title: Text
    items: tuple[Item, ...]
    max_total: int
    source: Text

    @property
    def bands(self) -> tuple[Band, ...]:
        return BANDS[self.kind]

    @property
    def threshold(self) -> Threshold:
        return THRESHOLDS[self.kind]

    def item(self, n: int) -> Item:
        return self.items[n - 1]


SCALES: Mapping[ScaleKind, ScaleDefinition] = {
    ScaleKind.CIWA_AR: ScaleDefinition(
        kind=ScaleKind.CIWA_AR,
        short_name="CIWA-Ar",
        title=gettext_lazy("Abstinens fra alkohol (CIWA-Ar)"),
        items=CIWA_AR_ITEMS,
        max_total=67,
        source=gettext_lazy(
            "Clinical Institute Withdrawal Assessment for Alcohol, revidert (Sullivan mfl. 1989). "
            "Inndeling: 0–7 minimale/lette, 8–14 moderate, 15 eller mer alvorlige abstinenser."
        ),
    ),
    ScaleKind.COWS: ScaleDefinition(
        kind=ScaleKind.COWS,
        short_name="COWS",
        title=gettext_lazy("Abstinens fra opioider (COWS)"),
        items=COWS_ITEMS,
        max_total=48,
        source=gettext_lazy(
            "Clinical Opiate Withdrawal Scale (Wesson og Ling 2003). Inndeling: 0–4 ingen, 5–12 lette, "
            "13–24 moderate, 25–36 moderat alvorlige, 37 eller mer alvorlige abstinenser."
        ),
    ),
    ScaleKind.PAWSS: ScaleDefinition(
        kind=ScaleKind.PAWSS,
        short_name="PAWSS",
        title=gettext_lazy("Risiko for komplisert alkoholabstinens (PAWSS)"),
        items=PAWSS_ITEMS,
        max_total=10,
        source=gettext_lazy(
            "Prediction of Alcohol Withdrawal Severity Scale (Maldonado mfl. 2014). "
            "4 eller mer betyr høy risiko for komplisert abstinens."
        ),
    ),
}


# --- Errors -------------------------------------------------------------------------------------------


class ScaleAnswerError(ValueError):
    """The scores cannot be used. `message` is Norwegian and fit to show to the clinician."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongNumberOfScores(ScaleAnswerError):
    def __init__(self, *, scale: ScaleDefinition, got: int) -> None:
        super().__init__(
            _("%(scale)s har %(expected)s punkter, men vi fikk %(got)s svar.")
            % {"scale": scale.short_name, "expected": len(scale.items), "got": got}
        )
        self.expected = len(scale.items)
        self.got = got


class ScoreNotAllowed(ScaleAnswerError):
    def __init__(self, *, scale: ScaleDefinition, item: int, value: object) -> None:
        allowed = scale.item(item).allowed_scores
        choices = ", ".join(str(s) for s in allowed[:-1]) + " " + _("eller") + " " + str(allowed[-1])
        super().__init__(
            _("%(scale)s punkt %(n)s kan bare være %(choices)s, ikke «%(value)s». Velg en av disse verdiene.")
            % {"scale": scale.short_name, "n": item, "choices": choices, "value": value}
        )
        self.item = item
        self.value = value


class ScoresMissing(ScaleAnswerError):
    def __init__(self, *, scale: ScaleDefinition, items: Sequence[int]) -> None:
        numbers = ", ".join(str(n) for n in items)
        super().__init__(
            _("Fyll ut %(scale)s punkt %(numbers)s. Summen regnes bare ut når alle punktene er fylt ut.")
            % {"scale": scale.short_name, "numbers": numbers}
        )
        self.items = tuple(items)


class ScoresGivenButNotApplicable(ScaleAnswerError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "PAWSS brukes bare når personen har drukket alkohol de siste 30 dagene eller hadde promille "
                "ved ankomst. Fjern svarene, eller endre svaret på det første spørsmålet."
            )
        )


# --- Scoring ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleResult:
    scale: ScaleKind
    scores: tuple[int, ...]  # per item, in item order
    total: int
    band: Band
    flag: Threshold | None  # the threshold this total reached, or None

    applicable = True

    @property
    def flagged(self) -> bool:
        return self.flag is not None

    @property
    def definition(self) -> ScaleDefinition:
        return SCALES[self.scale]


@dataclass(frozen=True)
class PawssNotApplicable:
    """PAWSS does not apply: no alcohol in the last 30 days and no blood alcohol on arrival."""

    scale: ScaleKind = ScaleKind.PAWSS
    label: Text = gettext_lazy("Ikke aktuelt: ingen alkohol de siste 30 dagene og ingen promille ved ankomst")
    flag: None = None

    applicable = False

    @property
    def flagged(self) -> bool:
        return False


def band_for_total(scale: ScaleKind, total: int) -> Band:
    """The band a total falls in. A total outside the scale's range is a programming error (ValueError)."""
    definition = SCALES[scale]
    if type(total) is not int or not 0 <= total <= definition.max_total:
        raise ValueError(f"{definition.short_name} total {total!r} is outside 0-{definition.max_total}")
    return next(band for band in BANDS[scale] if total in band)


def flag_for_total(scale: ScaleKind, total: int) -> Threshold | None:
    """The threshold the total reaches, if any: this is what raises a flag to the doctor."""
    band_for_total(scale, total)  # checks the range
    threshold = THRESHOLDS[scale]
    return threshold if threshold.fires(total) else None


def _checked_scores(definition: ScaleDefinition, scores: Scores) -> tuple[int, ...]:
    if isinstance(scores, str | bytes) or len(scores) != len(definition.items):
        raise WrongNumberOfScores(scale=definition, got=len(scores))
    for item, value in zip(definition.items, scores, strict=True):
        # bool is an int in Python; True must not pass as the score 1.
        if value is not None and (type(value) is not int or value not in item.allowed_scores):
            raise ScoreNotAllowed(scale=definition, item=item.n, value=value)
    missing = tuple(item.n for item, value in zip(definition.items, scores, strict=True) if value is None)
    if missing:
        raise ScoresMissing(scale=definition, items=missing)
    return tuple(int(value or 0) for value in scores)


def score(scale: ScaleKind, scores: Scores) -> ScaleResult:
    """Score one assessment: one score per item, in item order (None for an item not filled in)."""
    definition = SCALES[scale]
    checked = _checked_scores(definition, scores)
    total = sum(checked)
    return ScaleResult(
        scale=scale,
        scores=checked,
        total=total,
        band=band_for_total(scale, total),
        flag=flag_for_total(scale, total),
    )


def score_ciwa_ar(scores: Scores) -> ScaleResult:
    return score(ScaleKind.CIWA_AR, scores)


def score_cows(scores: Scores) -> ScaleResult:
    return score(ScaleKind.COWS, scores)


def score_pawss(scores: Scores | None, *, threshold_met: bool) -> ScaleResult | PawssNotApplicable:
    """Score PAWSS. If the threshold question is answered no, the scale does not apply: no scores may be
    given (an empty form is fine), and the result says "not applicable" rather than a low total."""
    if not threshold_met:
        if scores is not None and any(value is not None for value in scores):
            raise ScoresGivenButNotApplicable()
        return PawssNotApplicable()
    if scores is None:
        raise ScoresMissing(scale=SCALES[ScaleKind.PAWSS], items=[item.n for item in PAWSS_ITEMS])
    return score(ScaleKind.PAWSS, scores)
