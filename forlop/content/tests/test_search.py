import re
from datetime import timedelta

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forlop.content import search
from forlop.content.fts import repair_sqlite_index
from forlop.content.models import Article

HOSTILE_QUERIES = [
    '"',
    '""',
    'rus"behandling',
    "*",
    "rus*",
    "NEAR",
    "NEAR(rus behandling)",
    "rus NEAR/2 alkohol",
    "-",
    "-alkohol",
    "alkohol -",
    "(",
    "((rus",
    "rus)",
    "AND",
    "OR NOT AND",
    "title:rus",
    "search_document:rus",
    "^rus",
    "{rus behandling}",
    "'; DROP TABLE content_article; --",
    "\x00",
    "rus\x00behandling",
    "    ",
    "😀 🍺",
    "a" * 5000,
    "ord " * 500,
    "æøå ÆØÅ",
    "&&||!!<>~",
]


# --- The pure part -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "other_form"),
    [
        ("rusbehandling", "Rusbehandlingen"),
        ("avrusning", "avrusningen"),
        ("pårørende", "pårørendes"),
        ("alkohol", "alkoholen"),
        ("behandlinger", "behandling"),
    ],
)
def test_it_gives_norwegian_word_forms_the_same_stem(word, other_form):
    assert search.stem(search.tokens(word)) == search.stem(search.tokens(other_form))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Rusbehandlingen", '"rusbehandling"'),
        ("hva er avrusning?", '"avrusning"'),
        ('"rus" AND (alkohol*', '"rus" "and" "alkohol"'),
        ("NEAR(rus behandling)", '"near" "rus" "behandling"'),
        ("og i det", ""),
        ("", ""),
        ("rus rus Rus", '"rus"'),
    ],
)
def test_it_turns_any_query_into_quoted_stems(query, expected):
    assert search.fts5_match(query) == expected


WORD = r'"[^\W_]+"'
GROUP = rf"(?:{WORD}|\({WORD}(?: OR {WORD})+\))"


@given(st.text(max_size=400) | st.lists(st.sampled_from([*search.SYNONYMS, "hjemme", "og"])).map(" ".join))
def test_the_fts5_expression_is_only_quoted_words(query):
    match = search.fts5_match(query)
    assert re.fullmatch(rf"(?:{WORD}(?: {WORD})*|{GROUP}(?: AND {GROUP})*)?", match)
    groups = max(len(group) for group in search.SYNONYMS.values()) + 1
    assert match.count('"') <= 2 * groups * search.MAX_QUERY_TERMS


def test_english_topic_words_also_search_for_the_norwegian_words():
    assert search.fts5_match("detox") == '("detox" OR "avrusning")'
    assert (
        search.fts5_match("Alcohol withdrawal")
        == '("alcohol" OR "alkohol") AND ("withdrawal" OR "abstin" OR "abstinens")'
    )
    assert search.translations("alcohol detox at home", english=True) == [
        "alkohol",
        "avrusning",
        "hjemme",
        "hjem",
    ]
    # English filler words are dropped on English pages only: "to" and "at" are Norwegian words too.
    assert search.query_terms("how to detox at home", english=True) == ["detox", "home"]
    assert search.query_terms("how to detox at home") == ["how", "to", "detox", "home"]


@pytest.mark.parametrize(
    ("typed", "word", "one_typo"),
    [
        ("avrusing", "avrusning", True),  # a letter missing
        ("avrussning", "avrusning", True),  # one too many
        ("avrisning", "avrusning", True),  # one wrong
        ("avrsuning", "avrusning", True),  # two swapped
        ("avrusning", "avrusning", False),  # no typo
        ("avrsnng", "avrusning", False),  # two letters missing
        ("arvsuning", "avrusning", False),  # two swaps
    ],
)
def test_it_recognises_one_typo(typed, word, one_typo):
    assert search.within_one_typo(typed, word) is one_typo
    assert search.within_one_typo(word, typed) is one_typo


def test_it_suggests_the_most_common_article_word_one_typo_away():
    vocabulary = {"avrusning": 12, "avrusningen": 3, "hjemme": 4, "rusing": 1}
    assert search.suggest_query("avrusing", vocabulary) == "avrusning"
    assert search.suggest_query("avrusing hjemme", vocabulary) == "avrusning hjemme"
    assert search.suggest_query("avrusningen", vocabulary) == ""  # a known word form, not a typo
    assert search.suggest_query("zzzzzz", vocabulary) == ""
    assert search.suggest_query("rus", {"ris": 9}) == ""  # short words are too often other real words


def test_the_search_document_boosts_title_and_summary():
    document = search.search_document(title="Avrusning", summary="Trygg nedtrapping", body="Om søvn")
    assert document.split().count("avrusning") == search.TITLE_WEIGHT
    assert document.split().count("nedtrapping") == search.SUMMARY_WEIGHT
    assert document.split().count("søvn") == 1


# --- Against the database (SQLite here; the same tests run on PostgreSQL) --------------------------------------


@pytest.mark.django_db
def test_it_finds_rusbehandlingen_when_searching_rusbehandling(make_article):
    article = make_article(title="Om behandling", body="Rusbehandlingen starter med en samtale.")
    make_article(title="Søvn", body="Om å sove bedre.")
    assert list(Article.objects.published().search("rusbehandling")) == [article]


@pytest.mark.django_db
def test_it_finds_rusbehandling_when_searching_rusbehandlingen(make_article):
    article = make_article(title="Om behandling", body="Hva koster rusbehandling?")
    make_article(title="Søvn", body="Om å sove bedre.")
    assert list(Article.objects.published().search("Rusbehandlingen")) == [article]


