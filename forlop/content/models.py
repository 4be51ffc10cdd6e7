import hashlib
from collections import Counter
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.expressions import CombinedExpression, RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.content import bylines
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

    def needing_medical_review(self) -> "ArticleQuerySet":
        """Articles that give medical advice and that no doctor has reviewed in their present wording."""
        return (
            self.filter(gives_medical_advice=True)
            .filter(Q(medically_reviewed_by__isnull=True) | ~Q(medically_reviewed_digest=F("content_digest")))
            .order_by("-updated_at", "-id")
        )

    def with_people(self) -> "ArticleQuerySet":
        """Everything the byline and the review lines read, in the same query."""
        return self.select_related(
            "category", "written_by__therapist_profile", "reviewed_by", "medically_reviewed_by"
        )

    def search(self, query: str, *, english: bool = False) -> "ArticleQuerySet":
        """Articles containing every meaningful word of `query` (Norwegian word forms), best match first.

        Any text is accepted: the query is reduced to plain words, so quotes, operators or half-typed syntax
        never raise. A query of only stop words or punctuation finds nothing. English topic words also find
        their Norwegian equivalents ("detox" finds "avrusning", see search.SYNONYMS); `english` also drops
        English filler words ("how", "the").
        """
        groups = search_text.query_groups(query, english=english)
        if not groups:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            return self._search_postgresql(groups)
        return self._search_sqlite(search_text.fts5_match(query, english=english))

    def spelling_suggestion(self, query: str, *, english: bool = False) -> str:
        """`query` with a word no article contains replaced by a close article word ("avrusing" →
        "avrusning"), or "" when there is none. Meant for a search that found nothing.

        PostgreSQL: the closest word by trigram similarity (pg_trgm, migration 0005) among the words of the
        published articles (ts_stat). SQLite: the most frequent article word one typo away (search.py).
        """
        if not search_text.query_groups(query, english=english):
            return ""
        if connections[self.db].vendor == "postgresql":
            return self._postgresql_suggestion(query, english=english)
        return search_text.suggest_query(query, self.vocabulary(), english=english)

    def vocabulary(self) -> Counter[str]:
        """How often each word occurs in these articles' titles, summaries and bodies (lower case)."""
        counts: Counter[str] = Counter()
        for title, summary, body in self.values_list("title", "summary", "body").order_by():
            counts.update(search_text.tokens(f"{title}\n{summary}\n{body}"))
        return counts

    def _postgresql_suggestion(self, query: str, *, english: bool) -> str:
        groups = search_text.query_groups(query, english=english)
        typed = [
            group[0] for group in groups if len(group) == 1 and len(group[0]) >= search_text.MIN_TYPO_LENGTH
        ]
        if not typed:
            return ""
        with connections[self.db].cursor() as cursor:
            # The words of the published articles as PostgreSQL sees them (unstemmed: the 'simple' config);
            # ts_stat takes the query as text, a constant here. The reader's words are bound parameters.
            cursor.execute(
                """
                SELECT typed.word, best.word FROM unnest(%s::text[]) AS typed(word)
                CROSS JOIN LATERAL (
                    SELECT word FROM ts_stat(%s) WHERE similarity(word, typed.word) >= %s
                    ORDER BY similarity(word, typed.word) DESC, nentry DESC, word LIMIT 1
                ) AS best
                """,
                [typed, PUBLISHED_WORDS_SQL, TRIGRAM_THRESHOLD],
            )
            best = dict(cursor.fetchall())
        words = [best.get(group[0], group[0]) for group in groups]
        return " ".join(words) if words != [group[0] for group in groups] else ""

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

    def _search_postgresql(self, groups: list[tuple[str, ...]]) -> "ArticleQuerySet":
        # The same expression as the GIN index in migration 0002, so PostgreSQL can use that index.
        alternatives = [
            reduce(or_, (SearchQuery(word, search_type="plain", config=SEARCH_CONFIG) for word in group))
            for group in groups
        ]
        query = reduce(and_, alternatives)
        return (
            self.alias(search_vector=postgresql_search_vector())
            .filter(search_vector=query)
            .annotate(search_rank=SearchRank(postgresql_search_vector(), query))
            .order_by("-search_rank", "-published_at", "-id")
        )


