"""Each role's start page and the staff frame in Chromium at 375 and 1280 px: axe finds nothing, nothing is wider
than the screen, no word is broken in the middle, and the header is the staff's own (screenshots in
test-output/staff-start-*.png)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forlop.booking.models import ConsultationType
from forlop.booking.tests.conftest import make_profile
from forlop.booking.tests.helpers import book
from forlop.booking.tests.races import seed_consultation_types
from forlop.conftest import assert_accessible, screenshot
from forlop.contact.models import ContactEnquiry
from forlop.lib.timezones import OSLO
from forlop.matching.services import submit_request
from forlop.matching.tests.conftest import ANSWERS

from .browser import log_in, overflows_horizontally, words_split_across_lines
from .conftest import GHB_DAILY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def waiting_work() -> None:
    now = timezone.now()
    people = [
        ("Anne Eldst", {}),
        ("Bjørn Venter", {}),
        ("Dag Haster", {"acute_signs": ["suicide"]}),
        ("Frode Legesak", GHB_DAILY),
    ]
    for hours, (name, answers) in enumerate(people):
        email = f"{name.split()[0].lower()}@example.no"
        submit_request(
            answers={**ANSWERS, "name": name, "email": email, **answers},
            now=now - timedelta(hours=10 - hours),
        )
    ContactEnquiry.objects.create(
        name="Siri Skrivende-Haster",
        email="siri@example.no",
        message="Det haster.",
        preferred_contact=ContactEnquiry.PreferredContact.EMAIL,
        consent_at=now,
        urgent=True,
    )


@pytest.mark.parametrize("persona", ["coordinator", "doctor", "therapist"])
def test_each_roles_start_page_in_the_staff_frame(page, live_server, request, persona):
    seed_consultation_types()
    waiting_work()
    user = request.getfixturevalue(persona)
    if persona == "therapist":
        profile = make_profile(user=user)
        now = timezone.now()
        start = (now + timedelta(days=1)).astimezone(OSLO).replace(hour=10, minute=0, second=0, microsecond=0)
        book(therapist=profile, ctype=ConsultationType.objects.get(slug="konsultasjon"), start=start, now=now)
    log_in(page, live_server, user)

    response = page.goto(live_server.url + "/ansatt/")
    assert response.status == 200
    header = page.locator("header")
    assert "Trenger du hjelp nå?" not in header.inner_text()
    assert header.get_by_role("button", name="Logg ut").is_visible()
    assert header.get_by_role("navigation", name="Ansattmeny").is_visible()
    main = page.locator("main").inner_text()
    expected = {
        "coordinator": ["Dag Haster", "Siri Skrivende-Haster", "Forespørsler (4)"],
        "doctor": ["Frode Legesak", "Medisinsk vurdering (1)"],
        "therapist": ["Nora Nordmann", "Dine neste timer"],
    }[persona]
    for text in expected:
        assert text in main or text in header.inner_text(), text
    assert page.get_by_role("contentinfo").get_by_role("link", name="Flere hjelpetelefoner").is_visible()
    assert words_split_across_lines(page, "header") == []
    assert words_split_across_lines(page, "main") == []
    assert not overflows_horizontally(page)
    assert_accessible(page)
    screenshot(page, f"staff-start-{persona}")
    page.emulate_media(color_scheme="dark")  # the same contrast in dark mode
    page.reload()
    assert_accessible(page)
    screenshot(page, f"staff-start-{persona}-dark")

    # The first Tab reaches the skip link, the next ones the staff frame: no public menu in between.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Hopp til hovedinnholdet"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('header') !== null")
