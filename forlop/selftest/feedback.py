"""What each zone means in plain Norwegian, and a sensible next step. Never a diagnosis."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .instruments import Text
from .scoring import DuditBand, Zone


@dataclass(frozen=True)
class NextStep:
    text: Text
    link_text: Text = ""
    url_name: str = ""  # resolved in the view; empty for advice without a link


@dataclass(frozen=True)
class Feedback:
    label: Text  # short name of the zone
    meaning: Text
    steps: tuple[NextStep, ...]
    urgent: bool = False  # the highest zone: crisis numbers and the note on medically supervised detox


_ARTICLES = NextStep(
    _("Les mer om alkohol, rusmidler og helse i artiklene våre."), _("Se artiklene"), "content:list"
)
_COURSE = NextStep(
    _("Ta det gratis e-postkurset vårt. Det gir deg kunnskap og konkrete grep, i ditt eget tempo."),
    _("Meld deg på det gratis kurset"),
    "course:signup",
)
_FIRST_TALK = NextStep(
    _("Bestill en gratis og uforpliktende førstesamtale, så finner vi ut sammen hva som kan hjelpe deg."),
    _("Velg terapeut og bestill en gratis førstesamtale"),
    "therapists:list",  # it shows who takes new clients; their "Bestill time" offers the first talk first
)
_FIRST_TALK_ANYWAY = NextStep(
    _("Er du likevel bekymret, for deg selv eller for noen andre, kan du alltid ta en gratis førstesamtale."),
    _("Bestill en gratis førstesamtale"),
    "therapists:list",
)
_MATCH = NextStep(
    _("Fortell oss hva du trenger hjelp med, så foreslår vi en terapeut som passer for deg."),
    _("Match meg med en terapeut"),
    "matching:match",
)
_FASTLEGE = NextStep(
    _(
        "Snakk med fastlegen din. Fastlegen kan sjekke helsen din, hjelpe deg videre og henvise deg om det trengs."
    )
)
_FASTLEGE_FIRST = NextStep(
    _(
        "Snakk med fastlegen din eller en lege hos oss før du slutter eller trapper ned. Det kan være "
        "nødvendig med avrusning under medisinsk tilsyn."
    )
)

AUDIT_FEEDBACK: dict[Zone, Feedback] = {
    Zone.LOW_RISK: Feedback(
        label=_("Lav risiko"),
        meaning=_(
            "Svarene dine tyder på at alkoholvanene dine gir lav risiko for skade akkurat nå. Det betyr ikke "
            "at alkohol er helt uten risiko: for helsen er mindre alltid bedre enn mer."
        ),
        steps=(_ARTICLES, _FIRST_TALK_ANYWAY),
    ),
    Zone.HAZARDOUS: Feedback(
        label=_("Økt risiko"),
        meaning=_(
            "Svarene dine tyder på at du drikker på en måte som over tid kan gi økt risiko for helseplager, "
            "skader og problemer i hverdagen. Mange klarer å endre vanene sine selv når de vet hva de skal "
            "se etter, og nå er et godt tidspunkt å begynne."
        ),
        steps=(_COURSE, _ARTICLES, _FIRST_TALK),
    ),
    Zone.HARMFUL: Feedback(
        label=_("Høy risiko"),
        meaning=_(
            "Svarene dine tyder på at alkoholen kan gå ut over helsen, jobben, forholdet til andre eller "
            "hverdagen din allerede nå. Det er lettere å gjøre noe med det nå enn senere, og du trenger ikke "
            "gjøre det alene."
        ),
        steps=(_FIRST_TALK, _MATCH, _FASTLEGE),
    ),
    Zone.POSSIBLE_DEPENDENCE: Feedback(
        label=_("Svært høy risiko, mulig avhengighet"),
        meaning=_(
            "Svarene dine tyder på at alkoholen har fått stor plass i livet ditt, og de kan være tegn på "
            "avhengighet. Bare en grundig vurdering hos lege eller behandler kan si noe sikkert om det, men "
            "resultatet er et tydelig signal om å få hjelp, og hjelp finnes."
        ),
        steps=(_FASTLEGE_FIRST, _FIRST_TALK, _MATCH),
        urgent=True,
    ),
}

DUDIT_FEEDBACK: dict[DuditBand, Feedback] = {
    DuditBand.BELOW_CUTOFF: Feedback(
        label=_("Under grenseverdien"),
        meaning=_(
            "Svarene dine tyder ikke på at bruken av rusmidler gir deg problemer nå. Vær likevel oppmerksom "
            "om bruken endrer seg, eller om andre uttrykker bekymring."
        ),
        steps=(_ARTICLES, _FIRST_TALK_ANYWAY),
    ),
    DuditBand.PROBABLE_PROBLEMS: Feedback(
        label=_("Sannsynlige rusrelaterte problemer"),
        meaning=_(
            "Svarene dine tyder på at bruken av rusmidler sannsynligvis gir deg problemer, for helsen, i "
            "hverdagen eller i forholdet til andre. Det er god grunn til å snakke med noen om det, og jo "
            "tidligere, jo lettere er det å gjøre noe med."
        ),
        steps=(_FIRST_TALK, _MATCH, _COURSE, _FASTLEGE),
    ),
    DuditBand.PROBABLE_DEPENDENCE: Feedback(
        label=_("Mulig avhengighet"),
        meaning=_(
            "Svarene dine tyder på at rusmidlene har fått stor plass i livet ditt, og de kan være tegn på "
            "avhengighet. Bare en grundig vurdering hos lege eller behandler kan si noe sikkert om det, men "
            "resultatet er et tydelig signal om å få hjelp, og hjelp finnes."
        ),
        steps=(_FASTLEGE_FIRST, _FIRST_TALK, _MATCH),
        urgent=True,
    ),
}
