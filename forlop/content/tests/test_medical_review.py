"""Every article that gives medical advice shows which doctor reviewed it and when; doctors and admins have a
list of those no doctor has reviewed in their present wording, and a doctor records a review there."""

import io
from datetime import UTC, datetime
from importlib import import_module

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forlop.content import services
from forlop.content.models import Article, MedicalReview
from forlop.content.pagecache import forget_version

LIST_URL = "/ansatt/artikler/medisinsk-gjennomgang/"
REVIEWED_AT = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def review_url(article: Article) -> str:
    return f"/ansatt/artikler/{article.pk}/medisinsk-gjennomgang/"


def mark_url(article: Article) -> str:
    return f"/ansatt/artikler/{article.pk}/medisinsk-gjennomgang/gjennomgatt/"


@pytest.fixture
def lege(doctor):
    doctor.full_name = "Lene Lege"
    doctor.save()
    return doctor


@pytest.fixture
def articles(make_article, lege):
    """One of each: never reviewed, reviewed and unchanged, changed after review, no medical advice."""
    never = make_article(title="Aldri sett av lege", gives_medical_advice=True)
    current = make_article(title="Gjennomgått og uendret", gives_medical_advice=True)
    changed = make_article(title="Endret etter gjennomgang", gives_medical_advice=True)
    plain = make_article(title="Ingen medisinske råd")
    for article in (current, changed):
        outcome = services.mark_medically_reviewed(
            article_id=article.pk, reviewed_digest=article.content_digest, by=lege, now=REVIEWED_AT
        )
        assert outcome is services.ReviewOutcome.REVIEWED
    changed.refresh_from_db()
    changed.body += "\n\nEt nytt avsnitt om dosering."
    changed.save()
    return {"never": never, "current": current, "changed": changed, "plain": plain}


# --- The service -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_doctor_records_a_review_of_the_wording_they_read(make_article, lege):
    article = make_article(gives_medical_advice=True)
    outcome = services.mark_medically_reviewed(
        article_id=article.pk, reviewed_digest=article.content_digest, by=lege, now=REVIEWED_AT
    )
    assert outcome is services.ReviewOutcome.REVIEWED
    article.refresh_from_db()
    assert (article.medically_reviewed_by, article.medically_reviewed_at) == (lege, REVIEWED_AT)
    assert article.medical_review_is_current
    record = MedicalReview.objects.get()
    assert (record.article, record.reviewed_by, record.content_digest) == (
        article,
        lege,
        article.content_digest,
    )


@pytest.mark.django_db
def test_a_review_of_a_version_that_has_since_changed_is_not_recorded(make_article, lege):
    article = make_article(gives_medical_advice=True)
    seen = article.content_digest
    article.body = "Ny tekst skrevet mens legen leste."
    article.save()
    outcome = services.mark_medically_reviewed(article_id=article.pk, reviewed_digest=seen, by=lege)
    assert outcome is services.ReviewOutcome.CHANGED
    article.refresh_from_db()
    assert article.medically_reviewed_by is None
    assert not MedicalReview.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["admin_user", "therapist", "coordinator", "stranger"])
def test_only_a_doctor_can_record_a_medical_review(make_article, persona, request):
    article = make_article(gives_medical_advice=True)
    with pytest.raises(PermissionDenied):
        services.mark_medically_reviewed(
            article_id=article.pk, reviewed_digest=article.content_digest, by=request.getfixturevalue(persona)
        )
    assert not MedicalReview.objects.exists()


@pytest.mark.django_db
def test_a_missing_article_is_reported_as_such(lege):
    outcome = services.mark_medically_reviewed(article_id=999, reviewed_digest="x", by=lege)
    assert outcome is services.ReviewOutcome.NOT_FOUND


@pytest.mark.django_db
def test_the_list_holds_unreviewed_and_changed_articles_only(articles):
    assert set(Article.objects.needing_medical_review()) == {articles["never"], articles["changed"]}