SEARCH_CONFIG = "norwegian"
# pg_trgm similarity a word must reach to be suggested for a typed word ("avrusing"/"avrusning": 0.58).
TRIGRAM_THRESHOLD = 0.5
PUBLISHED_WORDS_SQL = (
    "SELECT to_tsvector('simple', title || ' ' || summary || ' ' || body) FROM content_article"
    " WHERE status = 'published' AND published_at <= now()"
)
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
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="written_articles",
        limit_choices_to={"is_staff": True},
        verbose_name=_("skrevet av (ansatt)"),
        help_text=_("Tittelen i bylinjen hentes fra terapeutprofilen til den ansatte, aldri fra fritekst."),
    )
    author = models.CharField(
        _("forfatter uten brukerkonto"),
        max_length=150,
        blank=True,
        help_text=_("Bare navnet, uten tittel. Brukes bare når forfatteren ikke er ansatt hos oss."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_articles",
        verbose_name=_("faglig gjennomgått av"),
    )
    gives_medical_advice = models.BooleanField(
        _("gir medisinske råd"),
        default=False,
        help_text=_("Kryss av når artikkelen gir råd om helse, legemidler, abstinenser eller avrusning."),
    )
    medically_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="medically_reviewed_articles",
        verbose_name=_("medisinsk gjennomgått av"),
    )
    medically_reviewed_at = models.DateTimeField(
        _("medisinsk gjennomgått"), null=True, blank=True, editable=False
    )
    # The content_digest the doctor reviewed: when the text changes, the review no longer covers it.
    medically_reviewed_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publiseringstidspunkt"), default=timezone.now)
    updated_at = models.DateTimeField(_("sist oppdatert"), auto_now=True)
    # Derived in save(): stemmed title/summary/body that the SQLite FTS5 index reads (see search.py).
    search_document = models.TextField(editable=False, blank=True, default="")
    # Derived in save(): the sanitised HTML of the body, so a page view does not run Markdown and nh3.
    body_html = models.TextField(editable=False, blank=True, default="")
    # Derived in save(): a fingerprint of title, summary and body, to tell whether a review covers this text.
    content_digest = models.CharField(max_length=64, editable=False, blank=True, default="")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("artikkel")
        verbose_name_plural = _("artikler")
        indexes = [models.Index(fields=["status", "published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(written_by__isnull=False) | ~Q(author=""), name="content_article_has_author"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_document = search_text.search_document(
            title=self.title, summary=self.summary, body=self.body
        )
        self.body_html = render_markdown(self.body)
        self.content_digest = content_digest(title=self.title, summary=self.summary, body=self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "summary", "body"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_document", "body_html", "content_digest"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("content:detail", kwargs={"slug": self.slug})

    @property
    def author_profile(self):
        """The author's therapist profile, or None (no staff author, or a staff author without a profile)."""
        if self.written_by is None:
            return None
        try:
            return self.written_by.therapist_profile
        except ObjectDoesNotExist:
            return None

    @property
    def byline(self) -> str:
        """The author's name and, from their therapist profile only, their profession."""
        profile = self.author_profile
        if profile is not None:
            return bylines.byline(profile.name, profile.get_profession_display())
        if self.written_by is not None:
            return self.written_by.full_name or settings.PRACTICE_NAME
        return self.author

    @property
    def medical_review_is_current(self) -> bool:
        return (
            self.medically_reviewed_by_id is not None
            and self.medically_reviewed_digest == self.content_digest
        )

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("«%(slug)s» er en fast adresse på nettstedet. Velg en annen.") % {
                "slug": self.slug
            }
        if self.written_by_id is None and not self.author.strip():
            errors["written_by"] = _(
                "Velg hvem som har skrevet artikkelen, eller skriv navnet på forfatteren."
            )
        elif self.written_by_id is not None and self.author.strip():
            errors["author"] = _(
                "Artikkelen har allerede en forfatter blant de ansatte. La dette feltet stå tomt."
            )
        elif self.author and bylines.title_words_in(self.author):
            errors["author"] = _(
                "Skriv bare navnet, uten tittel. En tittel i bylinjen hentes fra terapeutprofilen, så velg "
                "forfatteren under «Skrevet av (ansatt)» hvis hen jobber hos oss."
            )
        if errors:
            raise ValidationError(errors)


def content_digest(*, title: str, summary: str, body: str) -> str:
    return hashlib.sha256("\x1f".join([title, summary, body]).encode()).hexdigest()


class MedicalReview(models.Model):
    """A doctor's review of one wording of an article. Append-only: the record of who reviewed what, when.
    Written only by `services.mark_medically_reviewed`, in the same transaction as the article's fields."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="medical_reviews", verbose_name=_("artikkel")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("lege")
    )
    reviewed_at = models.DateTimeField(_("tidspunkt"))
    content_digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        verbose_name = _("medisinsk gjennomgang")
        verbose_name_plural = _("medisinske gjennomganger")

    def __str__(self) -> str:
        return f"{self.article} – {self.reviewed_by} ({self.reviewed_at:%Y-%m-%d})"
