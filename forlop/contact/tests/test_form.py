import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from forlop.contact.models import ContactEnquiry
from forlop.outbox.models import OutboxMessage

OSLO = ZoneInfo("Europe/Oslo")
URL = "/kontakt/"
MESSAGE = "Jeg drikker mer enn jeg vil, og lurer på om avrusning hjemme er mulig."


def valid(**changes) -> dict:
    data = {
        "urgent": "no",
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "phone": "412 34 567",
        "preferred_contact": "email",
        "message": MESSAGE,
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_it_shows_the_form_with_a_csrf_cookie(client, settings, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("contact:form") == URL
    assert "<h1>Kontakt oss</h1>" in html
    assert "Hvordan kan vi nå deg?" in html
    assert "Jeg samtykker i at Forløp behandler det jeg skriver her" in html
    assert "Skjemaet er ikke for akutt hjelp" in html and "113" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert settings.CSRF_COOKIE_NAME in response.cookies


@pytest.mark.django_db
def test_it_works_in_english_too(client):
    assert client.get("/en/kontakt/").status_code == 200


@pytest.mark.django_db
def test_a_logged_in_staff_member_sees_the_same_public_form(client, therapist):
    client.force_login(therapist)
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_it_stores_the_enquiry_and_queues_two_emails_without_the_message(
    client, settings, django_assert_max_num_queries
):
    settings.SITE_URL = "https://forlop.example"
    with time_machine.travel(datetime(2026, 3, 6, 22, 0, tzinfo=OSLO), tick=False):  # a Friday evening
        with django_assert_max_num_queries(12):
            response = client.post(URL, valid())

    assert response.status_code == 302
    assert response["Location"] == reverse("contact:thanks")
    enquiry = ContactEnquiry.objects.get()
    assert enquiry.name == "Kari Nordmann"
    assert enquiry.email == "kari@example.no"
    assert enquiry.phone == "+4741234567"
    assert enquiry.message == MESSAGE
    assert enquiry.preferred_contact == "email"
    assert enquiry.status == ContactEnquiry.Status.NEW
    assert enquiry.consent_at is not None
    assert len(enquiry.ip_hash) == 32 and "127.0.0.1" not in enquiry.ip_hash

    practice = OutboxMessage.objects.get(to=[settings.PRACTICE_EMAIL])
    receipt = OutboxMessage.objects.get(to=["kari@example.no"])
    assert f"https://forlop.example/ansatt/henvendelser/{enquiry.pk}/" in practice.body_text
    for message in (practice, receipt):
        everything = message.subject + message.body_text + message.body_html
        assert "avrusning" not in everything
        assert "drikker" not in everything
        assert "Kari" not in everything
        assert "41234567" not in everything
    assert "Vi svarer deg mandag 9. mars." in receipt.body_text
    assert "innen én virkedag" not in receipt.body_text


@pytest.mark.django_db
def test_without_an_email_address_only_the_practice_is_told(client, settings):
    response = client.post(URL, valid(email="", preferred_contact="sms"))

    assert response.status_code == 302
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [[settings.PRACTICE_EMAIL]]
    assert ContactEnquiry.objects.get().email == ""


@pytest.mark.django_db
def test_the_enquiry_and_its_emails_are_one_transaction(client, monkeypatch):
    def mail_server_queue_broken(**kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr("forlop.contact.services.queue_email", mail_server_queue_broken)
    client.raise_request_exception = False

    response = client.post(URL, valid())

    assert response.status_code == 500
    assert ContactEnquiry.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"name": ""}, "name", "Skriv inn navnet ditt. Et fornavn holder."),
        ({"email": "kari@"}, "email", "Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        ({"phone": "12345"}, "phone", "Vi kjenner ikke igjen «12345» som et telefonnummer."),
        ({"phone": "ring meg"}, "phone", "Vi kjenner ikke igjen «ring meg» som et telefonnummer."),
        ({"preferred_contact": None}, "preferred_contact", "Velg hvordan du vil at vi skal ta kontakt."),
        ({"preferred_contact": "brevdue"}, "preferred_contact", "Velg ett av alternativene."),
        ({"message": "  "}, "message", "Skriv en kort melding, så vet vi hva du ønsker hjelp til."),
        ({"message": "x" * 5001}, "message", "Meldingen kan ha høyst 5000 tegn (nå er den 5001)."),
        ({"consent": None}, "consent", "Du må krysse av for samtykke før vi kan ta imot meldingen."),
        ({"urgent": None}, "urgent", "Svar ja eller nei på om det haster."),
        (
            {"email": "", "phone": ""},
            "email",
            "Skriv inn e-postadresse eller telefonnummer (minst ett av dem), så vi kan svare deg.",
        ),
        (
            {"email": "", "preferred_contact": "email"},
            "preferred_contact",
            "Du har valgt e-post. Skriv inn e-postadressen din, eller velg telefon eller SMS.",
        ),
        (
            {"phone": "", "preferred_contact": "phone"},
            "preferred_contact",
            "Du har valgt telefon eller SMS. Skriv inn telefonnummeret ditt, eller velg e-post.",
        ),
    ],
)
def test_it_explains_each_mistake_in_norwegian_and_keeps_what_was_typed(
    client, changes, field, error, django_assert_max_num_queries
):
    data = valid(**changes)
    with django_assert_max_num_queries(2):
        response = client.post(URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["form"].errors[field][0].startswith(error)
    assert f'id="id_{field}_error"' in html  # next to the field, and in the summary at the top
    assert "Noe må rettes før du kan sende" in html
    # Everything typed is still there.
    for name in ("name", "email", "phone"):
        if data.get(name):
            assert f'value="{data[name]}"' in html
    if data.get("message", "").strip() and len(data["message"]) < 200:
        assert data["message"] in html
    if data.get("consent"):
        assert 'id="id_consent" checked' in html
    if data.get("preferred_contact") == "email":
        assert re.search(r'value="email"[^>]* checked', html)
    assert ContactEnquiry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("91234567", "+4791234567"),
        ("+47 912 34 567", "+4791234567"),
        ("0047 91234567", "+4791234567"),
        ("22 00 00 00", "+4722000000"),
        ("+46 70 123 45 67", "+46701234567"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_it_accepts_norwegian_and_international_numbers(client, typed, stored):
    client.post(URL, valid(phone=typed, email="", preferred_contact="phone"))
    assert ContactEnquiry.objects.get().phone == stored


@pytest.mark.django_db
def test_a_filled_honeypot_looks_like_success_but_stores_nothing(client):
    response = client.post(URL, valid(website="https://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == reverse("contact:thanks")
    assert ContactEnquiry.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_the_honeypot_is_hidden_from_people(client):
    html = client.get(URL).content.decode()
    assert '<div class="contact-hp" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


@pytest.mark.django_db
def test_the_sixth_enquiry_in_an_hour_is_refused_kindly(client, settings):
    settings.CONTACT_RATE_LIMIT_PER_HOUR = 5
    start = datetime(2026, 3, 2, 10, 0, tzinfo=OSLO)
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):
            assert client.post(URL, valid()).status_code == 302
            clock.shift(60)

        response = client.post(URL, valid(message="Sjette melding"))

        assert response.status_code == 429
        html = response.content.decode()
        assert "Vent litt før du sender igjen" in html
        assert settings.PRACTICE_PHONE in html
        assert "Sjette melding" in html  # nothing lost
        assert ContactEnquiry.objects.count() == 5

        # Someone else is not affected, and an hour later the first sender may write again.
        assert client.post(URL, valid(), REMOTE_ADDR="10.0.0.9").status_code == 302
        clock.shift(60 * 60)
        assert client.post(URL, valid()).status_code == 302


@pytest.mark.django_db
def test_invalid_attempts_do_not_use_up_the_limit(client, settings):
    settings.CONTACT_RATE_LIMIT_PER_HOUR = 2
    for _ in range(4):
        client.post(URL, valid(name=""))
    assert client.post(URL, valid()).status_code == 302


@pytest.mark.django_db
def test_honeypot_hits_count_towards_the_limit(client, settings):
    settings.CONTACT_RATE_LIMIT_PER_HOUR = 2
    for _ in range(2):
        client.post(URL, valid(website="spam"))
    assert client.post(URL, valid()).status_code == 429


@pytest.mark.django_db
def test_the_form_refuses_other_methods(client):
    assert client.put(URL).status_code == 405


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(settings):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, valid()).status_code == 403
    assert ContactEnquiry.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "answer_by"),
    [
        (datetime(2026, 3, 2, 10, 0, tzinfo=OSLO), "i dag, innen kl. 16"),  # Monday morning
        (datetime(2026, 3, 6, 22, 0, tzinfo=OSLO), "mandag 9. mars"),  # Friday evening
        (datetime(2026, 4, 1, 18, 0, tzinfo=OSLO), "tirsdag 7. april"),  # before Easter
        (datetime(2026, 3, 29, 23, 30, tzinfo=OSLO), "i morgen, mandag 30. mars"),  # Sunday, the DST night
    ],
)
def test_the_thank_you_page_says_when_to_expect_an_answer(
    client, moment, answer_by, django_assert_max_num_queries
):
    with time_machine.travel(moment, tick=False), django_assert_max_num_queries(0):
        response = client.get(reverse("contact:thanks"))

    assert response.status_code == 200
    html = response.content.decode()
    assert f"Vi svarer deg {answer_by}." in html
    assert "innen én virkedag" not in html
    assert "113" in html and "116 117" in html  # what to do until then
    assert response.cookies == {}


@pytest.mark.django_db
def test_an_enquiry_sent_from_the_english_pages_still_reaches_staff_in_norwegian(client, settings):
    settings.SITE_URL = "https://forlop.example"
    client.post("/en/kontakt/", valid())

    enquiry = ContactEnquiry.objects.get()
    practice = OutboxMessage.objects.get(to=[settings.PRACTICE_EMAIL])
    assert practice.subject == "Ny henvendelse via kontaktskjemaet"
    assert f"https://forlop.example/ansatt/henvendelser/{enquiry.pk}/" in practice.body_text