@pytest.mark.django_db
def test_a_title_change_also_needs_a_new_review(articles):
    current = articles["current"]
    current.title = "Ny tittel"
    current.save(update_fields=["title"])
    assert current in Article.objects.needing_medical_review()


# --- The staff list ----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["lege", "admin_user"])
def test_doctors_and_admins_see_the_articles_waiting_for_a_doctor(
    verified_client, articles, persona, request, django_assert_max_num_queries
):
    client = verified_client(request.getfixturevalue(persona))
    with django_assert_max_num_queries(12):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<a href="{review_url(articles["never"])}">Aldri sett av lege</a>' in html
    assert "Aldri gjennomgått av lege" in html
    assert "Endret etter gjennomgang" in html
    assert "Endret etter at Lene Lege gjennomgikk den 3. mars 2026" in html
    assert "Gjennomgått og uendret" not in html
    assert "Ingen medisinske råd" not in html
    assert 'aria-current="page">Artikkelgjennomgang (2)</a>' in html  # the menu counts what waits


@pytest.mark.django_db
def test_the_list_says_so_when_nothing_waits(verified_client, lege, make_article):
    make_article(title="Ingen medisinske råd")
    html = verified_client(lege).get(LIST_URL).content.decode()
    assert "Alle artikler som gir medisinske råd, er gjennomgått av lege slik de står nå." in html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["therapist", "coordinator", "client_person", "stranger"])
def test_others_are_refused_the_list_and_the_review_page(verified_client, articles, persona, request):
    client = verified_client(request.getfixturevalue(persona))
    assert client.get(LIST_URL).status_code == 403
    assert client.get(review_url(articles["never"])).status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, articles):
    for url in [LIST_URL, review_url(articles["never"])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/ansatt/logg-inn/")
    response = client.post(mark_url(articles["never"]), {"digest": articles["never"].content_digest})
    assert response.status_code == 302
    assert not MedicalReview.objects.filter(article=articles["never"]).exists()


@pytest.mark.django_db
def test_the_staff_menu_shows_the_list_to_doctors_and_admins_only(
    verified_client, lege, admin_user, therapist
):
    link = f'href="{LIST_URL}"'
    assert link in verified_client(lege).get("/ansatt/").content.decode()
    assert link in verified_client(admin_user).get("/ansatt/").content.decode()
    assert link not in verified_client(therapist).get("/ansatt/").content.decode()


# --- Reading and marking -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_doctor_reads_a_draft_and_marks_it_reviewed(verified_client, lege, make_article):
    draft = make_article(
        title="Utkast om nedtrapping", gives_medical_advice=True, status=Article.Status.DRAFT
    )
    client = verified_client(lege)
    page = client.get(review_url(draft))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<h1 id="article-title">Utkast om nedtrapping</h1>' in html
    assert f'name="digest" value="{draft.content_digest}"' in html
    assert "Ingen lege har gjennomgått artikkelen ennå." in html

    response = client.post(mark_url(draft), {"digest": draft.content_digest}, follow=True)
    assert response.redirect_chain == [(LIST_URL, 302)]
    assert "Artikkelen er markert som medisinsk gjennomgått av deg." in response.content.decode()
    draft.refresh_from_db()
    assert draft.medically_reviewed_by == lege and draft.medical_review_is_current


@pytest.mark.django_db
def test_a_doctor_who_read_an_older_version_is_asked_to_read_again(verified_client, lege, articles):
    article = articles["never"]
    old_digest = article.content_digest
    article.body = "Endret mens legen leste."
    article.save()
    response = verified_client(lege).post(mark_url(article), {"digest": old_digest}, follow=True)
    assert response.redirect_chain == [(review_url(article), 302)]
    assert "Artikkelen er endret etter at du åpnet den" in response.content.decode()
    article.refresh_from_db()
    assert article.medically_reviewed_by is None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["admin_user", "therapist", "coordinator", "stranger"])
