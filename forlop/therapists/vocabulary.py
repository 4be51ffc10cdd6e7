"""The words a therapist profile and a match request share: what a therapist works with, how they meet,
which languages they speak, and when a free time falls. Pure data, no ORM and no clock.

The keys are the only values the profile vocabulary tables, the match form and the matching engine accept
(`forlop.matching.engine` raises `ValueError` on anything else, so a typo fails loudly instead of silently
never matching). Each dict maps key -> lower-case Norwegian label, used mid-sentence in the engine's
reasons; forms use them as choices (capitalise the first letter). Dict order is the order items are listed
in reasons and forms. WEEKDAYS: 0 = Monday, as `date.weekday()`. PARTS_OF_DAY: hours in
PART_OF_DAY_HOURS; `time_slot(local_start)` turns a free time into its (weekday, part) slot.

It lives in the therapists app, below booking and matching (the layers are in pyproject.toml), because the
profile models need it as much as the engine does: kept in the engine, it made therapists and matching
import each other.
"""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

SUBSTANCES = {
    "alkohol": _("alkohol"),
    "cannabis": _("cannabis"),
    "opioider": _("opioider"),
    "benzodiazepiner": _("benzodiazepiner/sovemedisin"),
    "sentralstimulerende": _("sentralstimulerende stoffer"),
    "ghb": _("GHB"),
    "spill": _("spilleproblemer"),
    "annet": _("andre rusmidler"),
}
THEMES = {
    "parorende": _("pårørende"),
    "traumer": _("traumer"),
    "angst_depresjon": _("angst og depresjon"),
    "ungdom": _("ungdom"),
}
METHODS = {
    "kognitiv_terapi": _("kognitiv terapi"),
    "motiverende_intervju": _("motiverende intervju"),
    "act": _("aksept- og forpliktelsesterapi (ACT)"),
    "traumebehandling": _("traumebehandling"),
    "familieterapi": _("familieterapi"),
    "gruppeterapi": _("gruppeterapi"),
}
IN_PERSON = "oppmote"
MEETING_MODES = {
    "video": _("videosamtale"),
    "telefon": _("telefonsamtale"),
    IN_PERSON: _("oppmøte"),
}
NORWEGIAN = "nb"
LANGUAGES = {
    NORWEGIAN: _("norsk"),
    "en": _("engelsk"),
    "sv": _("svensk"),
    "da": _("dansk"),
    "se": _("samisk"),
    "pl": _("polsk"),
    "lt": _("litauisk"),
    "de": _("tysk"),
    "fr": _("fransk"),
    "es": _("spansk"),
    "it": _("italiensk"),
    "pt": _("portugisisk"),
    "nl": _("nederlandsk"),
    "fi": _("finsk"),
    "ro": _("rumensk"),
    "ru": _("russisk"),
    "uk": _("ukrainsk"),
    "bs": _("bosnisk"),
    "hr": _("kroatisk"),
    "sr": _("serbisk"),
    "sq": _("albansk"),
    "tr": _("tyrkisk"),
    "ar": _("arabisk"),
    "fa": _("persisk"),
    "ku": _("kurdisk"),
    "ur": _("urdu"),
    "pa": _("panjabi"),
    "hi": _("hindi"),
    "ta": _("tamil"),
    "so": _("somali"),
    "ti": _("tigrinja"),
    "am": _("amharisk"),
    "sw": _("swahili"),
    "zh": _("kinesisk"),
    "vi": _("vietnamesisk"),
    "th": _("thai"),
    "tl": _("tagalog"),
}
GENDERS = {"kvinne": _("kvinne"), "mann": _("mann"), "annet": _("annet")}
WEEKDAYS = {
    0: _("mandag"),
    1: _("tirsdag"),
    2: _("onsdag"),
    3: _("torsdag"),
    4: _("fredag"),
    5: _("lørdag"),
    6: _("søndag"),
}
PARTS_OF_DAY = {
    "morgen": _("morgen"),
    "formiddag": _("formiddag"),
    "ettermiddag": _("ettermiddag"),
    "kveld": _("kveld"),
}

# Local (Europe/Oslo) hours each part of day covers, [start, end). Times outside them (night) are no slot.
PART_OF_DAY_HOURS = {"morgen": (6, 9), "formiddag": (9, 12), "ettermiddag": (12, 17), "kveld": (17, 22)}


def time_slot(local_start: datetime) -> tuple[int, str] | None:
    """The (weekday, part of day) a free time starting at `local_start` gives, for `free_slots` and
    `preferred_times`. Pass Oslo local time (convert aware UTC values with forlop.lib.timezones.to_oslo)."""
    for part, (start_hour, end_hour) in PART_OF_DAY_HOURS.items():
        if start_hour <= local_start.hour < end_hour:
            return (local_start.weekday(), part)
    return None
