from datetime import timedelta
from functools import partial
from itertools import count

import pytest
from django.utils import timezone

from forlop.accounts.testing import login_verified
from forlop.content.models import Article, Category

_numbers = count(1)


@pytest.fixture
def verified_client(client):
    """Log a user in as if they had passed the second factor (accounts' shared test helper)."""
    return partial(login_verified, client)


@pytest.fixture
def category(db) -> Category:
    return Category.objects.create(name="Avrusning", slug="avrusning", position=1)


@pytest.fixture
def other_category(db) -> Category:
    return Category.objects.create(name="Pårørende", slug="parorende", position=2)


@pytest.fixture
def make_article(db, category):
    def make(**fields) -> Article:
        n = next(_numbers)
        days_ago = fields.pop("days_ago", n)
        values = {
            "title": f"Artikkel nummer {n}",
            "slug": f"artikkel-{n}",
            "summary": "En kort ingress om temaet.",
            "body": "Litt tekst om behandling.",
            "category": category,
            "author": "Kari Nordmann",
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(days=days_ago),
        }
        values.update(fields)
        return Article.objects.create(**values)

    return make
