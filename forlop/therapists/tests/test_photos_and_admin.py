import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from forlop.accounts.testing import login_verified
from forlop.therapists.models import Profession, Therapist

from .conftest import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_photo(make_therapist):
    therapist = make_therapist(name="Bilde Terapeut", slug="bilde-terapeut")
    therapist.photo.save("portrett.jpg", ContentFile(image_bytes("JPEG", (50, 50))))
    return therapist


def test_it_serves_the_portrait_of_a_published_profile(client, with_photo):
    response = client.get(with_photo.photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response.content[:2] == b"\xff\xd8"


def test_it_does_not_serve_the_portrait_once_the_profile_is_unpublished(client, with_photo):
    url = with_photo.photo_url
    Therapist.objects.filter(pk=with_photo.pk).update(status=Therapist.Status.DRAFT)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/terapeuter/bilde/../../secret_key",
        "/terapeuter/bilde/%2e%2e%2fsecret_key.jpg",
        "/terapeuter/bilde/..%2F..%2Fforlop.sqlite3",
        "/terapeuter/bilde/finnes-ikke-i-det-hele-tatt.jpg",
        "/terapeuter/bilde/x.jpg",
    ],
)
def test_it_never_serves_anything_but_a_known_portrait(client, with_photo, path):
    assert client.get(path).status_code == 404


def test_a_missing_file_is_not_found_rather_than_an_error(client, with_photo, media_root):
    (media_root / with_photo.photo.name).unlink()
    assert client.get(with_photo.photo_url).status_code == 404


def test_the_staff_photo_view_shows_only_one_s_own_unpublished_portrait(
    client, other_therapist, make_therapist
):
    draft = make_therapist(status=Therapist.Status.DRAFT, slug="utkast-bilde")
    draft.photo.save("p.jpg", ContentFile(image_bytes("JPEG", (40, 40))))
    login_verified(client, other_therapist)
    assert client.get(f"/ansatt/profil/bilde/{draft.photo_name}").status_code == 404


def test_the_admin_may_see_any_unpublished_portrait(client, admin_user, make_therapist):
    draft = make_therapist(status=Therapist.Status.DRAFT, slug="utkast-bilde")
    draft.photo.save("p.jpg", ContentFile(image_bytes("JPEG", (40, 40))))
    login_verified(client, admin_user)
    assert client.get(f"/ansatt/profil/bilde/{draft.photo_name}").status_code == 200


# --- Django admin -----------------------------------------------------------------------------------------


def test_the_admin_publishes_and_unpublishes_with_actions(client, admin_user, make_therapist):
    draft = make_therapist(status=Therapist.Status.REVIEW, slug="til-godkjenning")
    login_verified(client, admin_user)
    changelist = "/admin/therapists/therapist/"
    assert client.get(changelist).status_code == 200

    response = client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Therapist.Status.PUBLISHED and draft.published_at is not None
    assert Client().get("/terapeuter/til-godkjenning/").status_code == 200

    client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Therapist.Status.DRAFT
    assert Client().get("/terapeuter/til-godkjenning/").status_code == 404


def test_the_admin_change_form_cleans_uploads_and_checks_hpr(client, admin_user, make_therapist):
    therapist = make_therapist(slug="admin-redigert", languages=("nb",), modes=("video",))
    login_verified(client, admin_user)
    url = f"/admin/therapists/therapist/{therapist.pk}/change/"
    assert client.get(url).status_code == 200
    exif = Image.Exif()
    exif[0x010F] = "Kamerafabrikk"
    data = {
        "name": therapist.name,
        "slug": therapist.slug,
        "title": "",
        "profession": Profession.LEGE,
        "hpr_number": "",
        "gender": "kvinne",
        "bio_short": "Kort.",
        "bio_long": "Lang.",
        "languages": [language.pk for language in therapist.languages.all()],
        "meeting_modes": [m.pk for m in therapist.meeting_modes.all()],
        "place": "",
        "status": Therapist.Status.PUBLISHED,
        "accepting_new_clients": "on",
        "new_clients_per_week": "2",
        "photo": SimpleUploadedFile("kamera.jpg", image_bytes("JPEG", (1200, 1200), exif=exif)),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "HPR-nummer må fylles ut for autorisert helsepersonell." in response.content.decode()

    data["hpr_number"] = "1234567"
    data["photo"] = SimpleUploadedFile("kamera.jpg", image_bytes("JPEG", (1200, 1200), exif=exif))
    assert client.post(url, data).status_code == 302
    therapist.refresh_from_db()
    assert therapist.profession == Profession.LEGE
    stored = therapist.photo.read()
    therapist.photo.close()
    assert b"Kamerafabrikk" not in stored
    with Image.open(therapist.photo.path) as result:
        assert result.size == (800, 800)


def test_other_staff_cannot_reach_the_therapist_admin(client, therapist):
    login_verified(client, therapist)
    assert client.get("/admin/therapists/therapist/").status_code in (302, 403)
