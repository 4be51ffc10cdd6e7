"""The two validated self-tests as data: items, answer options with their scores, and where they come from.

Copied from shared/clinical/instruments.json (the app does not read that file at runtime; a test checks that
this module still matches it). AUDIT uses the Norwegian wording given there word for word. DUDIT's items are
only given in English there, so the Norwegian wording is ours, kept close to the original; it should be
compared with the published Norwegian translation (2008) before launch.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Text  # only installed with the type checker
else:
    Text = str | Promise

AUDIT = "audit"
DUDIT = "dudit"


@dataclass(frozen=True)
class Option:
    score: int
    label: Text


@dataclass(frozen=True)
class Item:
    n: int
    text: Text
    options: tuple[Option, ...]

    @property
    def allowed_scores(self) -> frozenset[int]:
        return frozenset(option.score for option in self.options)


@dataclass(frozen=True)
class Instrument:
    slug: str
    title: Text
    short_name: str
    items: tuple[Item, ...]
    max_total: int
    source: Text

    def item(self, n: int) -> Item:
        return self.items[n - 1]


def _options(*pairs: tuple[int, Text]) -> tuple[Option, ...]:
    return tuple(Option(score, label) for score, label in pairs)


# --- AUDIT (Norwegian wording) ------------------------------------------------------------------------

_AUDIT_FREQUENCY = _options(
    (0, _("Aldri")),
    (1, _("Sjelden")),
    (2, _("Noen ganger i måneden")),
    (3, _("Noen ganger i uken")),
    (4, _("Nesten daglig")),
)
_AUDIT_YES_NO = _options(
    (0, _("Nei")),
    (2, _("Ja, men ikke i løpet av siste år")),
    (4, _("Ja, i løpet av siste år")),
)

AUDIT_INSTRUMENT = Instrument(
    slug=AUDIT,
    title=_("Alkoholtest"),
    short_name="AUDIT",
    max_total=40,
    items=(
        Item(
            1,
            _("Hvor ofte drikker du alkohol?"),
            _options(
                (0, _("Aldri")),
                (1, _("Månedlig eller sjeldnere")),
                (2, _("To til fire ganger i måneden")),
                (3, _("To til tre ganger i uken")),
                (4, _("Fire ganger i uken eller mer")),
            ),
        ),
        Item(
            2,
            _("Hvor mange alkoholenheter tar du på en «typisk» drikkedag?"),
            _options(
                (0, _("1-2")),
                (1, _("3-4")),
                (2, _("5-6")),
                (3, _("7-9")),
                (4, _("10 eller flere")),
            ),
        ),
        Item(
            3,
            _("Hvor ofte drikker du seks alkoholenheter eller mer ved én anledning?"),
            _AUDIT_FREQUENCY,
        ),
        Item(
            4,
            _(
                "Hvor ofte i løpet av det siste året har du ikke vært i stand til å stoppe å drikke etter at "
                "du hadde begynt?"
            ),
            _AUDIT_FREQUENCY,
        ),
        Item(
            5,
            _(
                "Hvor ofte i løpet av det siste året unnlot du å gjøre ting du skulle ha gjort på grunn av "
                "drikking?"
            ),
            _AUDIT_FREQUENCY,
        ),
        Item(
            6,
            _(
                "Hvor ofte i løpet av det siste året har du trengt en drink om morgenen for å komme i gang "
                "etter en periode med mye drikking?"
            ),
            _AUDIT_FREQUENCY,
        ),
        Item(
            7,
            _(
                "Hvor ofte i løpet av det siste året har du hatt skyldfølelse eller samvittighetsnag på grunn "
                "av drikking?"
            ),
            _AUDIT_FREQUENCY,
        ),
        Item(
            8,
            _(
                "Hvor ofte i løpet av det siste året har du ikke kunnet huske hva som hendte kvelden før på "
                "grunn av drikking?"
            ),
            _AUDIT_FREQUENCY,
        ),
        Item(9, _("Har du eller andre blitt skadet som følge av at du har drukket?"), _AUDIT_YES_NO),
        Item(
            10,
            _(
                "Har en slektning, venn, lege eller annet helsepersonell vært bekymret over drikkingen din, "
                "eller foreslått at du bør redusere?"
            ),
            _AUDIT_YES_NO,
        ),
    ),
    source=_(
        "AUDIT – Alcohol Use Disorders Identification Test. Babor TF, Higgins-Biddle JC, Saunders JB, "
        "Monteiro MG. Guidelines for Use in Primary Care, 2. utgave. Genève: Verdens helseorganisasjon "
        "(WHO), 2001. Norsk versjon: Aasland mfl., 1990. Grenseverdien for kvinner følger Norsk "
        "Helseinformatikk (NHI). WHO har opphavsretten til AUDIT."
    ),
)

# --- DUDIT (Norwegian wording close to the original) --------------------------------------------------

_DUDIT_HOW_OFTEN = _options(
    (0, _("Aldri")),
    (1, _("Én gang i måneden eller sjeldnere")),
    (2, _("2–4 ganger i måneden")),
    (3, _("2–3 ganger i uken")),
    (4, _("4 ganger i uken eller oftere")),
)
_DUDIT_PAST_YEAR = _options(
    (0, _("Aldri")),
    (1, _("Sjeldnere enn én gang i måneden")),
    (2, _("Hver måned")),
    (3, _("Hver uke")),
    (4, _("Daglig eller nesten daglig")),
)
_DUDIT_YES_NO = _options(
    (0, _("Nei")),
    (2, _("Ja, men ikke i løpet av det siste året")),
    (4, _("Ja, i løpet av det siste året")),
)

DUDIT_INSTRUMENT = Instrument(
    slug=DUDIT,
    title=_("Rusmiddeltest"),
    short_name="DUDIT",
    max_total=44,
    items=(
        Item(1, _("Hvor ofte bruker du andre rusmidler enn alkohol?"), _DUDIT_HOW_OFTEN),
        Item(2, _("Bruker du mer enn én type rusmiddel ved samme anledning?"), _DUDIT_HOW_OFTEN),
        Item(
            3,
            _("Hvor mange ganger tar du rusmidler på en typisk dag når du bruker rusmidler?"),
            _options(
                (0, _("0")),
                (1, _("1–2")),
                (2, _("3–4")),
                (3, _("5–6")),
                (4, _("7 eller flere")),
            ),
        ),
        Item(4, _("Hvor ofte er du kraftig påvirket av rusmidler?"), _DUDIT_PAST_YEAR),
        Item(
            5,
            _(
                "Har du i løpet av det siste året kjent at suget etter rusmidler var så sterkt at du ikke "
                "klarte å stå imot?"
            ),
            _DUDIT_PAST_YEAR,
        ),
        Item(
            6,
            _(
                "Har det i løpet av det siste året hendt at du ikke har klart å slutte å ta rusmidler når du "
                "først hadde begynt?"
            ),
            _DUDIT_PAST_YEAR,
        ),
        Item(
            7,
            _(
                "Hvor ofte i løpet av det siste året har du tatt rusmidler og så latt være å gjøre noe du "
                "skulle ha gjort?"
            ),
            _DUDIT_PAST_YEAR,
        ),
        Item(
            8,
            _(
                "Hvor ofte i løpet av det siste året har du trengt å ta et rusmiddel morgenen etter at du "
                "brukte mye rusmidler dagen før?"
            ),
            _DUDIT_PAST_YEAR,
        ),
        Item(
            9,
            _(
                "Hvor ofte i løpet av det siste året har du hatt skyldfølelse eller dårlig samvittighet fordi "
                "du har brukt rusmidler?"
            ),
            _DUDIT_PAST_YEAR,
        ),
        Item(
            10,
            _("Har du eller noen andre blitt skadet (psykisk eller fysisk) fordi du har brukt rusmidler?"),
            _DUDIT_YES_NO,
        ),
        Item(
            11,
            _(
                "Har en slektning eller venn, en lege eller sykepleier, eller noen andre, vært bekymret for "
                "bruken din av rusmidler eller sagt til deg at du bør slutte?"
            ),
            _DUDIT_YES_NO,
        ),
    ),
    source=_(
        "DUDIT – Drug Use Disorders Identification Test. Berman AH, Bergman H, Palmstierna T, Schlyter F. "
        "Manual, versjon 1.0. Stockholm: Karolinska Institutet, 2003. Den norske ordlyden her er oversatt "
        "tett etter originalen."
    ),
)

INSTRUMENTS = {AUDIT: AUDIT_INSTRUMENT, DUDIT: DUDIT_INSTRUMENT}
