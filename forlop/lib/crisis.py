"""Norwegian emergency and help numbers: the one place in the code that holds them.

Source: shared/clinical/crisis-contacts.md (checked against helsenorge.no, rusinfo.no and others). Order
matters: life-threatening first. Templates render these through the `crisis_*` includes only.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CrisisContact:
    name: str | Promise
    number: str
    when: str | Promise
    urgent: bool = False
    chat: str = ""

    @property
    def tel(self) -> str:
        return "tel:" + self.number.replace(" ", "").split("/")[0]


CRISIS_CONTACTS: tuple[CrisisContact, ...] = (
    CrisisContact(
        _("Medisinsk nødtelefon (AMK)"),
        "113",
        _("Fare for liv: overdose, kramper, akutt selvmordsfare."),
        urgent=True,
    ),
    CrisisContact(
        _("Legevakt"),
        "116 117",
        _("Haster, men er ikke livstruende. Du blir satt over til nærmeste legevakt."),
        urgent=True,
    ),
    CrisisContact(_("Politi"), "112", _("Når noen er i fare, eller ved vold og trusler.")),
    CrisisContact(_("Brann"), "110", _("Brann og redning.")),
    CrisisContact(
        _("Giftinformasjonen"),
        "22 59 13 00",
        _("Akutt forgiftning, også av rusmidler og alkohol. Åpen hele døgnet."),
    ),
    CrisisContact(
        _("Mental Helse Hjelpetelefonen"),
        "116 123",
        _("Noen å snakke med, hele døgnet."),
        chat="sidetmedord.no",
    ),
    CrisisContact(_("Kirkens SOS"), "22 40 00 40", _("Krisetelefon hele døgnet."), chat="soschat.no"),
    CrisisContact(
        _("RUSinfo"),
        "08588",
        _("Anonym informasjon og råd om alkohol, narkotika og pengespill."),
    ),
    CrisisContact(
        _("Alarmtelefonen for barn og unge"),
        "116 111",
        _("For barn og unge som opplever vold, overgrep eller omsorgssvikt."),
    ),
    CrisisContact(
        _("Veiledning helsenorge.no"),
        "23 32 70 00",
        _("Hjelp med pasientrettigheter og valg av behandlingssted."),
    ),
)

EMERGENCY = CRISIS_CONTACTS[0]
LEGEVAKT = CRISIS_CONTACTS[1]
MENTAL_HELSE = CRISIS_CONTACTS[5]
RUSINFO = CRISIS_CONTACTS[7]
