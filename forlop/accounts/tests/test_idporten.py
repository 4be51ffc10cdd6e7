"""ID-porten end to end against a real OpenID Connect provider process (oidc-provider-mock, started here):
the login, a wrong state, a wrong nonce, a used (so no longer valid) code, too low a level, and a pid
already linked to another person. Nothing in the client library or our code is mocked."""

import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.db import connection, connections
from django.test import Client

from forlop.accounts import clients, idporten
from forlop.accounts.testing import login_verified
from forlop.conftest import PASSWORD
from forlop.outbox.models import OutboxMessage
from forlop.people.models import Person
from forlop.people.services import person_for

from .conftest import add_app, code_now

pytestmark = pytest.mark.django_db

START = "/min-side/logg-inn/idporten/"
PID = "12345678901"
OTHER_PID = "10987654321"
HIGH = "idporten-loa-high"
THREADS = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def provider():
    """The provider as a process of its own, for the whole session: it keeps its codes in memory."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--require-nonce"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(base + "/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("the OpenID provider did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(autouse=True)
def configured(provider, settings, monkeypatch):
    settings.IDPORTEN_ISSUER = provider
    settings.IDPORTEN_CLIENT_ID = "forlop-test"
    settings.IDPORTEN_CLIENT_SECRET = "hemmelig"
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the local provider speaks plain http


def set_claims(provider: str, sub: str, **claims) -> None:
    requests.put(f"{provider}/users/{sub}", json=claims, timeout=5).raise_for_status()


def go_to_idporten(client: Client, provider: str) -> tuple[str, str]:
    """Our redirect to the provider; returns its URL and the state."""
    response = client.get(START)
    assert response.status_code == 302
    url = response["Location"]
    assert url.startswith(provider + "/oauth2/authorize?")
    query = parse_qs(urlsplit(url).query)
    assert query["acr_values"] == [HIGH]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["nonce"][0] and query["state"][0]
    return url, query["state"][0]


def log_in_at_provider(url: str, sub: str) -> str:
    """The person logs in at the provider, which sends them back with a code: our callback's path and query."""
    answer = requests.post(url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/min-side/logg-inn/idporten/svar/"
    return f"{back.path}?{back.query}"


def account(email="kari@example.no", *, pid: str | None = None):
    person = person_for(email=email, name="Kari Nordmann")
    user = clients.invite_client(person=person, by=None)
    clients.accept_invitation(user=user, password=PASSWORD)
    if pid:
        Person.objects.filter(pk=person.pk).update(idporten_pid=pid)
    return person, user


def test_a_client_whose_pid_is_linked_logs_in_with_idporten(client, provider):
    _person, user = account(pid=PID)
    set_claims(provider, "kari", pid=PID, acr=HIGH)
    url, _state = go_to_idporten(client, provider)
    response = client.get(log_in_at_provider(url, "kari"))
    assert response.status_code == 302 and response["Location"] == "/min-side/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session["otp_device_id"]  # verified: ID-porten's high level is two factors
    assert OutboxMessage.objects.filter(template="client_new_device", to=[user.email]).exists()


def test_a_wrong_state_is_refused(client, provider):
    account(pid=PID)
    set_claims(provider, "kari", pid=PID, acr=HIGH)
    url, state = go_to_idporten(client, provider)
    back = urlsplit(log_in_at_provider(url, "kari"))
    query = {key: value[0] for key, value in parse_qs(back.query).items()}
    query["state"] = "noe-annet"
    response = client.get(f"{back.path}?{urlencode(query)}")
    assert response.status_code == 400
    assert "Innloggingen med ID-porten kunne ikke fullføres." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_nonce_is_refused(client, provider):
    account(pid=PID)
    set_claims(provider, "kari", pid=PID, acr=HIGH)
    url, state = go_to_idporten(client, provider)
    session = client.session
    key = f"_state_idporten_{state}"
    stored = session[key]
    stored["data"]["nonce"] = "en-annen-nonce"  # as if the ID token were replayed from another login
    session[key] = stored
    session.save()
    response = client.get(log_in_at_provider(url, "kari"))
    assert response.status_code == 400
    assert "Innloggingen med ID-porten kunne ikke fullføres." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_code_that_was_used_once_no_longer_logs_anyone_in(client, provider):
    account(pid=PID)
    set_claims(provider, "kari", pid=PID, acr=HIGH)
    url, state = go_to_idporten(client, provider)
    key = f"_state_idporten_{state}"
    saved = client.session[key]
    callback = log_in_at_provider(url, "kari")
    assert client.get(callback)["Location"] == "/min-side/"

    thief = Client()  # the same state, nonce and verifier, replaying the code
    session = thief.session
    session[key] = saved
    session.save()
    response = thief.get(callback)
    assert response.status_code == 400
    assert "_auth_user_id" not in thief.session


def test_a_lower_level_than_idporten_loa_high_is_refused(client, provider):
    account(pid=PID)
    set_claims(provider, "kari", pid=PID, acr="idporten-loa-substantial")
    url, _state = go_to_idporten(client, provider)
    response = client.get(log_in_at_provider(url, "kari"))
    assert response.status_code == 400
    assert "høyt sikkerhetsnivå" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_pid_is_linked_once_the_person_proves_their_account(client, provider):
    person, user = account()
    device = add_app(user)
    set_claims(provider, "ny", pid=PID, acr=HIGH)
    url, _state = go_to_idporten(client, provider)
    response = client.get(log_in_at_provider(url, "ny"))
    assert response.status_code == 200
    assert "Vi kjenner ikke igjen deg fra ID-porten ennå." in response.content.decode()
    assert "_auth_user_id" not in client.session

    client.post("/min-side/logg-inn/", {"email": user.email, "password": PASSWORD})
    response = client.post("/min-side/logg-inn/bekreft/", {"code": code_now(device)})
    assert response["Location"] == "/min-side/"
    person.refresh_from_db()
    assert person.idporten_pid == PID

    linked = OutboxMessage.objects.get(template="client_idporten_linked")
    assert linked.to == [user.email] and "/min-side/sikkerhet/" in linked.body_text

    fresh = Client()
    url, _state = go_to_idporten(fresh, provider)
    assert fresh.get(log_in_at_provider(url, "ny"))["Location"] == "/min-side/"
    assert fresh.session["_auth_user_id"] == str(user.pk)


def test_a_pid_already_linked_to_another_person_is_refused(client, provider):
    other, _ = account("ola@example.no", pid=PID)
    person, user = account()
    login_verified(client, user)
    set_claims(provider, "ola", pid=PID, acr=HIGH)
    url, _state = go_to_idporten(client, provider)
    response = client.get(log_in_at_provider(url, "ola"))
    assert response.status_code == 400
    assert "allerede koblet til en annen konto" in response.content.decode()
    person.refresh_from_db()
    assert person.idporten_pid is None
    assert Person.objects.get(idporten_pid=PID) == other


def test_idporten_is_off_when_not_configured(client, settings):
    settings.IDPORTEN_ISSUER = ""
    response = client.get(START)  # an old bookmark: back to the login page, with a word about it
    assert response.status_code == 302 and response["Location"] == "/min-side/logg-inn/"
    html = client.get("/min-side/logg-inn/").content.decode()
    assert "Innlogging med ID-porten er ikke slått på" in html
    assert "Logg inn med ID-porten" not in html


def test_an_unknown_pid_waits_only_a_quarter_of_an_hour_for_the_proof(client, provider, time_machine):
    person, user = account()
    device = add_app(user)
    set_claims(provider, "ny", pid=PID, acr=HIGH)
    url, _state = go_to_idporten(client, provider)
    client.get(log_in_at_provider(url, "ny"))
    time_machine.move_to(datetime.now(UTC) + timedelta(minutes=16))
    client.post("/min-side/logg-inn/", {"email": user.email, "password": PASSWORD})
    assert client.post("/min-side/logg-inn/bekreft/", {"code": code_now(device)})["Location"] == "/min-side/"
    person.refresh_from_db()
    assert person.idporten_pid is None


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_two_accounts_linking_one_pid_at_once_get_it_once_on_postgresql():
    users = [account(f"klient{number}@example.no")[1] for number in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def run(user) -> None:
        try:
            barrier.wait(timeout=20)
            idporten.link_pid(user=user, pid=PID)
            outcomes.append("linked")
        except idporten.IdPortenError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001  # the race's outcome is what the test looks at
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["linked"] + ["refused"] * (THREADS - 1)
    assert Person.objects.filter(idporten_pid=PID).count() == 1
