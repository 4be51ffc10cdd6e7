import pytest
from django.contrib import admin
from django.contrib.sessions.models import Session
from django.test import Client

from forlop.accounts.admin_site import StaffAdminSite
from forlop.accounts.models import User, UserSession
from forlop.accounts.testing import login_verified

pytestmark = pytest.mark.django_db


def test_the_default_admin_site_is_ours():
    assert isinstance(admin.site, StaffAdminSite)


def test_a_verified_admin_sees_the_admin_and_the_user_list(client, admin_user, django_assert_max_num_queries):
    login_verified(client, admin_user)
    assert client.get("/admin/").status_code == 200
    with django_assert_max_num_queries(12):
        response = client.get("/admin/accounts/user/")
    assert response.status_code == 200
    assert admin_user.email in response.content.decode()


def test_the_admin_role_is_enough_without_the_superuser_flag(client):
    owner = User.objects.create_user("eier@example.no", "ganske-langt-passord-2026", is_admin=True)
    login_verified(client, owner)
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.parametrize("persona", ["coordinator", "therapist", "doctor"])
def test_verified_staff_without_the_admin_role_are_refused(client, request, persona):
    login_verified(client, request.getfixturevalue(persona))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_a_superuser_flag_without_the_admin_role_is_not_enough(client):
    user = User.objects.create_user(
        "super@example.no", "ganske-langt-passord-2026", is_superuser=True, is_therapist=True
    )
    login_verified(client, user)
    assert client.get("/admin/", follow=True).status_code == 403


def test_admins_log_in_through_the_staff_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ansatt/logg-inn/?next=/admin/")


def test_deactivating_in_the_admin_ends_the_persons_sessions(client, admin_user, coordinator):
    login_verified(client, admin_user)
    theirs = Client()
    login_verified(theirs, coordinator)
    response = client.post(
        f"/admin/accounts/user/{coordinator.pk}/change/",
        {
            "email": coordinator.email,
            "full_name": coordinator.full_name,
            "is_coordinator": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    coordinator.refresh_from_db()
    assert not coordinator.is_active
    assert not UserSession.objects.filter(user=coordinator).exists()
    assert theirs.get("/ansatt/").status_code == 302
    assert client.get("/ansatt/").status_code == 200


def test_the_deactivate_action_ends_sessions_but_spares_yourself(client, admin_user, coordinator):
    login_verified(client, admin_user)
    theirs = Client()
    login_verified(theirs, coordinator)
    client.post(
        "/admin/accounts/user/",
        {"action": "deactivate", "_selected_action": [coordinator.pk, admin_user.pk]},
    )
    assert not User.objects.get(pk=coordinator.pk).is_active
    assert User.objects.get(pk=admin_user.pk).is_active
    assert Session.objects.count() == 1


def test_an_admin_can_create_a_user_with_roles(client, admin_user):
    login_verified(client, admin_user)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "Ny.Terapeut@Example.no",
            "full_name": "Ny Terapeut",
            "usable_password": "true",
            "password1": "et-langt-og-godt-passord",
            "password2": "et-langt-og-godt-passord",
            "is_therapist": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="ny.terapeut@example.no")
    assert user.is_staff and user.is_therapist and user.check_password("et-langt-og-godt-passord")


def test_a_password_set_by_an_admin_ends_the_persons_sessions(client, admin_user, coordinator):
    login_verified(client, admin_user)
    theirs = Client()
    login_verified(theirs, coordinator)
    response = client.post(
        f"/admin/accounts/user/{coordinator.pk}/password/",
        {
            "usable_password": "true",
            "password1": "et-nytt-langt-passord-2026",
            "password2": "et-nytt-langt-passord-2026",
        },
    )
    assert response.status_code == 302
    assert not UserSession.objects.filter(user=coordinator).exists()
    assert theirs.get("/ansatt/").status_code == 302
    assert client.get("/ansatt/").status_code == 200
