"""On the English site, text that exists only in Norwegian is marked lang="nb" and introduced by a short note.

Articles, therapists' own presentations, consultation type names and the email course's lessons are written
in Norwegian. A screen reader reading /en/ pages in an English voice would mangle them; with lang="nb" it
switches voice, and the note tells every reader why the text is not English. Norwegian pages are unchanged.
"""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from forlop.booking.models import ConsultationType
from forlop.content.models import Article, Category
from forlop.course.models import Lesson
from forlop.therapists.testing import make_therapist

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Languages(HTMLParser):
    """The language of each piece of text: the `lang` of its nearest element that has one."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str, str]] = []  # (text, language, innermost tag's class)
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in VOID:
            self.stack.append((tag, attributes.get("lang")))
            self.classes.append(attributes.get("class") or "")

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            self.classes.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not any(tag == "title" for tag, _ in self.stack):  # the tab's title cannot carry a lang
            language = next((lang for _, lang in reversed(self.stack) if lang), "")
            self.texts.append((text, language, self.classes[-1] if self.classes else ""))


def languages(html: str) -> list[tuple[str, str, str]]:
    parser = _Languages()
    parser.feed(html)
    return parser.texts


def language_of(html: str, text: str) -> set[str]:
    found = {lang for piece, lang, _ in languages(html) if text in piece}
    assert found, f"{text!r} is not on the page"
    return found


def notes(html: str) -> list[str]:
    return [piece for piece, _, css in languages(html) if "language-note" in css.split()]


@pytest.fixture
def article(db) -> Article:
    category = Category.objects.create(name="Avrusning", slug="avrusning", position=1)
    return Article.objects.create(
        title="Avrusning hjemme med lege",
        slug="avrusning-hjemme",
        summary="Slik foregår en trygg nedtrapping.",
        body="Abstinensene topper seg etter to døgn.",
        category=category,
        author="Kari Nordmann",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(minutes=1),
    )


@pytest.fixture
def therapist(db):
    therapist = make_therapist(
        name="Ingrid Solberg",
        slug="ingrid-solberg",
        bio_short="Jeg har jobbet med rus i tjue år.",
        bio_long="Jeg møter deg der du er.\n\nPårørende er også velkomne.",
    )
    for ctype in ConsultationType.objects.filter(doctors_only=False):
        ctype.therapists.add(therapist)
    return therapist


def test_an_english_article_page_marks_the_norwegian_text_and_says_so(client, article):
    html = client.get("/en/artikler/avrusning-hjemme/").content.decode()
    for text in [
        "Avrusning hjemme med lege",
        "Slik foregår en trygg nedtrapping.",
        "Abstinensene topper seg",
    ]:
        assert language_of(html, text) == {"nb"}, text
    assert language_of(html, "Published") == {"en"}  # the page's own words stay English
    assert len(notes(html)) == 1


def test_english_article_lists_search_and_home_mark_titles_and_summaries(client, article):
    for url in ["/en/", "/en/artikler/", "/en/artikler/?q=avrusning"]:
        html = client.get(url).content.decode()
        assert language_of(html, "Avrusning hjemme med lege") == {"nb"}, url
        assert language_of(html, "Slik foregår en trygg nedtrapping.") == {"nb"}, url
        assert len(notes(html)) == 1, url


def test_english_therapist_pages_mark_the_presentation(client, therapist):
    html = client.get("/en/terapeuter/ingrid-solberg/").content.decode()
    assert language_of(html, "Jeg har jobbet med rus i tjue år.") == {"nb"}
    assert language_of(html, "Pårørende er også velkomne.") == {"nb"}
    assert language_of(html, "Ingrid Solberg") <= {"en", "nb"}
    assert len(notes(html)) == 1
    html = client.get("/en/terapeuter/").content.decode()
    assert language_of(html, "Jeg har jobbet med rus i tjue år.") == {"nb"}
    assert len(notes(html)) == 1


def test_english_booking_marks_the_consultation_type_names(client, therapist):
    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    html = client.get("/en/bestill/ingrid-solberg/").content.decode()
    assert language_of(html, first_talk.name) == {"nb"}
    if first_talk.description:
        assert language_of(html, first_talk.description) == {"nb"}
    assert len(notes(html)) == 1
    html = client.get("/en/bestill/ingrid-solberg/?type=forstesamtale").content.decode()
    assert language_of(html, first_talk.name) == {"nb"}


def test_the_english_course_page_marks_the_lesson_titles(client):
    lesson = Lesson.objects.order_by("number").first()
    html = client.get("/en/kurs/5-tegn/").content.decode()
    assert language_of(html, lesson.title) == {"nb"}
    assert len(notes(html)) == 1


def test_norwegian_pages_need_no_marks_or_notes(client, article, therapist):
    for url in [
        "/",
        "/artikler/",
        "/artikler/avrusning-hjemme/",
        "/terapeuter/ingrid-solberg/",
        "/kurs/5-tegn/",
    ]:
        html = client.get(url).content.decode()
        assert 'lang="nb"' not in html.replace('<html lang="nb"', ""), url
        assert notes(html) == [], url
