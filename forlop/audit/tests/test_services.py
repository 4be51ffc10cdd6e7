from datetime import UTC, datetime

import pytest
import time_machine
from django.test import RequestFactory

from forlop.audit.models import AccessLog, Action
from forlop.audit.services import Ref, log_access, log_access_many

NOW = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # the night Oslo moves to summer time


def staff_request(user, *, purpose="Henvendelser fra kontaktskjema", ip="192.0.2.10"):
    request = RequestFactory().get("/ansatt/henvendelser/7/", REMOTE_ADDR=ip)
    request.user = user
    request.request_id = "a1b2c3"
    if purpose:
        request.access_purpose = purpose
    return request


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_it_records_who_what_whose_why_and_where(coordinator, client_person):
    entry = log_access(request=staff_request(coordinator), obj=client_person)
    entry = AccessLog.objects.get(pk=entry.pk)
    assert entry.at == NOW
    assert entry.user == coordinator
    assert entry.user_label == "koordinator@example.no"
    assert entry.roles == "coordinator"
    assert entry.action == Action.VIEW
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(client_person.pk))
    assert (entry.subject_type, entry.subject_id) == ("accounts.user", str(client_person.pk))
    assert entry.subject_label == "Klient <klient@example.no>"
    assert entry.why == "Henvendelser fra kontaktskjema"
    assert entry.request_id == "a1b2c3"
    assert entry.ip == "192.0.2.10"


@pytest.mark.django_db
def test_it_keeps_the_roles_held_at_the_time(doctor, client_person):
    entry = log_access(request=staff_request(doctor), obj=client_person)
    doctor.is_doctor = False
    doctor.save()
    entry.refresh_from_db()
    assert entry.roles == "doctor,therapist"
    assert entry.role_labels == "Lege, Terapeut"


@pytest.mark.django_db
def test_it_keeps_whose_data_it_was_after_the_label_changes(coordinator, client_person):
    log_access(request=staff_request(coordinator), obj=client_person)
    client_person.email = "nytt@example.no"
    client_person.save()
    history = AccessLog.objects.about(subject_type="accounts.user", subject_id=str(client_person.pk))
    assert [e.subject_label for e in history] == ["Klient <klient@example.no>"]


@pytest.mark.django_db
def test_it_takes_an_explicit_subject_action_and_purpose(coordinator, client_person):
    entry = log_access(
        request=staff_request(coordinator),
        obj=Ref("contact.contactenquiry", "7"),
        subject=client_person,
        action=Action.CHANGE,
        why="Marker som behandlet",
    )
    assert entry.object_type == "contact.contactenquiry"
    assert entry.subject_id == str(client_person.pk)
    assert entry.action == "change"
    assert entry.why == "Marker som behandlet"


@pytest.mark.django_db
def test_it_asks_the_object_whose_data_it_is(coordinator, therapist, client_person):
    therapist.access_log_subject = lambda: client_person
    entry = log_access(request=staff_request(coordinator), obj=therapist)
    assert entry.object_id == str(therapist.pk)
    assert entry.subject_id == str(client_person.pk)


@pytest.mark.django_db
def test_it_refuses_an_entry_without_a_purpose(coordinator, client_person):
    with pytest.raises(ValueError, match="why"):
        log_access(request=staff_request(coordinator, purpose=""), obj=client_person)
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_unknown_action(coordinator, client_person):
    with pytest.raises(ValueError):
        log_access(request=staff_request(coordinator), obj=client_person, action="peek")


@pytest.mark.django_db
def test_it_stores_no_address_when_the_address_is_garbage(coordinator, client_person):
    entry = log_access(request=staff_request(coordinator, ip="not-an-ip"), obj=client_person)
    assert entry.ip is None


@pytest.mark.django_db
def test_it_logs_every_object_on_a_list_page_in_one_insert(
    coordinator, client_person, therapist, doctor, django_assert_num_queries
):
    request = staff_request(coordinator)
    with django_assert_num_queries(1):
        log_access_many(request=request, objs=[client_person, therapist, doctor])
    assert sorted(AccessLog.objects.values_list("subject_id", flat=True)) == sorted(
        str(u.pk) for u in (client_person, therapist, doctor)
    )
    assert set(AccessLog.objects.values_list("request_id", flat=True)) == {"a1b2c3"}
    assert request.access_logged is True


@pytest.mark.django_db
def test_an_empty_list_page_logs_nothing_but_counts_as_logged(coordinator, django_assert_num_queries):
    request = staff_request(coordinator)
    with django_assert_num_queries(0):
        assert log_access_many(request=request, objs=[]) == []
    assert request.access_logged is True


@pytest.mark.django_db
def test_a_list_page_can_say_whose_data_each_object_is(coordinator, client_person, therapist):
    log_access_many(request=staff_request(coordinator), objs=[therapist], subject=lambda obj: client_person)
    assert AccessLog.objects.get().subject_id == str(client_person.pk)
