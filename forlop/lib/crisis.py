"""Norwegian emergency and help numbers: the one place in the code that holds them.

Source: shared/clinical/crisis-contacts.md (checked against helsenorge.no, rusinfo.no and others). Order
matters: life-threatening first. Templates render these through the `crisis_*` includes only.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CrisisContact:
    name: str
    number: str
    when: str
    urgent: bool = False
    chat: str = ""

    @property
    def tel(self) -> str:
        return "tel:" + self.number.replace(" ", "").split("/")[0]


CRISIS_CONTACTS: tuple[CrisisContact, ...] = (
    CrisisContact(
        "Medisinsk nødtelefon (AMK)",
        "113",
        "Fare for liv: overdose, kramper, akutt selvmordsfare.",
        urgent=True,
    ),
    CrisisContact(
        "Legevakt",
        "116 117",
        "Haster, men er ikke livstruende. Du blir satt over til nærmeste legevakt.",
        urgent=True,
    ),
    CrisisContact("Politi", "112", "Når noen er i fare, eller ved vold og trusler."),
    CrisisContact("Brann", "110", "Brann og redning."),
    CrisisContact(
        "Giftinformasjonen",
        "22 59 13 00",
        "Akutt forgiftning, også av rusmidler og alkohol. Åpen hele døgnet.",
    ),
    CrisisContact(
        "Mental Helse Hjelpetelefonen",
        "116 123",
        "Noen å snakke med, hele døgnet.",
        chat="sidetmedord.no",
    ),
    CrisisContact("Kirkens SOS", "22 40 00 40", "Krisetelefon hele døgnet.", chat="soschat.no"),
    CrisisContact(
        "RUSinfo",
        "08588",
        "Anonym informasjon og råd om alkohol, narkotika og pengespill.",
    ),
    CrisisContact(
        "Alarmtelefonen for barn og unge",
        "116 111",
        "For barn og unge som opplever vold, overgrep eller omsorgssvikt.",
    ),
    CrisisContact(
        "Veiledning helsenorge.no",
        "23 32 70 00",
        "Hjelp med pasientrettigheter og valg av behandlingssted.",
    ),
)

EMERGENCY = CRISIS_CONTACTS[0]
LEGEVAKT = CRISIS_CONTACTS[1]
