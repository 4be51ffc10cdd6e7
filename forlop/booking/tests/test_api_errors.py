"""Bad input never gives a 500 from the API, and every error it gives has the documented JSON shape."""

import json

import pytest
from django.test import Client

from forlop.booking.models import Booking, ConsultationType
from forlop.booking.openapi import document
from forlop.therapists.models import Therapist

from .test_api import API, PERSON, code, post

HOLD = {"type": "konsultasjon", "start": "2026-03-03T09:00:00Z"}


def assert_error_shape(response, status: int, error_code: str) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) >= {"error"} and body["error"]["code"] == error_code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def hold_token(client, profile) -> str:
    return post(client, f"{API}/holds", {**HOLD, "therapist": profile.slug}).json()["hold"]["token"]


@pytest.mark.parametrize("body", ["[" * 10_000, '{"a":' * 10_000, "[" * 10_000 + "]" * 10_000])
def test_deeply_nested_json_is_a_clear_400_when_holding(client, frozen, profile, body):
    response = post(client, f"{API}/holds", body)
    assert_error_shape(response, 400, "validation_error")
    assert "nivåer" in response.json()["error"]["message"]
    assert not Booking.objects.exists()


def test_deeply_nested_json_is_a_clear_400_when_confirming(client, frozen, profile):
    token = hold_token(client, profile)
    response = post(client, f"{API}/holds/{token}/confirm", "[" * 10_000)
    assert_error_shape(response, 400, "validation_error")
    assert Booking.objects.get().status == Booking.Status.HELD


def test_nesting_within_the_limit_is_still_read(client, frozen, profile):
    # A harmless extra field with a little nesting does not get in the way of holding a time.
    response = post(client, f"{API}/holds", {**HOLD, "therapist": profile.slug, "extra": [[[{"a": [1]}]]]})
    assert response.status_code == 201


def test_a_body_over_the_size_limit_is_a_json_413(client, frozen, profile, settings):
    huge = json.dumps({**HOLD, "therapist": profile.slug, "pad": "x" * 3_000_000})
    response = post(client, f"{API}/holds", huge)
    assert_error_shape(response, 413, "payload_too_large")
    token = hold_token(client, profile)
    response = post(client, f"{API}/holds/{token}/confirm", json.dumps({**PERSON, "pad": "x" * 100_000}))
    assert_error_shape(response, 413, "payload_too_large")


def test_a_body_that_is_not_utf8_is_a_clear_400(client, frozen, profile):
    response = client.post(f"{API}/holds", data=b'{"therapist": "\xff\xfe"}', content_type="application/json")
    assert_error_shape(response, 400, "validation_error")


@pytest.mark.parametrize("path", ["/", "/finnes/ikke", "/holds/", "/therapists/"])
def test_unknown_addresses_under_the_api_are_json_404s(client, db, path):
    assert_error_shape(client.get(f"{API}{path}"), 404, "not_found")
    assert_error_shape(client.post(f"{API}{path}", "{}", content_type="application/json"), 404, "not_found")


def test_a_wrong_method_is_a_json_405_on_every_route(client, frozen, profile):
    for url in (
        f"{API}/therapists",
        f"{API}/openapi.json",
        f"{API}/therapists/{profile.slug}/slots",
    ):
        assert_error_shape(client.post(url), 405, "method_not_allowed")
    assert_error_shape(client.get(f"{API}/holds"), 405, "method_not_allowed")
    assert_error_shape(client.put(f"{API}/holds/abc/confirm"), 405, "method_not_allowed")


def test_a_crash_inside_the_api_is_a_json_500(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(Therapist.objects, "published", broken)
    response = Client(raise_request_exception=False).get(f"{API}/therapists")
    assert_error_shape(response, 500, "server_error")
    assert "simulated bug" not in response.content.decode()


def test_a_crash_on_a_page_is_still_the_html_500_page(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(Therapist.objects, "published", broken)
    response = Client(raise_request_exception=False).get("/terapeuter/")
    assert response.status_code == 500 and not response["Content-Type"].startswith("application/json")


# --- the document says so -----------------------------------------------------------------------------------


def test_the_document_lists_every_error_status_with_the_error_shape(db):
    doc = document()
    codes = set(doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"])
    assert {"payload_too_large", "server_error", "unavailable", "already_confirmed"} <= codes
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"405", "429", "500", "503"}
            if method == "post":
                expected |= {"400", "413"}
            assert expected <= set(responses), (path, method, expected - set(responses))
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema["$ref"] in ("#/components/schemas/Error", "#/components/schemas/Conflict")
    assert "410" in doc["paths"]["/api/v1/holds/{token}/confirm"]["post"]["responses"]
    assert "409" in doc["paths"]["/api/v1/holds/{token}/confirm"]["post"]["responses"]


def test_the_document_takes_its_limits_from_the_models(db):
    doc = document()
    hold = doc["components"]["schemas"]["HoldRequest"]["properties"]
    assert hold["type"]["maxLength"] == ConsultationType._meta.get_field("slug").max_length == 60
    assert hold["therapist"]["maxLength"] == Therapist._meta.get_field("slug").max_length
    active = set(ConsultationType.objects.filter(active=True).values_list("slug", flat=True))
    assert set(hold["type"]["enum"]) == active
    [slots] = [
        p for p in doc["paths"]["/api/v1/therapists/{slug}/slots"]["get"]["parameters"] if p["name"] == "type"
    ]
    assert set(slots["schema"]["enum"]) == active


def test_a_type_the_document_allows_is_never_refused_as_too_long(client, frozen, profile):
    long_slug = "a" * 60
    ctype = ConsultationType.objects.create(name="Lang", slug=long_slug, duration_minutes=50)
    ctype.therapists.add(profile)
    response = post(client, f"{API}/holds", {**HOLD, "therapist": profile.slug, "type": long_slug})
    assert "type" not in response.json().get("error", {}).get("fields", {})


def test_an_unknown_type_is_refused_as_the_document_says(client, frozen, profile):
    doc = document()
    assert "finnes-ikke" not in doc["components"]["schemas"]["HoldRequest"]["properties"]["type"]["enum"]
    response = post(client, f"{API}/holds", {**HOLD, "therapist": profile.slug, "type": "finnes-ikke"})
    assert response.status_code == 400 and code(response) == "validation_error"
    assert "type" in response.json()["error"]["fields"]