def test_only_doctors_may_mark_an_article_reviewed(verified_client, articles, persona, request):
    article = articles["never"]
    response = verified_client(request.getfixturevalue(persona)).post(
        mark_url(article), {"digest": article.content_digest}
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.medically_reviewed_by is None


@pytest.mark.django_db
def test_an_admin_sees_the_review_page_without_the_button(verified_client, admin_user, articles):
    html = verified_client(admin_user).get(review_url(articles["changed"])).content.decode()
    assert "Lene Lege gjennomgikk artikkelen 3. mars 2026, men teksten er endret etter det." in html
    assert "Bare en lege kan markere en artikkel som medisinsk gjennomgått." in html
    assert 'name="digest"' not in html


@pytest.mark.django_db
def test_marking_is_post_only_and_unknown_articles_are_not_found(verified_client, lege, articles):
    client = verified_client(lege)
    assert client.get(mark_url(articles["never"])).status_code == 405
    assert (
        client.post("/ansatt/artikler/999/medisinsk-gjennomgang/gjennomgatt/", {"digest": "x"}).status_code
        == 404
    )
    assert client.get("/ansatt/artikler/999/medisinsk-gjennomgang/").status_code == 404


# --- The public page ---------------------------------------------------------------------------------------


def byline_of(html: str) -> str:
    return " ".join(html.split('class="meta byline"')[1].split("</p>")[0].split())


@pytest.mark.django_db
def test_the_article_shows_who_reviewed_it_and_when(client, articles):
    line = byline_of(client.get(articles["current"].get_absolute_url()).content.decode())
    assert 'Medisinsk gjennomgått av Lene Lege (lege), <time datetime="2026-03-03T' in line
    assert ">3. mars 2026</time>" in line
    assert "endret etter gjennomgangen" not in line


@pytest.mark.django_db
def test_the_article_says_when_it_changed_after_the_review(client, articles):
    line = byline_of(client.get(articles["changed"].get_absolute_url()).content.decode())
    assert "Medisinsk gjennomgått av Lene Lege (lege)" in line
    assert "Teksten er endret etter gjennomgangen." in line


@pytest.mark.django_db
def test_an_unreviewed_medical_article_says_so_and_others_say_nothing(client, articles):
    assert "Ikke medisinsk gjennomgått av lege ennå." in byline_of(
        client.get(articles["never"].get_absolute_url()).content.decode()
    )
    assert "Medisinsk" not in byline_of(client.get(articles["plain"].get_absolute_url()).content.decode())


@pytest.mark.django_db
def test_a_cached_page_shows_a_new_review_at_once(client, make_article, lege):
    article = make_article(gives_medical_advice=True)
    assert "Ikke medisinsk gjennomgått" in client.get(article.get_absolute_url()).content.decode()
    services.mark_medically_reviewed(article_id=article.pk, reviewed_digest=article.content_digest, by=lege)
    forget_version()  # as another process, or this one VERSION_SECONDS later
    assert (
        "Medisinsk gjennomgått av Lene Lege (lege)" in client.get(article.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_the_demo_has_its_medical_articles_reviewed_by_the_demo_doctor():
    out = io.StringIO()
    for app in ("accounts", "therapists", "content"):
        import_module(f"forlop.{app}.demo").load(out)
    import_module("forlop.content.demo").load(out)  # a second load keeps the reviews
    medical = Article.objects.filter(gives_medical_advice=True)
    assert medical.count() == 6
    assert not Article.objects.needing_medical_review().exists()
    assert {a.medically_reviewed_by.email for a in medical} == {"lege@forlop.test"}
    assert MedicalReview.objects.count() == 6
    for article in medical:
        assert article.medically_reviewed_at < article.published_at
    assert reverse("content:staff:medical_reviews") == LIST_URL
