"""A relative reads what a person shares while the person turns the dial to "nothing", on threads: the read
stops right after it has read the consent (the `between` seam) long enough for the revocation to commit if
it can. Shared by the SQLite file-database script (relative_race_script.py) and the PostgreSQL test
(test_races.py); every scenario returns plain data so it can cross a process boundary as JSON.

- `guarded`: the real `read_shared`, which holds the consent row in the transaction that reads the data.
  The revocation waits for the read to finish; no read shows data it began reading after the revocation
  committed, and the next read after it shows nothing.
- `control`: the consent read on its own (autocommit), then the data: the revocation commits in between and
  the read shows the summary after the revocation committed, which shows the race is real.
"""

import threading
import time
from datetime import datetime

from django.db import close_old_connections, connection
from django.test import RequestFactory

from forlop.accounts.models import User
from forlop.audit.policy import RelativeShare, relative_may_see
from forlop.care import services as care
from forlop.lib.timezones import OSLO
from forlop.people.models import Person
from forlop.relatives import services
from forlop.relatives.models import Consent, Dial

NOW = datetime(2026, 3, 6, 10, 0, tzinfo=OSLO)
ROUNDS = 8
PAUSE = 0.3  # seconds between reading the consent and reading the data


def user_of(person: Person) -> User:
    assert person.user is not None
    return person.user


def _person(email: str, name: str) -> Person:
    user = User.objects.create_user(email, "race-passord-2026", full_name=name, is_client=True)
    return Person.objects.create(email=email, name=name, created_at=NOW, user=user)


def setup_world() -> None:
    coordinator = User.objects.create_user("koord.race@example.no", "race-passord-2026", is_coordinator=True)
    therapist = User.objects.create_user("terapeut.race@example.no", "race-passord-2026", is_therapist=True)
    nora = _person("nora.race@example.no", "Nora Race")
    _person("ola.race@example.no", "Ola Race")
    care.start_course(
        by=coordinator,
        person=nora,
        therapist=therapist,
        coordinator=coordinator,
        substances=["alkohol"],
        now=NOW,
    )
    services.add_relative(
        person=nora,
        name="Ola Race",
        email="ola.race@example.no",
        dial=Dial.SUMMARY,
        by=user_of(nora),
        now=NOW,
    )
    services.save_summary(person=nora, text="Det går bedre.", approve=True, by=user_of(nora), now=NOW)


def _request(relative: Person):
    request = RequestFactory().get("/min-side/parorende/")
    request.user = user_of(relative)
    request.person = relative  # type: ignore[attr-defined] # what @own_data puts on the request
    request.access_purpose = "race test"  # type: ignore[attr-defined]
    return request


def _guarded_read(relative: Person, consent_id: int, between) -> bool:
    shared = services.read_shared(
        request=_request(relative), relative=relative, consent_id=consent_id, between=between
    )
    return shared.summary is not None


def _naive_read(relative: Person, consent_id: int, between) -> bool:
    """The consent in one statement, the data in the next: what a read without the guard does."""
    consent = Consent.objects.select_related("person").get(pk=consent_id)
    allowed = relative_may_see(
        relative.user,
        relative,
        consent_relative_id=consent.relative_id,
        dial=consent.dial,
        what=RelativeShare.SUMMARY,
    )
    between()
    return allowed and services.approved_of(consent.person) is not None


def _one_round(read, nora: Person, ola: Person, consent_id: int, errors: list[str]) -> tuple[dict, dict]:
    consent_read = threading.Event()
    times: dict[str, float] = {}
    result: dict[str, bool] = {}

    def between() -> None:
        consent_read.set()
        time.sleep(PAUSE)
        times["data_read_starts"] = time.monotonic()

    def reader() -> None:
        try:
            result["shown"] = read(ola, consent_id, between)
        except Exception as exc:  # noqa: BLE001 - reported as data
            errors.append(f"reader {type(exc).__name__}: {exc}")
        finally:
            connection.close()

    def revoker() -> None:
        try:
            consent_read.wait(timeout=30)
            services.set_dial(person=nora, consent_id=consent_id, dial=Dial.NOTHING, by=user_of(nora))
            times["revocation_committed"] = time.monotonic()
        except Exception as exc:  # noqa: BLE001 - reported as data
            errors.append(f"revoker {type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=reader), threading.Thread(target=revoker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    return result, times


def _rounds(read, rounds: int) -> dict:
    nora = Person.objects.get(email="nora.race@example.no")
    ola = Person.objects.get(email="ola.race@example.no")
    consent = Consent.objects.current().get(person=nora, relative=ola)
    shown_after_revocation = 0
    shown = 0
    next_read_shows = 0
    errors: list[str] = []
    for _ in range(rounds):
        services.set_dial(person=nora, consent_id=consent.pk, dial=Dial.SUMMARY, by=user_of(nora))
        result, times = _one_round(read, nora, ola, consent.pk, errors)
        if result.get("shown"):
            shown += 1
            if times.get("data_read_starts", 0) > times.get("revocation_committed", float("inf")):
                shown_after_revocation += 1
        if _guarded_read(ola, consent.pk, lambda: None):
            next_read_shows += 1
    return {
        "rounds": rounds,
        "shown": shown,
        "shown_after_revocation": shown_after_revocation,
        "next_read_shows": next_read_shows,
        "errors": errors,
    }


def guarded(rounds: int = ROUNDS) -> dict:
    return _rounds(_guarded_read, rounds)


def control(rounds: int = ROUNDS) -> dict:
    return _rounds(_naive_read, rounds)
