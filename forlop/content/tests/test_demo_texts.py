"""The demo articles are what a reader meets first: they follow shared/clinical/triage.md."""

import re

import pytest

demo_articles = pytest.importorskip("forlop.content.demo_articles")

# Withdrawal with confusion or hallucinations is life-threatening (triage.md rule 1).
CONFUSION = re.compile(r"forvirr|hallusin|ser ting|ser (?:og|eller) hører ting", re.IGNORECASE)


def paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p.strip()]


def sentences(body: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+|\n+", body) if s.strip()]


def every_article():
    return [pytest.param(article, id=article["slug"]) for article in demo_articles.ARTICLES]


@pytest.mark.parametrize("article", every_article())
def test_confusion_or_hallucinations_always_come_with_113(article):
    for paragraph in paragraphs(article["body"]):
        if CONFUSION.search(paragraph):
            assert "113" in paragraph, paragraph[:120]


@pytest.mark.parametrize("article", every_article())
def test_no_article_says_opioid_withdrawal_gives_seizures(article):
    for sentence in sentences(article["body"]):
        assert not ("opioid" in sentence.lower() and "kramper" in sentence), sentence


@pytest.mark.parametrize("article", every_article())
def test_no_article_promises_anonymity_where_an_email_is_required(article):
    for sentence in sentences(article["summary"] + "\n" + article["body"]):
        if "anonym" in sentence.lower():
            # Only RUSinfo is anonymous; our forms need an address to answer.
            assert "RUSinfo" in sentence or "helt anonym er du ikke" in sentence, sentence


def test_the_sleep_article_warns_before_it_describes_stopping():
    body = next(a["body"] for a in demo_articles.ARTICLES if a["slug"] == "alkohol-og-sovn")
    section = body[body.index("## Når du kutter ned eller slutter") :]
    assert section.index("skal du ikke slutte brått") < section.index("Den første tiden uten alkohol")


def test_delirium_and_relapse_advice_send_confusion_to_113_not_only_to_legevakt():
    bodies = {a["slug"]: a["body"] for a in demo_articles.ARTICLES}
    assert "ring 113 med en gang" in bodies["avrusning-hva-skjer-og-hva-kan-du-forvente"]
    relapse = bodies["tilbakefall-og-hvordan-du-kan-forebygge-det"]
    assert "Blir du forvirret, ser eller hører ting som ikke er der, eller får kramper, ring 113." in relapse
    assert "uro eller forvirring når du stopper, bør du kontakte lege" not in relapse
