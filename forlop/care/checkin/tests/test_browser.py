"""In Chromium at 375 px and on a desktop: Nora checks in (partly with the keyboard), answers yes to a seizure
and gets 113 at once; she reads her progress; her therapist sees the same. axe finds nothing on the way."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.booking.tests.conftest import NOW
from forlop.booking.tests.races import seed_consultation_types
from forlop.care.checkin.models import CheckIn
from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _consultation_types(transactional_db):
    seed_consultation_types()


def log_in(context, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def group(page, name):
    return page.get_by_role("group", name=name)


def test_a_check_in_on_a_phone_with_a_red_flag_and_the_progress_page(page, live_server, world, time_machine):
    time_machine.move_to(NOW, tick=True)
    log_in(page.context, live_server, world.users["the_person"])
    page.goto(live_server.url + reverse("care_checkin:mine"))
    assert_accessible(page)
    # the 0-10 scale with the keyboard: focus the group's first choice, arrow to 3
    group(page, "Hvor sterkt har suget vært?").get_by_label("0", exact=True).focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    group(page, "Har du brukt rusmidler?").get_by_label("Nei").check()
    group(page, "Hvordan har humøret vært?").get_by_label("Middels").check()
    group(page, "Hvordan sov du i natt?").get_by_label("Sånn passe").check()
    group(page, "Har du hatt tanker om å ta livet ditt siden sist?").get_by_label("Nei").check()
    group(page, "Har du hatt krampeanfall siden sist?").get_by_label("Ja").check()
    screenshot(page, "checkin-form")
    page.get_by_role("button", name="Sjekk inn").click()
    page.wait_for_url("**/innsjekk/2026-03-02/")
    alert = page.get_by_role("alert").first
    assert alert.is_visible()
    assert "113" in alert.inner_text()
    assert page.get_by_text("Ring 113 nå, også om anfallet er over.").is_visible()
    assert_accessible(page)
    screenshot(page, "checkin-red-flag")
    saved = CheckIn.objects.get()
    assert (saved.craving, saved.seizure, saved.red_flags) == (3, True, ["seizure"])

    page.get_by_role("link", name="Se fremgangen din").click()
    page.wait_for_url("**/fremgang/")
    assert page.get_by_role("img", name="Sug over tid (0-10)").is_visible()
    assert_accessible(page)
    screenshot(page, "checkin-progress")

    page.context.clear_cookies()
    log_in(page.context, live_server, world.users["team_therapist"])
    page.goto(live_server.url + reverse("care_checkin:staff", kwargs={"course_pk": world.course.pk}))
    assert page.get_by_text("Krampeanfall").first.is_visible()
    assert_accessible(page)
    screenshot(page, "checkin-staff")
