"""Staff pages that show personal data, in Chromium (desktop and phone): axe finds nothing, nothing overflows.

Live-server tests flush the database afterwards; with access log rows in it, this also proves that the
append-only triggers let `flush` through (forlop/audit/management/commands/flush.py).
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.conftest import assert_accessible, screenshot
from forlop.contact.models import ContactEnquiry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_enquiry_pages_and_the_access_log_are_accessible(page, live_server, admin_user):
    now = timezone.now()
    for i, name in enumerate(["Kari Nordmann", "Ola Hansen"]):
        ContactEnquiry.objects.create(
            name=name,
            email=f"person{i}@example.no",
            message="Jeg vil gjerne snakke med noen om alkohol.\nHelst på kveldstid.",
            preferred_contact="email",
            consent_at=now - timedelta(hours=i),
            created_at=now - timedelta(hours=i),
        )
    sign_in(page, live_server, admin_user)

    page.goto(live_server.url + reverse("contact_staff:list"))
    assert page.get_by_role("table").is_visible()
    assert_accessible(page)
    screenshot(page, "staff-enquiries")

    page.get_by_role("link", name="Kari Nordmann").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Henvendelse fra Kari Nordmann"
    assert_accessible(page)
    page.get_by_role("button", name="Marker som behandlet").click()
    assert page.get_by_text("Henvendelsen er markert som behandlet.").is_visible()
    assert_accessible(page)

    page.goto(live_server.url + reverse("audit:log"))
    assert page.get_by_role("table").locator("caption").is_visible()
    assert_accessible(page)
    screenshot(page, "staff-access-log")
    page.get_by_label("Gjelder").fill("Kari")
    page.get_by_role("button", name="Vis oppføringer").click()
    assert page.get_by_role("link", name="Kari Nordmann <person0@example.no>").first.is_visible()
    assert AccessLog.objects.filter(user=admin_user).count() >= 5


def test_the_staff_pages_fit_a_320_px_screen(browser, live_server, coordinator):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, live_server, coordinator)
    enquiry = ContactEnquiry.objects.create(
        name="Kari Nordmann med et ganske langt navn",
        email="kari.nordmann.med.lang.adresse@example.no",
        message="Hei",
        preferred_contact="email",
        consent_at=timezone.now(),
    )
    for url in [reverse("contact_staff:list"), reverse("contact_staff:detail", args=[enquiry.pk])]:
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
    context.close()
