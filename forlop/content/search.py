"""Norwegian-aware search text: stemming for documents and queries. Pure functions, no Django.

SQLite has no Norwegian stemmer, so the stemming happens here: `Article.save()` stores the stemmed
`search_document`, an FTS5 index (kept in step by SQLite triggers) indexes it, and queries are stemmed the same
way, so "rusbehandling" finds "Rusbehandlingen" and the other way round. PostgreSQL does the same with its
built-in "norwegian" text search configuration (the same Snowball algorithm and stop words).

Queries are reduced to bare word tokens, each quoted for FTS5: operators, quotes, `*`, `NEAR`, `-` and
parentheses typed by a reader are treated as text, so no input can produce an FTS5 syntax error.

The articles are in Norwegian only. A small table of English words (SYNONYMS) lets a search for "detox" also
look for "avrusning": each such word becomes a group, "detox OR avrusning". A word with a typo ("avrusing")
finds nothing; `suggest_query()` proposes the article word one typo away ("avrusning").
"""

import re
from collections.abc import Mapping
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


# Common English search words and the Norwegian words the articles use for them. Lower case; a Norwegian
# word may appear for several English ones. Kept small on purpose: the words of the articles' own topics.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "addiction": ("avhengighet",),
    "addicted": ("avhengig",),
    "alcohol": ("alkohol",),
    "alcoholism": ("alkoholisme", "alkohol"),
    "anxiety": ("angst",),
    "benzodiazepines": ("benzodiazepiner",),
    "benzos": ("benzodiazepiner",),
    "cannabis": ("cannabis",),
    "cost": ("pris", "koster"),
    "depression": ("depresjon",),
    "detox": ("avrusning",),
    "detoxification": ("avrusning",),
    "drinking": ("drikking", "alkohol"),
    "drug": ("rusmiddel", "rus"),
    "drugs": ("rusmidler", "rus"),
    "family": ("pårørende",),
    "gambling": ("pengespill",),
    "home": ("hjemme", "hjem"),
    "opioids": ("opioider",),
    "price": ("pris",),
    "relapse": ("tilbakefall",),
    "relatives": ("pårørende",),
    "sleep": ("søvn",),
    "substance": ("rus",),
    "tapering": ("nedtrapping",),
    "therapy": ("terapi", "behandling"),
    "treatment": ("behandling", "rusbehandling"),
    "withdrawal": ("abstinens", "abstinenser"),
}

# Words an English query is full of that mean nothing to Norwegian articles (only dropped on English pages:
# "to", "and" and "is" are Norwegian words too).
ENGLISH_STOP_WORDS = frozenset(
    """
    a about after an and are at be before can do does during for from get help how i if in is it me my of on or
    should the to what when where why will with without you your
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


def query_terms(query: str, *, english: bool = False) -> list[str]:
    """The distinct meaningful words of a reader's query, unstemmed, in order, stop words left out."""
    stop_words = STOP_WORDS | ENGLISH_STOP_WORDS if english else STOP_WORDS
    seen: list[str] = []
    for word in tokens(query[:MAX_QUERY_LENGTH]):
        if word not in stop_words and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]


def query_groups(query: str, *, english: bool = False) -> list[tuple[str, ...]]:
    """Each meaningful word with the Norwegian words it stands for: "detox hjemme" → [("detox", "avrusning"),
    ("hjemme",)]. An article must match one word of every group."""
    return [
        (term, *(word for word in SYNONYMS.get(term, ()) if word != term))
        for term in query_terms(query, english=english)
    ]


def translations(query: str, *, english: bool = False) -> list[str]:
    """The Norwegian words the synonym table added to the query, in order."""
    added = [word for group in query_groups(query, english=english) for word in group[1:]]
    return list(dict.fromkeys(added))


def fts5_match(query: str, *, english: bool = False) -> str:
    """An FTS5 MATCH expression requiring every stemmed term (or one of its group), or "" when nothing is
    left to search for."""
    groups: list[tuple[str, ...]] = []
    for group in query_groups(query, english=english):
        stems = tuple(dict.fromkeys(stem(list(group))))
        if stems not in groups:
            groups.append(stems)
    # Each term is only letters and digits, so wrapping it in double quotes makes it a plain FTS5 string.
    if all(len(group) == 1 for group in groups):
        return " ".join(f'"{group[0]}"' for group in groups)
    # FTS5 needs an explicit AND next to a parenthesised OR.
    return " AND ".join(
        f'"{group[0]}"' if len(group) == 1 else "(" + " OR ".join(f'"{term}"' for term in group) + ")"
        for group in groups
    )


def within_one_typo(typed: str, word: str) -> bool:
    """True when `word` is `typed` with one letter added, missing, changed, or two neighbours swapped."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        differ = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        if len(differ) == 1:
            return True
        i = differ[0]
        return len(differ) == 2 and differ[1] == i + 1 and typed[i] == word[i + 1] and typed[i + 1] == word[i]
    shorter, longer = sorted((typed, word), key=len)
    i = next((i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter))
    return shorter[i:] == longer[i + 1 :]


MIN_TYPO_LENGTH = 4  # shorter words are too often a different real word one letter away


def suggest_query(query: str, vocabulary: Mapping[str, int], *, english: bool = False) -> str:
    """The query with each word that is in no article replaced by the most frequent article word one typo
    away ("avrusing" → "avrusning"); "" when no word needs or has such a replacement.

    `vocabulary` counts the words of the searchable articles (unstemmed, lower case). A word counts as known
    when any word of the vocabulary has its stem, so "avrusningen" is left alone when articles say "avrusning".
    """
    known_stems = set(stem(list(vocabulary)))
    changed = False
    words = []
    for group in query_groups(query, english=english):
        if any(s in known_stems for s in stem(list(group))):
            words.append(group[0])
            continue
        typed = group[0]
        candidates = [w for w in vocabulary if len(typed) >= MIN_TYPO_LENGTH and within_one_typo(typed, w)]
        if candidates:
            words.append(min(candidates, key=lambda w: (-vocabulary[w], w)))
            changed = True
        else:
            words.append(typed)
    return " ".join(words) if changed else ""
