"""Min side is only for the person: anonymous visitors go to the login, another client sees only their own
data, staff of every role are refused; every page the person sees is logged as their own read."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.conftest import make_user

PAGES = [
    "minside:home",
    "minside:sent",
    "minside:log",
    "minside:data",
    "minside:export_json",
    "minside:export_html",
    "minside:delete",
]

pytestmark = pytest.mark.django_db

# The client login (forlop.accounts), or the login every account starts at while it is not configured.
LOGIN = getattr(settings, "CLIENT_LOGIN_URL", None) or settings.LOGIN_URL


@pytest.mark.parametrize("name", PAGES)
def test_it_shows_every_page_to_the_person_and_logs_it_as_their_own_read(client, nora, name):
    login_verified(client, nora.user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    rows = AccessLog.objects.filter(person=nora)
    assert rows.exists()
    assert {row.user_id for row in rows} == {nora.user.pk}


@pytest.mark.parametrize("name", PAGES)
def test_it_sends_anonymous_visitors_to_the_login(client, nora, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(LOGIN))
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("name", PAGES)
def test_it_refuses_every_staff_role(nora, therapist, coordinator, doctor, admin_user, name):
    for user in (therapist, coordinator, doctor, admin_user):
        response = login_verified(Client(), user).get(reverse(name))
        assert response.status_code == 403, user.email
    assert not AccessLog.objects.exists()


def test_it_refuses_an_account_with_no_person(client, db):
    login_verified(client, make_user("ingen@example.no", is_client=True))
    assert client.get(reverse("minside:home")).status_code == 403


def test_it_sends_a_client_without_a_second_factor_to_the_login(client, nora):
    client.force_login(nora.user)
    response = client.get(reverse("minside:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(LOGIN))


def test_another_client_sees_only_their_own_appointments(client, nora, other_client):
    login_verified(client, other_client)
    page = client.get(reverse("minside:home")).content.decode()
    assert "4. mars" in page
    assert "3. mars" not in page
    export = client.get(reverse("minside:export_json")).json()
    assert export["person"]["email"] == "ola@example.no"
    assert [b["client_email"] for b in export["bookings"]] == ["ola@example.no"]


def test_another_client_cannot_leave_the_person_s_course_or_withdraw_their_request(
    client, nora, other_client
):
    from forlop.course import services as course
    from forlop.course.models import Enrollment

    course.sign_up(email=nora.email, first_name="Nora", audience="self", ip_hash="x")
    enrollment = Enrollment.objects.get(person=nora)
    login_verified(client, other_client)
    response = client.post(reverse("minside:leave_course", kwargs={"pk": enrollment.pk}))
    assert response.status_code == 404
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING
    assert client.post(reverse("minside:withdraw_request", kwargs={"pk": 999})).status_code == 404


def test_it_refuses_a_get_on_the_leave_course_action(client, nora):
    login_verified(client, nora.user)
    assert client.get(reverse("minside:leave_course", kwargs={"pk": 1})).status_code == 405


def test_a_log_page_number_that_is_not_a_number_shows_the_first_page(client, nora):
    login_verified(client, nora.user)
    assert client.get(reverse("minside:log"), {"side": "x'; drop"}).status_code == 200
    assert client.get(reverse("minside:log"), {"side": "999"}).status_code == 200


def test_it_speaks_english_under_en(client, nora):
    login_verified(client, nora.user)
    response = client.get("/en/min-side/logg/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
