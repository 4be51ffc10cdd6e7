"""The 10-minute hold: the page says until when (the clock time without JavaScript, a quiet countdown with
it), and when the hold runs out nothing typed is lost and the same time is offered again at once."""

import re
from datetime import timedelta

from django.urls import reverse

from forlop.booking import services
from forlop.booking.models import Booking

from .conftest import NOW, oslo
from .helpers import book

START = oslo("2026-03-03 10:00")
TYPED = {
    "name": "Nora Nordmann",
    "email": "nora@example.no",
    "phone": "41234567",
    "note": "Jeg drikker for mye.\nHelst video.",
    "consent": "on",
}


def hold(profile, ctype, start=START):
    return services.hold_slot(therapist=profile, consultation_type=ctype, start=start, now=NOW)


def details_url(token: str) -> str:
    return reverse("booking:details", kwargs={"token": token})


def hidden(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))


def test_the_details_page_says_until_when_the_time_is_held(client, frozen, profile, consultation):
    page = client.get(details_url(hold(profile, consultation).token)).content.decode()
    assert "Vi holder av tiden for deg til kl. 08:10." in page
    assert 'data-hold-seconds="600"' in page  # the countdown counts from the server's figure
    assert 'role="status" data-hold-announce' in page


def test_sending_the_form_after_the_hold_ran_out_keeps_everything_typed(
    client, frozen, profile, consultation
):
    token = hold(profile, consultation).token
    frozen.shift(timedelta(minutes=11))
    response = client.post(details_url(token), TYPED)
    page = response.content.decode()
    assert response.status_code == 410
    assert "Reservasjonen gikk ut" not in page and "Det du skrev inn, har vi tatt vare på." in page
    assert "Tiden er fortsatt ledig" in page
    kept = hidden(page)
    assert kept["name"] == "Nora Nordmann" and kept["email"] == "nora@example.no"
    assert kept["phone"] == "41234567" and kept["note"] == "Jeg drikker for mye.\nHelst video."
    assert kept["start"] == "2026-03-03T09:00:00+00:00"

    # One click: the same time held again, and back to the form with everything filled in.
    response = client.post(reverse("booking:rehold", kwargs={"token": token}), kept)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Tiden er holdt av igjen" in page
    assert 'value="Nora Nordmann"' in page and 'value="nora@example.no"' in page
    assert "Jeg drikker for mye." in page
    new = Booking.objects.get(status=Booking.Status.HELD)
    assert new.start_at == START and new.client_name == "Nora Nordmann" and new.consent_at is not None


def test_a_time_someone_else_took_meanwhile_gives_the_nearest_free_times_with_the_details_kept(
    client, frozen, profile, consultation
):
    token = hold(profile, consultation).token
    frozen.shift(timedelta(minutes=11))
    book(therapist=profile, ctype=consultation, start=START, now=NOW + timedelta(minutes=11))
    page = client.post(details_url(token), TYPED).content.decode()
    assert "Tiden er ikke ledig lenger" in page and "Hold av tiden igjen" not in page
    assert "Nærmeste ledige tider" in page and hidden(page)["note"] == TYPED["note"]
    chosen = re.search(r'name="start" id="suggestion-1" value="([^"]+)"', page).group(1)
    response = client.post(
        reverse("booking:rehold", kwargs={"token": token}), {**hidden(page), "start": chosen}
    )
    assert response.status_code == 302
    new = Booking.objects.get(status=Booking.Status.HELD)
    assert new.client_email == "nora@example.no" and new.start_at != START


def test_details_saved_before_the_hold_ran_out_come_along_too(client, frozen, profile, consultation):
    held = hold(profile, consultation)
    client.post(details_url(held.token), TYPED)  # to the review page
    frozen.shift(timedelta(minutes=11))
    review = client.post(reverse("booking:review", kwargs={"token": held.token}))
    page = review.content.decode()
    assert review.status_code == 410 and "Det du skrev inn, har vi tatt vare på." in page
    assert "nora@example.no" not in page  # saved on the server, not put in the page again
    response = client.post(
        reverse("booking:rehold", kwargs={"token": held.token}), {"start": START.isoformat()}
    )
    assert response.status_code == 302
    new = Booking.objects.get(status=Booking.Status.HELD)
    assert new.client_name == "Nora Nordmann" and new.note == TYPED["note"]


def test_holding_again_while_the_hold_still_stands_changes_nothing(client, frozen, profile, consultation):
    held = hold(profile, consultation)
    response = client.post(
        reverse("booking:rehold", kwargs={"token": held.token}), {"start": START.isoformat()}
    )
    assert response["Location"] == details_url(held.token) and Booking.objects.count() == 1


def test_an_incomplete_form_comes_back_filled_on_the_new_hold(client, frozen, profile, consultation):
    token = hold(profile, consultation).token
    frozen.shift(timedelta(minutes=11))
    page = client.post(details_url(token), {"name": "Nora", "note": "Hei"}).content.decode()
    response = client.post(reverse("booking:rehold", kwargs={"token": token}), hidden(page))
    page = response.content.decode()
    assert response.status_code == 200 and 'value="Nora"' in page and "Hei" in page
    assert Booking.objects.filter(status=Booking.Status.HELD).count() == 1


def test_a_confirmed_booking_is_not_held_again(client, frozen, profile, consultation):
    held = hold(profile, consultation)
    services.confirm_booking(
        booking=held.booking,
        details=services.ClientDetails(**{"name": "Nora", "email": "nora@example.no", "consent": True}),
        now=NOW,
    )
    response = client.post(
        reverse("booking:rehold", kwargs={"token": held.token}), {"start": START.isoformat()}
    )
    assert response["Location"] == reverse("booking:done", kwargs={"token": held.token})
    assert Booking.objects.count() == 1
