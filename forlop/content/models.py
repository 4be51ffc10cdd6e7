from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models.expressions import CombinedExpression, RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.content import search as search_text
from forlop.content.rendering import render_markdown


class Category(models.Model):
    name = models.CharField(_("navn"), max_length=80, unique=True)
    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> "ArticleQuerySet":
        """What the public may see: published, and not dated in the future."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now()).order_by(
            "-published_at", "-id"
        )

    def search(self, query: str) -> "ArticleQuerySet":
        """Articles containing every meaningful word of `query` (Norwegian word forms), best match first.

        Any text is accepted: the query is reduced to plain words, so quotes, operators or half-typed syntax
        never raise. A query of only stop words or punctuation finds nothing.
        """
        terms = search_text.query_terms(query)
        if not terms:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            return self._search_postgresql(terms)
        return self._search_sqlite(search_text.fts5_match(query))

    def _search_sqlite(self, match: str) -> "ArticleQuerySet":
        # FTS5 table and triggers: migration 0002. bm25 ranks lower-is-better.
        # Fixed SQL; the reader's query is only ever a bound parameter.
        matching_ids = RawSQL(  # noqa: S611
            "SELECT rowid FROM content_article_fts WHERE content_article_fts MATCH %s", (match,)
        )
        # Correlated on the outer table name, so this queryset cannot itself be nested as a subquery.
        rank = RawSQL(  # noqa: S611
            "SELECT bm25(content_article_fts) FROM content_article_fts"
            " WHERE content_article_fts MATCH %s AND content_article_fts.rowid = content_article.id",
            (match,),
        )
        return (
            self.filter(id__in=matching_ids)
            .annotate(search_rank=rank)
            .order_by("search_rank", "-published_at", "-id")
        )

    def _search_postgresql(self, terms: list[str]) -> "ArticleQuerySet":
        # The same expression as the GIN index in migration 0002, so PostgreSQL can use that index.
        query = SearchQuery(" ".join(terms), search_type="plain", config=SEARCH_CONFIG)
        return (
            self.alias(search_vector=postgresql_search_vector())
            .filter(search_vector=query)
            .annotate(search_rank=SearchRank(postgresql_search_vector(), query))
            .order_by("-search_rank", "-published_at", "-id")
        )


SEARCH_CONFIG = "norwegian"
# Paths under /artikler/ that are not articles (see urls.py).
RESERVED_SLUGS = frozenset({"feed"})


def postgresql_search_vector() -> CombinedExpression:
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publisert")

    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=200, unique=True)
    summary = models.TextField(_("ingress"), max_length=500)
    body = models.TextField(_("brødtekst (Markdown)"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("kategori")
    )
    author = models.CharField(_("forfatter"), max_length=150)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_articles",
        verbose_name=_("faglig gjennomgått av"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publiseringstidspunkt"), default=timezone.now)
    updated_at = models.DateTimeField(_("sist oppdatert"), auto_now=True)
    # Derived in save(): stemmed title/summary/body that the SQLite FTS5 index reads (see search.py).
    search_document = models.TextField(editable=False, blank=True, default="")
    # Derived in save(): the sanitised HTML of the body, so a page view does not run Markdown and nh3.
    body_html = models.TextField(editable=False, blank=True, default="")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("artikkel")
        verbose_name_plural = _("artikler")
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_document = search_text.search_document(
            title=self.title, summary=self.summary, body=self.body
        )
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "summary", "body"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_document", "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("content:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("«%(slug)s» er en fast adresse på nettstedet. Velg en annen.")
                    % {"slug": self.slug}
                }
            )
