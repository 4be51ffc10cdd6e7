"""A therapist shown as "Tar ikke imot nye klienter nå" offers no first talk (nor any other type meant for
someone new), on the booking page, in the API and in the service itself; existing clients' consultations
still work."""

import json

import pytest

from forlop.booking import services
from forlop.booking.models import Booking, ConsultationType

from .conftest import NOW, oslo

API = "/api/v1"


@pytest.fixture
def closed(profile):
    profile.accepting_new_clients = False
    profile.save(update_fields=["accepting_new_clients"])
    return profile


def post(client, url: str, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_only_the_first_talk_is_a_type_for_new_clients(db):
    assert list(ConsultationType.objects.filter(for_new_clients=True).values_list("slug", flat=True)) == [
        "forstesamtale"
    ]


def test_the_booking_page_offers_no_first_talk_when_not_taking_new_clients(client, frozen, closed):
    page = client.get(f"/bestill/{closed.slug}/").content.decode()
    assert "?type=forstesamtale" not in page
    assert "?type=konsultasjon" in page
    assert client.get(f"/bestill/{closed.slug}/?type=forstesamtale").status_code == 404
    assert client.get(f"/bestill/{closed.slug}/?type=konsultasjon").status_code == 200


def test_a_posted_first_talk_is_not_held_when_not_taking_new_clients(client, frozen, closed):
    response = client.post(
        f"/bestill/{closed.slug}/", {"type": "forstesamtale", "start": "2026-03-03T08:00:00+00:00"}
    )
    assert response.status_code == 404 and not Booking.objects.exists()


def test_the_api_lists_and_holds_no_first_talk_when_not_taking_new_clients(client, frozen, closed):
    [listed] = client.get(f"{API}/therapists").json()["therapists"]
    assert [t["slug"] for t in listed["consultation_types"]] == ["konsultasjon", "parorende"]
    response = client.get(f"{API}/therapists/{closed.slug}/slots?type=forstesamtale&from=2026-03-03")
    assert response.status_code == 400 and "type" in response.json()["error"]["fields"]
    response = post(
        client,
        f"{API}/holds",
        {"therapist": closed.slug, "type": "forstesamtale", "start": "2026-03-03T08:00:00Z"},
    )
    assert response.status_code == 400 and not Booking.objects.exists()
    response = post(
        client,
        f"{API}/holds",
        {"therapist": closed.slug, "type": "konsultasjon", "start": "2026-03-03T08:00:00Z"},
    )
    assert response.status_code == 201


def test_the_service_refuses_a_first_talk_when_not_taking_new_clients(frozen, closed, first_talk):
    with pytest.raises(services.NotOffered):
        services.hold_slot(
            therapist=closed, consultation_type=first_talk, start=oslo("2026-03-03 09:00"), now=NOW
        )


def test_the_profile_still_offers_booking_to_existing_clients(client, frozen, closed):
    assert "Bestill time" in client.get(f"/terapeuter/{closed.slug}/").content.decode()
