"""A small, strict parser for the relatives' course texts and the children material (pure: no ORM, no clock).

Why files and not gettext: a lesson is several hundred words of careful prose that a clinician should be able
to read and review as one text, in one file, with its exercises beside it. Split into gettext strings it
could only be reviewed sentence by sentence. A translation is therefore a sibling file
(`3-positiv-kommunikasjon.en.md` next to `…nb.md`); a language without its own file falls back to bokmål.

The format (see forlop/relatives/content/README.md), line by line:

    title: Sikkerhet først          header lines `key: value` up to the first blank line
    minutes: 7                       (title and minutes required; summary optional)
    summary: One sentence.

    ## A heading                     a section heading
    A paragraph, which may run       consecutive lines join into one paragraph
    over several lines.
    - a list item                    consecutive `- ` lines make one list
    ?? key: A question to answer.    a reflection exercise; `key` is what the answer is stored under
    [[EMERGENCY]]                    anywhere in text: a help number from forlop/lib/crisis.py, by name

No HTML and no inline markup: the template escapes every piece of text, so a content file can never inject
markup. Crisis numbers are never written in the files: `[[KEY]]` names a contact, and the caller passes the
mapping from keys to contacts (`forlop.relatives.craft.content.CONTACTS`), so the numbers live in one place.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TOKEN = re.compile(r"\[\[([A-Z_]+)\]\]")
EXERCISE = re.compile(r"^\?\?\s+([a-z][a-z0-9-]{0,39}):\s*(.+)$")
FILE_NAME = re.compile(r"^(\d{1,2})-([a-z0-9-]+)\.([a-z]{2})\.md$")
HEADER_KEYS = frozenset({"title", "minutes", "summary"})


class ContentError(ValueError):
    """A content file that does not follow the format; the message names the file and line."""


@dataclass(frozen=True)
class Segment:
    """A run of plain text, or a help contact (`contact` is whatever the caller's mapping holds)."""

    text: str = ""
    contact: Any = None


type Line = tuple[Segment, ...]


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "paragraph" | "list" | "exercise"
    lines: tuple[Line, ...]  # one line, except for a list (one per item)
    key: str = ""  # an exercise's key

    @property
    def line(self) -> Line:
        return self.lines[0]


@dataclass(frozen=True)
class Text:
    number: int
    slug: str
    language: str
    title: str
    minutes: int
    summary: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def exercises(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == "exercise")

    def plain(self) -> str:
        """All the text, contacts as their keys' text left out: for tests and search."""
        return "\n".join(
            "".join(segment.text for segment in line) for block in self.blocks for line in block.lines
        )


def split_name(name: str) -> tuple[int, str, str]:
    """`"3-positiv-kommunikasjon.nb.md"` → `(3, "positiv-kommunikasjon", "nb")`."""
    match = FILE_NAME.match(name)
    if match is None:
        raise ContentError(f"{name}: the name must look like 3-some-slug.nb.md")
    return int(match[1]), match[2], match[3]


def segments(text: str, contacts: Mapping[str, Any], *, where: str) -> Line:
    result: list[Segment] = []
    position = 0
    for match in TOKEN.finditer(text):
        if match.start() > position:
            result.append(Segment(text=text[position : match.start()]))
        if match[1] not in contacts:
            raise ContentError(f"{where}: unknown contact [[{match[1]}]]")
        result.append(Segment(contact=contacts[match[1]]))
        position = match.end()
    if position < len(text):
        result.append(Segment(text=text[position:]))
    if any("[[" in segment.text or "]]" in segment.text for segment in result):
        raise ContentError(f"{where}: a contact is written [[KEY]] in capitals, e.g. [[EMERGENCY]]")
    return tuple(result)


def parse(source: str, *, name: str, contacts: Mapping[str, Any]) -> Text:
    """Parse one file's text. `name` is the file name (number, slug and language come from it)."""
    number, slug, language = split_name(name)
    lines = source.replace("\r\n", "\n").split("\n")
    header: dict[str, str] = {}
    index = 0
    while index < len(lines) and lines[index].strip():
        key, sep, value = lines[index].partition(":")
        if not sep or key.strip() not in HEADER_KEYS or not value.strip():
            raise ContentError(f"{name}:{index + 1}: expected a header line (title:, minutes:, summary:)")
        header[key.strip()] = value.strip()
        index += 1
    if "title" not in header or "minutes" not in header:
        raise ContentError(f"{name}: the header needs title: and minutes:")
    if not header["minutes"].isdigit():
        raise ContentError(f"{name}: minutes: must be a whole number")

    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[Line] = []
    keys: set[str] = set()

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", (segments(" ".join(paragraph), contacts, where=name),)))
            paragraph.clear()
        if items:
            blocks.append(Block("list", tuple(items)))
            items.clear()

    for number_in_file, raw in enumerate(lines[index:], start=index + 1):
        line = raw.strip()
        where = f"{name}:{number_in_file}"
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("heading", (segments(line[3:].strip(), contacts, where=where),)))
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append(segments(line[2:].strip(), contacts, where=where))
        elif line.startswith("??"):
            flush()
            match = EXERCISE.match(line)
            if match is None:
                raise ContentError(f"{where}: an exercise is `?? key: question`")
            if match[1] in keys:
                raise ContentError(f"{where}: exercise key {match[1]!r} used twice")
            keys.add(match[1])
            blocks.append(Block("exercise", (segments(match[2], contacts, where=where),), key=match[1]))
        elif line.startswith(("#", "<", "* ")):
            raise ContentError(f"{where}: only `## ` headings, `- ` lists and plain text are allowed")
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    if not blocks:
        raise ContentError(f"{name}: no text")
    return Text(
        number=number,
        slug=slug,
        language=language,
        title=header["title"],
        minutes=int(header["minutes"]),
        summary=header.get("summary", ""),
        blocks=tuple(blocks),
    )
