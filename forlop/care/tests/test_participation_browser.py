"""In Chromium on a phone (375 px), with the demo `make run` loads: Kim checks in for today and reaches his
relapse plan with one tap from another Min side page; his sister Hilde opens a lesson in her own course; Kim
turns Hilde's dial down to "only my appointments" and sees it saved, and Hilde's next visit shows no summary.
axe finds nothing on any page, and no page scrolls sideways."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forlop.accounts.models import User
from forlop.accounts.testing import login_verified
from forlop.booking.tests.races import seed_consultation_types
from forlop.care.checkin.models import CheckIn
from forlop.conftest import assert_accessible, screenshot
from forlop.lib.timezones import OSLO
from forlop.relatives.demo import SUMMARY
from forlop.relatives.models import Consent, Dial

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KIM = "klient@forlop.test"
HILDE = "parorende@forlop.test"


@pytest.fixture
def viewport_name() -> str:
    return "phone"


@pytest.fixture(autouse=True)
def _demo(transactional_db):
    seed_consultation_types()
    call_command("load_demo", stdout=StringIO())


def log_in(page, live_server, email: str) -> None:
    client = login_verified(Client(), User.objects.get(email=email))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def check_page(page, name: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
    assert_accessible(page)
    screenshot(page, f"participation-{name}")


def group(page, name):
    return page.get_by_role("group", name=name)


def test_kim_checks_in_and_reaches_his_relapse_plan_with_one_tap(page, live_server):
    log_in(page, live_server, KIM)
    page.goto(live_server.url + reverse("care_checkin:mine"))
    check_page(page, "checkin")
    group(page, "Hvor sterkt har suget vært?").get_by_label("2", exact=True).check()
    group(page, "Har du brukt rusmidler?").get_by_label("Nei").check()
    group(page, "Hvordan har humøret vært?").get_by_label("Bra", exact=True).check()
    group(page, "Hvordan sov du i natt?").get_by_label("Godt").check()
    group(page, "Har du hatt tanker om å ta livet ditt siden sist?").get_by_label("Nei").check()
    group(page, "Har du hatt krampeanfall siden sist?").get_by_label("Nei").check()
    dose = group(page, "Tok du dosen som planlagt?")
    if dose.count():  # the detox plan's last day is today: the taper's questions are asked
        dose.get_by_label("Ja, som planlagt").check()
        group(page, "Har du hatt abstinenssymptomer?").get_by_label("Ingen").check()
    page.get_by_role("button", name="Sjekk inn").click()
    today = timezone.now().astimezone(OSLO).date()
    page.wait_for_url(f"**/innsjekk/{today.isoformat()}/")
    saved = CheckIn.objects.get(course__person__email=KIM, day=today)
    assert (saved.craving, saved.used, saved.red_flags) == (2, False, [])
    check_page(page, "checkin-saved")

    # From another Min side page, the relapse plan is one tap away.
    page.goto(live_server.url + reverse("care_messaging:mine"))
    page.get_by_role("link", name="Tilbakefallsplan og hjelp nå").click()
    page.wait_for_url("**/min-side/forlop/tilbakefallsplan/")
    main = page.locator("main").inner_text()
    assert "Fredagskvelder" in main and "Hilde (søster)" in main
    assert "113" in main
    check_page(page, "relapse-plan")


def test_hilde_opens_a_lesson_and_kims_dial_change_holds_from_her_next_visit(page, live_server):
    consent = Consent.objects.get(person__email=KIM, relative__email=HILDE)
    assert consent.dial == Dial.SUMMARY

    log_in(page, live_server, HILDE)
    page.goto(live_server.url + reverse("relatives:craft:lessons"))
    check_page(page, "craft-lessons")
    page.get_by_role("link", name="Positiv kommunikasjon").click()
    page.wait_for_url("**/min-side/parorende/kurs/positiv-kommunikasjon/")
    assert page.get_by_role("heading", level=1, name="Positiv kommunikasjon").is_visible()
    check_page(page, "craft-lesson")
    page.goto(live_server.url + reverse("relatives:person", kwargs={"pk": consent.pk}))
    assert SUMMARY.split(".")[0] in page.locator("main").inner_text()

    log_in(page, live_server, KIM)
    page.goto(live_server.url + reverse("relatives:consents"))
    check_page(page, "dial")
    page.locator(f"#id_c{consent.pk}-dial_1").check()  # only my appointments
    page.get_by_role("button", name="Lagre for Hilde Olsen").click()
    page.wait_for_load_state()
    assert "Endringen gjelder med en gang" in page.content()
    assert page.locator(f"#id_c{consent.pk}-dial_1").is_checked()
    consent.refresh_from_db()
    assert consent.dial == Dial.APPOINTMENTS
    check_page(page, "dial-saved")

    log_in(page, live_server, HILDE)
    page.goto(live_server.url + reverse("relatives:person", kwargs={"pk": consent.pk}))
    main = page.locator("main").inner_text()
    assert "Kommende timer" in main
    assert SUMMARY.split(".")[0] not in main and "Oppsummering" not in main
    check_page(page, "relative-appointments-only")
