from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.contact.models import ContactEnquiry
from forlop.contact.services import delete_expired_enquiries, mark_handled, submit_enquiry
from forlop.contact.workdays import is_working_day, next_working_day
from forlop.core.jobs import REGISTRY, autodiscover, run_due_jobs

NOW = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


def enquiry(**fields) -> ContactEnquiry:
    return submit_enquiry(
        name=fields.pop("name", "Ola"),
        email=fields.pop("email", "ola@example.no"),
        phone=fields.pop("phone", ""),
        message=fields.pop("message", "Hei"),
        preferred_contact=fields.pop("preferred_contact", "email"),
        said_urgent=fields.pop("said_urgent", False),
        ip_hash="abc",
    )


@pytest.mark.django_db
def test_new_lists_only_enquiries_nobody_has_handled(coordinator):
    first, second = enquiry(), enquiry()
    mark_handled(enquiry=first, by=coordinator)

    assert list(ContactEnquiry.objects.new()) == [second]
    assert list(ContactEnquiry.objects.handled()) == [first]


@pytest.mark.django_db
def test_marking_handled_twice_tells_the_second_person(coordinator, admin_user):
    item = enquiry()

    with time_machine.travel(NOW, tick=False):
        assert mark_handled(enquiry=item, by=coordinator) is True
    assert mark_handled(enquiry=ContactEnquiry.objects.get(pk=item.pk), by=admin_user) is False

    item.refresh_from_db()
    assert (item.status, item.handled_by, item.handled_at) == ("handled", coordinator, NOW)


@pytest.mark.django_db
def test_the_database_refuses_an_enquiry_without_any_way_to_answer():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        enquiry(email="", phone="")


@pytest.mark.django_db
def test_enquiries_are_deleted_six_months_after_they_arrived(coordinator, settings):
    settings.CONTACT_RETENTION_DAYS = 183
    with time_machine.travel(NOW - timedelta(days=184), tick=False):
        old_handled, _old_new = enquiry(), enquiry()
        mark_handled(enquiry=old_handled, by=coordinator)
    with time_machine.travel(NOW - timedelta(days=182), tick=False):
        recent = enquiry()

    with time_machine.travel(NOW, tick=False):
        assert delete_expired_enquiries() == 2

    assert list(ContactEnquiry.objects.all()) == [recent]


@pytest.mark.django_db
def test_the_daily_job_deletes_expired_enquiries():
    with time_machine.travel(NOW - timedelta(days=200), tick=False):
        enquiry()
    autodiscover()

    with time_machine.travel(NOW, tick=False):
        run_due_jobs(jobs=[REGISTRY["contact.delete_expired_enquiries"]])

    assert ContactEnquiry.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "answer_by"),
    [
        (date(2026, 3, 2), date(2026, 3, 3)),  # Monday → Tuesday
        (date(2026, 3, 6), date(2026, 3, 9)),  # Friday → Monday
        (date(2026, 3, 7), date(2026, 3, 9)),  # Saturday → Monday
        (date(2026, 4, 1), date(2026, 4, 7)),  # Easter: Thursday to Monday are holidays
        (date(2026, 4, 30), date(2026, 5, 4)),  # 1 May is a Friday
        (date(2026, 5, 13), date(2026, 5, 15)),  # Ascension Day
        (date(2026, 5, 15), date(2026, 5, 18)),  # 17 May on a Sunday
        (date(2026, 12, 23), date(2026, 12, 24)),  # Christmas Eve is a working day by law
        (date(2026, 12, 24), date(2026, 12, 28)),
        (date(2026, 12, 31), date(2027, 1, 4)),
    ],
)
def test_the_next_working_day_skips_weekends_and_public_holidays(day, answer_by):
    assert next_working_day(day) == answer_by


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)))
def test_the_answer_is_always_a_working_day_within_a_week(day):
    answer_by = next_working_day(day)
    assert is_working_day(answer_by)
    assert timedelta(days=1) <= answer_by - day <= timedelta(days=6)
    between = [day + timedelta(days=n) for n in range(1, (answer_by - day).days)]
    assert not any(is_working_day(other) for other in between)


# --- Admin ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_shows_enquiries_read_only_and_logs_each_one_opened(client, admin_user):
    item = enquiry(name="Per Hansen", message="Om avrusning")
    login_verified(client, admin_user)

    listing = client.get(reverse("admin:contact_contactenquiry_changelist"))
    assert listing.status_code == 200
    assert "Per Hansen" not in listing.content.decode()  # no names on the list
    assert client.get(reverse("admin:contact_contactenquiry_add")).status_code == 403

    detail = client.get(reverse("admin:contact_contactenquiry_change", args=[item.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Per Hansen" in html and "Om avrusning" in html
    assert 'name="_save"' not in html
    entry = AccessLog.objects.get(object_id=str(item.pk), request_id=detail["X-Request-ID"])
    assert (entry.object_type, entry.user_id) == ("contact.contactenquiry", admin_user.pk)


@pytest.mark.django_db
def test_a_coordinator_cannot_use_the_enquiry_admin(client, coordinator):
    item = enquiry(name="Per Hansen")
    login_verified(client, coordinator)

    response = client.get(reverse("admin:contact_contactenquiry_change", args=[item.pk]))

    assert response.status_code in {302, 403}
    assert b"Per Hansen" not in response.content
    assert AccessLog.objects.count() == 0
