"""An article's byline takes the author's title from their therapist profile, never from free text:
"psykolog" is a protected title (helsepersonelloven § 74), and nobody who is not one may be called one."""

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from forlop.content import bylines
from forlop.content.models import Article
from forlop.therapists.models import Profession, Therapist
from forlop.therapists.testing import make_therapist


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Kari Nordmann", []),
        ("Helge Kollegaard", []),
        ("Anne-Lise Legesen", []),
        ("Jonas Eide, psykolog", ["psykolog", ","]),
        ("Psykolog Jonas Eide", ["psykolog"]),
        ("Dr. Hansen", ["dr"]),
        ("Tone Vikhagen, spesialist i rus- og avhengighetsmedisin", ["spesialist", ","]),
        ("Siri Aasen familieterapeut", ["familieterapeut"]),
        ("Ola LEGE", ["lege"]),
    ],
)
def test_it_finds_titles_in_a_typed_name(name, found):
    assert bylines.title_words_in(name) == found


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("Jonas Eide", "Klinisk sosionom", "Jonas Eide, klinisk sosionom"),
        (
            "Lene Dahl",
            "Lege, spesialist i rus- og avhengighetsmedisin",
            "Lene Dahl, lege, spesialist i rus- og avhengighetsmedisin",
        ),
        ("Kari Nilsen", "", "Kari Nilsen"),
    ],
)
def test_the_byline_is_the_name_and_the_profession_from_the_profile(name, label, expected):
    assert bylines.byline(name, label) == expected


@pytest.fixture
def writer(db, therapist):
    therapist.full_name = "Jonas Eide"
    therapist.save()
    return therapist


@pytest.mark.django_db
def test_the_article_page_takes_the_title_from_the_authors_profile(client, make_article, writer):
    profile = make_therapist(
        name="Jonas Eide",
        slug="jonas-eide",
        user=writer,
        profession=Profession.KLINISK_SOSIONOM,
        hpr_number="",
    )
    article = make_article(written_by=writer, author="")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'Skrevet av <a href="{profile.get_absolute_url()}">Jonas Eide, klinisk sosionom</a>' in html
    assert "psykolog" not in html.split('class="meta byline"')[1].split("</p>")[0]


@pytest.mark.django_db
def test_a_psychologist_is_called_psychologist(make_article, writer):
    make_therapist(name="Jonas Eide", slug="jonas-eide", user=writer, profession=Profession.PSYKOLOG)
    assert make_article(written_by=writer, author="").byline == "Jonas Eide, psykolog"


@pytest.mark.django_db
def test_a_changed_profession_changes_every_byline(make_article, writer):
    profile = make_therapist(
        name="Jonas Eide", slug="jonas-eide", user=writer, profession=Profession.PSYKOLOG
    )
    article = make_article(written_by=writer, author="")
    Therapist.objects.filter(pk=profile.pk).update(profession=Profession.KLINISK_SOSIONOM, hpr_number="")
    assert Article.objects.with_people().get(pk=article.pk).byline == "Jonas Eide, klinisk sosionom"


@pytest.mark.django_db
def test_a_staff_author_without_a_profile_is_named_without_a_title(client, make_article, coordinator):
    coordinator.full_name = "Kari Nilsen"
    coordinator.save()
    article = make_article(written_by=coordinator, author="")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Skrevet av Kari Nilsen</p>" in html.replace("\n", "").replace("      ", "")


@pytest.mark.django_db
def test_an_unpublished_profile_gives_the_title_but_no_link(client, make_article, writer):
    make_therapist(
        name="Jonas Eide",
        slug="jonas-eide",
        user=writer,
        status=Therapist.Status.DRAFT,
        profession=Profession.PSYKOLOG,
    )
    html = client.get(make_article(written_by=writer, author="").get_absolute_url()).content.decode()
    assert "Skrevet av Jonas Eide, psykolog" in html
    assert 'href="/terapeuter/jonas-eide/"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed", ["Jonas Eide, psykolog", "Psykolog Jonas Eide", "Dr. Eide", "Eide, klinisk sosionom"]
)
def test_a_typed_author_name_may_not_carry_a_title(category, typed):
    article = Article(title="T", slug="t", summary="s", body="b", category=category, author=typed)
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "Skriv bare navnet, uten tittel" in str(error.value.message_dict["author"])


