"""The classification decorators: who gets through, and the guard against a forgotten log_access call."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from forlop.audit.access import PERSONAL, STAFF, MissingAccessLog, personal_data, public, staff_only
from forlop.audit.services import log_access, log_access_many


def verified(user):
    user.is_verified = lambda: True
    return user


def get(user, path="/ansatt/x/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


@personal_data("coordinator", purpose="Test")
def forgetful(request):
    return HttpResponse("Kari Nordmann")


@personal_data("coordinator", purpose="Test")
def careful(request):
    log_access(request=request, obj=request.user)
    return HttpResponse("Kari Nordmann")


@personal_data("coordinator", purpose="Test")
def empty_list(request):
    log_access_many(request=request, objs=[])
    return HttpResponse("Ingen henvendelser")


@staff_only("coordinator")
def dashboard(request):
    return HttpResponse("Oversikt")


def test_it_marks_each_view_with_its_class():
    assert forgetful.access_class == PERSONAL
    assert dashboard.access_class == STAFF
    assert forgetful.allowed_roles == frozenset({"coordinator"})
    assert public(lambda request: None).access_class == "public"


def test_it_insists_on_roles_and_a_purpose():
    with pytest.raises(ValueError):
        staff_only()
    with pytest.raises(ValueError):
        personal_data("coordinator", purpose="")


@pytest.mark.django_db
def test_it_warns_when_a_personal_data_view_logs_nothing(coordinator):
    with pytest.warns(MissingAccessLog, match="forgetful"):
        forgetful(get(verified(coordinator)))


@pytest.mark.django_db
def test_it_is_quiet_when_the_view_logged(coordinator):
    assert careful(get(verified(coordinator))).status_code == 200
    assert empty_list(get(verified(coordinator))).status_code == 200
    assert dashboard(get(verified(coordinator))).status_code == 200


@pytest.mark.django_db
def test_staff_and_personal_responses_are_never_stored(coordinator):
    for view in (careful, dashboard):
        response = view(get(verified(coordinator)))
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_refuses_the_wrong_role_without_running_the_view(therapist):
    response = forgetful(get(verified(therapist)))  # would warn if the view ran
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_refuses_a_staff_member_without_a_second_factor(coordinator):
    response = forgetful(get(coordinator))
    assert response.status_code == 302


@pytest.mark.django_db
def test_it_refuses_a_roleless_account(stranger):
    assert forgetful(get(verified(stranger))).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page():
    response = dashboard(get(AnonymousUser()))
    assert response.status_code == 302
    assert "next=/ansatt/x/" in response["Location"]
