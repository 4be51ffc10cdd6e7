"""Each service that stores what someone sent links it to their person, in its own transaction: a confirmed
booking, a match request, an enquiry and a course sign-up with one address typed in different ways are one
person; nothing is merged on a name."""

from datetime import datetime, timedelta

import pytest
import time_machine

from forlop.booking.models import Booking, ConsultationType
from forlop.booking.services import ClientDetails, hold_slot
from forlop.booking.tests.conftest import NOW, make_profile
from forlop.booking.tests.helpers import book
from forlop.contact.models import ContactEnquiry
from forlop.contact.services import submit_enquiry
from forlop.course import services as course
from forlop.course.models import Enrollment
from forlop.lib.timezones import OSLO
from forlop.matching.services import submit_request
from forlop.matching.tests.conftest import ANSWERS
from forlop.people.models import Person

START = datetime(2026, 3, 3, 9, 0, tzinfo=OSLO)


def enquire(*, name="Kari", email="kari@example.no", phone=""):
    return submit_enquiry(
        name=name,
        email=email,
        phone=phone,
        message="Jeg vil ha hjelp.",
        preferred_contact="phone" if phone else "email",
        said_urgent=False,
        ip_hash="",
    )


@pytest.fixture
def profile(therapist):
    return make_profile(user=therapist)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_one_address_in_four_forms_typed_four_ways_is_one_person(profile):
    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    details = ClientDetails(name="Kari Nordmann", email="kari@example.no", phone="", note="", consent=True)
    booking = book(therapist=profile, ctype=first_talk, start=START, now=NOW, details=details).booking
    match_request = submit_request(answers={**ANSWERS, "name": "K", "email": "Kari@Example.no"})
    enquiry = enquire(name="Kari N.", email="KARI@EXAMPLE.NO ")
    course.sign_up(email=" kari@example.NO", first_name="Kari", audience="self", ip_hash="x")

    person = Person.objects.get()
    assert person.email == "kari@example.no"
    assert person.name == "Kari"  # the name as last given (the course sign-up)
    assert [booking.person_id, match_request.person_id, enquiry.person_id] == [person.pk] * 3
    assert Enrollment.objects.get().person_id == person.pk
    assert list(person.bookings.all()) == [Booking.objects.get(pk=booking.pk)]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_same_name_with_another_address_is_another_person():
    enquire(name="Ola Hansen", email="ola@example.no")
    enquire(name="Ola Hansen", email="ola.h@example.no")

    assert Person.objects.count() == 2
    assert len({e.person_id for e in ContactEnquiry.objects.all()}) == 2


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_hold_is_nobody_until_it_is_confirmed(profile):
    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    hold = hold_slot(therapist=profile, consultation_type=first_talk, start=START, now=NOW)

    assert Booking.objects.get(pk=hold.booking.pk).person is None
    assert not Person.objects.exists()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_an_enquiry_with_only_a_phone_number_is_a_person_of_its_own():
    one = enquire(name="Ola", email="", phone="+4791234567")
    other = enquire(name="Ola", email="", phone="+4791234567")

    assert one.person_id != other.person_id
    assert one.person.email == "" and one.person.name == "Ola"


@pytest.mark.django_db
def test_an_unconfirmed_course_signup_lets_go_of_the_person_with_the_address():
    with time_machine.travel(NOW, tick=False):
        course.sign_up(email="kari@example.no", first_name="Kari", audience="self", ip_hash="x")
    assert Enrollment.objects.get().person is not None

    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        course.apply_retention()

    enrollment = Enrollment.objects.get()
    assert (enrollment.email, enrollment.person) == ("", None)
