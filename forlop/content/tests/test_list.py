import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from forlop.content.models import Article

URL = reverse("content:list")


def titles(response) -> list[str]:
    return [article.title for article in response.context["page"].object_list]


@pytest.mark.django_db
def test_it_lists_published_articles_newest_first(client, make_article):
    old = make_article(title="Eldre artikkel", days_ago=10)
    new = make_article(title="Nyere artikkel", days_ago=1)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == [new.title, old.title]
    html = response.content.decode()
    assert 'role="search"' in html
    assert "Søk i artiklene" in html
    assert "2 artikler" in html


@pytest.mark.django_db
def test_it_hides_unpublished_articles(client, make_article):
    make_article(title="Synlig")
    make_article(title="Utkastet", status=Article.Status.DRAFT)
    make_article(title="Fremtidig", published_at=timezone.now() + timedelta(minutes=5))
    html = client.get(URL).content.decode()
    assert "Synlig" in html
    assert "Utkastet" not in html
    assert "Fremtidig" not in html
    assert "1 artikkel" in html


@pytest.mark.django_db
def test_it_filters_by_category_with_links_that_work_without_javascript(client, make_article, other_category):
    make_article(title="Om avrusning")
    make_article(title="For pårørende", category=other_category)
    response = client.get(URL, {"kategori": "parorende"})
    assert titles(response) == ["For pårørende"]
    html = response.content.decode()
    assert '<a href="/artikler/?kategori=parorende" aria-current="true">Pårørende</a>' in html
    assert '<a href="/artikler/?kategori=avrusning">Avrusning</a>' in html
    assert '<a href="/artikler/">Alle</a>' in html
    assert "1 artikkel i «Pårørende»" in html


@pytest.mark.django_db
def test_it_shows_everything_for_an_unknown_category(client, make_article):
    make_article(title="Om avrusning")
    response = client.get(URL, {"kategori": "finnes-ikke"})
    assert response.status_code == 200
    assert titles(response) == ["Om avrusning"]


@pytest.mark.django_db
def test_it_only_offers_categories_that_have_published_articles(client, make_article, other_category):
    make_article(title="Om avrusning")
    make_article(title="Utkast", category=other_category, status=Article.Status.DRAFT)
    html = client.get(URL).content.decode()
    assert "kategori=avrusning" in html
    assert "kategori=parorende" not in html


@pytest.mark.django_db
def test_it_searches_and_announces_the_count(client, make_article):
    make_article(title="Rusbehandlingen steg for steg")
    make_article(title="Hva skjer i rusbehandling?")
    make_article(title="Søvn")
    response = client.get(URL, {"q": "  rusbehandling  "})
    assert len(titles(response)) == 2
    html = response.content.decode()
    assert (
        '<p id="article-status" class="result-count" role="status" aria-live="polite">2 artikler om «rusbehandling»</p>'
        in html
    )
    assert 'value="rusbehandling"' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.django_db
def test_it_searches_within_a_category(client, make_article, other_category):
    make_article(title="Alkohol og avrusning")
    make_article(title="Alkohol i familien", category=other_category)
    response = client.get(URL, {"q": "alkohol", "kategori": "parorende"})
    assert titles(response) == ["Alkohol i familien"]
    html = response.content.decode()
    assert "1 artikkel om «alkohol» i «Pårørende»" in html
    assert '<input type="hidden" name="kategori" value="parorende">' in html
    # Switching category keeps the search.
    assert 'href="/artikler/?q=alkohol&amp;kategori=avrusning"' in html


@pytest.mark.django_db
def test_it_suggests_what_to_do_when_nothing_matches(client, make_article):
    make_article(title="Om avrusning")
    html = client.get(URL, {"q": "kvantefysikk"}).content.decode()
    assert "0 artikler om «kvantefysikk»" in html
    assert "Vi fant ingen artikler om «kvantefysikk»" in html
    assert "Sjekk at ordene er stavet riktig." in html
    assert reverse("contact:form") in html


@pytest.mark.django_db
def test_it_explains_when_there_are_no_articles_yet(client):
    html = client.get(URL).content.decode()
    assert "Ingen artikler her ennå" in html
    assert reverse("matching:match") in html


@pytest.mark.django_db
def test_it_escapes_the_query_it_shows(client, make_article):
    html = client.get(URL, {"q": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "-", "((", "\x00", "a" * 1000])
def test_hostile_searches_get_a_normal_page(client, make_article, query):
    make_article()
    assert client.get(URL, {"q": query}).status_code == 200


