import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.therapists import services
from forlop.therapists.models import Profession, Therapist

from .conftest import image_bytes

pytestmark = pytest.mark.django_db

URL = "/ansatt/profil/"


def form_data(**overrides) -> dict:
    data = {
        "name": "Tor Haugen",
        "title": "Psykolog",
        "profession": Profession.PSYKOLOG,
        "hpr_number": "1234567",
        "gender": "mann",
        "bio_short": "Jeg hjelper deg å finne ut hva du vil med rusen.",
        "bio_long": "Første avsnitt.\n\nAndre avsnitt.",
        "substances": ["alkohol", "cannabis"],
        "themes": ["parorende"],
        "methods": ["motiverende_intervju"],
        "languages": ["nb", "en"],
        "meeting_modes": ["video", "oppmote"],
        "place": "Trondheim",
        "accepting_new_clients": "on",
        "new_clients_per_week": "3",
        "handling": "lagre",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def keys(relation) -> set[str]:
    return set(relation.values_list("key", flat=True))


def test_a_therapist_without_a_profile_gets_an_empty_form(client, therapist, django_assert_max_num_queries):
    login_verified(client, therapist)
    with django_assert_max_num_queries(20):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Profilen din</h1>" in html
    assert ">Lagre og send til godkjenning</button>" in html
    assert 'enctype="multipart/form-data"' in html


def test_a_therapist_saves_a_draft_of_their_own_profile(client, therapist):
    login_verified(client, therapist)
    response = client.post(URL, form_data())
    assert response.status_code == 302 and response["Location"] == URL
    profile = Therapist.objects.get(user=therapist)
    assert profile.status == Therapist.Status.DRAFT
    assert profile.name == "Tor Haugen" and profile.slug == "tor-haugen"
    assert keys(profile.focus_areas) == {"alkohol", "cannabis", "parorende"}
    assert keys(profile.languages) == {"nb", "en"}
    assert keys(profile.meeting_modes) == {"video", "oppmote"}
    assert profile.place == "Trondheim" and profile.new_clients_per_week == 3
    assert "Utkastet er lagret" in client.get(URL).content.decode()


def test_a_therapist_sends_the_profile_for_review(client, therapist):
    login_verified(client, therapist)
    client.post(URL, form_data(handling="send"))
    profile = Therapist.objects.get(user=therapist)
    assert profile.status == Therapist.Status.REVIEW
    assert profile.submitted_at is not None
    assert client.get(f"/terapeuter/{profile.slug}/").status_code == 404


def test_a_doctor_may_edit_their_profile_too(client, doctor):
    login_verified(client, doctor)
    data = form_data(
        name="Lene Dahl",
        title="Lege i rus- og avhengighetsmedisin",  # a doctor may not call herself "Psykolog"
        profession=Profession.RUSMEDISIN,
        hpr_number="7654321",
        medical_detox="on",
    )
    assert client.post(URL, data).status_code == 302
    assert Therapist.objects.get(user=doctor).medical_detox is True


def test_the_form_keeps_what_was_typed_and_explains_errors_in_norwegian(client, therapist):
    login_verified(client, therapist)
    response = client.post(
        URL, form_data(hpr_number="", place="", languages=None, bio_long="Min egen lange tekst om meg.")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "HPR-nummer må fylles ut for autorisert helsepersonell." in html
    assert "Skriv hvor du tar imot klienter når du tilbyr oppmøte" in html
    assert "Velg minst ett alternativ." in html
    assert "Min egen lange tekst om meg." in html
    assert 'value="Tor Haugen"' in html
    assert 'value="cannabis" id="id_substances_1" checked>' in html
    assert 'value="mann" id="id_gender_2" checked>' in html
    assert not Therapist.objects.exists()


@pytest.mark.parametrize(
    ("hpr", "message"),
    [("12 34 567", None), ("12345", "7 til 9 sifre"), ("abcdefg", "7 til 9 sifre")],
)
def test_it_accepts_spaces_in_the_hpr_number_but_nothing_else(client, therapist, hpr, message):
    login_verified(client, therapist)
    response = client.post(URL, form_data(hpr_number=hpr))
    if message is None:
        assert response.status_code == 302
        assert Therapist.objects.get(user=therapist).hpr_number == "1234567"
    else:
        assert response.status_code == 200
        assert message in response.content.decode()


def test_a_therapist_can_only_ever_edit_their_own_profile(client, therapist, other_therapist, make_therapist):
    theirs = make_therapist(user=other_therapist, name="Annen Terapeut", slug="annen-terapeut")
    login_verified(client, therapist)
    client.post(URL, form_data(name="Kapret Navn"))
    theirs.refresh_from_db()
    assert theirs.name == "Annen Terapeut"
    assert Therapist.objects.get(user=therapist).name == "Kapret Navn"


@pytest.mark.parametrize("persona", ["coordinator", "client_person", "admin_user"])
def test_other_roles_are_refused(client, persona, request):
    login_verified(client, request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not Therapist.objects.exists()


def test_a_stranger_is_refused(client, stranger):
    client.force_login(stranger)
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/ansatt/logg-inn/")


def test_a_password_without_the_second_factor_is_not_enough(client, therapist):
    client.force_login(therapist)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/ansatt/logg-inn/")
    client.post(URL, form_data())
    assert not Therapist.objects.exists()


def test_an_uploaded_portrait_is_cleaned_and_stored_under_a_random_name(client, therapist, media_root):
    login_verified(client, therapist)
    upload = SimpleUploadedFile(
        "meg på ferie.png", image_bytes("PNG", (1000, 1000)), content_type="image/png"
    )
    assert client.post(URL, {**form_data(), "photo": upload}).status_code == 302
    profile = Therapist.objects.get(user=therapist)
    assert profile.photo.name.startswith("therapists/") and profile.photo.name.endswith(".jpg")
    assert "ferie" not in profile.photo.name
    assert (media_root / profile.photo.name).read_bytes()[:2] == b"\xff\xd8"
    html = client.get(URL).content.decode()
    assert f'src="/ansatt/profil/bilde/{profile.photo_name}"' in html
    assert client.get(f"/ansatt/profil/bilde/{profile.photo_name}").status_code == 200
    # A draft's portrait is not public.
    assert client.get(f"/terapeuter/bilde/{profile.photo_name}").status_code == 404


def test_a_file_that_is_not_a_picture_is_refused_in_norwegian(client, therapist):
    login_verified(client, therapist)
    upload = SimpleUploadedFile("cv.jpg", b"%PDF-1.7 ikke et bilde", content_type="image/jpeg")
    response = client.post(URL, {**form_data(), "photo": upload})
    assert response.status_code == 200
    assert "Filen er ikke et bilde vi kan lese" in response.content.decode()
    assert not Therapist.objects.exists()


# --- Editing a published profile ------------------------------------------------------------------------


@pytest.fixture
def published(client, therapist, make_therapist):
    profile = make_therapist(
        user=therapist,
        name="Tor Haugen",
        slug="tor-haugen",
        focus=("alkohol",),
        languages=("nb",),
        modes=("video",),
        bio_short="Den godkjente teksten.",
        new_clients_per_week=2,
    )
    login_verified(client, therapist)
    return profile


def test_changes_to_a_published_profile_wait_for_approval(client, published):
    response = client.post(
        URL,
        form_data(
            bio_short="En ny tekst som ikke er godkjent.",
            substances=["opioider"],
            themes=[],
            accepting_new_clients=None,
        ),
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == Therapist.Status.PUBLISHED
    assert published.bio_short == "Den godkjente teksten."
    assert keys(published.focus_areas) == {"alkohol"}
    assert published.pending_changes["bio_short"] == "En ny tekst som ikke er godkjent."
    assert published.pending_changes["focus_areas"] == ["opioider"]
    # Availability is live at once.
    assert published.accepting_new_clients is False
    assert published.new_clients_per_week == 3

    public = client.get("/terapeuter/tor-haugen/").content.decode()
    assert "Den godkjente teksten." in public and "En ny tekst" not in public
    assert "Tar ikke imot nye klienter nå" in public

    own = client.get(URL).content.decode()
    assert "venter på godkjenning" in own
    assert "En ny tekst som ikke er godkjent." in own  # the form shows what they proposed


def test_the_admin_publishing_applies_the_proposed_changes(client, published):
    client.post(URL, form_data(bio_short="Ny tekst.", substances=["opioider"], themes=["traumer"]))
    services.publish(therapist=published)
    published.refresh_from_db()
    assert published.bio_short == "Ny tekst."
    assert keys(published.focus_areas) == {"opioider", "traumer"}
    assert keys(published.meeting_modes) == {"video", "oppmote"}
    assert published.place == "Trondheim"
    assert published.pending_changes == {}
    assert "Ny tekst." in client.get("/terapeuter/tor-haugen/").content.decode()


def test_saving_a_published_profile_unchanged_leaves_nothing_pending(client, published):
    services.publish(therapist=published)
    published.refresh_from_db()
    values = services.proposed_values(published)
    data = form_data(
        **{
            k: v
            for k, v in values.items()
            if k in ("name", "title", "bio_short", "bio_long", "hpr_number", "place", "gender")
        },
        profession=published.profession,
        substances=["alkohol"],
        themes=[],
        methods=["kognitiv_terapi"],
        languages=["nb"],
        meeting_modes=["video"],
        medical_detox=None,
    )
    assert client.post(URL, data).status_code == 302
    published.refresh_from_db()
    assert published.pending_changes == {}


def test_a_new_portrait_for_a_published_profile_waits_too(client, published, media_root):
    upload = SimpleUploadedFile("ny.jpg", image_bytes("JPEG", (400, 400)), content_type="image/jpeg")
    client.post(URL, {**form_data(), "photo": upload})
    published.refresh_from_db()
    assert not published.photo
    proposed = published.pending_changes["photo"]
    assert (media_root / proposed).exists()
    name = proposed.rsplit("/", 1)[-1]
    assert client.get(f"/terapeuter/bilde/{name}").status_code == 404
    assert client.get(f"/ansatt/profil/bilde/{name}").status_code == 200

    services.publish(therapist=published)
    published.refresh_from_db()
    assert published.photo.name == proposed
    response = Client().get(f"/terapeuter/bilde/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    html = Client().get("/terapeuter/tor-haugen/").content.decode()
    assert f'src="/terapeuter/bilde/{name}"' in html
    assert 'alt="Portrett av Tor Haugen"' in html


def test_a_therapist_removes_the_portrait_of_a_draft(
    client, therapist, media_root, django_capture_on_commit_callbacks
):
    login_verified(client, therapist)
    upload = SimpleUploadedFile("meg.jpg", image_bytes("JPEG", (300, 300)), content_type="image/jpeg")
    client.post(URL, {**form_data(), "photo": upload})
    stored = media_root / Therapist.objects.get(user=therapist).photo.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**form_data(), "remove_photo": "on"})
    assert not Therapist.objects.get(user=therapist).photo
    assert not stored.exists()
