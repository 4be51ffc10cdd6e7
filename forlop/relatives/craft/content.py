"""The relatives' course and the children material, read once per process from forlop/relatives/content/.

`lessons()` gives the course in the active language (bokmål where a lesson has no file in it); `lesson(slug)`
one of them; `children()` the three age groups of the material for talking with children. The texts are
checked when first read (a broken file fails loudly, and the tests read every file).
"""

from functools import cache
from pathlib import Path

from django.utils.translation import get_language

from forlop.lib import crisis

from .text import Text, parse, split_name

CONTENT = Path(__file__).resolve().parent.parent / "content"
DEFAULT_LANGUAGE = "nb"

# The help numbers a text may name as [[KEY]]. The four with their own name in forlop/lib/crisis.py, and three
# more by their place in CRISIS_CONTACTS (a test checks each is the service the key says).
CONTACTS = {
    "EMERGENCY": crisis.EMERGENCY,
    "LEGEVAKT": crisis.LEGEVAKT,
    "POLICE": crisis.CRISIS_CONTACTS[2],
    "POISON": crisis.CRISIS_CONTACTS[4],
    "MENTAL_HELSE": crisis.MENTAL_HELSE,
    "RUSINFO": crisis.RUSINFO,
    "CHILDREN_LINE": crisis.CRISIS_CONTACTS[8],
}


def _language() -> str:
    return (get_language() or DEFAULT_LANGUAGE).split("-")[0]


@cache
def _read(folder: str, language: str) -> tuple[Text, ...]:
    found: dict[int, Path] = {}
    for path in sorted((CONTENT / folder).glob("*.md")):
        number, _slug, file_language = split_name(path.name)
        if file_language == language or (file_language == DEFAULT_LANGUAGE and number not in found):
            found[number] = path
    return tuple(
        parse(found[number].read_text(encoding="utf-8"), name=found[number].name, contacts=CONTACTS)
        for number in sorted(found)
    )


def lessons(language: str | None = None) -> tuple[Text, ...]:
    return _read("craft", language or _language())


def lesson(slug: str, language: str | None = None) -> Text | None:
    return next((text for text in lessons(language) if text.slug == slug), None)


def children(language: str | None = None) -> tuple[Text, ...]:
    return _read("children", language or _language())


FIRST_LESSON_NUMBER = 1  # "Sikkerhet først": public, readable without an account
