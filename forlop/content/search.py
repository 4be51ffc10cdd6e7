"""Norwegian-aware search text: stemming for documents and queries. Pure functions, no Django.

SQLite has no Norwegian stemmer, so the stemming happens here: `Article.save()` stores the stemmed
`search_document`, an FTS5 index (kept in step by SQLite triggers) indexes it, and queries are stemmed the same
way, so "rusbehandling" finds "Rusbehandlingen" and the other way round. PostgreSQL does the same with its
built-in "norwegian" text search configuration (the same Snowball algorithm and stop words).

Queries are reduced to bare word tokens, each quoted for FTS5: operators, quotes, `*`, `NEAR`, `-` and
parentheses typed by a reader are treated as text, so no input can produce an FTS5 syntax error.
"""

import re
from functools import cache

import snowballstemmer

MAX_QUERY_TERMS = 12
MAX_QUERY_LENGTH = 200

# Field boosting by repetition: one FTS5 column keeps the triggers trivial, and a word in the title then counts
# three times as much as one in the body in bm25 ranking. PostgreSQL uses setweight A/B/C for the same effect.
TITLE_WEIGHT = 3
SUMMARY_WEIGHT = 2

_TOKEN = re.compile(r"[^\W_]+")

# Snowball's Norwegian stop-word list (the one PostgreSQL's "norwegian" configuration uses), so a query such as
# "hva er avrusning" behaves alike on both databases.
STOP_WORDS = frozenset(
    """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi min
    mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her
    alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne
    for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke
    sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk
    dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss hossen
    ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko
    nokre sia sidan so somt somme um upp vere vore verte vort varte vart
    """.split()
)


@cache
def _stemmer():
    return snowballstemmer.stemmer("norwegian")


def tokens(text: str) -> list[str]:
    """Lower-cased words (letters and digits; everything else separates words)."""
    return _TOKEN.findall(text.lower())


def stem(words: list[str]) -> list[str]:
    return _stemmer().stemWords(words)


def search_document(*, title: str, summary: str, body: str) -> str:
    """The stemmed text FTS5 indexes for one article, title and summary boosted by repetition."""
    parts = [title] * TITLE_WEIGHT + [summary] * SUMMARY_WEIGHT + [body]
    return " ".join(stem(tokens("\n".join(parts))))


def query_terms(query: str) -> list[str]:
    """The distinct meaningful words of a reader's query, unstemmed, in order, stop words left out."""
    seen: list[str] = []
    for word in tokens(query[:MAX_QUERY_LENGTH]):
        if word not in STOP_WORDS and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]


def fts5_match(query: str) -> str:
    """An FTS5 MATCH expression requiring every stemmed term, or "" when nothing is left to search for."""
    stems = dict.fromkeys(stem(query_terms(query)))
    # Each term is only letters and digits, so wrapping it in double quotes makes it a plain FTS5 string.
    return " ".join(f'"{term}"' for term in stems)
