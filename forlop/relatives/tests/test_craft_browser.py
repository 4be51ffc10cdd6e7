"""In Chromium on a phone (375 px): Ola, a relative with nothing shared, opens his course, writes an answer
to the safety lesson, saves it and marks the lesson done; the public first lesson, the pårørendesamtale page
and Anne's page about talking with children. axe finds nothing, and no page scrolls sideways."""

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.booking.models import ConsultationType
from forlop.care import services as care
from forlop.conftest import assert_accessible, screenshot
from forlop.relatives.craft.models import ExerciseAnswer, LessonDone

from .conftest import NOW, account_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def viewport_name() -> str:
    return "phone"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def log_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_relative_works_through_a_lesson_on_a_phone(page, live_server, ola):
    log_in(page, live_server, ola.user)
    page.goto(f"{live_server.url}/min-side/parorende/")
    page.get_by_role("link", name="Kurs for pårørende").first.click()
    page.wait_for_load_state()
    assert "Du har fullført 0 av 7 leksjoner." in page.content()
    no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, "relatives-craft-lessons")

    page.get_by_role("link", name="1. Sikkerhet først").click()
    page.wait_for_load_state()
    page.get_by_label("Hvis det ble farlig hjemme i kveld", exact=False).fill(
        "Til naboen, med telefon og nøkler."
    )
    page.get_by_role("button", name="Lagre svarene").click()
    page.wait_for_load_state()
    assert "Svarene dine er lagret" in page.content()
    page.get_by_role("button", name="Marker leksjonen som fullført").click()
    page.wait_for_load_state()
    assert ExerciseAnswer.objects.get().text == "Til naboen, med telefon og nøkler."
    assert LessonDone.objects.filter(relative=ola, lesson="sikkerhet-forst").exists()
    assert (
        page.get_by_label("Hvis det ble farlig hjemme i kveld", exact=False)
        .input_value()
        .startswith("Til naboen")
    )
    no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, "relatives-craft-lesson")


@pytest.fixture
def anne(therapist, doctor, coordinator):
    """In a course (seeded here: a transactional test starts from an empty database)."""
    person = account_person("anne@example.no", "Anne Forløp")
    care.start_course(
        by=coordinator, person=person, therapist=therapist, doctor=doctor, substances=["alkohol"], now=NOW
    )
    return person


def test_the_public_pages_and_the_children_page_on_a_phone(page, live_server, anne):
    ConsultationType.objects.get_or_create(
        slug="parorende", defaults={"name": "Pårørendesamtale", "duration_minutes": 50}
    )
    for path, name in (("/parorende/kurs/", "preview"), ("/parorende/samtale/", "talk")):
        page.goto(f"{live_server.url}{path}")
        no_sideways_scroll(page)
        assert_accessible(page)
        screenshot(page, f"relatives-craft-{name}")
    log_in(page, live_server, anne.user)
    page.goto(f"{live_server.url}/min-side/forlop/")
    page.get_by_role("link", name="Å snakke med barn om rus").click()
    page.wait_for_load_state()
    assert "Tenåringer" in page.content()
    no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, "relatives-children")
