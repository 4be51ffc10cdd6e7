"""What a re-shown HTML form holds, read the way a browser would: each field's value as it would be sent."""

from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None

    def _add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        name = attr.get("name", "")
        if tag == "input" and name:
            kind = attr.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attr:
                    self._add(name, attr.get("value", "on"))
            elif kind not in {"submit", "button", "hidden"}:
                self._add(name, attr.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attr:
            self._add(self._select, attr.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            values = self.values[self._textarea]
            values[-1] += data


def shown_values(html: str) -> dict[str, list[str]]:
    """Field name → the values the page's forms would send back (ticked boxes only, textarea text)."""
    reader = _FormReader()
    reader.feed(html)
    return reader.values


def lost_fields(html: str, sent: Mapping[str, Any]) -> list[str]:
    """The names of the fields in `sent` whose value the page does not hold any more (empty: nothing lost).
    A textarea's leading newline is dropped by browsers, as here."""
    shown = shown_values(html)
    lost = []
    for name, value in sent.items():
        wanted = value if isinstance(value, list) else [value]
        have = [text.removeprefix("\n") for text in shown.get(name, [])]
        if any(item not in have for item in wanted):
            lost.append(name)
    return lost
