"""Who wrote an article, as the reader sees it. Pure: no ORM.

A title in a byline is a claim about the author's profession, and some titles are protected by law
(helsepersonelloven § 74: "psykolog", "lege", "sykepleier" …). So the title is never typed: it comes from the
author's therapist profile, whose profession an admin approves (and which needs an HPR number for authorised
professions). An author without a staff account is named by name only, and a name that carries a title is
refused (`title_words_in`).
"""

import re

# Health and therapy titles, and the comma that usually introduces one ("Kari Nordmann, psykolog").
# Whole words, any letter case, so names such as "Helge" or "Kollegaard" are not caught.
TITLE_WORDS = (
    "psykolog",
    "psykologspesialist",
    "lege",
    "overlege",
    "fastlege",
    "legespesialist",
    "spesialist",
    "psykiater",
    "sykepleier",
    "spesialsykepleier",
    "helsesykepleier",
    "jordmor",
    "vernepleier",
    "sosionom",
    "terapeut",
    "psykoterapeut",
    "familieterapeut",
    "rusterapeut",
    "ergoterapeut",
    "fysioterapeut",
    "farmasøyt",
    "dr",
)
_TITLE = re.compile(r"(?<![\w-])(" + "|".join(TITLE_WORDS) + r")(?![\w-])", re.IGNORECASE)


def title_words_in(name: str) -> list[str]:
    """The titles (and a comma) in a name typed by hand; empty when it is a plain name."""
    found = [match.group(1).lower() for match in _TITLE.finditer(name)]
    if "," in name:
        found.append(",")
    return found


def profession_title(label: str) -> str:
    """A profession's label as it reads after a name: "Klinisk sosionom" -> "klinisk sosionom"."""
    return label[:1].lower() + label[1:] if label else ""


def byline(name: str, profession_label: str = "") -> str:
    """ "Jonas Eide, klinisk sosionom", or just the name when there is no profile to take a title from."""
    title = profession_title(profession_label)
    return f"{name}, {title}" if name and title else name
