from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.content.models import Article


@pytest.mark.django_db
def test_it_shows_the_article_with_its_facts(client, make_article, doctor):
    doctor.full_name = "Ola Lege"
    doctor.save()
    article = make_article(
        title="Avrusning fra alkohol",
        summary="Hva skjer i kroppen de første dagene?",
        body="## Første døgn\n\n" + "ord " * 450,
        reviewed_by=doctor,
        author="Kari Nordmann",
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="article-title">Avrusning fra alkohol</h1>' in html
    assert "<h2>Første døgn</h2>" in html
    assert "Tilbake til oversikten" in html
    assert 'href="/artikler/?kategori=avrusning">Avrusning</a>' in html
    assert "Lesetid: 3 minutter" in html
    assert "Skrevet av Kari Nordmann" in html
    assert "Faglig gjennomgått av Ola Lege" in html
    for name in ["matching:match", "course:signup", "contact:form"]:
        assert f'href="{reverse(name)}"' in html


@pytest.mark.django_db
def test_the_call_to_action_is_honest_about_anonymity(client, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()
    cta = html[html.index('class="card article-cta"') :]
    assert "kan være anonym" not in cta
    assert "så helt anonym er du ikke hos oss" in cta
    assert "Vil du heller snakke med noen helt anonymt, kan du ringe RUSinfo på 08588." in cta


@pytest.mark.django_db
def test_it_leaves_out_the_review_line_when_nobody_reviewed_it(client, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert "Faglig gjennomgått" not in html


@pytest.mark.django_db
def test_it_shows_norwegian_dates_and_the_update_when_revised(client, make_article, time_machine):
    time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False)
    article = make_article(published_at=datetime(2026, 2, 28, 23, 30, tzinfo=UTC))  # 1 March in Oslo
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'Publisert <time datetime="2026-03-01T00:30:00+01:00">1. mars 2026</time>' in html
    assert "Oppdatert" not in html

    time_machine.move_to(datetime(2026, 4, 2, 9, 0, tzinfo=UTC), tick=False)
    article.body = "Ny og bedre tekst."
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'Oppdatert <time datetime="2026-04-02T11:00:00+02:00">2. april 2026</time>' in html


@pytest.mark.django_db
def test_it_has_description_canonical_and_open_graph_tags(client, make_article, settings):
    settings.SITE_URL = "https://forlop.example"
    article = make_article(
        title="Søvn uten alkohol", slug="sovn-uten-alkohol", summary="Slik sover du bedre."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    url = "https://forlop.example/artikler/sovn-uten-alkohol/"
    assert '<meta name="description" content="Slik sover du bedre.">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Søvn uten alkohol">' in html
    assert '<meta property="og:description" content="Slik sover du bedre.">' in html
    assert f'<meta property="og:url" content="{url}">' in html


@pytest.mark.django_db
def test_the_english_interface_points_to_the_norwegian_original(client, make_article, settings):
    article = make_article(slug="om-avrusning")
    response = client.get("/en/artikler/om-avrusning/")
    assert response.status_code == 200
    assert (
        f'<link rel="canonical" href="{settings.SITE_URL}/artikler/om-avrusning/">'
        in response.content.decode()
    )
    assert article.title in response.content.decode()


@pytest.mark.django_db
def test_it_escapes_metadata_and_sanitises_the_body(client, make_article):
    article = make_article(
        title='Rus "og" <b>fet</b>',
        summary='Ingress med "anførsel" og <script>',
        body='Tekst <img src=x onerror="alert(1)"> [lenke](javascript:alert(2))',
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'content="Ingress med &quot;anførsel&quot; og &lt;script&gt;"' in html
    assert "<b>fet</b>" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


@pytest.mark.django_db
def test_it_suggests_up_to_three_related_articles_from_the_same_category(
    client, make_article, other_category
):
    article = make_article(title="Hovedartikkelen", days_ago=1)
    same = [make_article(title=f"Samme tema {n}", days_ago=n + 2) for n in range(4)]
    make_article(title="Annet tema", category=other_category)
    make_article(title="Utkast i samme tema", status=Article.Status.DRAFT)
    response = client.get(article.get_absolute_url())
    assert [a.title for a in response.context["related"]] == [a.title for a in same[:3]]
    html = response.content.decode()
    assert "Les også" in html
    assert "Annet tema" not in html
    assert "Utkast i samme tema" not in html


@pytest.mark.django_db
def test_drafts_are_not_found(client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_future_articles_are_not_found_until_their_time(client, make_article, time_machine):
    time_machine.move_to(datetime(2026, 5, 1, 8, 0, tzinfo=UTC), tick=False)
    article = make_article(published_at=timezone.now() + timedelta(hours=2))
    assert client.get(article.get_absolute_url()).status_code == 404
    time_machine.move_to(datetime(2026, 5, 1, 10, 0, tzinfo=UTC), tick=False)
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_unknown_slugs_are_not_found(client):
    assert client.get("/artikler/finnes-ikke/").status_code == 404


@pytest.mark.django_db
def test_it_uses_a_fixed_number_of_queries(client, make_article, doctor, django_assert_max_num_queries):
    article = make_article(reviewed_by=doctor)
    for _ in range(5):
        make_article()
    with django_assert_max_num_queries(3):  # +1: the page cache's content-version check
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_slug_feed_is_reserved_for_the_atom_feed(make_article):
    from django.core.exceptions import ValidationError

    article = Article(title="Feed", slug="feed", summary="x", body="x", author="x")
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "slug" in error.value.message_dict
