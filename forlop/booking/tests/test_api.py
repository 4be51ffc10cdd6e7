import json

import pytest

from forlop.booking.models import Booking
from forlop.booking.openapi import document

from .conftest import NOW, oslo
from .helpers import book, mails

API = "/api/v1"
PERSON = {"name": "Nora Nordmann", "email": "nora@example.no", "consent": True}


def post(client, url: str, body, **headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", headers=headers)


def code(response) -> str:
    return response.json()["error"]["code"]


def test_it_lists_published_therapists_with_public_fields_only(
    client, frozen, profile, other_profile, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        response = client.get(f"{API}/therapists")
    assert response.status_code == 200
    [kari, ola] = sorted(response.json()["therapists"], key=lambda t: t["name"])
    assert kari["slug"] == "kari-terapeut" and kari["booking_url"].endswith("/bestill/kari-terapeut/")
    assert [t["slug"] for t in kari["consultation_types"]] == ["forstesamtale", "konsultasjon", "parorende"]
    assert kari["consultation_types"][1]["price_ore"] == 49500
    assert "hpr_number" not in kari and "user" not in kari and "email" not in json.dumps(kari)
    assert "Set-Cookie" not in response.headers


def test_it_lists_free_slots_in_utc_with_oslo_wall_clock(
    client, frozen, profile, consultation, django_assert_max_num_queries
):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    with django_assert_max_num_queries(10):  # a cold cache; 4 once warm (test_slot_cache.py)
        response = client.get(
            f"{API}/therapists/{profile.slug}/slots?type=konsultasjon&from=2026-03-03&to=2026-03-03"
        )
    body = response.json()
    assert response.status_code == 200
    assert [s["start"] for s in body["slots"]] == ["2026-03-03T08:00:00Z", "2026-03-03T10:00:00Z"]
    assert body["slots"][0]["local_start"] == "2026-03-03T09:00:00+01:00"


def test_the_slot_query_count_does_not_grow_with_the_range(
    client, frozen, profile, consultation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):  # a cold cache; 4 once warm (test_slot_cache.py)
        response = client.get(
            f"{API}/therapists/{profile.slug}/slots?type=konsultasjon&from=2026-03-02&to=2026-04-01"
        )
    assert response.status_code == 200 and len(response.json()["slots"]) > 60


def test_it_shows_summer_time_after_the_dst_change(client, profile):
    import time_machine

    with time_machine.travel(oslo("2026-03-27 08:00"), tick=False):
        body = client.get(
            f"{API}/therapists/{profile.slug}/slots?type=konsultasjon&from=2026-03-29&to=2026-03-30"
        ).json()
    assert body["slots"][0]["start"] == "2026-03-29T07:00:00Z"
    assert body["slots"][0]["local_start"] == "2026-03-29T09:00:00+02:00"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("type=konsultasjon&from=2026-03-03&to=2026-04-10", "to"),  # 39 days
        ("type=konsultasjon&from=2026-03-10&to=2026-03-03", "to"),
        ("type=konsultasjon&from=igår", "from"),
        ("type=konsultasjon&from=9999-12-31", "from"),  # would overflow date arithmetic
        ("type=konsultasjon&from=0001-01-01&to=0001-01-05", "from"),
        ("type=legekonsultasjon", "type"),  # doctors only
        ("", "type"),
    ],
)
def test_it_rejects_bad_slot_queries(client, frozen, profile, query, field):
    response = client.get(f"{API}/therapists/{profile.slug}/slots?{query}")
    assert response.status_code == 400 and code(response) == "validation_error"
    assert field in response.json()["error"]["fields"]


def test_it_is_a_json_404_for_unknown_things(client, frozen, profile):
    response = client.get(f"{API}/therapists/finnes-ikke/slots?type=konsultasjon")
    assert response.status_code == 404 and code(response) == "not_found"
    response = post(client, f"{API}/holds/{'x' * 43}/confirm", PERSON)
    assert response.status_code == 404 and code(response) == "not_found"
    response = client.get(f"{API}/finnes/ikke")
    assert response.status_code == 404 and code(response) == "not_found"


