import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts import clients
from forlop.accounts.models import User
from forlop.conftest import PASSWORD
from forlop.outbox.models import OutboxMessage
from forlop.people.services import person_for

from .conftest import add_app, code_now

pytestmark = pytest.mark.django_db

LOGIN = "/min-side/logg-inn/"
VERIFY = "/min-side/logg-inn/bekreft/"
SETUP = "/min-side/sikkerhet/oppsett/"
BACKUP = "/min-side/sikkerhet/reservekoder/"
NEW_PASSWORD = "et-nytt-og-langt-passord-for-min-side"


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[-1].split("/", 1)[1]


def invited(coordinator, email="kari@example.no", name="Kari Nordmann"):
    person = person_for(email=email, name=name)
    user = clients.invite_client(person=person, by=coordinator)
    message = OutboxMessage.objects.filter(template="client_invitation").latest("pk")
    link = path_of(re.search(r"https?://\S+", message.body_text).group(0))
    return person, user, link


def client_with_app(coordinator, email="kari@example.no") -> tuple[User, TOTPDevice]:
    person = person_for(email=email, name="Kari Nordmann")
    user = clients.invite_client(person=person, by=coordinator)
    clients.accept_invitation(user=user, password=PASSWORD)
    return user, add_app(user)


def totp_code(key: str) -> str:
    device = TOTPDevice(key=key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_it_invites_a_person_who_then_chooses_a_password_and_enrols_an_app(client, coordinator):
    person, user, link = invited(coordinator)
    assert user.is_client and not user.is_staff and not user.has_usable_password()
    person.refresh_from_db()
    assert person.user == user
    assert OutboxMessage.objects.get(template="client_invitation").to == ["kari@example.no"]

    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == SETUP
    assert "Sett opp andre faktor" in client.get(SETUP).content.decode()
    key = client.session["staff_totp_pending_key"]
    response = client.post(SETUP, {"code": totp_code(key)})
    assert response.status_code == 302 and response["Location"] == BACKUP
    page = client.get(BACKUP)
    assert "Reservekoder" in page.content.decode()
    assert len(page.context["codes"]) == 10
    assert client.session["otp_device_id"]

    # The invitation is used up.
    assert client.get(link).status_code == 400


def test_an_invitation_expires_after_seven_days(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    _person, _user, link = invited(coordinator)
    time_machine.move_to(datetime(2026, 3, 9, 9, 1, tzinfo=UTC), tick=False)
    response = client.get(link)
    assert response.status_code == 400
    assert "brukt eller for gammel" in response.content.decode()


def test_a_client_logs_in_with_password_and_always_a_second_factor(client, coordinator):
    user, device = client_with_app(coordinator)
    response = client.post(LOGIN, {"email": "kari@example.no", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == VERIFY
    # Half-logged-in: Min side's pages are not reachable yet.
    assert not client.session.get("otp_device_id")
    response = client.post(VERIFY, {"code": code_now(device)})
    assert response.status_code == 302 and response["Location"] == "/min-side/"
    assert client.session["otp_device_id"] == device.persistent_id


def test_a_client_gets_no_staff_page_and_the_staff_login_refuses_them(client, coordinator):
    user, device = client_with_app(coordinator)
    client.post(LOGIN, {"email": user.email, "password": PASSWORD})
    client.post(VERIFY, {"code": code_now(device)})
    assert client.get("/ansatt/").status_code == 403
    assert client.get("/ansatt/sikkerhet/").status_code == 403

    other = type(client)()
    response = other.post("/ansatt/logg-inn/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "E-postadressen eller passordet er feil." in response.content.decode()


def test_a_staff_account_cannot_log_in_at_min_side(client, coordinator):
    response = client.post(LOGIN, {"email": coordinator.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "E-postadressen eller passordet er feil." in response.content.decode()


def test_a_staff_address_is_never_invited_as_a_client(coordinator, therapist):
    person = person_for(email=therapist.email, name="Terje")
    with pytest.raises(clients.ClientAccountError, match="ansattkonto"), transaction.atomic():
        clients.invite_client(person=person, by=coordinator)
    assert not OutboxMessage.objects.filter(template="client_invitation").exists()


def test_the_database_refuses_an_account_that_is_both_client_and_staff(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("begge@example.no", PASSWORD, is_client=True, is_therapist=True)


def test_the_client_login_locks_after_five_wrong_passwords(client, coordinator):
    client_with_app(coordinator)
    for _ in range(5):
        client.post(LOGIN, {"email": "kari@example.no", "password": "feil-passord-her-123"})
    response = client.post(LOGIN, {"email": "kari@example.no", "password": PASSWORD})
    assert "For mange mislykkede forsøk" in response.content.decode()


def test_a_one_time_email_link_replaces_the_password_but_not_the_second_factor(client, coordinator):
    user, device = client_with_app(coordinator)
    client.post("/min-side/logg-inn/lenke/", {"email": "Kari@Example.no"})
    message = OutboxMessage.objects.get(template="client_login_link")
    link = path_of(re.search(r"https?://\S+", message.body_text).group(0))
    assert client.get(link).status_code == 200  # a mail scanner opening it uses nothing up
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == VERIFY
    response = client.post(VERIFY, {"code": code_now(device)})
    assert response["Location"] == "/min-side/"
    # Used once: the login changed what the link was signed over.
    assert type(client)().post(link).status_code == 400


def test_the_email_link_is_sent_only_to_set_up_client_accounts(client, coordinator):
    client.post("/min-side/logg-inn/lenke/", {"email": coordinator.email})
    client.post("/min-side/logg-inn/lenke/", {"email": "ukjent@example.no"})
    assert not OutboxMessage.objects.filter(template="client_login_link").exists()


def test_a_client_login_from_a_new_browser_emails_them_about_min_side(client, coordinator):
    user, device = client_with_app(coordinator)
    client.post(LOGIN, {"email": user.email, "password": PASSWORD})
    client.post(VERIFY, {"code": code_now(device)})
    email = OutboxMessage.objects.get(template="client_new_device")
    assert email.to == [user.email]
    assert "/min-side/sikkerhet/" in email.body_text
    assert "ansatt" not in email.body_text


def test_client_sessions_end_after_the_staff_limits(client, coordinator, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    user, device = client_with_app(coordinator)
    client.post(LOGIN, {"email": user.email, "password": PASSWORD})
    client.post(VERIFY, {"code": code_now(device)})
    assert client.session.get("otp_device_id")
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=31), tick=False)
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_admin_refuses_a_client_with_a_staff_role_in_words(client, admin_user, coordinator):
    from forlop.accounts.testing import login_verified

    user, _device = client_with_app(coordinator)
    login_verified(client, admin_user)
    response = client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "email": user.email,
            "full_name": "Kari",
            "is_client": "on",
            "is_therapist": "on",
            "is_active": "on",
            "date_joined_0": "2026-03-02",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 200
    assert "En klientkonto kan ikke også ha en ansattrolle." in response.content.decode()
    user.refresh_from_db()
    assert not user.is_therapist and not user.is_staff
