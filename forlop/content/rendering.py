"""Article bodies: Markdown to safe HTML, and reading time. Pure functions, no Django.

Authors write Markdown and may paste raw HTML; everything passes through nh3 (an allow-list sanitiser) after
Markdown, so the output never carries script, event handlers, styles (CSP forbids inline styles anyway) or
`javascript:` links, whatever the body contains.
"""

import math
import re

import markdown
import nh3

WORDS_PER_MINUTE = 200  # a calm reading pace for Norwegian prose

ALLOWED_TAGS = frozenset(
    {
        "h2", "h3", "h4", "h5", "h6",
        "p", "br", "hr",
        "ul", "ol", "li",
        "em", "strong", "abbr", "sub", "sup", "del",
        "a",
        "blockquote",
        "code", "pre",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"lang"},  # replaces nh3's default generic attributes (lang, title)
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# nh3's serialiser escapes quotes (and >) inside attribute values, so a tag ends at the first ">" and an
# attribute value at the first '"'.
_ANCHOR = re.compile(r"<a\b([^>]*)>")
_HREF = re.compile(r'\shref="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def render_markdown(text: str) -> str:
    """Markdown (with raw HTML) → sanitised HTML, safe to mark as safe in a template."""
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        # The page title is the only h1: a "# heading" in the body becomes an h2 so headings stay in order.
        re.sub(r"<(/?)h1\b", r"<\1h2", html),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    clean = _ANCHOR.sub(_mark_external_link, clean)
    # Wide tables scroll inside their own box instead of widening the page at 320 px; keyboard users can
    # focus the box to scroll it.
    return clean.replace("<table>", '<div class="table-scroll" tabindex="0"><table class="data">').replace(
        "</table>", "</table></div>"
    )


def _mark_external_link(match: re.Match[str]) -> str:
    attributes = match.group(1)
    href = _HREF.search(attributes)
    if href is None or not _EXTERNAL.match(href.group(1)):
        return match.group(0)
    return f'<a{attributes} rel="noopener">'


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def reading_minutes(text: str) -> int:
    """Whole minutes to read `text` (Markdown source is close enough), never less than one."""
    return max(1, math.ceil(word_count(text) / WORDS_PER_MINUTE))