def test_it_answers_a_wrong_method_with_json(client, db):
    response = client.delete(f"{API}/therapists")
    assert response.status_code == 405 and code(response) == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_it_books_through_hold_and_confirm(client, frozen, profile, consultation):
    response = post(
        client,
        f"{API}/holds",
        {"therapist": profile.slug, "type": "konsultasjon", "start": "2026-03-03T09:00:00Z"},
    )
    assert response.status_code == 201
    hold = response.json()["hold"]
    assert hold["expires_at"] == "2026-03-02T07:10:00Z" and hold["price_ore"] == 49500

    response = post(
        client, f"{API}/holds/{hold['token']}/confirm", {**PERSON, "phone": "41234567", "note": "Hei"}
    )
    assert response.status_code == 201
    assert response.json()["booking"]["status"] == "confirmed"
    booking = Booking.objects.get()
    assert booking.client_phone == "+4741234567" and booking.note == "Hei"
    assert len(mails("booking_confirmed")) == 1

    # The same confirmation again (a retry): the same booking, no second email.
    response = post(
        client, f"{API}/holds/{hold['token']}/confirm", {**PERSON, "phone": "+47 412 34 567", "note": "Hei"}
    )
    assert response.status_code == 200 and Booking.objects.count() == 1
    assert len(mails("booking_confirmed")) == 1


@pytest.mark.parametrize(
    "changed",
    [{"note": "Noe annet"}, {"name": "Nils Nordmann"}, {"email": "nils@example.no"}, {"phone": "41234568"}],
)
def test_confirming_again_with_other_details_is_a_409_with_the_booking_as_it_stands(
    client, frozen, profile, changed
):
    body = {"therapist": profile.slug, "type": "konsultasjon", "start": "2026-03-03T09:00:00Z"}
    token = post(client, f"{API}/holds", body).json()["hold"]["token"]
    first = {**PERSON, "phone": "41234567", "note": "Hei"}
    assert post(client, f"{API}/holds/{token}/confirm", first).status_code == 201

    response = post(client, f"{API}/holds/{token}/confirm", {**first, **changed})
    assert response.status_code == 409 and code(response) == "already_confirmed"
    assert response.json()["booking"] == {
        "status": "confirmed",
        "therapist": profile.slug,
        "type": "konsultasjon",
        "start": "2026-03-03T09:00:00Z",
        "end": "2026-03-03T09:50:00Z",
        "price_ore": 49500,
    }
    booking = Booking.objects.get()
    assert (booking.client_name, booking.note) == ("Nora Nordmann", "Hei")
    assert "nora@example.no" not in response.content.decode()
    assert len(mails("booking_confirmed")) == 1


def test_the_same_idempotency_key_gives_the_same_hold(client, frozen, profile):
    body = {"therapist": profile.slug, "type": "konsultasjon", "start": "2026-03-03T09:00:00Z"}
    first = post(client, f"{API}/holds", body, **{"Idempotency-Key": "abc-123"}).json()["hold"]
    second = post(client, f"{API}/holds", body, **{"Idempotency-Key": "abc-123"}).json()["hold"]
    assert first["token"] == second["token"] and Booking.objects.count() == 1


