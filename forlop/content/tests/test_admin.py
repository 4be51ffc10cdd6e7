from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.content.models import Article


def preview_url(article: Article) -> str:
    return reverse("admin:content_article_preview", args=[article.pk])


@pytest.mark.django_db
def test_an_admin_previews_a_draft_exactly_as_the_public_page(verified_client, admin_user, make_article):
    draft = make_article(title="Utkast om søvn", body="## Søvn\n\nTekst.", status=Article.Status.DRAFT)
    response = verified_client(admin_user).get(preview_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Forhåndsvisning – ikke publisert" in html
    assert '<h1 id="article-title">Utkast om søvn</h1>' in html
    assert "<h2>Søvn</h2>" in html
    assert "Tilbake til oversikten" in html
    assert reverse("admin:content_article_change", args=[draft.pk]) in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]
    assert response.templates[0].name == "content/article_detail.html"


@pytest.mark.django_db
def test_the_preview_says_when_a_scheduled_article_goes_live(verified_client, admin_user, make_article):
    scheduled = make_article(published_at=timezone.now() + timedelta(days=2))
    html = verified_client(admin_user).get(preview_url(scheduled)).content.decode()
    assert "Forhåndsvisning – ikke publisert ennå" in html
    assert "Artikkelen blir synlig for alle" in html


@pytest.mark.django_db
def test_the_preview_of_a_live_article_says_so(verified_client, admin_user, make_article):
    html = verified_client(admin_user).get(preview_url(make_article())).content.decode()
    assert "Forhåndsvisning – artikkelen er publisert" in html


@pytest.mark.django_db
def test_the_change_form_links_to_the_preview(verified_client, admin_user, make_article):
    article = make_article(status=Article.Status.DRAFT)
    response = verified_client(admin_user).get(reverse("admin:content_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert f'href="{preview_url(article)}">Forhåndsvis</a>' in response.content.decode()


@pytest.mark.django_db
def test_the_admin_lists_and_filters_articles(verified_client, admin_user, make_article):
    make_article(title="Publisert artikkel")
    make_article(title="Et utkast", status=Article.Status.DRAFT)
    client = verified_client(admin_user)
    response = client.get(reverse("admin:content_article_changelist"), {"status__exact": "draft"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Et utkast" in html
    assert "Publisert artikkel" not in html
    assert client.get(reverse("admin:content_article_changelist"), {"q": "utkast"}).status_code == 200
    assert client.get(reverse("admin:content_category_changelist")).status_code == 200


@pytest.mark.django_db
def test_an_admin_can_write_an_article_in_the_admin(verified_client, admin_user, category):
    response = verified_client(admin_user).post(
        reverse("admin:content_article_add"),
        {
            "title": "Ny artikkel om rusbehandlingen",
            "slug": "ny-artikkel",
            "category": category.pk,
            "summary": "Ingress.",
            "body": "Tekst.",
            "status": "draft",
            "published_at_0": "2026-11-22",
            "published_at_1": "10:00:00",
            "author": "Kari Nordmann",
            "reviewed_by": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="ny-artikkel")
    assert "rusbehandling" in article.search_document


@pytest.mark.django_db
def test_the_admin_refuses_the_reserved_slug(verified_client, admin_user, category):
    response = verified_client(admin_user).post(
        reverse("admin:content_article_add"),
        {
            "title": "Feed",
            "slug": "feed",
            "category": category.pk,
            "summary": "Ingress.",
            "body": "Tekst.",
            "status": "draft",
            "published_at_0": "2026-11-22",
            "published_at_1": "10:00:00",
            "author": "Kari Nordmann",
        },
    )
    assert response.status_code == 200
    assert "er en fast adresse på nettstedet" in response.content.decode()
    assert not Article.objects.filter(slug="feed").exists()


@pytest.mark.django_db
def test_a_therapist_may_not_preview(verified_client, therapist, make_article):
    article = make_article(status=Article.Status.DRAFT)
    assert verified_client(therapist).get(preview_url(article)).status_code == 403


@pytest.mark.django_db
def test_an_admin_without_the_second_factor_is_sent_to_log_in(client, admin_user, make_article):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(admin_user)
    response = client.get(preview_url(article))
    assert response.status_code == 302
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    response = client.get(preview_url(article))
    assert response.status_code == 302
    assert "Utkast" not in response.content.decode()


@pytest.mark.django_db
def test_previewing_a_missing_article_is_not_found(verified_client, admin_user):
    assert verified_client(admin_user).get("/admin/content/article/999999/preview/").status_code == 404


def test_the_preview_is_classified_as_admin_only():
    from django.urls import resolve

    from forlop.audit.access import ACCESS_ATTR, STAFF

    view = resolve("/admin/content/article/1/preview/").func
    assert getattr(view, ACCESS_ATTR) == STAFF
    assert view.allowed_roles == frozenset({"admin"})
