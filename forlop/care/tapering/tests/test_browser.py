"""In Chromium: the doctor on the team approves a taper plan with the second factor (a wrong code first), and
Nora then reads it in Min side, with its print view. axe finds nothing on any page on the way."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.booking.tests.conftest import NOW
from forlop.booking.tests.races import seed_consultation_types
from forlop.conftest import assert_accessible, screenshot

from .conftest import code_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _consultation_types(transactional_db):
    seed_consultation_types()


def log_in(context, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_doctor_approves_with_the_second_factor_and_the_person_reads_the_plan(
    page, live_server, world, draft, time_machine
):
    time_machine.move_to(NOW, tick=True)  # the browser needs a running clock
    doctor = world.users["team_doctor"]
    log_in(page.context, live_server, doctor)
    kwargs = {"course_pk": world.course.pk, "plan_pk": draft.plan_id, "number": draft.number}
    page.goto(live_server.url + reverse("care_tapering:edit", kwargs=kwargs))
    assert_accessible(page)
    screenshot(page, "taper-edit")
    page.goto(live_server.url + reverse("care_tapering:version", kwargs=kwargs))
    assert page.get_by_text("omtrentlig").first.is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Godkjenn").click()
    page.wait_for_url("**/godkjenn/")
    assert_accessible(page)

    code = page.get_by_label("Engangskode fra autentiseringsappen, eller en reservekode")
    code.fill("000000")
    page.get_by_role("button", name="Godkjenn planen").click()
    assert page.get_by_role("alert").first.is_visible()
    assert code.input_value() == "000000"
    assert_accessible(page)
    code.fill(code_now(doctor))
    page.get_by_role("button", name="Godkjenn planen").click()
    page.wait_for_url("**/v1/")
    assert page.get_by_text("Personen ser den nå i Min side").is_visible()
    screenshot(page, "taper-approved")

    page.context.clear_cookies()
    log_in(page.context, live_server, world.users["the_person"])
    mine = page
    mine.goto(live_server.url + reverse("care_tapering:mine"))
    mine.wait_for_url(f"**/min-side/forlop/nedtrapping/{draft.plan_id}/")
    assert mine.get_by_role("heading", level=1).inner_text().startswith("Nedtrapping")
    assert_accessible(mine)
    screenshot(mine, "taper-min-side")
    mine.get_by_role("link", name="Utskriftsvennlig versjon").click()
    mine.wait_for_url("**/utskrift/")
    assert_accessible(mine)
