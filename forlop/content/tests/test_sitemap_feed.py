import xml.etree.ElementTree as ET  # noqa: S405 - parses our own responses
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.content.models import Article

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def site_url(settings) -> str:
    settings.SITE_URL = "https://forlop.example"
    return settings.SITE_URL


def sitemap_entries(response) -> dict[str, str | None]:
    root = ET.fromstring(response.content)  # noqa: S314
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("s:url", SITEMAP_NS)
    }


@pytest.mark.django_db
def test_the_sitemap_lists_public_pages_and_published_articles(client, make_article, site_url):
    live = make_article(slug="live")
    make_article(slug="utkast", status=Article.Status.DRAFT)
    make_article(slug="senere", published_at=timezone.now() + timedelta(days=1))
    response = client.get(reverse("content:sitemap"))
    assert response.status_code == 200
    entries = sitemap_entries(response)
    for path in ["/", "/hjelp-na/", "/personvern/", "/artikler/", reverse("contact:form")]:
        assert f"{site_url}{path}" in entries
    assert entries[f"{site_url}/artikler/live/"] == timezone.localdate(live.updated_at).isoformat()
    assert f"{site_url}/artikler/utkast/" not in entries
    assert f"{site_url}/artikler/senere/" not in entries
    assert all(loc.startswith(site_url + "/") for loc in entries)


@pytest.mark.django_db
def test_the_sitemap_ignores_the_request_host(client, make_article, site_url, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    make_article(slug="live")
    response = client.get(reverse("content:sitemap"), HTTP_HOST="evil.example")
    assert b"evil.example" not in response.content
    assert f"{site_url}/artikler/live/".encode() in response.content


@pytest.mark.django_db
def test_the_feed_has_the_latest_twenty_published_articles(client, make_article, site_url, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    for n in range(22):
        make_article(title=f"Artikkel {n:02}", slug=f"a-{n:02}", summary=f"Ingress {n:02}", days_ago=n + 1)
    make_article(title="Utkastet", status=Article.Status.DRAFT)
    make_article(title="Fremtidig", published_at=timezone.now() + timedelta(days=1))
    response = client.get(reverse("content:feed"), HTTP_HOST="evil.example")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314
    entries = root.findall("a:entry", ATOM_NS)
    assert len(entries) == 20
    first = entries[0]
    assert first.findtext("a:title", namespaces=ATOM_NS) == "Artikkel 00"
    assert first.findtext("a:summary", namespaces=ATOM_NS) == "Ingress 00"
    assert first.find("a:link", ATOM_NS).get("href") == f"{site_url}/artikler/a-00/"
    assert root.find("a:link[@rel='self']", ATOM_NS).get("href") == f"{site_url}/artikler/feed/"
    assert b"evil.example" not in response.content
    assert b"Utkastet" not in response.content and b"Fremtidig" not in response.content


@pytest.mark.django_db
def test_the_feed_and_sitemap_use_few_queries(client, make_article, django_assert_max_num_queries):
    for _ in range(15):
        make_article()
    with django_assert_max_num_queries(1):
        client.get(reverse("content:feed"))
    with django_assert_max_num_queries(2):
        client.get(reverse("content:sitemap"))


@pytest.mark.django_db
def test_the_feed_and_sitemap_work_with_no_articles(client):
    assert client.get(reverse("content:feed")).status_code == 200
    assert client.get(reverse("content:sitemap")).status_code == 200
