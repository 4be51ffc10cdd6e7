"""The access log names the person whose data was read, whichever app showed it: a coordinator opening a
match request, a therapist's calendar showing a booking and an administrator opening an enquiry (on the staff
page and in the admin) all land on one person when the address is the same. "Who has read this person's
data" is then one query."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.audit.services import Ref, log_access
from forlop.booking.models import ConsultationType
from forlop.booking.services import ClientDetails
from forlop.booking.tests.conftest import NOW, make_profile
from forlop.booking.tests.helpers import book
from forlop.contact.services import submit_enquiry
from forlop.lib.timezones import OSLO
from forlop.matching.services import submit_request
from forlop.matching.tests.conftest import ANSWERS
from forlop.people.models import Person
from forlop.people.services import person_for

START = datetime(2026, 3, 3, 9, 0, tzinfo=OSLO)  # the Tuesday of NOW's week


@pytest.fixture
def kari_everywhere(therapist):
    """One person, three ways in: a booking with the `therapist`, a match request and an enquiry."""
    profile = make_profile(user=therapist)
    first_talk = ConsultationType.objects.get(slug="forstesamtale")
    details = ClientDetails(name="Kari Nordmann", email="kari@example.no", phone="", note="", consent=True)
    booking = book(therapist=profile, ctype=first_talk, start=START, now=NOW, details=details).booking
    match_request = submit_request(answers={**ANSWERS, "name": "Kari", "email": "Kari@Example.no"})
    enquiry = submit_enquiry(
        name="Kari N.",
        email="KARI@example.no",
        phone="",
        message="Jeg vil ha hjelp.",
        preferred_contact="email",
        said_urgent=False,
        ip_hash="",
    )
    return {"booking": booking, "request": match_request, "enquiry": enquiry}


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_reads_by_three_roles_in_three_apps_land_on_one_person(
    client, kari_everywhere, therapist, coordinator, admin_user, django_assert_num_queries
):
    someone_else = person_for(email="ola@example.no", name="Ola")
    pages = [
        (coordinator, reverse("matching:request_detail", kwargs={"pk": kari_everywhere["request"].pk})),
        (therapist, reverse("booking:calendar")),
        (admin_user, reverse("contact_staff:detail", kwargs={"pk": kari_everywhere["enquiry"].pk})),
        (admin_user, reverse("admin:contact_contactenquiry_change", args=[kari_everywhere["enquiry"].pk])),
    ]
    for user, url in pages:
        login_verified(client, user)
        assert client.get(url).status_code == 200, url
        client.logout()
    kari = Person.objects.get(email="kari@example.no")

    with django_assert_num_queries(1):
        rows = list(AccessLog.objects.about_person(kari).newest_first())

    readers = {(row.user_id, row.object_type) for row in rows}
    assert readers == {
        (coordinator.pk, "matching.matchrequest"),
        (therapist.pk, "booking.booking"),
        (admin_user.pk, "contact.contactenquiry"),
    }
    assert len(rows) == 4  # the administrator read the enquiry twice: on the staff page and in the admin
    assert not AccessLog.objects.about_person(someone_else).exists()
    # Every row written about Kari's things names her; none is left without a person.
    assert not AccessLog.objects.filter(
        object_type__in=["matching.matchrequest", "booking.booking", "contact.contactenquiry"], person=None
    ).exists()


@pytest.mark.django_db
def test_a_row_about_a_person_or_a_ref_that_names_one_is_about_that_person(rf, coordinator):
    kari = person_for(email="kari@example.no", name="Kari")
    request = rf.get("/")
    request.user = coordinator

    log_access(request=request, obj=Ref("people.list", "", "Personer"), subject=kari, why="Test")
    log_access(request=request, obj=Ref("x", "1", "X", person_id=kari.pk), why="Test")
    log_access(request=request, obj=Ref("y", "2", "Y"), why="Test")  # about nobody in particular

    assert AccessLog.objects.about_person(kari).count() == 2
    assert AccessLog.objects.filter(person=None).count() == 1


@pytest.mark.django_db
def test_rows_from_before_persons_are_found_by_what_they_named_then(rf, coordinator, kari_everywhere):
    """Rows written before the person column existed (the triggers refuse filling it in afterwards)."""
    kari = Person.objects.get(email="kari@example.no")
    request = rf.get("/")
    request.user = coordinator
    for subject in [
        Ref("booking.client", "kari@example.no", "Kari Nordmann"),
        Ref("matching.matchrequest", str(kari_everywhere["request"].pk), "Kari"),
        Ref("contact.contactenquiry", str(kari_everywhere["enquiry"].pk), "Kari N."),
        Ref("contact.contactenquiry", "999999", "Someone else"),
        Ref("booking.client", "ola@example.no", "Ola"),
    ]:
        log_access(request=request, obj=Ref("old", ""), subject=subject, why="Test")

    labels = sorted(AccessLog.objects.about_person(kari).values_list("subject_label", flat=True))

    assert labels == ["Kari", "Kari N.", "Kari Nordmann"]
