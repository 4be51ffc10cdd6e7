"""The modules' text: psychoeducation and exercises, read from Markdown files in `content/`. Pure: no ORM.

Why files and not database rows: the text is clinical content that must be reviewed like code (a diff per
change, a history, a test that every module has a title, text and an exercise and no placeholder), and it is
translated as a whole text rather than string by string. A module is `content/<slug>.nb.md`; its English
version, when the lead writes it, is `content/<slug>.en.md` with the same exercise keys (a test checks that).
The database stores only what is about a person: which modules a course has, when each opens, the answers and
the comments (forlop/care/modules/models.py). Nothing needs syncing at deploy or in load_demo.

File format::

    ---
    title: Motivasjon – hva vil du, egentlig?
    summary: One or two sentences for the list of modules.
    order: 1
    ---
    Markdown text …

    ::: exercise vekta
    ### Title of the exercise
    What the person is asked to write about (Markdown).
    :::

An exercise block becomes a text field on the person's page; its key (`vekta`) names the answer in the
database, so never rename a key once a module is in use. A file starting with `_` is a shared text, not a
module (the craving exercise page's guide).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from forlop.content.rendering import reading_minutes, render_markdown
from forlop.lib.crisis import CRISIS_CONTACTS, EMERGENCY, LEGEVAKT, MENTAL_HELSE, RUSINFO, CrisisContact

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEFAULT_LANGUAGE = "nb"
CRAVING_SLUG = "suget"  # the module the help-now ladder's exercise page belongs to
CRAVING_GUIDE = "_ovelse-mot-suget"

_FRONT = re.compile(r"\A---\n(?P<meta>.*?)\n---\n(?P<body>.*)\Z", re.DOTALL)
_EXERCISE = re.compile(r"^::: exercise (?P<key>[a-z0-9-]+)\n(?P<inner>.*?)^:::$", re.DOTALL | re.MULTILINE)
_TITLE = re.compile(r"\A###\s+(?P<title>.+?)\n(?P<prompt>.*)\Z", re.DOTALL)


# Help numbers are written as tokens in the text ("ring {nødnummer}") and come from forlop/lib/crisis.py, the
# one place they are kept.
NUMBERS: dict[str, CrisisContact] = {
    "nødnummer": EMERGENCY,
    "legevakt": LEGEVAKT,
    "mental_helse": MENTAL_HELSE,
    "rusinfo": RUSINFO,
    "giftinformasjonen": CRISIS_CONTACTS[4],
}
_TOKEN = re.compile(r"\{([a-zø_]+)\}")


class ContentError(ValueError):
    """A content file does not follow the format above."""


@dataclass(frozen=True)
class Exercise:
    key: str
    title: str
    prompt_html: str


@dataclass(frozen=True)
class Part:
    """A piece of the module in reading order: text (`html`) or an exercise."""

    html: str = ""
    exercise: Exercise | None = None


@dataclass(frozen=True)
class Module:
    slug: str
    title: str
    summary: str
    order: int
    minutes: int  # to read and do the exercises
    parts: tuple[Part, ...]
    source: str  # the raw Markdown, for the content tests

    @property
    def exercises(self) -> list[Exercise]:
        return [part.exercise for part in self.parts if part.exercise is not None]

    def exercise(self, key: str) -> Exercise | None:
        return next((e for e in self.exercises if e.key == key), None)


def parse(slug: str, text: str) -> Module:
    match = _FRONT.match(text.replace("\r\n", "\n"))
    if match is None:
        raise ContentError(f"{slug}: the file must start with a --- front matter --- block")
    meta = yaml.safe_load(match["meta"]) or {}
    for field in ("title", "summary", "order"):
        if field not in meta:
            raise ContentError(f"{slug}: front matter lacks {field!r}")
    body = _TOKEN.sub(lambda m: _number(slug, m[1]), match["body"])
    parts: list[Part] = []
    position = 0
    for found in _EXERCISE.finditer(body):
        before = body[position : found.start()].strip()
        if before:
            parts.append(Part(html=render_markdown(before)))
        inner = _TITLE.match(found["inner"].strip() + "\n")
        if inner is None:
            raise ContentError(f"{slug}: exercise {found['key']!r} must start with a '### title' line")
        parts.append(
            Part(
                exercise=Exercise(
                    key=found["key"],
                    title=inner["title"].strip(),
                    prompt_html=render_markdown(inner["prompt"].strip()),
                )
            )
        )
        position = found.end()
    rest = body[position:].strip()
    if rest:
        parts.append(Part(html=render_markdown(rest)))
    keys = [part.exercise.key for part in parts if part.exercise]
    if len(keys) != len(set(keys)):
        raise ContentError(f"{slug}: two exercises share a key")
    return Module(
        slug=slug,
        title=str(meta["title"]),
        summary=str(meta["summary"]),
        order=int(meta["order"]),
        # Reading, plus a couple of minutes for each exercise.
        minutes=reading_minutes(body) + 2 * len(keys),
        parts=tuple(parts),
        source=text,
    )


def _number(slug: str, token: str) -> str:
    contact = NUMBERS.get(token)
    if contact is None:
        raise ContentError(f"{slug}: unknown help number {{{token}}}; use one of {sorted(NUMBERS)}")
    return f"[{contact.number}]({contact.tel})"


def _path(slug: str, language: str) -> Path:
    return CONTENT_DIR / f"{slug}.{language}.md"


def _language(language: str | None) -> str:
    return (language or DEFAULT_LANGUAGE).split("-")[0].lower()


@cache
def _load(slug: str, language: str) -> Module:
    path = _path(slug, language)
    if not path.exists():
        path = _path(slug, DEFAULT_LANGUAGE)
    return parse(slug, path.read_text(encoding="utf-8"))


@cache
def slugs() -> tuple[str, ...]:
    """Every module's slug, in the order the modules are meant to be read."""
    found = [
        path.name.removesuffix(f".{DEFAULT_LANGUAGE}.md")
        for path in CONTENT_DIR.glob(f"*.{DEFAULT_LANGUAGE}.md")
        if not path.name.startswith("_")
    ]
    return tuple(sorted(found, key=lambda slug: (_load(slug, DEFAULT_LANGUAGE).order, slug)))


def get(slug: str, language: str | None = None) -> Module | None:
    if slug not in slugs():
        return None
    return _load(slug, _language(language))


def all_modules(language: str | None = None) -> list[Module]:
    return [_load(slug, _language(language)) for slug in slugs()]


def guide(name: str = CRAVING_GUIDE, language: str | None = None) -> Module:
    """A shared text that is not a module of its own (the craving exercise page)."""
    return _load(name, _language(language))
