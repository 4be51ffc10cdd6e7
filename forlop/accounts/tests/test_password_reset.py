import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from forlop.accounts.models import UserSession
from forlop.accounts.testing import login_verified
from forlop.outbox.models import OutboxMessage

from .conftest import DASHBOARD, LOGIN, VERIFY, add_app

pytestmark = pytest.mark.django_db

RESET = "/ansatt/glemt-passord/"
NEW_PASSWORD = "sommer-ved-sjoen-og-fjellet"


def reset_link(email: str) -> str:
    message = OutboxMessage.objects.get(template="account_password_reset", to=[email])
    return re.search(r"http://[^\s]+/ansatt/nytt-passord/[^\s]+/", message.body_text).group(0)


def path_of(link: str) -> str:
    return link.split("8000", 1)[1]


def test_it_emails_a_reset_link_and_the_new_password_still_needs_the_second_factor(client, coordinator):
    add_app(coordinator)
    response = client.post(RESET, {"email": coordinator.email})
    assert response["Location"] == "/ansatt/glemt-passord/sendt/"
    link = path_of(reset_link(coordinator.email))

    page = client.get(link)
    assert page.status_code == 200
    assert 'for="id_new_password1">Nytt passord' in page.content.decode()
    done = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == LOGIN
    assert "Passordet er endret" in client.get(LOGIN).content.decode()
    assert client.get(DASHBOARD).status_code == 302  # a reset never logs anyone in

    login = client.post(LOGIN, {"email": coordinator.email, "password": NEW_PASSWORD})
    assert login["Location"] == VERIFY
    assert client.get(DASHBOARD).status_code == 302
    assert OutboxMessage.objects.filter(template="account_password_changed").count() == 1


def test_the_link_works_once(client, coordinator):
    client.post(RESET, {"email": coordinator.email})
    link = path_of(reset_link(coordinator.email))
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link)
    assert again.status_code == 400
    assert "Lenken virker ikke lenger" in again.content.decode()


def test_the_link_expires_after_an_hour(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    client.post(RESET, {"email": coordinator.email})
    link = path_of(reset_link(coordinator.email))
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC) + timedelta(hours=1, seconds=1), tick=False)
    assert client.get(link).status_code == 400


def test_a_reset_ends_every_session(client, coordinator):
    elsewhere = Client()
    login_verified(elsewhere, coordinator)
    client.post(RESET, {"email": coordinator.email})
    client.post(
        path_of(reset_link(coordinator.email)), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert elsewhere.get(DASHBOARD).status_code == 302
    assert not UserSession.objects.filter(user=coordinator).exists()


def test_unknown_and_non_staff_addresses_get_the_same_answer_and_no_email(client, client_person):
    for email in ("ingen@example.no", client_person.email):
        response = client.post(RESET, {"email": email})
        assert response["Location"] == "/ansatt/glemt-passord/sendt/"
    assert not OutboxMessage.objects.exists()


def test_it_sends_at_most_three_links_an_hour_to_one_address_from_one_place(client, coordinator):
    for _ in range(5):
        client.post(RESET, {"email": coordinator.email})
    assert OutboxMessage.objects.filter(template="account_password_reset").count() == 3


def test_a_bad_token_shows_a_friendly_page(client, coordinator):
    response = client.get("/ansatt/nytt-passord/Mg/feil-token/")
    assert response.status_code == 400
    assert "Be om ny lenke" in response.content.decode()


def test_mismatched_new_passwords_are_refused(client, coordinator):
    client.post(RESET, {"email": coordinator.email})
    link = path_of(reset_link(coordinator.email))
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})
    assert response.status_code == 200
    assert "De to passordene er ikke like." in response.content.decode()