@pytest.mark.django_db
def test_it_searches_title_summary_and_body(make_article):
    in_title = make_article(title="Pårørende trenger hvile")
    in_summary = make_article(summary="Slik støtter du pårørende.")
    in_body = make_article(body="Mange pårørendes historier ligner.")
    make_article(title="Noe annet")
    assert set(Article.objects.published().search("pårørende")) == {in_title, in_summary, in_body}


@pytest.mark.django_db
def test_it_requires_every_word(make_article):
    both = make_article(body="Alkohol og avrusning hjemme.")
    make_article(body="Bare alkohol her.")
    assert list(Article.objects.published().search("alkohol avrusning")) == [both]


@pytest.mark.django_db
def test_it_ranks_a_title_match_above_a_passing_mention(make_article):
    mention = make_article(
        title="Søvn etter rusfrihet", body="Noen nevner avrusning i forbifarten.", days_ago=1
    )
    focused = make_article(
        title="Avrusning trinn for trinn",
        summary="Avrusning med lege.",
        body="Avrusning tar tid. Avrusningen planlegges.",
        days_ago=30,
    )
    assert list(Article.objects.published().search("avrusning")) == [focused, mention]


@pytest.mark.django_db
def test_it_hides_drafts_and_future_articles_from_search(make_article):
    public = make_article(body="Om abstinens.")
    make_article(body="Om abstinens.", status=Article.Status.DRAFT)
    make_article(body="Om abstinens.", published_at=timezone.now() + timedelta(hours=1))
    assert list(Article.objects.published().search("abstinens")) == [public]


@pytest.mark.django_db
def test_it_follows_edits_and_deletions(make_article):
    article = make_article(body="Om alkohol.")
    article.body = "Om benzodiazepiner."
    article.save()
    assert list(Article.objects.published().search("alkohol")) == []
    assert list(Article.objects.published().search("benzodiazepiner")) == [article]
    article.title = "Nedtrapping"
    article.save(update_fields=["title"])
    assert list(Article.objects.published().search("nedtrapping")) == [article]
    article.delete()
    assert list(Article.objects.published().search("benzodiazepiner")) == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_no_query_causes_an_error(make_article, query):
    make_article(body="Rusbehandling og alkohol.")
    list(Article.objects.published().search(query))
    Article.objects.published().search(query).count()


@pytest.mark.django_db
def test_operators_are_searched_as_plain_words(make_article):
    article = make_article(body="Rusbehandling og alkohol.")
    assert list(Article.objects.published().search('"rusbehandling" -alkohol*')) == [article]
    assert list(Article.objects.published().search("rusbehandling OR søvn")) == []


@pytest.mark.django_db
def test_a_query_of_only_stop_words_finds_nothing(make_article):
    make_article(body="Det er og i hva.")
    assert list(Article.objects.published().search("det er og")) == []


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=120))
def test_no_generated_query_causes_an_error(make_article, query):
    list(Article.objects.published().search(query))


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 triggers exist only on SQLite")
def test_it_repairs_the_index_after_a_table_rebuild_dropped_the_triggers(make_article):
    old = make_article(body="Om alkohol.")
    with connection.cursor() as cursor:
        for trigger in ["insert", "update", "delete"]:
            cursor.execute(f"DROP TRIGGER content_article_fts_{trigger}")
    new = make_article(body="Om alkohol hjemme.")  # not indexed: the triggers are gone
    assert list(Article.objects.published().search("alkohol")) == [old]

    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)  # as after `migrate`
    assert set(Article.objects.published().search("alkohol")) == {old, new}
    assert repair_sqlite_index(connection) is False
    newest = make_article(body="Alkohol igjen.")
    assert newest in Article.objects.published().search("alkohol")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists only on PostgreSQL")
def test_postgresql_uses_the_gin_index_for_search(make_article):
    for n in range(30):
        make_article(body=f"Tekst nummer {n} om søvn.")
    make_article(body="Om rusbehandling.")
    # Without published()'s filter, so the status index is no alternative: the plan shows whether the search
    # expression matches the GIN index expression.
    queryset = Article.objects.search("rusbehandling")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "content_article_search_idx" in plan, plan


@pytest.mark.django_db
def test_an_english_search_for_detox_finds_the_norwegian_detox_articles(make_article):
    detox = make_article(title="Avrusning hjemme", body="Trygg avrusning med lege.")
    withdrawal = make_article(title="Abstinenser", body="Abstinensene topper seg etter to døgn.")
    make_article(title="Søvn", body="Om å sove bedre.")
    assert list(Article.objects.published().search("detox", english=True)) == [detox]
    assert list(Article.objects.published().search("how to detox at home", english=True)) == [detox]
    assert list(Article.objects.published().search("withdrawal", english=True)) == [withdrawal]


@pytest.mark.django_db
def test_it_suggests_the_article_word_for_a_word_with_one_typo(make_article):
    make_article(title="Avrusning hjemme", body="Trygg avrusning med lege.")
    make_article(title="Abstinenser", body="Abstinensene topper seg etter to døgn.")
    published = Article.objects.published()
    assert list(published.search("avrusing")) == []
    assert published.spelling_suggestion("avrusing") == "avrusning"
    assert published.spelling_suggestion("avrusing hjemme") == "avrusning hjemme"
    assert published.spelling_suggestion("qwxzv") == ""
    assert published.spelling_suggestion("og i") == ""


@pytest.mark.django_db
def test_it_never_suggests_words_from_drafts(make_article):
    make_article(title="Avrusning", status=Article.Status.DRAFT)
    assert Article.objects.published().spelling_suggestion("avrusing") == ""
