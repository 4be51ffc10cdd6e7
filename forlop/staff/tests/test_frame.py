"""Staff pages have their own, quieter frame: who is logged in and in which role, the staff menu with its
counts and "Logg ut" in the header; no public menu and no red "Trenger du hjelp nå?" (the crisis page stays
one link away in the footer)."""

import re

import pytest

from forlop.accounts.testing import login_verified

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/ansatt/", "/ansatt/sikkerhet/", "/ansatt/kalender/"]


def header_of(html: str) -> str:
    [header] = re.findall(r"<header\b.*?</header>", html, flags=re.S)
    return header


def footer_of(html: str) -> str:
    [footer] = re.findall(r"<footer\b.*?</footer>", html, flags=re.S)
    return footer


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_have_a_quiet_header_without_the_public_crisis_button(client, therapist, path):
    login_verified(client, therapist)
    html = client.get(path).content.decode()
    header = header_of(html)
    assert "Trenger du hjelp nå?" not in header and "help-now" not in header
    assert 'aria-label="Hovedmeny"' not in header  # the public menu (Artikler, Finn terapeut, …)
    assert "Terapeut" in header  # the name and the role of whoever is logged in
    assert 'aria-label="Ansattmeny"' in header and "Mine forespørsler" in header
    assert "Logg ut" in header
    assert 'href="/hjelp-na/"' in footer_of(html)  # the crisis page is still one link away


def test_the_header_names_the_person_and_every_role_they_hold(client, doctor):
    login_verified(client, doctor)
    header = header_of(client.get("/ansatt/").content.decode())
    assert "Lege" in header and "lege, terapeut" in header.lower()


def test_public_pages_keep_the_crisis_button(client, therapist):
    login_verified(client, therapist)  # logged in or not, the public site looks the same
    header = header_of(client.get("/").content.decode())
    assert "Trenger du hjelp nå?" in header
    assert 'aria-label="Ansattmeny"' not in header


def test_the_login_page_keeps_the_public_frame(client):
    header = header_of(client.get("/ansatt/logg-inn/").content.decode())
    assert "Trenger du hjelp nå?" in header
