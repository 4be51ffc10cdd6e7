"""Each 500 the garbage test (test_garbage.py) found, kept as its own regression test."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["%00", "kari%00terapeut", "%E2%80%AEkari", "k" * 300])
def test_a_nul_or_other_non_slug_in_the_slots_address_is_a_json_404(client, slug):
    """PostgreSQL refuses NUL in a text value: /api/v1/therapists/%00/slots answered 500 (DataError)."""
    response = client.get(f"/api/v1/therapists/{slug}/slots?type=konsultasjon")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
