"""What the person sees and does on Min side: appointments with the video room, move/cancel and calendar
links; leaving the email course and withdrawing a match request; downloading their data; asking for
deletion, which an administrator sees."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.booking import tokens
from forlop.booking.models import Booking
from forlop.booking.tests.helpers import book
from forlop.course import services as course
from forlop.course.models import Enrollment
from forlop.lib.timezones import OSLO
from forlop.matching.models import MatchRequest
from forlop.matching.services import submit_request
from forlop.matching.tests.conftest import ANSWERS
from forlop.minside.models import DeletionRequest

from .conftest import NOW, START, details

pytestmark = pytest.mark.django_db


def test_it_shows_the_next_appointment_first_with_its_manage_and_calendar_links(
    client, nora, profile, first_talk
):
    later = datetime(2026, 3, 5, 9, 0, tzinfo=OSLO)
    book(therapist=profile, ctype=first_talk, start=later, now=NOW, details=details(nora.email))
    login_verified(client, nora.user)
    page = client.get(reverse("minside:home")).content.decode()
    assert page.index("Neste time: tirsdag 3. mars 2026 kl. 09.00") < page.index("torsdag 5. mars 2026")
    booking = Booking.objects.get(person=nora, start_at=START)
    token = tokens.manage_token(booking)
    assert reverse("booking:manage", kwargs={"token": token}) in page
    assert reverse("booking:calendar_file", kwargs={"token": token}) in page
    # The manage link is booking's own page, where moving and cancelling happen.
    assert client.get(reverse("booking:manage", kwargs={"token": token})).status_code == 200


def test_it_opens_the_video_room_15_minutes_before(client, nora, _frozen, settings):
    booking = Booking.objects.get(person=nora)
    if not booking.video_url:
        pytest.skip("the first talk is not a video consultation in this catalogue")
    login_verified(client, nora.user)
    page = client.get(reverse("minside:home")).content.decode()
    assert booking.video_url not in page
    assert "Lenken til videosamtalen kommer her" in page
    _frozen.move_to(START - timedelta(minutes=15))
    login_verified(client, nora.user)
    assert booking.video_url in client.get(reverse("minside:home")).content.decode()


def test_a_cancelled_appointment_is_among_the_past_ones(client, nora):
    Booking.objects.filter(person=nora).update(status=Booking.Status.CANCELLED)
    login_verified(client, nora.user)
    page = client.get(reverse("minside:home")).content.decode()
    assert "Du har ingen timer foran deg." in page
    assert "Avbestilt" in page


def test_the_person_leaves_the_email_course_here(client, nora):
    course.sign_up(email=nora.email, first_name="Nora", audience="self", ip_hash="x")
    enrollment = Enrollment.objects.get(person=nora)
    course.confirm(token=enrollment.token)
    login_verified(client, nora.user)
    assert "Meld meg av kurset" in client.get(reverse("minside:sent")).content.decode()
    response = client.post(reverse("minside:leave_course", kwargs={"pk": enrollment.pk}), follow=True)
    assert "Du er meldt av e-postkurset" in response.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.UNSUBSCRIBED


def test_the_person_sees_their_request_and_withdraws_it(client, nora):
    match_request = submit_request(answers={**ANSWERS, "email": nora.email})
    login_verified(client, nora.user)
    page = client.get(reverse("minside:sent")).content.decode()
    assert "Forespørsler om behandler" in page and "Trekk tilbake forespørselen" in page
    client.post(reverse("minside:withdraw_request", kwargs={"pk": match_request.pk}))
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.CLOSED
    assert match_request.events.last().actor == nora.user  # type: ignore[attr-defined]


def test_the_download_holds_what_the_practice_has_and_no_link_secrets(client, nora):
    submit_request(answers={**ANSWERS, "email": nora.email})
    login_verified(client, nora.user)
    response = client.get(reverse("minside:export_json"))
    assert response["Content-Disposition"].startswith("attachment")
    data = response.json()
    assert data["person"]["email"] == nora.email
    assert len(data["bookings"]) == 1 and len(data["match_requests"]) == 1
    assert "manage_token_hash" not in data["bookings"][0]
    assert "video_room" not in data["bookings"][0]
    html = client.get(reverse("minside:export_html")).content.decode()
    assert "Alt vi har om deg" in html and nora.email in html


def test_asking_for_deletion_is_recorded_once_and_shown_to_an_admin(client, nora, admin_user):
    login_verified(client, nora.user)
    page = client.get(reverse("minside:delete")).content.decode()
    assert "minst 10 år etter siste innføring" in page
    client.post(reverse("minside:delete"), {"confirm": "yes", "note": "Takk for hjelpen"})
    client.post(reverse("minside:delete"), {"confirm": "yes"})  # a second click
    request = DeletionRequest.objects.get()
    assert (request.person, request.requested_by, request.note) == (nora, nora.user, "Takk for hjelpen")
    assert "Du ba om sletting" in client.get(reverse("minside:data")).content.decode()
    admin = login_verified(client.__class__(), admin_user)
    listing = admin.get(reverse("admin:minside_deletionrequest_changelist"))
    assert listing.status_code == 200
    assert "ønske om sletting" in listing.content.decode()


def test_asking_for_deletion_without_ticking_the_box_is_refused_with_an_explanation(client, nora):
    login_verified(client, nora.user)
    response = client.post(reverse("minside:delete"), {"note": "x"})
    assert response.status_code == 400
    assert "Kryss av for at du vil slette kontoen" in response.content.decode()
    assert not DeletionRequest.objects.exists()
