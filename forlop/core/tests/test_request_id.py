"""The request id that ties a request to its access-log rows: only a trusted proxy may choose it."""

import re

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog

OURS = re.compile(r"[0-9a-f]{32}")


def test_it_ignores_an_id_sent_by_the_client_when_no_proxy_is_trusted(client, settings, db):
    settings.TRUSTED_PROXY_COUNT = 0
    response = client.get("/", HTTP_X_REQUEST_ID="forged123")
    assert response["X-Request-ID"] != "forged123"
    assert OURS.fullmatch(response["X-Request-ID"])


def test_it_gives_every_request_its_own_id(client, settings, db):
    settings.TRUSTED_PROXY_COUNT = 0
    first, second = client.get("/"), client.get("/")
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_it_keeps_the_id_a_trusted_proxy_set(client, settings, db):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy_id = "0f8fad5b-d9cb-469f-a165-70867728950e"
    response = client.get("/", HTTP_X_REQUEST_ID=proxy_id, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response["X-Request-ID"] == proxy_id


@pytest.mark.parametrize("sent", ["", "a" * 65, "abc def", "abc\r\nSet-Cookie: x=1", "æøå", "<script>"])
def test_it_replaces_an_unusable_id_even_from_a_trusted_proxy(client, settings, db, sent):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get("/", HTTP_X_REQUEST_ID=sent)
    assert OURS.fullmatch(response["X-Request-ID"])


def test_a_forged_id_never_reaches_the_access_log(client, settings, admin_user):
    settings.TRUSTED_PROXY_COUNT = 0
    login_verified(client, admin_user)
    response = client.get(reverse("audit:log"), HTTP_X_REQUEST_ID="forged123")
    assert response.status_code == 200
    [entry] = AccessLog.objects.all()
    assert entry.request_id == response["X-Request-ID"] != "forged123"


def test_a_trusted_proxys_id_reaches_the_access_log(client, settings, admin_user):
    settings.TRUSTED_PROXY_COUNT = 1
    login_verified(client, admin_user)
    response = client.get(
        reverse("audit:log"), HTTP_X_REQUEST_ID="proxy42", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    [entry] = AccessLog.objects.all()
    assert entry.request_id == response["X-Request-ID"] == "proxy42"
