"""The daily digest: to each therapist and doctor with flags waiting, a count and a link, no health details;
once per account and day, however many workers run it."""

from datetime import date

from django.urls import reverse

from forlop.care import summary
from forlop.care.checkin import services
from forlop.care.checkin.models import CheckIn, DigestSent
from forlop.core import jobs
from forlop.outbox.models import OutboxMessage

from .conftest import answers, at

TODAY = date(2026, 3, 2)
HEALTH_WORDS = (
    "selvmord",
    "livet ditt",
    "kramper",
    "krampeanfall",
    "alkohol",
    "benzodiazepin",
    "opioid",
    "sug",
    "abstinens",
    "dose",
    "brukt",
    "bruk ",
    "nedtrapping",
    "Nora",
    "Nordmann",
    "innsjekk",
)


def digests():
    return OutboxMessage.objects.filter(template="care_checkin_digest")


def red_day(world):
    services.save_checkin(
        by=world.users["the_person"],
        course=world.course,
        day=TODAY,
        answers=answers(suicide_thoughts=True, seizure=True),
        now=at(2026, 3, 2, 6),
    )


def test_it_tells_each_clinician_how_many_flags_wait_and_nothing_else(world):
    red_day(world)
    assert (
        services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 2, 8)) == 2
    )  # Tor (therapist) and Lise (doctor)
    to = sorted(m.to[0] for m in digests())
    assert to == ["lise@example.no", "tor@example.no"]
    for message in digests():
        text = f"{message.subject}\n{message.body_text}\n{message.body_html}"
        assert "2 flagg venter på deg" in message.subject
        assert reverse("staff:caseload") in message.body_text
        for word in HEALTH_WORDS:
            assert word.lower() not in text.lower(), word
    # the coordinator and Ola's therapist (no flags) get nothing
    everyone = {address for m in digests() for address in m.to}
    assert "kari@example.no" not in everyone and "anne@example.no" not in everyone


def test_it_goes_once_per_day_and_again_the_next_day(world):
    red_day(world)
    services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 2, 8))
    assert services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 2, 8, 30)) == 0
    assert services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 2, 22)) == 0
    assert digests().count() == 2
    assert services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 3, 7, 30)) == 2
    assert digests().count() == 4
    assert DigestSent.objects.count() == 4


def test_it_waits_for_the_morning(world):
    red_day(world)
    assert services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 2, 6, 59)) == 0
    assert not digests().exists()


def test_a_claim_already_made_by_another_worker_is_not_sent_twice(world):
    red_day(world)
    tor = world.users["team_therapist"]
    DigestSent.objects.create(user=tor, day=TODAY, flags=2, sent_at=at(2026, 3, 2, 7))
    services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 2, 8))
    assert [m.to for m in digests()] == [["lise@example.no"]]


def test_nobody_gets_an_empty_digest(world):
    services.save_checkin(by=world.users["the_person"], course=world.course, day=TODAY, answers=answers())
    assert services.send_digests(providers=summary.FLAG_PROVIDERS, now=at(2026, 3, 2, 8)) == 0
    assert CheckIn.objects.count() == 1


def test_the_digest_is_a_registered_periodic_job():
    import forlop.care.jobs  # noqa: F401 - registers

    assert "care_checkin.send_digests" in jobs.REGISTRY
