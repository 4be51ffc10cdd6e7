"""Clear words for acute danger to life in what someone writes to us, so that such a message never waits
quietly in a list.

Pure and small on purpose. A hit makes a contact enquiry urgent exactly as a "Ja" to "Haster det?" does: the
person is shown 113 and 116 117 at once, and staff see the enquiry first. A hit never makes anything less
urgent, and no hit never means "safe": the form still asks.

On the list (any letter case, any spacing; `PHRASES` below is the whole list):
- suicide: "ta livet mitt / sitt / av meg / av seg" (but not "ta livet mitt tilbake", which people in
  recovery write), "ta mitt / sitt eget liv", "selvmord…" and nynorsk "sjølmord…" (so also
  "selvmordstanker", "selvmordsforsøk"), "suicid…", "vil ikke leve" / "vil ikkje leve" (but not
  "vil ikke leve et liv …"), "orker ikke (å) leve", "avslutte livet", "ende livet"; in English "kill
  myself", "end my life", "want to die";
- overdose: "overdose…" (also "overdosen", "overdoser", "overdosert").

Left out on purpose:
- Negation is not parsed: "jeg har aldri tenkt på selvmord" is a hit, and so is "broren min døde av en
  overdose". A coordinator who reads one message early too many loses a minute; a missed one can cost a life.
  Likewise "jeg vil ikke leve sånn lenger" is a hit: it is exactly what a clinician would ask about.
- Withdrawal signs ("kramper", "skjelving") and drug names belong to the triage rules (forlop/lib/triage.py);
  they are not an emergency by themselves.
- Everyday words near the phrases ("livet mitt", "leve uten rus", "ta tilbake livet mitt", "dose") are not
  hits; tests/test_danger_words.py holds examples of both.
"""

import re

# One pattern per phrase family; comments say what each is for. Word boundaries keep "tatt livet mitt fra
# meg" and "vil leve" out.
PHRASES: tuple[str, ...] = (
    # "ta livet mitt", "ta livet av seg" …, not "ta livet mitt tilbake"
    r"\bta\s+livet\s+(?:mitt|sitt|av\s+meg|av\s+seg)\b(?!\s+tilbake)",
    r"\bta\s+(?:mitt|sitt)\s+eget\s+liv\b",
    r"\b(?:selvmord|sjølmord|suicid)\w*",
    r"\bvil\s+ikkj?e\s+leve\b(?!\s+et\s+liv)",
    r"\borker\s+ikkj?e\s+(?:å\s+)?leve\b",
    r"\b(?:avslutte|ende)\s+livet\b",
    r"\boverdos\w*",
    r"\bkill\s+myself\b",
    r"\bend\s+my\s+life\b",
    r"\bwant\s+to\s+die\b",
)
_PATTERN = re.compile("|".join(f"(?:{phrase})" for phrase in PHRASES), re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def danger_words(text: str) -> tuple[str, ...]:
    """The danger phrases found in `text`, lower-case, each once, in the order they first appear."""
    found: dict[str, None] = {}
    for match in _PATTERN.finditer(_SPACES.sub(" ", text or "")):
        found.setdefault(match.group(0).casefold(), None)
    return tuple(found)


def mentions_acute_danger(text: str) -> bool:
    return bool(danger_words(text))
