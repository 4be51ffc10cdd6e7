from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from forlop.audit.access import public
from forlop.content import search as search_text
from forlop.content.feeds import LatestArticlesFeed
from forlop.content.models import Article, Category
from forlop.content.pagecache import cache_public_page
from forlop.content.rendering import reading_minutes, render_markdown
from forlop.content.search import MAX_QUERY_LENGTH
from forlop.content.sitemaps import SITEMAPS
from forlop.core.templatetags.forlop_language import page_is_norwegian

PER_PAGE = 10
RELATED_COUNT = 3


@public
@require_GET
@cache_public_page
def article_list(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    categories = list(
        Category.objects.annotate(
            published_count=Count(
                "articles",
                filter=Q(
                    articles__status=Article.Status.PUBLISHED, articles__published_at__lte=timezone.now()
                ),
            )
        ).filter(published_count__gt=0)
    )
    # An unknown category (old link, typo) shows everything rather than an error.
    category = next((c for c in categories if c.slug == request.GET.get("kategori")), None)

    articles = base = Article.objects.published()
    if category is not None:
        articles = base = articles.filter(category_id=category.pk)
    # On the English site, English filler words are dropped and the reader is told the articles are Norwegian.
    english = not page_is_norwegian()
    translated: list[str] = []
    if query:
        articles = articles.search(query, english=english)
        translated = search_text.translations(query, english=english)
    # Categories are already loaded: attach them instead of joining, and skip the long text columns.
    articles = articles.defer("body", "search_document")
    # get_page() turns a missing, non-numeric or out-of-range page into the first or last page.
    page = Paginator(articles, PER_PAGE).get_page(request.GET.get("side"))
    # Nothing found: perhaps a typo. PostgreSQL searches the closest word at once (trigram similarity); SQLite
    # offers the word one typo away as "Mente du …?".
    suggestion = searched_instead = ""
    if query and page.paginator.count == 0:
        suggestion = Article.objects.published().spelling_suggestion(query, english=english)
        if suggestion and connections[base.db].vendor == "postgresql":
            searched_instead, suggestion = suggestion, ""
            articles = base.search(searched_instead, english=english).defer("body", "search_document")
            page = Paginator(articles, PER_PAGE).get_page(request.GET.get("side"))
    by_id = {c.pk: c for c in categories}
    for article in page.object_list:
        article.category = by_id[article.category_id]

    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    if category is not None:
        params["kategori"] = category.slug
    return render(
        request,
        "content/article_list.html",
        {
            "query": query,
            "english": english,
            "translated": translated,
            "suggestion": suggestion,
            "suggestion_params": _with_query(params, suggestion),
            "searched_instead": searched_instead,
            "categories": categories,
            "category": category,
            "page": page,
            "params": params,
            "feed_url": settings.SITE_URL + reverse("content:feed"),
        },
    )


def _with_query(params: QueryDict, query: str) -> QueryDict:
    changed = params.copy()
    if query:
        changed["q"] = query
    return changed


@public
@require_GET
@cache_public_page
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().with_people(), slug=slug)
    return render(request, "content/article_detail.html", detail_context(article))


def detail_context(article: Article) -> dict:
    """Everything the article page shows; the admin preview renders drafts with exactly this."""
    related = list(
        Article.objects.published()
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)
        .select_related("category")
        .defer("body", "search_document")[:RELATED_COUNT]
    )
    # The text is Norwegian whatever the interface language, so the Norwegian address is the canonical one.
    with translation.override(settings.LANGUAGE_CODE):
        canonical_url = settings.SITE_URL + article.get_absolute_url()
    published_day = timezone.localdate(article.published_at)
    profile = article.author_profile
    medical_reviewer = article.medically_reviewed_by
    reviewer = article.reviewed_by if article.reviewed_by and article.reviewed_by.full_name else None
    if reviewer is not None and medical_reviewer is not None and reviewer.pk == medical_reviewer.pk:
        reviewer = None  # the medical review line already names them
    return {
        "article": article,
        # render_markdown() sanitises with an allow-list (nh3), so its output is safe to insert.
        "body_html": mark_safe(article.body_html or render_markdown(article.body)),  # noqa: S308
        "reading_minutes": reading_minutes(article.body),
        "show_updated": article.updated_at > article.published_at
        and timezone.localdate(article.updated_at) > published_day,
        "reviewer": reviewer,
        "author_url": profile.get_absolute_url() if profile is not None and profile.is_published else "",
        "medical_reviewer_name": (medical_reviewer.full_name or _("en av legene våre"))
        if medical_reviewer
        else "",
        "medical_review_is_current": article.medical_review_is_current,
        "related": related,
        "canonical_url": canonical_url,
    }


_feed = LatestArticlesFeed()


@public
@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    return _feed(request)


@public
@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS)
