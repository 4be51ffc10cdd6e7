"""No good match: the engine's exclusions reach the coordinator, counted per reason, and a medically flagged
request is never given a therapist who is not authorised health personnel with the relevant competence."""

import datetime
import re

import pytest

from forlop.accounts.testing import login_verified
from forlop.matching import services
from forlop.therapists.models import Profession

from .conftest import ANSWERS

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 24)
CERTIFIED = {"profession": Profession.SERTIFISERT_TERAPEUT, "hpr_number": ""}


def detail(match_request) -> str:
    return f"/ansatt/foresporsler/{match_request.pk}/"


def test_it_counts_the_reasons_nobody_was_a_good_match(make_therapist):
    for _ in range(3):
        make_therapist(focus=("alkohol",))
    make_therapist(focus=("cannabis",), accepting_new_clients=False)

    ranking = services.rank_answers(answers={**ANSWERS, "substances": ["ghb"]}, today=TODAY)

    assert ranking.no_good_match
    assert (ranking.considered, ranking.passed) == (4, 0)
    assert ranking.exclusions == [("Jobber ikke med GHB", 4), ("Tar ikke imot nye klienter", 1)]


def test_it_suggests_those_who_fit_and_still_counts_the_others(make_therapist):
    fits = make_therapist(focus=("alkohol",))
    make_therapist(focus=("spill",))

    ranking = services.rank_answers(answers=ANSWERS, today=TODAY)

    assert [s["therapist_id"] for s in ranking.suggestions] == [fits.pk]
    assert (ranking.considered, ranking.passed) == (2, 1)
    assert ranking.exclusions == [("Jobber ikke med alkohol", 1)]
    assert services.compute_suggestions(answers=ANSWERS, today=TODAY) == ranking.suggestions


def test_a_daily_ghb_user_is_suggested_only_authorised_help_on_to_a_residential_unit(make_therapist):
    make_therapist(focus=("ghb",), medical_detox=True, new_clients_per_week=20, **CERTIFIED)
    make_therapist(focus=("spill",), new_clients_per_week=20)
    psychologist = make_therapist(focus=("ghb", "alkohol"), new_clients_per_week=1)
    answers = {**ANSWERS, "substances": ["ghb"], "frequency": "daily"}

    [suggestion] = services.compute_suggestions(answers=answers, today=TODAY)

    assert suggestion["therapist_id"] == psychologist.pk
    assert "Kan hjelpe deg videre til døgnavrusning" in suggestion["reasons"]
    assert "Tilbyr medisinsk støttet avrusning" not in suggestion["reasons"]


def test_the_coordinator_sees_no_good_match_and_why(client, coordinator, make_therapist, make_request):
    for _ in range(7):
        make_therapist(focus=("alkohol",))
    make_therapist(focus=("cannabis",), languages=("da",))
    match_request = make_request(substances=["ghb"], frequency="weekly")
    login_verified(client, coordinator)

    html = client.get(detail(match_request)).content.decode()

    section = re.search(r'<div class="notice match-no-match">(.*?)</div>', html, re.S).group(1)
    assert "Ingen god match" in section
    assert "Ingen av de 8 publiserte terapeutene passer" in section
    reasons = re.findall(r"<li>(.*?)</li>", section)
    assert reasons == ["8 terapeuter: Jobber ikke med GHB", "1 terapeut: Snakker ikke norsk"]


def test_the_queue_says_no_good_match(client, coordinator, make_therapist, make_request):
    make_therapist(focus=("alkohol",))
    make_request(substances=["spill"])
    login_verified(client, coordinator)

    html = client.get("/ansatt/foresporsler/").content.decode()

    assert "Ingen god match." in html


def test_a_good_match_shows_no_such_notice(client, coordinator, make_therapist, make_request):
    make_therapist(focus=("alkohol",))
    match_request = make_request()
    login_verified(client, coordinator)

    html = client.get(detail(match_request)).content.decode()

    assert 'class="match-suggestions"' in html
    assert "Ingen god match" not in html
