"""A person gets Min side by invitation: "Opprett Min side" on the confirmation (the manage link proves the
address), or staff inviting after a first talk from the calendar (issue 12)."""

import re

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.booking import services
from forlop.booking.models import Booking
from forlop.outbox.models import OutboxMessage

from .conftest import NOW, oslo
from .helpers import DETAILS, book

pytestmark = pytest.mark.django_db
START = oslo("2026-03-03 10:00")


def invitations():
    return OutboxMessage.objects.filter(template="client_invitation")


def test_the_confirmation_offers_min_side_and_the_manage_link_starts_the_invitation(
    client, frozen, profile, consultation
):
    hold = services.hold_slot(therapist=profile, consultation_type=consultation, start=START, now=NOW)
    services.save_details(booking=hold.booking, details=DETAILS, now=NOW)
    manage = services.confirm_booking(booking=hold.booking, now=NOW).manage_token
    url = reverse("booking:create_account", kwargs={"token": manage})
    assert (
        f'href="{url}"' in client.get(reverse("booking:done", kwargs={"token": hold.token})).content.decode()
    )
    confirmation = OutboxMessage.objects.get(template="booking_confirmed")
    assert "Opprett Min side her:" in confirmation.body_text and url in confirmation.body_text

    assert not invitations().exists()  # opening the page sends nothing
    assert "Send meg lenken" in client.get(url).content.decode()
    page = client.post(url).content.decode()
    assert "Vi har sendt deg en e-post med en lenke." in page
    booking = Booking.objects.get()
    assert invitations().get().to == [booking.client_email]
    booking.person.refresh_from_db()
    assert booking.person.user.is_client and booking.person.user.email == booking.client_email


def test_a_wrong_manage_token_invites_nobody(client, frozen, profile, consultation):
    book(therapist=profile, ctype=consultation, start=START, now=NOW)
    assert client.post(reverse("booking:create_account", kwargs={"token": "feil"})).status_code == 404
    assert not invitations().exists()


def test_staff_invite_a_client_after_the_first_talk_from_the_calendar(
    client, frozen, therapist, profile, consultation
):
    booking = book(therapist=profile, ctype=consultation, start=START, now=NOW).booking
    frozen.move_to(oslo("2026-03-03 11:00"))
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.HELD_DONE)  # the talk took place
    login_verified(client, therapist)
    calendar = client.get(reverse("booking:calendar") + f"?uke=2026-03-02&terapeut={profile.pk}")
    invite_url = reverse("booking:staff_invite", kwargs={"pk": booking.pk})
    assert f'action="{invite_url}"' in calendar.content.decode()
    response = client.post(invite_url, follow=True)
    assert "Klienten har fått en invitasjon til Min side på e-post." in response.content.decode()
    message = invitations().get()
    assert message.to == [booking.client_email]
    assert re.search(r"/min-side/invitasjon/\S+/", message.body_text)


def test_asking_for_the_link_again_and_again_sends_at_most_three_an_hour(
    client, frozen, profile, consultation
):
    manage = book(therapist=profile, ctype=consultation, start=START, now=NOW).manage_token
    url = reverse("booking:create_account", kwargs={"token": manage})
    for _ in range(3):
        assert "Vi har sendt deg en e-post med en lenke." in client.post(url).content.decode()
    assert "Vi har nettopp sendt deg en lenke." in client.post(url).content.decode()
    assert invitations().count() == 3
