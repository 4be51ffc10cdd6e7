"""Staff views of contact enquiries (forlop/contact/staff_views.py): coordinators and admins, every view logged."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from forlop.audit.models import AccessLog, Action
from forlop.contact.models import ContactEnquiry

LIST = reverse("contact_staff:list")
NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def enquiry(name="Kari Nordmann", *, ago=timedelta(hours=1), **extra) -> ContactEnquiry:
    values = {
        "name": name,
        "email": f"{name.split()[0].lower()}@example.no",
        "phone": "",
        "message": "Jeg drikker for mye og vil ha hjelp til å trappe ned.",
        "preferred_contact": ContactEnquiry.PreferredContact.EMAIL,
        "consent_at": NOW - ago,
        "created_at": NOW - ago,
    }
    return ContactEnquiry.objects.create(**(values | extra))


def detail(e: ContactEnquiry) -> str:
    return reverse("contact_staff:detail", kwargs={"pk": e.pk})


@pytest.fixture
def enquiries(coordinator):
    handled = enquiry("Ola Hansen", ago=timedelta(days=2), phone="+4791234567", email="")
    handled.status, handled.handled_by, handled.handled_at = "handled", coordinator, NOW - timedelta(days=1)
    handled.save()
    return [enquiry(), handled]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("persona", ["coordinator", "admin_user"])
def test_coordinators_and_admins_see_the_list_newest_first(
    request, verified_login, persona, enquiries, django_assert_max_num_queries
):
    client = verified_login(request.getfixturevalue(persona))
    # Session, user, second factor; count, page, new count; one INSERT for the whole page.
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.context["enquiries"] == enquiries
    html = response.content.decode()
    assert '<tr class="enquiry-new">' in html
    assert "1 ny henvendelse venter på svar." in html
    assert "trappe ned" not in html  # the message itself is only on the detail page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_list_logs_one_row_per_enquiry_shown(verified_login, coordinator, enquiries):
    response = verified_login(coordinator).get(LIST)
    rows = AccessLog.objects.all()
    assert {(r.subject_id, r.subject_label) for r in rows} == {
        (str(enquiries[0].pk), "Kari Nordmann <kari@example.no>"),
        (str(enquiries[1].pk), "Ola Hansen <+4791234567>"),
    }
    assert {(r.action, r.why, r.user_id, r.roles, r.at) for r in rows} == {
        ("view", "Henvendelser fra kontaktskjema", coordinator.pk, "coordinator", NOW)
    }
    assert {r.request_id for r in rows} == {response["X-Request-ID"]}


@pytest.mark.django_db
def test_a_full_page_costs_no_more_queries(verified_login, coordinator, django_assert_max_num_queries):
    for i in range(30):
        enquiry(f"Person {i}", ago=timedelta(minutes=i))
    client = verified_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert len(response.context["enquiries"]) == 25
    assert AccessLog.objects.count() == 25
    assert "Side 1 av 2" in response.content.decode()


@pytest.mark.django_db
def test_it_can_show_only_new_enquiries(verified_login, coordinator, enquiries):
    response = verified_login(coordinator).get(LIST, {"vis": "nye"})
    assert response.context["enquiries"] == [enquiries[0]]
    assert AccessLog.objects.count() == 1


@pytest.mark.django_db
def test_an_empty_list_is_fine(verified_login, coordinator):
    response = verified_login(coordinator).get(LIST)
    assert response.status_code == 200
    assert "Ingen henvendelser ennå." in response.content.decode()
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("persona", ["coordinator", "admin_user"])
def test_the_detail_shows_the_enquiry_and_logs_the_view(
    request, verified_login, persona, enquiries, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona)
    client = verified_login(user)
    # Session, user, second factor; the enquiry; the log row.
    with django_assert_max_num_queries(6):
        response = client.get(detail(enquiries[0]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Henvendelse fra Kari Nordmann" in html
    assert "trappe ned" in html
    assert 'href="mailto:kari@example.no"' in html
    assert "Marker som behandlet" in html
    assert "no-store" in response["Cache-Control"]
    row = AccessLog.objects.get()
    assert (row.user, row.action, row.object_type, row.object_id) == (
        user,
        "view",
        "contact.contactenquiry",
        str(enquiries[0].pk),
    )
    assert row.subject_label == "Kari Nordmann <kari@example.no>"
    assert row.ip == "127.0.0.1"


@pytest.mark.django_db
def test_a_handled_enquiry_says_who_handled_it(verified_login, coordinator, enquiries):
    html = verified_login(coordinator).get(detail(enquiries[1])).content.decode()
    assert "av Koordinator" in html
    assert "Marker som behandlet" not in html


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_marking_handled_records_who_and_when(verified_login, coordinator, enquiries):
    client = verified_login(coordinator)
    response = client.post(detail(enquiries[0]))
    assert response.status_code == 302
    assert response["Location"] == detail(enquiries[0])
    enquiries[0].refresh_from_db()
    assert (enquiries[0].status, enquiries[0].handled_by, enquiries[0].handled_at) == (
        "handled",
        coordinator,
        NOW,
    )
    assert AccessLog.objects.get().action == Action.CHANGE
    followed = client.get(response["Location"])
    assert "Henvendelsen er markert som behandlet." in followed.content.decode()


@pytest.mark.django_db
def test_marking_an_already_handled_enquiry_says_so_kindly(verified_login, coordinator, enquiries):
    client = verified_login(coordinator)
    response = client.post(detail(enquiries[1]), follow=True)
    assert "Henvendelsen var allerede markert som behandlet." in response.content.decode()
    assert not AccessLog.objects.filter(action=Action.CHANGE).exists()


@pytest.mark.django_db
def test_a_missing_enquiry_is_404(verified_login, coordinator):
    response = verified_login(coordinator).get(reverse("contact_staff:detail", kwargs={"pk": 999}))
    assert response.status_code == 404
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["therapist", "doctor", "client_person", "stranger"])
def test_other_personas_are_refused(request, verified_login, persona, enquiries):
    client = verified_login(request.getfixturevalue(persona))
    for response in [client.get(LIST), client.get(detail(enquiries[0])), client.post(detail(enquiries[0]))]:
        assert response.status_code == 403
        assert "Kari" not in response.content.decode()
    enquiries[0].refresh_from_db()
    assert enquiries[0].status == "new"
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(client, enquiries):
    for url in [LIST, detail(enquiries[0])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "no-store" in response["Cache-Control"]
