from datetime import UTC, datetime, timedelta

import pytest

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.contact.models import ContactEnquiry

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def enquiry(name: str, *, ago: timedelta, status=ContactEnquiry.Status.NEW) -> ContactEnquiry:
    return ContactEnquiry.objects.create(
        name=name,
        email=f"{name.split()[0].lower()}@example.no",
        message="Jeg vil ha hjelp til å slutte å drikke.",
        preferred_contact=ContactEnquiry.PreferredContact.EMAIL,
        consent_at=NOW - ago,
        created_at=NOW - ago,
        status=status,
    )


@pytest.fixture
def enquiries(time_machine):
    time_machine.move_to(NOW, tick=False)
    return [
        enquiry("Kari Nordmann", ago=timedelta(hours=3)),
        enquiry("Ola Hansen", ago=timedelta(hours=1)),
        enquiry("Per Behandlet", ago=timedelta(days=2), status=ContactEnquiry.Status.HANDLED),
    ]


@pytest.mark.parametrize("persona", ["coordinator", "admin_user"])
def test_coordinators_and_admins_see_new_enquiries_oldest_first(
    client, request, persona, enquiries, django_assert_max_num_queries
):
    login_verified(client, request.getfixturevalue(persona))
    with django_assert_max_num_queries(9):
        response = client.get("/ansatt/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 nye henvendelser venter på svar." in html
    assert html.index("Kari Nordmann") < html.index("Ola Hansen")
    assert f'href="/ansatt/henvendelser/{enquiries[0].pk}/"' in html
    assert "30. mars 2026 kl. 08:00" in html  # Oslo summer time
    assert "Per Behandlet" not in html
    assert "Jeg vil ha hjelp" not in html  # the message itself is only on the enquiry's page
    assert response["Cache-Control"] == "no-store, private"
    assert AccessLog.objects.filter(object_type="contact.contactenquiry").count() == 2


@pytest.mark.parametrize("persona", ["therapist", "doctor"])
def test_therapists_and_doctors_do_not_see_enquiries(client, request, persona, enquiries):
    login_verified(client, request.getfixturevalue(persona))
    response = client.get("/ansatt/")
    assert response.status_code == 200
    assert "Kari Nordmann" not in response.content.decode()
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("persona", ["client_person", "stranger"])
def test_people_without_a_staff_role_are_refused(client, request, persona):
    login_verified(client, request.getfixturevalue(persona))
    assert client.get("/ansatt/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/ansatt/")
    assert response["Location"] == "/ansatt/logg-inn/?next=/ansatt/"


def test_it_says_so_when_nothing_is_waiting(client, coordinator):
    login_verified(client, coordinator)
    assert "Ingen nye henvendelser akkurat nå." in client.get("/ansatt/").content.decode()


def test_the_staff_menu_shows_admin_links_to_admins_only(client, coordinator, admin_user):
    login_verified(client, coordinator)
    assert 'href="/admin/"' not in client.get("/ansatt/").content.decode()
    login_verified(client, admin_user)
    assert 'href="/admin/"' in client.get("/ansatt/").content.decode()
