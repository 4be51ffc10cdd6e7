from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.content.rendering import ALLOWED_TAGS, URL_SCHEMES, reading_minutes, render_markdown


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_in(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    '<p onclick="alert(1)">klikk</p>',
    "[klikk](javascript:alert(1))",
    "[klikk](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">klikk</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">klikk</a>',
    "<iframe src=https://evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg><script>alert(1)</script></svg>",
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=x></form>',
]


@pytest.mark.parametrize("body", HOSTILE)
def test_it_removes_anything_that_could_run_script(body):
    html = render_markdown(f"Vanlig tekst.\n\n{body}\n\nMer tekst.")
    lowered = html.lower()
    assert "<script" not in lowered
    assert "alert(1)</script" not in lowered
    for tag, attrs in tags_in(html):
        assert tag in ALLOWED_TAGS | {"div"}, tag
        assert not any(name.startswith("on") for name in attrs), attrs
        assert "style" not in attrs
        href = attrs.get("href") or ""
        assert not href.lower().startswith(("javascript:", "data:")), href
    assert "Vanlig tekst." in html and "Mer tekst." in html


def test_it_drops_script_content_but_keeps_the_link_text():
    html = render_markdown("[Les mer](javascript:alert(1)) <script>stjel()</script>")
    assert "Les mer" in html
    assert "stjel" not in html
    assert "javascript" not in html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("## Avrusning", "<h2>Avrusning</h2>"),
        ("# Tittel i teksten", "<h2>Tittel i teksten</h2>"),  # the page's title is the only h1
        ("*viktig*", "<em>viktig</em>"),
        ("**svært viktig**", "<strong>svært viktig</strong>"),
        ("- en\n- to", "<ul>\n<li>en</li>\n<li>to</li>\n</ul>"),
        ("1. først\n2. så", "<ol>\n<li>først</li>\n<li>så</li>\n</ol>"),
        ("> Et sitat", "<blockquote>\n<p>Et sitat</p>\n</blockquote>"),
        ("Bruk `kode` her", "<code>kode</code>"),
        ("[Hjelpetelefon](tel:+4711611)", '<a href="tel:+4711611">Hjelpetelefon</a>'),
        ("[Les mer](/artikler/avrusning/)", '<a href="/artikler/avrusning/">Les mer</a>'),
        (
            "[Helsenorge](https://www.helsenorge.no/rus)",
            '<a href="https://www.helsenorge.no/rus" rel="noopener">Helsenorge</a>',
        ),
        ("[Ekstern](//example.org/)", '<a href="//example.org/" rel="noopener">Ekstern</a>'),
    ],
)
def test_it_renders_the_markdown_authors_use(markdown, expected):
    assert expected in render_markdown(markdown)


def test_it_renders_tables_in_a_scrollable_box_without_inline_styles():
    html = render_markdown("| Uke | Dose |\n|:--|--:|\n| 1 | 10 mg |")
    assert '<div class="table-scroll" tabindex="0"><table class="data">' in html
    assert "<th>Uke</th>" in html and "<td>10 mg</td>" in html
    assert "style=" not in html
    assert html.count("<div") == html.count("</div>")


def test_it_adds_noopener_once_even_with_other_attributes():
    html = render_markdown('<a title="Mer &gt; info" href="https://example.org/?a=1&b=2">lenke</a>')
    assert html.count('rel="noopener"') == 1
    assert 'href="https://example.org/?a=1&amp;b=2"' in html


def test_it_ignores_a_rel_the_author_wrote():
    html = render_markdown('<a href="/kontakt/" rel="opener">kontakt</a>')
    assert "rel=" not in html


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (1, 1), (200, 1), (201, 2), (400, 2), (1000, 5), (1001, 6)],
)
def test_it_estimates_reading_time_at_200_words_a_minute(words, minutes):
    assert reading_minutes(" ".join(["ord"] * words)) == minutes


def test_it_counts_norwegian_words_not_markdown_symbols():
    assert reading_minutes("## Søvn\n\n- **Pårørende** får *hjelp* – også i helgene.") == 1
    from forlop.content.rendering import word_count

    assert word_count("## Søvn\n\n- **Pårørende** får *hjelp* – også i 12-trinns helgene.") == 8


@given(st.text(max_size=300))
def test_no_input_produces_an_event_handler_or_script_url(text):
    html = render_markdown(text)
    for tag, attrs in tags_in(html):
        assert tag in ALLOWED_TAGS | {"div"}
        assert not any(name.startswith("on") for name in attrs)
        href = attrs.get("href")
        if href and ":" in href.split("/")[0]:
            assert href.split(":")[0].lower() in URL_SCHEMES


@given(
    st.lists(
        st.sampled_from(
            [
                "<script>",
                "</script>",
                "<a href='javascript:x'>",
                "[a](",
                ")",
                "onerror=",
                '"',
                "<img ",
                ">",
                "text ",
            ]
        ),
        max_size=30,
    )
)
def test_fragments_of_attacks_never_combine_into_one(parts):
    html = render_markdown("".join(parts))
    assert "<script" not in html.lower()
    assert all(not any(n.startswith("on") for n in attrs) for _, attrs in tags_in(html))
