"""In Chromium: the therapist sees the person's message with who has read it, answers it, and the inbox lists
it; axe finds nothing on the staff pages."""

import pytest
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.care.messaging import services
from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_therapist_reads_and_answers_a_message(page, live_server, course, therapist, person):
    message = services.start_thread(
        course=course, by=person.user, subject="Helgene", body="Helgene er tunge."
    )
    log_in(page, live_server, therapist)
    page.goto(f"{live_server.url}/ansatt/meldinger/")
    assert "Helgene" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Helgene").click()
    page.wait_for_load_state()
    assert "Helgene er tunge." in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Melding").fill("Vi tar det på torsdag.")
    page.get_by_role("button", name="Send svar").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Vi tar det på torsdag." in main and "Lest av:" in main
    assert message.receipts.filter(reader=therapist).exists()
    assert_accessible(page)
    screenshot(page, "care-messaging-staff-thread")
    page.goto(f"{live_server.url}/ansatt/forlop/{course.pk}/meldinger/")
    assert_accessible(page)
