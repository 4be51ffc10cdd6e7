"""After booking: the confirmation page and the manage page carry "Legg timen i kalenderen" (.ics), the manage
link (confirmation page) and the video link, which opens 15 minutes before the start."""

from datetime import timedelta

from django.urls import reverse

from forlop.audit.actors import Actor
from forlop.booking import services
from forlop.booking.models import Booking

from .conftest import NOW, oslo
from .helpers import DETAILS

START = oslo("2026-03-03 10:00")


def confirmed(profile, ctype):
    hold = services.hold_slot(therapist=profile, consultation_type=ctype, start=START, now=NOW)
    services.save_details(booking=hold.booking, details=DETAILS, now=NOW)
    result = services.confirm_booking(booking=hold.booking, now=NOW)
    return hold.token, result.manage_token


def test_the_confirmation_page_has_the_calendar_file_the_manage_link_and_when_video_opens(
    client, frozen, profile, consultation
):
    checkout, manage = confirmed(profile, consultation)
    page = client.get(reverse("booking:done", kwargs={"token": checkout})).content.decode()
    assert f'href="{reverse("booking:calendar_file", kwargs={"token": manage})}" download' in page
    assert f'href="{reverse("booking:manage", kwargs={"token": manage})}"' in page
    assert "Lenken til videosamtalen kommer her tirsdag 3. mars kl. 09:45, 15 minutter før timen." in page
    assert Booking.objects.get().video_url not in page


def test_the_confirmation_page_keeps_the_links_only_briefly(client, frozen, profile, consultation):
    checkout, manage = confirmed(profile, consultation)
    frozen.shift(timedelta(minutes=31))
    page = client.get(reverse("booking:done", kwargs={"token": checkout})).content.decode()
    assert manage not in page and "nora@example.no" not in page
    assert "Timen er bestilt" in page


def test_the_video_link_opens_fifteen_minutes_before_the_start(client, frozen, profile, consultation):
    _, manage = confirmed(profile, consultation)
    url = reverse("booking:manage", kwargs={"token": manage})
    video_url = Booking.objects.get().video_url
    page = client.get(url).content.decode()
    assert video_url not in page and "Lenken til videosamtalen kommer her" in page
    assert reverse("booking:calendar_file", kwargs={"token": manage}) in page
    frozen.move_to(START - timedelta(minutes=15))
    page = client.get(url).content.decode()
    assert f'href="{video_url}"' in page and "Gå til videosamtalen" in page
    frozen.move_to(START + timedelta(minutes=49))
    assert f'href="{video_url}"' in client.get(url).content.decode()  # still during the talk
    frozen.move_to(START + timedelta(minutes=51))
    assert video_url not in client.get(url).content.decode()


def test_the_calendar_file_is_the_booking_to_add(client, frozen, profile, consultation):
    _, manage = confirmed(profile, consultation)
    response = client.get(reverse("booking:calendar_file", kwargs={"token": manage}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="time-forlop.ics"'
    body = response.content.decode().replace("\r\n ", "")
    booking = Booking.objects.get()
    assert "METHOD:PUBLISH" in body and f"booking-{booking.uid}@" in body
    assert "DTSTART:20260303T090000Z" in body and booking.video_url in body
    assert "ATTENDEE" not in body


def test_a_cancelled_booking_has_no_calendar_file_and_no_video_link(client, frozen, profile, consultation):
    _, manage = confirmed(profile, consultation)
    services.cancel_booking(booking=Booking.objects.get(), now=NOW, by=Actor.person_self(None))
    assert client.get(reverse("booking:calendar_file", kwargs={"token": manage})).status_code == 404
    page = client.get(reverse("booking:manage", kwargs={"token": manage})).content.decode()
    assert "videosamtalen" not in page and "kalender.ics" not in page
