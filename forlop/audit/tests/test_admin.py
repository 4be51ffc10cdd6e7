"""The access log in Django's admin: readable, never editable."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.audit.models import AccessLog


@pytest.fixture
def logged(coordinator):
    return AccessLog.objects.create(
        at=timezone.now(),
        user=coordinator,
        user_label=coordinator.email,
        roles="coordinator",
        action="view",
        object_type="contact.contactenquiry",
        object_id="7",
        subject_type="contact.contactenquiry",
        subject_id="7",
        subject_label="Kari Nordmann <kari@example.no>",
        why="Henvendelser fra kontaktskjema",
    )


@pytest.mark.django_db
def test_the_admin_lists_entries_with_filters(verified_login, admin_user, logged):
    response = verified_login(admin_user).get(reverse("admin:audit_accesslog_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kari Nordmann" in html
    assert 'id="changelist-filter"' in html
    assert reverse("admin:audit_accesslog_add") not in html


@pytest.mark.django_db
def test_the_admin_cannot_add_change_or_delete(verified_login, admin_user, logged):
    client = verified_login(admin_user)
    assert client.get(reverse("admin:audit_accesslog_add")).status_code == 403
    change = reverse("admin:audit_accesslog_change", args=[logged.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change, {"why": "skjult"}).status_code == 403
    assert (
        client.post(reverse("admin:audit_accesslog_delete", args=[logged.pk]), {"post": "yes"}).status_code
        == 403
    )
    logged.refresh_from_db()
    assert logged.why == "Henvendelser fra kontaktskjema"


@pytest.mark.django_db
def test_reading_the_log_in_the_admin_is_logged_too(verified_login, admin_user, logged):
    client = verified_login(admin_user)
    client.get(reverse("admin:audit_accesslog_changelist"))
    client.get(reverse("admin:audit_accesslog_change", args=[logged.pk]))
    own = list(AccessLog.objects.filter(user=admin_user).order_by("pk"))
    assert [(e.object_type, e.subject_type, e.subject_id) for e in own] == [
        ("audit.accesslog", "audit.accesslog", ""),
        ("audit.accesslog", "contact.contactenquiry", "7"),
    ]
