import datetime
import io

import pytest
from django.core.management.base import CommandError

from forlop.accounts import demo as account_demo
from forlop.accounts.models import User
from forlop.matching.candidates import candidates
from forlop.therapists import demo
from forlop.therapists.models import Profession, Therapist

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    demo.load(out)
    return out.getvalue()


def test_it_loads_twelve_therapists_and_a_detox_doctor_and_can_run_again():
    assert "13 nye" in load()
    assert "0 nye, 13 fantes fra før" in load()
    assert Therapist.objects.published().count() == 13
    doctor = Therapist.objects.get(profession=Profession.RUSMEDISIN)
    assert doctor.medical_detox is True
    assert doctor.focus_areas.count() == 4


def test_every_demo_profile_is_valid_and_varied():
    load()
    therapists = list(Therapist.objects.with_everything())
    for therapist in therapists:
        therapist.full_clean()
        assert 1 <= therapist.bio_short.count(".") + therapist.bio_short.count("–") <= 3, therapist.name
        words = len(therapist.bio_long.split())
        assert 120 <= words <= 200, f"{therapist.name}: {words} ord"
        assert len(therapist.bio_paragraphs) >= 2
        assert not therapist.photo
    languages = {lang.key for t in therapists for lang in t.languages.all()}
    assert {"en", "pl", "ar", "so", "sv"} <= languages
    places = {t.place for t in therapists if t.offers_in_person}
    assert {"Oslo", "Bergen", "Trondheim", "Stavanger"} <= places
    assert {t.gender for t in therapists} == {"kvinne", "mann", "annet"}
    assert any(not t.accepting_new_clients for t in therapists)
    assert len({t.bio_long for t in therapists}) == len(therapists)


def test_it_links_the_demo_therapist_and_doctor_accounts():
    account_demo.load(io.StringIO())
    load()
    load()
    therapist = User.objects.get(email="terapeut@forlop.test")
    doctor = User.objects.get(email="lege@forlop.test")
    assert therapist.therapist_profile.name == therapist.full_name
    assert doctor.therapist_profile.slug == "lene-dahl"


def test_the_demo_directory_feeds_the_matching_engine():
    load()
    assert len(candidates(week_start=datetime.date(2026, 3, 23))) == 13


def test_it_refuses_in_production(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="produksjon"):
        load()
