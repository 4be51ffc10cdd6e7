"""The English site under /en/: the pages a visitor reaches first really are in English."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

# (url, English text that must be there, Norwegian source text that must not)
PAGES = [
    ("/en/", "Help with substance use – today, not in a few months", "Hjelp med rus – i dag"),
    ("/en/artikler/", "Articles on substance use, detox and treatment", "Artikler om rus"),
    ("/en/kontakt/", "Contact us", "Send meldingen"),
    ("/en/selvtest/", "Self-tests on alcohol and drugs", "Selvtester om alkohol"),
    ("/en/selvtest/alkohol/", "Alcohol test (AUDIT)", "Alkoholtest (AUDIT)"),
    ("/en/selvtest/rusmidler/", "Drug use test (DUDIT)", "Rusmiddeltest (DUDIT)"),
    ("/en/finn-terapeut/", "Match me with a therapist", "Match meg med en terapeut"),
    ("/en/terapeuter/", "Our therapists", "Terapeutene våre"),
    ("/en/kurs/5-tegn/", "Free email course: 5 common signs of substance misuse", "Gratis e-postkurs"),
    ("/en/hjelp-na/", "Do you need help now?", "Trenger du hjelp nå?"),
    ("/en/personvern/", "Privacy and cookies", "Personvern og informasjonskapsler"),
    ("/en/ansatt/logg-inn/", "Staff sign-in", "Logg inn for ansatte"),
]


@pytest.fixture(autouse=True)
def _back_to_norwegian():
    """LocaleMiddleware leaves the last request's language active in the thread; don't leak English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "english", "norwegian"), PAGES)
def test_it_shows_the_page_in_english(client, url, english, norwegian):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert english in html
    assert norwegian not in html
    assert "Skip to main content" in html


@pytest.mark.django_db
def test_it_keeps_the_norwegian_site_norwegian(client):
    html = client.get("/selvtest/alkohol/").content.decode()
    assert '<html lang="nb">' in html
    assert "Hvor ofte drikker du alkohol?" in html


@pytest.mark.django_db
def test_the_english_audit_uses_the_who_wording(client):
    html = client.get("/en/selvtest/alkohol/").content.decode()
    assert "How often do you have a drink containing alcohol?" in html
    assert "How often do you have six or more drinks on one occasion?" in html
    assert "Less than monthly" in html
    assert "Has a relative or friend or a doctor or another health worker been concerned" in html


@pytest.mark.django_db
def test_the_english_dudit_uses_the_original_wording(client):
    html = client.get("/en/selvtest/rusmidler/").content.decode()
    assert "How often do you use drugs other than alcohol?" in html
    assert "Less often than once a month" in html
    assert "Daily or almost every day" in html


@pytest.mark.django_db
def test_it_shows_the_not_found_page_in_english(client):
    response = client.get("/en/finnes-ikke/")
    assert response.status_code == 404
    assert "We could not find the page" in response.content.decode()


def test_every_marked_string_has_an_english_translation():
    """Guards the workflow: after `makemessages`, new strings must be translated before they ship."""
    text = PO_FILE.read_text(encoding="utf-8")
    live = [block for block in text.split("\n\n") if block.strip() and not block.lstrip().startswith("#~")]
    fuzzy = [block for block in live[1:] if "#, fuzzy" in block]
    # An empty msgstr is `msgstr ""` (or `msgstr[n] ""`) not followed by a continuation line.
    empty = [
        block for block in live[1:] if re.search(r'^msgstr(\[\d+\])? ""\n(?!")', block + "\n", re.MULTILINE)
    ]
    assert fuzzy == []
    assert empty == []
