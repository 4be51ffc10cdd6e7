"""The doctor gate in Chromium, at desktop and phone width: the coordinator sees why sending waits, the doctor
records a decision (first with a mistake), and then the coordinator can send. axe checks every page."""

import pytest
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.conftest import assert_accessible, screenshot
from forlop.matching.models import MatchRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_coordinator_waits_for_the_doctor_who_decides_on_the_request_page(
    page, live_server, coordinator, doctor
):
    from forlop.matching.services import submit_request

    from .conftest import ANSWERS

    match_request = submit_request(
        answers={**ANSWERS, "name": "Gunn", "substances": ["ghb"], "frequency": "daily"}
    )
    assert match_request.medical_assessment
    url = f"{live_server.url}/ansatt/foresporsler/{match_request.pk}/"

    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + "/ansatt/foresporsler/")
    assert page.get_by_text("Venter på lege", exact=True).is_visible()
    assert_accessible(page)
    page.goto(url)
    assert page.get_by_role("button", name="Send forslaget").is_disabled()
    assert page.get_by_text("Du kan sende forslag når en lege har registrert sin vurdering.").is_visible()
    assert_accessible(page)
    screenshot(page, "match-awaiting-doctor")

    sign_in(page, live_server, doctor)
    page.goto(live_server.url + "/ansatt/foresporsler/medisinsk/")
    page.get_by_role("heading", level=1, name="Venter på legevurdering").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Gunn").click()
    page.get_by_role("heading", level=2, name="Din legevurdering").wait_for()
    page.get_by_label("Kort begrunnelse").fill("GHB daglig: trenger døgnplass.")
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.get_by_text("Velg hva du anbefaler.").first.wait_for()
    assert page.get_by_label("Kort begrunnelse").input_value() == "GHB daglig: trenger døgnplass."
    assert_accessible(page)
    page.get_by_label("Døgnavrusning anbefales").check()
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.get_by_text("Vurderingen er lagret: Døgnavrusning anbefales.").wait_for()
    assert_accessible(page)
    screenshot(page, "match-doctor-decided")

    sign_in(page, live_server, coordinator)
    page.goto(url)
    assert page.get_by_text("Legens vurdering: Døgnavrusning anbefales").is_visible()
    assert page.get_by_role("button", name="Send forslaget").is_enabled()
    assert_accessible(page)
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.NEW