@pytest.mark.django_db
def test_an_article_needs_exactly_one_author(category, writer):
    nobody = Article(title="T", slug="t", summary="s", body="b", category=category)
    with pytest.raises(ValidationError) as error:
        nobody.clean()
    assert "written_by" in error.value.message_dict
    both = Article(
        title="T", slug="t", summary="s", body="b", category=category, written_by=writer, author="Kari"
    )
    with pytest.raises(ValidationError) as error:
        both.clean()
    assert "author" in error.value.message_dict
    Article(title="T", slug="t", summary="s", body="b", category=category, author="Kari Nordmann").clean()


@pytest.mark.django_db
def test_the_admin_refuses_a_title_typed_into_the_author_name(verified_client, admin_user, category):
    response = verified_client(admin_user).post(
        "/admin/content/article/add/",
        {
            "title": "Ny artikkel",
            "slug": "ny-artikkel",
            "category": category.pk,
            "summary": "Ingress.",
            "body": "Tekst.",
            "author": "Jonas Eide, psykolog",
            "status": "draft",
            "published_at_0": "2026-05-01",
            "published_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert "Skriv bare navnet, uten tittel" in response.content.decode()
    assert not Article.objects.filter(slug="ny-artikkel").exists()


@pytest.mark.django_db
def test_the_feed_uses_the_byline(client, make_article, writer):
    make_therapist(
        name="Jonas Eide",
        slug="jonas-eide",
        user=writer,
        profession=Profession.KLINISK_SOSIONOM,
        hpr_number="",
    )
    make_article(written_by=writer, author="")
    xml = client.get("/artikler/feed/").content.decode()
    assert "<name>Jonas Eide, klinisk sosionom</name>" in xml


@pytest.mark.django_db
def test_the_migration_links_typed_bylines_to_staff_and_drops_unchecked_titles(make_article, writer):
    migration = import_module("forlop.content.migrations.0004_bylines_and_medical_review")
    staff = make_article(author="Jonas Eide, psykolog")
    guest = make_article(author="Siri Aasen, familieterapeut")
    titled = make_article(author="Dr. Hansen")

    class Editor:
        class connection:  # noqa: N801
            alias = "default"
            vendor = "none"

    migration.digests_and_authors(apps, Editor)
    staff.refresh_from_db()
    guest.refresh_from_db()
    titled.refresh_from_db()
    assert (staff.written_by, staff.author) == (writer, "")
    assert (guest.written_by, guest.author) == (None, "Siri Aasen")
    assert titled.author == "Forløp"


@pytest.mark.django_db
def test_no_demo_byline_gives_a_title_the_profile_does_not_have():
    """The demo once called a klinisk sosionom "psykolog". Every byline that names someone in the therapist
    directory must carry exactly their profession."""
    out = io.StringIO()
    for app in ("accounts", "therapists", "content"):
        import_module(f"forlop.{app}.demo").load(out)
    profiles = {profile.name: profile for profile in Therapist.objects.all()}
    articles = list(Article.objects.with_people())
    assert articles
    for article in articles:
        name = article.byline.split(",")[0]
        if name in profiles:
            expected = bylines.byline(name, profiles[name].get_profession_display())
            assert article.byline == expected, article.title
        assert "psykolog" not in article.byline or name in profiles
    titles = {article.byline for article in articles}
    assert "Tor Haugen, psykologspesialist" in titles
    assert "Lene Dahl, lege, spesialist i rus- og avhengighetsmedisin" in titles
    assert "Kari Nilsen" in titles
