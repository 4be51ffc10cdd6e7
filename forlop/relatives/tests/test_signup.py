"""A relative signs up without the person knowing: the public page, an email that names no one, a password
and a second factor, then their own area. The same login rules as every client."""

import re

import pytest
from django.urls import reverse

from forlop.accounts.tests.test_client_accounts import BACKUP, LOGIN, NEW_PASSWORD, SETUP, path_of, totp_code
from forlop.booking.tests.helpers import mails
from forlop.outbox.models import OutboxMessage
from forlop.people.models import Person
from forlop.relatives import services
from forlop.relatives.models import Dial

from .conftest import as_user, share, user_of

pytestmark = pytest.mark.django_db

START = "/parorende/"


def sign_up(client, email="lise@example.no", **extra):
    return client.post(START, {"email": email}, **extra)


def test_a_relative_signs_up_sets_a_password_and_an_app_and_lands_in_their_own_area(client):
    page = client.get(START).content.decode()
    assert (
        "trenger ikke å vite om det" in page and "113" in page
    )  # the ladder and crisis numbers apply here too
    response = sign_up(client, "Lise@Example.no")
    assert response.status_code == 200 and "Sjekk e-posten din" in response.content.decode()
    [message] = mails()
    assert message.template == "relatives_invitation" and message.to == ["lise@example.no"]
    link = path_of(re.search(r"https?://\S+", message.body_text).group(0))
    assert link.startswith("/parorende/invitasjon/")

    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == SETUP
    client.get(SETUP)
    response = client.post(SETUP, {"code": totp_code(client.session["staff_totp_pending_key"])})
    assert response.status_code == 302 and response["Location"] == BACKUP
    page = client.get(BACKUP).content.decode()
    assert reverse("relatives:home") in page  # "continue" leads to the relative's area
    home = client.get(reverse("relatives:home"))
    assert home.status_code == 200
    assert (
        "Min side for pårørende" in home.content.decode()
        and "Ingen deler noe med deg" in home.content.decode()
    )
    assert client.get(link).status_code == 400  # used up
    person = Person.objects.get(email="lise@example.no")
    assert person.user.is_client and not person.user.is_staff


def test_the_password_alone_never_opens_the_relatives_area(client):
    sign_up(client)
    link = path_of(re.search(r"https?://\S+", mails()[0].body_text).group(0))
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.get(reverse("relatives:home"))
    assert response.status_code == 302 and "/min-side/logg-inn/" in response["Location"]


def test_the_relatives_login_locks_after_five_wrong_passwords_like_every_client(client, ola):
    user = user_of(ola)
    user.set_password(NEW_PASSWORD)
    user.save()
    for _ in range(5):
        client.post(LOGIN, {"email": ola.email, "password": "feil-passord-her-123"})
    response = client.post(LOGIN, {"email": ola.email, "password": NEW_PASSWORD})
    assert "For mange mislykkede forsøk" in response.content.decode()


def test_the_sign_up_email_names_no_one_else_and_carries_no_health_details(client, nora):
    sign_up(client, "lise@example.no")
    [message] = mails("relatives_invitation")
    text = (message.subject + message.body_text + message.body_html).lower()
    for word in ("nora", "alkohol", "rus", "behandling", "forløp hos"):
        assert word not in text


def test_an_address_with_an_account_is_told_to_log_in_and_the_page_says_the_same(client, ola):
    user = user_of(ola)
    user.set_password(NEW_PASSWORD)
    user.save()
    first = sign_up(client, "ny@example.no").content
    second = sign_up(client, ola.email).content
    assert first.replace(b"ny@example.no", b"") == second.replace(ola.email.encode(), b"")
    assert mails()[-1].template == "relatives_has_account"


def test_a_staff_address_gets_nothing(client, therapist):
    response = sign_up(client, therapist.email)
    assert "Sjekk e-posten din" in response.content.decode()
    assert mails() == []
    assert not Person.objects.filter(email=therapist.email).exists()


def test_sign_up_is_rate_limited_per_address_and_per_sender(client):
    for _ in range(5):
        sign_up(client, "lise@example.no")
    assert len(mails()) == services.SIGNUP_LIMIT
    OutboxMessage.objects.all().delete()
    for n in range(services.SIGNUP_IP_LIMIT + 3):
        sign_up(client, f"person{n}@example.no")
    assert len(mails()) == services.SIGNUP_IP_LIMIT - 5  # the first five asks from this sender counted too


def test_a_person_can_be_both_a_client_and_someones_relative_with_one_account(
    client, nora, ola, per, coordinator, therapist
):
    # Per is in a course too and shares with Nora, who is in her own course.
    from forlop.care import services as care

    care.start_course(
        by=coordinator, person=per, therapist=therapist, coordinator=coordinator, substances=["cannabis"]
    )
    consent = share(per, nora, Dial.APPOINTMENTS, name="Nora Nordmann")
    share(nora, ola, Dial.NOTHING)
    as_user(client, nora)
    mine = client.get(reverse("relatives:consents")).content.decode()
    assert "Ola Nordmann" in mine and "Noen deler med deg" in mine
    home = client.get(reverse("relatives:home")).content.decode()
    assert "Per Klient deler med deg" in home and "Du er selv i et forløp" in home
    assert client.get(reverse("relatives:person", args=[consent.pk])).status_code == 200
