"""The "Haster det?" question, danger words in the message, honest reply times: the contact form as a person in trouble meets it.

Issue 9: "jeg har tenkt på å ta livet mitt i kveld" got no alert and no staff flag, and the thank-you page
promised an answer "senest mandag"; a Friday-evening sender was promised an answer "innen én virkedag".
"""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.contact.models import ContactEnquiry
from forlop.outbox.models import OutboxMessage

OSLO = ZoneInfo("Europe/Oslo")
URL = "/kontakt/"
THANKS = reverse("contact:thanks")
SUICIDAL = "Jeg har tenkt på å ta livet mitt i kveld."
ORDINARY = "Jeg drikker mer enn jeg vil, og lurer på om avrusning hjemme er mulig."
TUESDAY_MORNING = datetime(2026, 12, 8, 10, 0, tzinfo=OSLO)
FRIDAY_EVENING = datetime(2026, 12, 11, 20, 0, tzinfo=OSLO)


def valid(**changes) -> dict:
    data = {
        "urgent": "no",
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "phone": "",
        "preferred_contact": "email",
        "message": ORDINARY,
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def crisis_block(html: str) -> str:
    """The crisis box next to the "Haster det?" question ('' when it is not on the page at all)."""
    found = re.search(r'<div id="contact-crisis"[^>]*>.*?</section>', html, re.S)
    return found.group(0) if found else ""


def shows_the_emergency_numbers(html: str) -> bool:
    return (
        'class="crisis-alert" role="alert"' in html
        and 'href="tel:113"' in html
        and 'href="tel:116117"' in html
    )


# --- The defects from issue 9 ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_message_about_taking_ones_life_is_flagged_urgent_and_shows_the_numbers(client):
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        response = client.post(URL, valid(message=SUICIDAL, urgent="no"), follow=True)

    enquiry = ContactEnquiry.objects.get()
    assert enquiry.urgent is True
    assert enquiry.said_urgent is False  # the person answered "Nei"; the words made it urgent
    html = response.content.decode()
    assert shows_the_emergency_numbers(html)
    assert "senest mandag" not in html
    assert "Vi er ikke en akuttjeneste" in html


@pytest.mark.django_db
def test_a_friday_evening_sender_is_told_monday_on_the_page_and_in_the_receipt(client):
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        response = client.post(URL, valid(), follow=True)

    html = response.content.decode()
    assert "Vi svarer deg mandag 14. desember." in html
    receipt = OutboxMessage.objects.get(to=["kari@example.no"])
    for body in (receipt.body_text, receipt.body_html):
        assert "mandag 14. desember" in body
        assert "innen én virkedag" not in body
        assert "116 117" in body and "113" in body and "116 123" in body
    assert "innen én virkedag" not in html
    assert not shows_the_emergency_numbers(html)  # an ordinary message gets the calm page


@pytest.mark.django_db
def test_answering_yes_without_javascript_shows_113_and_116_117_on_the_page_that_comes_back(client):
    response = client.post(URL, valid(urgent="yes", name=""))  # a mistake: the form comes back

    assert response.status_code == 200
    html = response.content.decode()
    box = crisis_block(html)
    assert box, "the crisis box is next to the question"
    assert "hidden" not in box.split(">", 1)[0]
    assert shows_the_emergency_numbers(box)
    assert re.search(r'value="yes"[^>]* checked', html)  # the answer is kept


@pytest.mark.django_db
def test_answering_yes_marks_the_enquiry_urgent_and_the_thank_you_page_shows_the_numbers(client, settings):
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        response = client.post(URL, valid(urgent="yes"), follow=True)

    enquiry = ContactEnquiry.objects.get()
    assert (enquiry.urgent, enquiry.said_urgent) == (True, True)
    html = response.content.decode()
    assert shows_the_emergency_numbers(html)
    assert "Vi svarer deg i dag, innen kl. 16." in html
    practice = OutboxMessage.objects.get(to=[settings.PRACTICE_EMAIL])
    assert practice.subject.startswith("Haster:")
    assert "livet" not in practice.body_text  # still nothing of what was written


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 8, 9, 0, tzinfo=UTC), tick=False)
def test_the_staff_list_shows_waiting_urgent_enquiries_first_with_a_haster_mark(
    client, coordinator, django_assert_max_num_queries
):
    now = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)

    def made(name: str, *, ago: timedelta, urgent: bool = False, status: str = "new") -> ContactEnquiry:
        return ContactEnquiry.objects.create(
            name=name,
            email=f"{name.lower()}@example.no",
            message="Hei",
            preferred_contact="email",
            consent_at=now - ago,
            created_at=now - ago,
            urgent=urgent,
            status=status,
        )

    old_urgent = made("Eldst", ago=timedelta(days=2), urgent=True)
    newer_urgent = made("Nyere", ago=timedelta(hours=2), urgent=True)
    newest = made("Nyest", ago=timedelta(minutes=5))
    handled_urgent = made("Behandlet", ago=timedelta(hours=1), urgent=True, status="handled")
    middle = made("Midt", ago=timedelta(hours=3))

    login_verified(client, coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("contact_staff:list"))

    # Waiting urgent ones first, the one that has waited longest on top; then everything else, newest first.
    assert response.context["enquiries"] == [old_urgent, newer_urgent, newest, handled_urgent, middle]
    html = response.content.decode()
    assert html.count('<span class="tag enquiry-tag-urgent">Haster</span>') == 3
    assert html.count('<tr class="enquiry-new enquiry-urgent">') == 2
    assert "hastesaker som venter, først" in html


