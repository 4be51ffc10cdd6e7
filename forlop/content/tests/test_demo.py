import io

import pytest
from django.utils import timezone

from forlop.content import demo
from forlop.content.models import Article, Category

CATEGORIES = [
    {"name": "Avrusning", "slug": "avrusning", "position": 1},
    {"name": "Pårørende", "slug": "parorende", "position": 2},
]
ARTICLES = [
    {
        "title": "Hva er avrusning?",
        "slug": "hva-er-avrusning",
        "summary": "Kort om avrusning.",
        "category": "avrusning",
        "author": "Kari Nordmann",
        "reviewer_role": "doctor",
        "days_ago": 3,
        "body": "## Avrusningen\n\nTekst.",
    },
    {
        "title": "Når noen du er glad i drikker",
        "slug": "nar-noen-drikker",
        "summary": "For pårørende.",
        "category": "parorende",
        "author": "Ola Terapeut",
        "days_ago": 10,
        "body": "Tekst.",
    },
]


@pytest.mark.django_db
def test_loading_twice_creates_no_duplicates(doctor):
    doctor.full_name = "Lise Lege"
    doctor.save()
    now = timezone.now()
    assert demo.load_articles(categories=CATEGORIES, articles=ARTICLES, now=now) == 2
    assert demo.load_articles(categories=CATEGORIES, articles=ARTICLES, now=now) == 2
    assert Category.objects.count() == 2
    assert Article.objects.count() == 2
    article = Article.objects.get(slug="hva-er-avrusning")
    assert article.reviewed_by == doctor
    assert article.status == Article.Status.PUBLISHED
    assert (now - article.published_at).days == 3
    assert article.updated_at == article.published_at
    assert list(Article.objects.published().search("avrusning")) == [article]


@pytest.mark.django_db
def test_reloading_updates_changed_texts():
    now = timezone.now()
    demo.load_articles(categories=CATEGORIES, articles=ARTICLES, now=now)
    changed = [{**ARTICLES[0], "title": "Avrusning forklart"}, ARTICLES[1]]
    demo.load_articles(categories=CATEGORIES, articles=changed, now=now)
    assert Article.objects.get(slug="hva-er-avrusning").title == "Avrusning forklart"
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_it_leaves_the_reviewer_empty_when_no_one_holds_the_role():
    demo.load_articles(categories=CATEGORIES, articles=ARTICLES, now=timezone.now())
    assert Article.objects.get(slug="hva-er-avrusning").reviewed_by is None


@pytest.mark.django_db
def test_the_real_demo_articles_load_twice_and_report_a_count():
    demo_articles = pytest.importorskip("forlop.content.demo_articles")
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    lines = out.getvalue().splitlines()
    assert lines == [f"Artikler: {len(demo_articles.ARTICLES)}"] * 2
    assert Article.objects.published().count() == len(demo_articles.ARTICLES)
    assert Category.objects.count() == len(demo_articles.CATEGORIES)
