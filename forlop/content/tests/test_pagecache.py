"""The public page cache: fast for anonymous readers, never stale, never personal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forlop.content import pagecache
from forlop.content.models import Article, Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    category = Category.objects.create(name="Om behandling", slug="om-behandling")
    return Article.objects.create(
        title="Hva er rusbehandling?",
        slug="hva-er-rusbehandling",
        summary="Kort om behandling.",
        body="Første versjon av teksten.",
        category=category,
        author="Ingrid",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
    )


def test_a_second_anonymous_visit_is_served_from_the_cache(client, article, django_assert_num_queries):
    url = article.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):  # the content version was read less than two seconds ago
        response = client.get(url)
    assert "Første versjon av teksten." in response.content.decode()
    assert "Content-Security-Policy" in response


def later(monkeypatch, seconds: float) -> None:
    """Move this process's monotonic clock forward (the page cache re-reads the version every 2 s)."""
    import time

    start = time.monotonic()
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: start + seconds)


def test_an_edited_article_shows_within_two_seconds(client, article, monkeypatch):
    url = article.get_absolute_url()
    client.get(url)
    article.body = "Andre versjon av teksten."
    article.save()
    later(monkeypatch, pagecache.VERSION_SECONDS)
    html = client.get(url).content.decode()
    assert "Andre versjon av teksten." in html
    assert "Første versjon" not in html


def test_an_unpublished_article_disappears_within_two_seconds(client, article, monkeypatch):
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    later(monkeypatch, pagecache.VERSION_SECONDS)
    assert client.get(url).status_code == 404
    assert "Hva er rusbehandling?" not in client.get("/artikler/").content.decode()


def test_a_visitor_with_a_session_is_never_served_a_cached_page(
    client, article, django_assert_max_num_queries
):
    url = article.get_absolute_url()
    client.get(url)
    client.cookies["forlop_session"] = "noe"
    response = client.get(url)
    assert response.status_code == 200


def test_a_page_with_a_csrf_token_is_never_cached(rf, settings):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from forlop.content.pagecache import cache_public_page

    calls = []

    @cache_public_page
    def view(request):
        calls.append(1)
        return HttpResponse(f"token {get_token(request)}")

    view(rf.get("/skjema/"))
    view(rf.get("/skjema/"))
    assert len(calls) == 2


def test_a_page_that_uses_the_csp_nonce_is_never_cached(rf):
    from django.http import HttpResponse
    from django.utils.csp import LazyNonce

    from forlop.content.pagecache import cache_public_page

    calls = []

    @cache_public_page
    def view(request):
        calls.append(1)
        return HttpResponse(f'<script nonce="{request._csp_nonce}">1</script>')

    for _ in range(2):
        request = rf.get("/med-nonce/")
        request._csp_nonce = LazyNonce()
        view(request)
    assert len(calls) == 2
