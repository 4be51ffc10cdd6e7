"""Demo articles for `manage.py load_demo`. Idempotent: articles and categories are keyed by slug."""

from datetime import datetime, timedelta
from typing import Any, cast

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forlop.accounts.models import Role, User
from forlop.content.models import Article, Category


def load(stdout) -> None:
    from forlop.content.demo_articles import ARTICLES, CATEGORIES

    # demo_articles.py is plain literals; mypy infers list[object] for its mixed-value dicts.
    count = load_articles(
        categories=cast(list[dict[str, Any]], CATEGORIES),
        articles=cast(list[dict[str, Any]], ARTICLES),
        now=timezone.now(),
    )
    stdout.write(f"Artikler: {count}\n")


@transaction.atomic
def load_articles(*, categories: list[dict[str, Any]], articles: list[dict[str, Any]], now: datetime) -> int:
    by_slug = {}
    for item in categories:
        category, _ = Category.objects.update_or_create(
            slug=item["slug"], defaults={"name": item["name"], "position": item.get("position", 0)}
        )
        by_slug[category.slug] = category

    reviewers: dict[str, User | None] = {}
    for item in articles:
        role = item.get("reviewer_role")
        if role and role not in reviewers:
            reviewers[role] = _reviewer(role)
        published_at = now - timedelta(days=item["days_ago"])
        Article.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "summary": item["summary"],
                "body": item["body"],
                "category": by_slug[item["category"]],
                "author": item["author"],
                "reviewed_by": reviewers.get(role) if role else None,
                "status": Article.Status.PUBLISHED,
                "published_at": published_at,
            },
        )
    # auto_now stamps every reload as an update; demo articles read as never revised since publication.
    Article.objects.filter(slug__in=[item["slug"] for item in articles]).update(updated_at=F("published_at"))
    return len(articles)


def _reviewer(role: str) -> User | None:
    """The demo staff member holding `role` (from the accounts demo, loaded first), or any active holder."""
    flag = f"is_{Role(role).value}"
    return (
        User.objects.filter(is_active=True, **{flag: True})
        .exclude(full_name="")
        .order_by("-is_demo", "pk")
        .first()
    )