# --- "Haster det?" on the form ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_question_is_asked_and_the_numbers_wait_hidden_for_a_yes(client):
    html = client.get(URL).content.decode()

    assert "Haster det?" in html
    box = crisis_block(html)
    assert box and " hidden" in box.split(">", 1)[0]
    assert shows_the_emergency_numbers(box)
    assert "js/contact.js" in html
    # Pressing "Ja" shows the box at once in browsers without JavaScript too (CSS :has).
    assert "data-crisis-question" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answer", "error"),
    [(None, "Svar ja eller nei på om det haster."), ("kanskje", "Velg ja eller nei.")],
)
def test_the_question_must_be_answered_and_nothing_typed_is_lost(client, answer, error):
    response = client.post(URL, valid(urgent=answer, message=SUICIDAL))

    assert response.status_code == 200
    assert response.context["form"].errors["urgent"] == [error]
    html = response.content.decode()
    assert SUICIDAL in html and 'value="Kari Nordmann"' in html
    assert ContactEnquiry.objects.count() == 0
    # The message already reads as acute danger: the numbers are shown at once, also without an answer.
    assert "hidden" not in crisis_block(html).split(">", 1)[0]


@pytest.mark.django_db
def test_an_ordinary_message_with_no_is_not_urgent(client):
    client.post(URL, valid())
    enquiry = ContactEnquiry.objects.get()
    assert (enquiry.urgent, enquiry.said_urgent) == (False, False)


@pytest.mark.django_db
def test_a_honeypot_hit_with_danger_words_still_stores_nothing(client):
    response = client.post(URL, valid(message=SUICIDAL, website="https://spam.example"), follow=True)
    assert ContactEnquiry.objects.count() == 0
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_thank_you_page_is_never_stored_by_a_cache(client):
    response = client.get(THANKS)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_thank_you_page_for_an_urgent_enquiry_works_in_english(client):
    response = client.get("/en" + THANKS + "?haster=1")
    assert response.status_code == 200
    assert shows_the_emergency_numbers(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "", "ja", "<script>", "1" * 300])
def test_odd_thank_you_addresses_show_the_calm_page(client, value):
    response = client.get(THANKS, {"haster": value})
    assert response.status_code == 200
    assert not shows_the_emergency_numbers(response.content.decode())


@pytest.mark.django_db
def test_the_detail_page_says_why_an_enquiry_is_urgent(coordinator, client):
    client.post(URL, valid(message=SUICIDAL, urgent="yes"))
    enquiry = ContactEnquiry.objects.get()

    staff = login_verified(Client(), coordinator)
    html = staff.get(reverse("contact_staff:detail", args=[enquiry.pk])).content.decode()

    assert "Haster" in html
    assert "Avsenderen svarte ja på «Haster det?»" in html
    assert "Meldingen nevner akutt fare: «ta livet mitt»" in html


@pytest.mark.django_db
def test_a_sender_who_is_paused_by_the_rate_limit_still_sees_the_numbers(client, settings):
    settings.CONTACT_RATE_LIMIT_PER_HOUR = 1
    client.post(URL, valid())

    response = client.post(URL, valid(urgent="yes", message=SUICIDAL))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Vent litt før du sender igjen" in html
    box = crisis_block(html)
    assert "hidden" not in box.split(">", 1)[0] and shows_the_emergency_numbers(box)
    assert SUICIDAL in html
