from io import StringIO

import pytest

from forlop.booking import demo as booking_demo
from forlop.booking.models import ConsultationType
from forlop.scheduling.models import WorkingHours
from forlop.therapists import demo as therapist_demo

pytestmark = pytest.mark.django_db


def test_the_demo_makes_every_demo_therapist_bookable_and_is_idempotent(client):
    therapist_demo.load(StringIO())
    booking_demo.load(StringIO())
    hours = WorkingHours.objects.count()
    offers = ConsultationType.therapists.through.objects.count()
    booking_demo.load(StringIO())
    assert WorkingHours.objects.count() == hours > 0
    assert ConsultationType.therapists.through.objects.count() == offers > 0

    response = client.get("/terapeuter/tor-haugen/")
    assert "Bestill time" in response.content.decode()
    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    assert first_talk.therapists.count() == 13
    doctors_type = ConsultationType.objects.get(slug="legekonsultasjon")
    assert doctors_type.therapists.exists()
    assert all(t.profession in {"lege", "rusmedisin", "psykiater"} for t in doctors_type.therapists.all())
