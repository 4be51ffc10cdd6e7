import pytest
from django.urls import reverse

from forlop.therapists.models import Profession, Therapist

pytestmark = pytest.mark.django_db

URL = "/terapeuter/"


@pytest.fixture
def team(make_therapist):
    return {
        "ingrid": make_therapist(
            name="Ingrid Solberg",
            focus=("alkohol", "parorende"),
            methods=("motiverende_intervju",),
            languages=("nb", "en"),
            modes=("video", "oppmote"),
            place="Bergen",
            gender="kvinne",
        ),
        "omar": make_therapist(
            name="Omar Haddad",
            focus=("cannabis", "ungdom"),
            methods=("familieterapi",),
            languages=("nb", "ar"),
            modes=("video", "telefon"),
            gender="mann",
            accepting_new_clients=False,
        ),
        "hidden": make_therapist(name="Utkast Usynlig", status=Therapist.Status.DRAFT, focus=("alkohol",)),
        "waiting": make_therapist(name="Venter Godkjenning", status=Therapist.Status.REVIEW),
    }


def names(response) -> list[str]:
    return [t.name for t in response.context["therapists"]]


def test_it_lists_only_published_profiles_with_cards(client, team):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Ingrid Solberg", "Omar Haddad"]
    html = response.content.decode()
    assert "Utkast Usynlig" not in html and "Venter Godkjenning" not in html
    assert "Tar imot nye klienter" in html
    assert "Tar ikke imot nye klienter nå" in html
    assert 'class="therapist-avatar" aria-hidden="true">IS<' in html
    assert 'href="/terapeuter/' + team["ingrid"].slug + '/"' in html
    assert "2 terapeuter" in html


