from datetime import datetime, time

import pytest
import time_machine

from forlop.booking.models import ConsultationType
from forlop.lib.timezones import OSLO
from forlop.scheduling.models import BookingSettings, WorkingHours
from forlop.therapists.models import Language, MeetingMode, Profession, Therapist

# A Monday morning in winter time; the week after it has no public holidays.
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=OSLO)


def oslo(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=OSLO)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_profile(*, user=None, slug="kari-terapeut", name="Kari Terapeut", **fields) -> Therapist:
    values = {
        "name": name,
        "slug": slug,
        "status": Therapist.Status.PUBLISHED,
        "profession": Profession.PSYKOLOG,
        "hpr_number": "1234567",
        "bio_short": "Jeg hjelper deg videre.",
        "bio_long": "Om meg.",
        "user": user,
    }
    values.update(fields)
    therapist = Therapist.objects.create(**values)
    therapist.languages.set(Language.objects.filter(key="nb"))
    therapist.meeting_modes.set(MeetingMode.objects.filter(key="video"))
    for weekday in range(7):
        WorkingHours.objects.create(therapist=therapist, weekday=weekday, start=time(9), end=time(12))
    BookingSettings.objects.create(therapist=therapist, min_notice_hours=2, horizon_weeks=8)
    for ctype in ConsultationType.objects.filter(doctors_only=False):
        ctype.therapists.add(therapist)
    return therapist


@pytest.fixture
def profile(therapist) -> Therapist:
    """The `therapist` persona's published profile: 09:00-12:00 every day, 2 h notice, all non-doctor types."""
    return make_profile(user=therapist)


@pytest.fixture
def other_profile(other_therapist) -> Therapist:
    return make_profile(user=other_therapist, slug="ola-terapeut", name="Ola Terapeut")


@pytest.fixture
def first_talk(db) -> ConsultationType:
    return ConsultationType.objects.get(slug="forstesamtale")  # 20 min + 10 min buffer, free


@pytest.fixture
def consultation(db) -> ConsultationType:
    return ConsultationType.objects.get(slug="konsultasjon")  # 50 min + 10 min buffer, 495 kr
