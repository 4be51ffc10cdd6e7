"""A person row never keeps an address longer than what they sent does: once retention has deleted their
enquiries and requests or anonymised their course sign-up, the daily job forgets them. Retention itself is
never blocked by a person."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import RequestFactory

from forlop.audit.models import AccessLog
from forlop.audit.services import log_access
from forlop.contact.models import ContactEnquiry
from forlop.contact.services import delete_expired_enquiries, submit_enquiry
from forlop.core import jobs
from forlop.core.jobs import run_due_jobs
from forlop.course import services as course
from forlop.matching.models import MatchRequest
from forlop.matching.services import delete_expired_requests, submit_request
from forlop.matching.tests.conftest import ANSWERS
from forlop.people.models import Person
from forlop.people.services import forget_unlinked, person_for

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=400)


def enquire(email="kari@example.no"):
    return submit_enquiry(
        name="Kari",
        email=email,
        phone="",
        message="Hjelp.",
        preferred_contact="email",
        said_urgent=False,
        ip_hash="",
    )


@pytest.mark.django_db
def test_retention_deletes_enquiries_and_requests_with_a_person_and_the_job_then_forgets_the_person():
    with time_machine.travel(NOW, tick=False):
        enquire()
        submit_request(answers={**ANSWERS, "email": "kari@example.no"})

    with time_machine.travel(LATER, tick=False):
        assert delete_expired_enquiries() == 1
        assert delete_expired_requests() == 1
        assert Person.objects.filter(email="kari@example.no").exists()  # until the job runs

        jobs.autodiscover()
        run_due_jobs(jobs=[jobs.REGISTRY["people.forget_unlinked"]])

    assert not Person.objects.exists()
    assert not ContactEnquiry.objects.exists() and not MatchRequest.objects.exists()


@pytest.mark.django_db
def test_an_expired_course_signup_takes_its_person_with_it():
    with time_machine.travel(NOW, tick=False):
        course.sign_up(email="kari@example.no", first_name="Kari", audience="self", ip_hash="x")
    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        course.apply_retention()

    assert forget_unlinked() == {"deleted": 1, "emptied": 0}
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_person_with_anything_left_or_an_account_is_kept(client_person):
    with time_machine.travel(NOW, tick=False):
        enquire("kari@example.no")
        with_account = person_for(email="ola@example.no", name="Ola")
        with_account.user = client_person
        with_account.save()

    assert forget_unlinked() == {"deleted": 0, "emptied": 0}
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_a_person_the_access_log_names_loses_address_and_name_but_the_log_stays_whole(coordinator):
    with time_machine.travel(NOW, tick=False):
        read = enquire("kari@example.no")
        enquire("ola@example.no")
    request = RequestFactory().get("/")
    request.user = coordinator
    log_access(request=request, obj=read, why="Test")
    ContactEnquiry.objects.all().delete()

    assert forget_unlinked() == {"deleted": 1, "emptied": 1}
    [kept] = Person.objects.all()
    assert (kept.email, kept.name) == ("", "")
    entry = AccessLog.objects.get()
    assert entry.person_id == kept.pk
    assert entry.subject_label.startswith("Kari ")  # as written then: the log is history
    assert forget_unlinked() == {"deleted": 0, "emptied": 0}  # an emptied person is left alone
