import pytest
import time_machine

from forlop.core import jobs
from forlop.course import services
from forlop.course.models import Enrollment, LessonDelivery

from .conftest import oslo, run_job_at, sign_up


def retention_at(when) -> dict[str, int]:
    with time_machine.travel(when, tick=False):
        return services.apply_retention()


@pytest.mark.django_db
def test_an_unconfirmed_sign_up_loses_its_address_after_seven_days(lessons):
    with time_machine.travel(oslo(2026, 3, 2, 12, 0), tick=False):
        sign_up()

    assert retention_at(oslo(2026, 3, 9, 11, 59))["expired"] == 0
    assert Enrollment.objects.get().email == "kari@example.no"

    assert retention_at(oslo(2026, 3, 9, 12, 1))["expired"] == 1
    enrollment = Enrollment.objects.get()
    assert enrollment.status == Enrollment.Status.EXPIRED
    assert (enrollment.email, enrollment.first_name, enrollment.token, enrollment.email_hash) == (
        "",
        "",
        "",
        "",
    )
    assert enrollment.created_at == oslo(2026, 3, 2, 12, 0)  # still counted as a sign-up on the figures page


@pytest.mark.django_db
def test_a_finished_course_loses_address_and_name_after_thirty_days_and_the_hash_later(enrol, settings):
    enrol(oslo(2026, 3, 2, 12, 0))
    for day in range(3, 8):
        run_job_at(oslo(2026, 3, day, 9, 0))  # completed 7 March

    assert retention_at(oslo(2026, 4, 6, 8, 0))["anonymised"] == 0
    assert retention_at(oslo(2026, 4, 6, 10, 1))["anonymised"] == 1
    enrollment = Enrollment.objects.get()
    assert (enrollment.email, enrollment.first_name, enrollment.token) == ("", "", "")
    assert enrollment.email_hash == services.email_hash("kari@example.no")  # still counts a later booking
    assert LessonDelivery.objects.count() == 5
    assert retention_at(oslo(2026, 4, 7, 10, 0)) == {"expired": 0, "anonymised": 0, "hashes_forgotten": 0}

    assert retention_at(oslo(2026, 9, 6, 10, 1))["hashes_forgotten"] == 1  # 183 days after the course
    assert Enrollment.objects.get().email_hash == ""


@pytest.mark.django_db
def test_an_unsubscribed_course_is_anonymised_too_and_a_running_one_never(enrol):
    leaver = enrol(oslo(2026, 3, 2, 12, 0), email="slutter@example.no")
    enrol(oslo(2026, 3, 30, 12, 0), email="aktiv@example.no")
    with time_machine.travel(oslo(2026, 3, 3, 12, 0), tick=False):
        services.unsubscribe(token=leaver.token)

    retention_at(oslo(2026, 4, 3, 12, 0))

    assert set(Enrollment.objects.values_list("email", flat=True)) == {"", "aktiv@example.no"}


@pytest.mark.django_db
def test_the_worker_runs_retention_hourly():
    jobs.autodiscover()
    assert jobs.REGISTRY["course.retention"].every.total_seconds() == 3600