def test_someone_else_reusing_an_idempotency_key_never_gets_the_hold(client, frozen, profile):
    body = {"therapist": profile.slug, "type": "konsultasjon", "start": "2026-03-03T09:00:00Z"}
    mine = post(client, f"{API}/holds", body, **{"Idempotency-Key": "order-1"}).json()["hold"]
    theirs = client.post(
        f"{API}/holds",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": "order-1"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert theirs.status_code == 409 and code(theirs) == "slot_taken"
    assert mine["token"] not in theirs.content.decode()


def test_a_confirmed_hold_is_never_replayed_and_the_answer_carries_no_email(client, frozen, profile):
    body = {"therapist": profile.slug, "type": "konsultasjon", "start": "2026-03-03T09:00:00Z"}
    hold = post(client, f"{API}/holds", body, **{"Idempotency-Key": "order-2"}).json()["hold"]
    confirmed = post(client, f"{API}/holds/{hold['token']}/confirm", PERSON)
    assert "nora@example.no" not in confirmed.content.decode()
    again = post(client, f"{API}/holds", body, **{"Idempotency-Key": "order-2"})
    assert again.status_code >= 400 and hold["token"] not in again.content.decode()


@pytest.mark.parametrize("start", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:30:00+01:00"])
def test_a_hold_far_outside_any_calendar_is_a_clear_error(client, frozen, profile, start):
    body = {"therapist": profile.slug, "type": "konsultasjon", "start": start}
    response = post(client, f"{API}/holds", body)
    assert response.status_code == 400 and code(response) == "validation_error"


def test_it_says_slot_taken_and_outside_availability(client, frozen, profile, consultation):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    body = {"therapist": profile.slug, "type": "konsultasjon"}
    response = post(client, f"{API}/holds", {**body, "start": "2026-03-03T09:00:00Z"})
    assert response.status_code == 409 and code(response) == "slot_taken"
    assert "akkurat tatt" in response.json()["error"]["message"]
    response = post(client, f"{API}/holds", {**body, "start": "2026-03-03T03:00:00Z"})
    assert response.status_code == 422 and code(response) == "outside_availability"


def test_it_says_hold_expired(client, frozen, profile):
    body = {"therapist": profile.slug, "type": "konsultasjon", "start": "2026-03-03T09:00:00Z"}
    token = post(client, f"{API}/holds", body).json()["hold"]["token"]
    frozen.shift(11 * 60)
    response = post(client, f"{API}/holds/{token}/confirm", PERSON)
    assert response.status_code == 410 and code(response) == "hold_expired"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ("ikke json", None),
        ([1, 2], None),
        ({"therapist": "kari-terapeut", "type": "konsultasjon"}, ["start"]),
        ({"therapist": "kari-terapeut", "type": "konsultasjon", "start": "2026-03-03T09:00:00"}, ["start"]),
        ({"therapist": 7, "type": "konsultasjon", "start": "2026-03-03T09:00:00Z"}, ["therapist"]),
        (
            {"therapist": "kari-terapeut", "type": "legekonsultasjon", "start": "2026-03-03T09:00:00Z"},
            ["type"],
        ),
    ],
)
def test_it_rejects_a_bad_hold(client, frozen, profile, body, fields):
    response = post(client, f"{API}/holds", body)
    assert response.status_code == 400 and code(response) == "validation_error"
    if fields:
        assert sorted(response.json()["error"]["fields"]) == fields
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"name": "Nora", "email": "nora@example.no"}, ["consent"]),
        ({"name": "", "email": "ikke-epost", "consent": True}, ["email", "name"]),
        ({**PERSON, "phone": "123"}, ["phone"]),
        ({**PERSON, "note": "x" * 1001}, ["note"]),
        ({**PERSON, "name": ["Nora"]}, ["name"]),
    ],
)
def test_it_rejects_bad_details(client, frozen, profile, body, fields):
    hold = {"therapist": profile.slug, "type": "konsultasjon", "start": "2026-03-03T09:00:00Z"}
    token = post(client, f"{API}/holds", hold).json()["hold"]["token"]
    response = post(client, f"{API}/holds/{token}/confirm", body)
    assert response.status_code == 400 and sorted(response.json()["error"]["fields"]) == fields
    assert Booking.objects.get().status == Booking.Status.HELD


def test_it_rate_limits_per_address(client, frozen, profile, settings):
    settings.BOOKING_API_RATE_LIMIT_PER_MINUTE = 2
    assert client.get(f"{API}/therapists").status_code == 200
    assert client.get(f"{API}/therapists").status_code == 200
    response = client.get(f"{API}/therapists")
    assert (
        response.status_code == 429 and code(response) == "rate_limited" and response["Retry-After"] == "60"
    )


def test_holds_share_the_html_flows_hourly_limit(client, frozen, profile, settings):
    settings.BOOKING_HOLD_RATE_LIMIT_PER_HOUR = 1
    body = {"therapist": profile.slug, "type": "konsultasjon"}
    assert post(client, f"{API}/holds", {**body, "start": "2026-03-03T08:00:00Z"}).status_code == 201
    response = post(client, f"{API}/holds", {**body, "start": "2026-03-03T09:00:00Z"})
    assert response.status_code == 429 and code(response) == "rate_limited"


def test_the_openapi_document_is_served_and_lists_every_route(client, db):
    from django.urls import get_resolver

    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200 and response.json() == json.loads(json.dumps(document()))
    routes = {
        "/" + str(p.pattern).replace("<str:slug>", "{slug}").replace("<str:token>", "{token}")
        for p in get_resolver("forlop.booking.urls").url_patterns
        if str(p.pattern).startswith("api/v1/") and p.name != "api_unknown"
    }
    assert routes == set(response.json()["paths"])
