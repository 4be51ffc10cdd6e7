"""Demo articles for `manage.py load_demo`. Idempotent: articles and categories are keyed by slug."""

from datetime import datetime, timedelta
from typing import Any, cast

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forlop.accounts.models import Role, User
from forlop.content import services
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
    doctor = _reviewer(Role.DOCTOR)
    to_review: list[Article] = []
    for item in articles:
        role = item.get("reviewer_role")
        if role and role not in reviewers:
            reviewers[role] = _reviewer(role)
        published_at = now - timedelta(days=item["days_ago"])
        # The byline's title comes from the writer's therapist profile; without the demo account, the name.
        writer = (
            User.objects.filter(email=item["author_email"], is_staff=True).first()
            if "author_email" in item
            else None
        )
        article, _ = Article.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "summary": item["summary"],
                "body": item["body"],
                "category": by_slug[item["category"]],
                "written_by": writer,
                "author": "" if writer else item["author"],
                "reviewed_by": reviewers.get(role) if role else None,
                "gives_medical_advice": item.get("medical_advice", False),
                "status": Article.Status.PUBLISHED,
                "published_at": published_at,
            },
        )
        if article.gives_medical_advice and not article.medical_review_is_current:
            to_review.append(article)
    # auto_now stamps every reload as an update; demo articles read as never revised since publication.
    Article.objects.filter(slug__in=[item["slug"] for item in articles]).update(updated_at=F("published_at"))
    if doctor is not None:
        for article in to_review:
            # Reviewed the day before it was published, as the practice would do it.
            services.mark_medically_reviewed(
                article_id=article.pk,
                reviewed_digest=article.content_digest,
                by=doctor,
                now=article.published_at - timedelta(days=1),
            )
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