def test_it_is_the_named_directory_url():
    assert reverse("therapists:list") == URL


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"fokus": "alkohol"}, ["Ingrid Solberg"]),
        ({"fokus": "ungdom"}, ["Omar Haddad"]),
        ({"metode": "familieterapi"}, ["Omar Haddad"]),
        ({"sprak": "ar"}, ["Omar Haddad"]),
        ({"sprak": "nb"}, ["Ingrid Solberg", "Omar Haddad"]),
        ({"kjonn": "kvinne"}, ["Ingrid Solberg"]),
        ({"motes": "oppmote"}, ["Ingrid Solberg"]),
        ({"motes": "telefon"}, ["Omar Haddad"]),
        ({"motes": "video"}, ["Ingrid Solberg", "Omar Haddad"]),
    ],
)
def test_each_filter_narrows_the_list(client, team, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert names(response) == expected
    assert "passer til valgene dine" in response.content.decode()


def test_filters_combine_so_every_one_must_hold(client, team):
    assert names(client.get(URL, {"sprak": "en", "motes": "video", "kjonn": "kvinne"})) == ["Ingrid Solberg"]
    assert names(client.get(URL, {"sprak": "ar", "kjonn": "kvinne"})) == []
    response = client.get(URL, {"fokus": "alkohol", "metode": "familieterapi"})
    assert "Ingen terapeuter passer til alle valgene" in response.content.decode()
    assert "0 terapeuter passer til valgene dine" in response.content.decode()


def test_a_therapist_with_many_matching_rows_is_listed_once(client, make_therapist):
    make_therapist(name="Mange Valg", focus=("alkohol", "cannabis", "spill"), languages=("nb", "en", "pl"))
    assert names(client.get(URL, {"fokus": "alkohol", "sprak": "pl", "motes": "video"})) == ["Mange Valg"]


@pytest.mark.parametrize(
    "params",
    [
        {"fokus": "heroin"},
        {"sprak": "klingon", "kjonn": "ukjent"},
        {"motes": "<script>"},
        {"metode": "x" * 5000},
        {"sprak": "de"},  # a real language nobody in the directory speaks
    ],
)
def test_bad_filter_values_are_ignored_never_an_error(client, team, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert names(response) == ["Ingrid Solberg", "Omar Haddad"]
    assert "&lt;script&gt;" not in response.content.decode()


def test_a_bad_value_does_not_cancel_the_good_ones(client, team):
    response = client.get(URL, {"fokus": "heroin", "kjonn": "mann"})
    assert names(response) == ["Omar Haddad"]
    assert response.context["filters"] == {"kjonn": "mann"}


def test_it_offers_only_languages_someone_in_the_directory_speaks(client, team):
    choices = dict(client.get(URL).context["form"].fields["sprak"].choices)
    assert set(choices) == {"", "nb", "en", "ar"}


def test_the_filter_form_works_without_javascript(client, team):
    html = client.get(URL).content.decode()
    assert '<form class="therapist-filters" method="get" action="/terapeuter/"' in html
    assert html.count("<fieldset") >= 3 and html.count("<legend>") >= 3
    assert '<button type="submit">Vis terapeuter</button>' in html
    assert ">Nullstill</a>" in html
    assert 'role="status" aria-live="polite"' in html


def test_the_directory_needs_the_same_queries_for_two_or_twenty_therapists(
    client, make_therapist, django_assert_num_queries
):
    for _ in range(2):
        make_therapist(
            focus=("alkohol", "traumer"), languages=("nb", "sv"), modes=("video", "oppmote"), place="Oslo"
        )
    with django_assert_num_queries(5):
        client.get(URL, {"fokus": "alkohol", "sprak": "sv"})
    for _ in range(18):
        make_therapist(
            focus=("alkohol", "traumer"), languages=("nb", "sv"), modes=("video", "oppmote"), place="Oslo"
        )
    with django_assert_num_queries(5):
        response = client.get(URL, {"fokus": "alkohol", "sprak": "sv"})
    assert len(response.context["therapists"]) == 20


# --- Profile page ---------------------------------------------------------------------------------------


def test_the_profile_page_shows_everything_public(client, team):
    ingrid = team["ingrid"]
    ingrid.bio_long = "Jeg jobber med <em>mennesker</em>.\n\nAndre avsnitt om meg."
    ingrid.title = "Psykolog med fordypning i rus"
    ingrid.save()
    response = client.get(f"/terapeuter/{ingrid.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Ingrid Solberg</h1>" in html
    assert "Psykolog med fordypning i rus" in html
    assert "HPR-nr. 1234567" in html
    assert "Helsepersonellregisteret" in html
    assert "<p>Jeg jobber med &lt;em&gt;mennesker&lt;/em&gt;.</p>" in html
    assert "<p>Andre avsnitt om meg.</p>" in html
    assert "Alkohol" in html and "Pårørende" in html and "Motiverende intervju" in html
    assert "Videosamtale, oppmøte i Bergen" in html and "Norsk, engelsk" in html
    assert 'href="/finn-terapeut/"' in html and ">Match meg med en terapeut</a>" in html
    assert ">Kontakt oss</a>" in html


def test_a_profile_without_hpr_claims_no_authorization(client, make_therapist):
    coach = make_therapist(name="Sara Lind", profession=Profession.SERTIFISERT_TERAPEUT, hpr_number="")
    html = client.get(f"/terapeuter/{coach.slug}/").content.decode()
    assert "HPR" not in html
    assert "Sertifisert terapeut (ikke autorisert helsepersonell)" in html


def test_the_profile_page_shows_medical_detox(client, make_therapist):
    doctor = make_therapist(name="Lene Dahl", profession=Profession.RUSMEDISIN, medical_detox=True)
    html = client.get(f"/terapeuter/{doctor.slug}/").content.decode()
    assert "Tilbyr medisinsk støttet avrusning" in html
    assert "Lege, spesialist i rus- og avhengighetsmedisin" in html


@pytest.mark.parametrize("status", [Therapist.Status.DRAFT, Therapist.Status.REVIEW])
def test_an_unpublished_profile_is_not_found(client, make_therapist, status):
    draft = make_therapist(status=status)
    assert client.get(f"/terapeuter/{draft.slug}/").status_code == 404


def test_an_unknown_profile_is_not_found(client, db):
    assert client.get("/terapeuter/finnes-ikke/").status_code == 404


def test_the_profile_page_needs_a_fixed_number_of_queries(client, team, django_assert_num_queries):
    # Five for the profile, one for whether it offers anything to book ("Bestill time").
    with django_assert_num_queries(6):
        assert client.get(f"/terapeuter/{team['ingrid'].slug}/").status_code == 200


def test_the_english_directory_works_too(client, team):
    assert client.get("/en/terapeuter/").status_code == 200