@pytest.mark.django_db
def test_it_pages_ten_at_a_time_in_norwegian(client, make_article):
    for n in range(23):
        make_article(title=f"Artikkel {n:02}", days_ago=n + 1)
    first = client.get(URL)
    assert titles(first) == [f"Artikkel {n:02}" for n in range(10)]
    html = first.content.decode()
    assert "Side 1 av 3" in html
    assert 'href="/artikler/?side=2" rel="next">Neste' in html
    assert "Forrige" not in html

    last = client.get(URL, {"side": "3"})
    assert titles(last) == ["Artikkel 20", "Artikkel 21", "Artikkel 22"]
    html = last.content.decode()
    assert "Side 3 av 3" in html
    assert 'href="/artikler/?side=2" rel="prev">Forrige' in html
    assert ">Neste<" not in html


@pytest.mark.django_db
def test_paging_keeps_the_search_and_category(client, make_article):
    for n in range(12):
        make_article(title=f"Alkohol {n}")
    html = client.get(URL, {"q": "alkohol", "kategori": "avrusning"}).content.decode()
    assert 'href="/artikler/?q=alkohol&amp;kategori=avrusning&amp;side=2"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("side", "shown"), [("0", 3), ("-1", 3), ("abc", 1), ("99", 3), ("", 1), ("2.5", 1)])
def test_bad_page_numbers_give_the_first_or_last_page(client, make_article, side, shown):
    for n in range(25):
        make_article(days_ago=n + 1)
    response = client.get(URL, {"side": side})
    assert response.status_code == 200
    assert response.context["page"].number == shown


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_it_uses_a_fixed_number_of_queries(
    client, make_article, category, other_category, django_assert_max_num_queries, count
):
    for n in range(count):
        make_article(category=other_category if n % 2 else category, title=f"Alkohol {n}")
    # +1: the page cache's content-version check (forlop.content.pagecache).
    with django_assert_max_num_queries(4):
        client.get(URL)
    with django_assert_max_num_queries(4):
        client.get(URL, {"q": "alkohol", "kategori": "parorende", "side": "2"})


@pytest.mark.django_db
def test_it_links_the_atom_feed_and_enhances_search_with_htmx(client, settings):
    html = client.get(URL).content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Forløp – nye artikler" '
        f'href="{settings.SITE_URL}/artikler/feed/">' in html
    )
    assert 'data-hx-get="/artikler/"' in html
    assert 'data-hx-select="#article-results"' in html
    assert "hx-on" not in html


@pytest.mark.django_db
def test_an_anonymous_reader_gets_no_cookie(client, make_article):
    make_article()
    assert client.get(URL, {"q": "behandling"}).cookies == {}


def search_notes(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", "", note).split())
        for note in re.findall(r'<p class="search-note">(.*?)</p>', html)
    ]


@pytest.mark.django_db
def test_an_english_search_for_detox_lists_the_norwegian_detox_articles_and_says_why(client, make_article):
    make_article(title="Avrusning hjemme", body="Trygg avrusning med lege.")
    make_article(title="Søvn", body="Om å sove bedre.")
    html = client.get("/en" + URL, {"q": "detox at home"}).content.decode()
    assert "Avrusning hjemme" in html and "Søvn" not in html
    [note] = search_notes(html)
    assert "avrusning, hjemme, hjem" in note


@pytest.mark.django_db
def test_an_english_search_that_finds_nothing_says_the_articles_are_norwegian(client, make_article):
    make_article(title="Avrusning hjemme", body="Trygg avrusning med lege.")
    advice = "Artiklene er skrevet på norsk. Prøv et norsk ord, for eksempel «avrusning», «alkohol» eller «pårørende»."
    html = client.get("/en" + URL, {"q": "xylophone"}).content.decode()
    with translation.override("en"):
        assert gettext(advice) in html
    html = client.get(URL, {"q": "xylofon"}).content.decode()
    assert advice not in html


@pytest.mark.django_db
def test_a_search_with_one_typo_still_leads_to_the_articles(client, make_article):
    make_article(title="Avrusning hjemme", body="Trygg avrusning med lege.")
    html = client.get(URL, {"q": "avrusing"}).content.decode()
    if connection.vendor == "postgresql":  # trigram similarity: the closest word is searched at once
        assert "Avrusning hjemme" in html
        assert search_notes(html) == ["Ingen artikler inneholder «avrusing». Viser treff for «avrusning»."]
    else:  # SQLite: the article word one typo away, offered as a link
        assert search_notes(html) == ["Mente du avrusning?"]
        assert 'Mente du <a href="/artikler/?q=avrusning">avrusning</a>?' in html
        assert "Avrusning hjemme" in client.get("/artikler/?q=avrusning").content.decode()


@pytest.mark.django_db
def test_a_search_that_finds_something_suggests_nothing(client, make_article):
    make_article(title="Avrusning hjemme", body="Trygg avrusning med lege.")
    html = client.get(URL, {"q": "avrusning"}).content.decode()
    assert search_notes(html) == []
