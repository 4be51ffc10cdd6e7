"""Who has read my data: every access-log row about the person, in plain words, newest first, paginated,
never a staff email; reads about someone else never show; the page costs the same number of queries for 5
rows as for 50."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.services import log_access
from forlop.booking.models import Booking
from forlop.contact.models import ContactEnquiry
from forlop.contact.services import submit_enquiry
from forlop.matching.models import MatchRequest
from forlop.matching.services import submit_request
from forlop.matching.tests.conftest import ANSWERS
from forlop.minside import views

pytestmark = pytest.mark.django_db


def read(user, obj, why="Behandling"):
    request = RequestFactory().get("/ansatt/")
    request.user = user
    return log_access(request=request, obj=obj, why=why)


def enquire(email):
    return submit_enquiry(
        name="Nora",
        email=email,
        phone="",
        message="Hei",
        preferred_contact="email",
        said_urgent=False,
        ip_hash="",
    )


def test_it_shows_reads_by_three_roles_about_the_person_and_nothing_else(
    client, nora, other_client, therapist, coordinator, admin_user, _frozen
):
    therapist.full_name = "Tor Haugen"
    therapist.save()
    booking = Booking.objects.get(person=nora)
    match_request = submit_request(answers={**ANSWERS, "email": nora.email})
    enquiry = enquire(nora.email)
    assert MatchRequest.objects.get(pk=match_request.pk).person_id == nora.pk
    read(therapist, booking)
    _frozen.shift(timedelta(minutes=5))
    read(coordinator, match_request)
    _frozen.shift(timedelta(minutes=5))
    read(admin_user, ContactEnquiry.objects.get(pk=enquiry.pk))
    read(therapist, Booking.objects.get(person=other_client.person))  # someone else's: never shown

    login_verified(client, nora.user)
    page = client.get(reverse("minside:log")).content.decode()
    assert page.index("Admin, administrator, åpnet henvendelsen din") < page.index(
        "Koordinator, koordinator, åpnet forespørselen din om behandler"
    )
    assert page.index("Koordinator, koordinator") < page.index(
        "Tor Haugen, terapeut, åpnet timebestillingen din"
    )
    assert "Tor Haugen, terapeut, åpnet timebestillingen din 2. mars kl. 08.00" in page
    assert page.count("Tor Haugen") == 1  # the read of Ola's booking is not here
    for user in (therapist, coordinator, admin_user):
        assert user.email not in page


def test_it_says_you_for_the_person_s_own_reads(client, nora):
    login_verified(client, nora.user)
    client.get(reverse("minside:home"))
    page = client.get(reverse("minside:log")).content.decode()
    assert "Du åpnet timebestillingen din" in page


def test_it_calls_a_reader_without_a_name_a_staff_member_never_their_email(client, nora, therapist):
    therapist.full_name = ""
    therapist.save()
    read(therapist, Booking.objects.get(person=nora))
    login_verified(client, nora.user)
    page = client.get(reverse("minside:log")).content.decode()
    assert "En ansatt, terapeut, åpnet timebestillingen din" in page
    assert therapist.email not in page


def test_it_pages_the_log_newest_first(client, nora, therapist, _frozen, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 3)
    booking = Booking.objects.get(person=nora)
    for minute in range(5):
        _frozen.shift(timedelta(minutes=1))
        read(therapist, booking, why=f"lesing {minute}")
    login_verified(client, nora.user)
    first = client.get(reverse("minside:log")).content.decode()
    assert "lesing 4" in first and "lesing 2" in first and "lesing 1" not in first
    assert "Side 1 av 2" in first
    second = client.get(reverse("minside:log"), {"side": 2}).content.decode()
    assert "lesing 1" in second and "lesing 0" in second and "lesing 4" not in second


@pytest.mark.parametrize("rows", [5, 50])
def test_the_log_page_s_query_count_does_not_grow_with_the_rows_shown(
    client, nora, therapist, coordinator, doctor, django_assert_max_num_queries, monkeypatch, rows
):
    monkeypatch.setattr(views, "PER_PAGE", 50)
    booking = Booking.objects.get(person=nora)
    readers = [therapist, coordinator, doctor]
    for i in range(rows):
        read(readers[i % 3], booking)
    login_verified(client, nora.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("minside:log"))
    assert response.content.decode().count("åpnet timebestillingen din") == rows
