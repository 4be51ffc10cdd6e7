import pytest
from django.urls import reverse

from forlop.lib.crisis import EMERGENCY, LEGEVAKT


@pytest.mark.django_db
def test_it_shows_the_home_page_in_norwegian(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "Match meg med en terapeut" in html
    assert "495 kr" in html
    assert "Trenger du hjelp nå?" in html


@pytest.mark.django_db
def test_it_shows_the_crisis_numbers_on_every_page(client):
    for url in ["/", reverse("site:privacy"), reverse("site:crisis")]:
        html = client.get(url).content.decode()
        assert EMERGENCY.number in html
        assert LEGEVAKT.number in html


@pytest.mark.django_db
def test_the_crisis_box_on_every_page_sends_confusion_in_withdrawal_to_113(client):
    html = client.get("/").content.decode()
    box = html[html.index('class="crisis-box"') :]
    assert "har kramper eller er sterkt forvirret under abstinenser? Ring <strong>113</strong>" in box


@pytest.mark.django_db
def test_the_home_page_does_not_promise_anonymity_where_an_email_is_required(client):
    html = client.get("/").content.decode()
    assert "du kan være anonym" not in html.lower()
    assert "Et fornavn eller kallenavn og en e-postadresse holder." in html


@pytest.mark.django_db
def test_the_crisis_page_lists_every_help_number(client):
    html = client.get("/hjelp-na/").content.decode()
    for number in ["113", "116 117", "22 59 13 00", "116 123", "22 40 00 40", "08588", "116 111"]:
        assert number in html


@pytest.mark.django_db
def test_it_serves_english_under_en(client):
    response = client.get("/en/hjelp-na/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_the_privacy_page_lists_every_cookie(client, settings):
    html = client.get("/personvern/").content.decode()
    assert settings.CSRF_COOKIE_NAME in html
    assert settings.SESSION_COOKIE_NAME in html
    assert "cookie-banner" in html


@pytest.mark.django_db
def test_an_anonymous_reader_gets_no_cookie(client):
    for url in ["/", "/hjelp-na/", "/personvern/"]:
        response = client.get(url)
        assert response.cookies == {}, url


@pytest.mark.django_db
def test_a_missing_page_is_a_helpful_norwegian_404(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Vi fant ikke siden" in html
    assert 'href="/hjelp-na/"' in html and 'href="/finn-terapeut/"' in html
