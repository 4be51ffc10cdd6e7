from django.test import RequestFactory

from forlop.lib.money import format_nok
from forlop.lib.requests import client_ip, hashed_ip


def test_it_uses_the_socket_address_without_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.9"


def test_it_ignores_addresses_the_client_made_up_behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "6.6.6.6"; our proxy appended the address it really saw.
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_it_falls_back_to_the_socket_when_the_header_is_missing(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "127.0.0.1"


def test_the_hashed_address_is_stable_and_not_the_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")
    assert hashed_ip(request) == hashed_ip(request)
    assert "192.0.2.1" not in hashed_ip(request)


def test_it_formats_kroner_the_norwegian_way():
    assert format_nok(49500) == "495\u00a0kr"
    assert format_nok(1234550) == "12\u00a0345,50\u00a0kr"
    assert format_nok(0) == "0\u00a0kr"
