"""The contact form in Chromium: accessible, usable with the keyboard alone, and fits a phone."""

import pytest

from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_form_and_its_errors_are_accessible_and_fit_the_screen(page, live_server):
    page.goto(live_server.url + "/kontakt/")
    assert_accessible(page)
    assert page.locator("#id_website").is_hidden()  # the honeypot
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("button", name="Send meldingen").click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    for text in [
        "Skriv inn navnet ditt",
        "e-postadresse eller telefonnummer",
        "Du må krysse av for samtykke",
    ]:
        assert text in summary.inner_text()
    assert page.get_by_label("Navn").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "contact-all-errors")


def test_a_person_sends_the_form_with_the_keyboard_alone(page, live_server):
    from forlop.contact.models import ContactEnquiry

    page.goto(live_server.url + "/kontakt/")
    page.get_by_role("radio", name="Ja", exact=True).focus()  # "Haster det?", asked first
    page.keyboard.press("ArrowDown")  # → "Nei"
    assert page.locator("#contact-crisis").is_hidden()
    page.keyboard.press("Tab")  # the hidden crisis box is skipped: straight to the name
    page.keyboard.type("Ola")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the e-mail field to the phone number
    page.keyboard.type("912 34 567")
    page.keyboard.press("Tab")  # the first choice of "how to contact": e-mail
    page.keyboard.press("ArrowDown")  # → phone call
    page.keyboard.press("Tab")
    page.keyboard.type("Kan dere ringe meg i morgen?")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # consent
    page.keyboard.press("Tab")  # the privacy link in the hint
    page.keyboard.press("Tab")  # the honeypot is skipped: straight to the button
    assert page.evaluate("document.activeElement.textContent") == "Send meldingen"
    page.keyboard.press("Enter")

    page.wait_for_url("**/kontakt/takk/")
    assert page.get_by_role("heading", level=1).inner_text() == "Takk, vi har fått meldingen din"
    assert_accessible(page)
    enquiry = ContactEnquiry.objects.get()
    assert (enquiry.name, enquiry.phone, enquiry.preferred_contact) == ("Ola", "+4791234567", "phone")


def test_answering_yes_shows_the_emergency_numbers_at_once(page, live_server):
    page.goto(live_server.url + "/kontakt/")
    crisis = page.locator("#contact-crisis")
    assert crisis.is_hidden()

    page.get_by_role("radio", name="Ja", exact=True).check()

    assert crisis.is_visible()
    assert crisis.get_by_role("link", name="113").is_visible()
    assert crisis.get_by_role("link", name="116 117").is_visible()
    assert crisis.get_by_role("alert").is_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "contact-urgent-yes")

    page.get_by_role("radio", name="Nei", exact=True).check()
    assert crisis.is_hidden()

    page.get_by_role("radio", name="Ja", exact=True).check()
    page.get_by_label("Navn").fill("Ola")
    page.get_by_label("Telefonnummer").fill("912 34 567")
    page.get_by_role("radio", name="SMS", exact=True).check()
    page.get_by_label("Hva vil du fortelle oss?").fill("Kan noen ringe meg?")
    page.get_by_label("Jeg samtykker").check()
    page.get_by_role("button", name="Send meldingen").click()
    page.wait_for_url("**/kontakt/takk/?haster=1")
    assert page.get_by_role("alert").get_by_role("link", name="113").is_visible()
    assert page.get_by_role("heading", name="Når du får svar").is_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "contact-urgent-thanks")


@pytest.mark.parametrize("viewport_name", ["phone"], indirect=True)
def test_without_javascript_yes_still_shows_the_numbers_and_the_thank_you_page_repeats_them(
    browser, live_server, viewport_name
):
    from forlop.contact.models import ContactEnquiry

    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 740}, locale="nb-NO"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.viewport_name = viewport_name
    try:
        page.goto(live_server.url + "/kontakt/")
        page.get_by_role("radio", name="Ja", exact=True).check()
        assert page.locator("#contact-crisis").is_visible()  # CSS :has(), no script

        page.get_by_role("button", name="Send meldingen").click()  # nothing else filled in: it comes back
        page.wait_for_load_state()
        assert page.locator("#error-summary").is_visible()
        assert page.locator("#contact-crisis").get_by_role("link", name="113").is_visible()

        page.get_by_label("Navn").fill("Ola")
        page.get_by_label("E-postadresse").fill("ola@example.no")
        page.get_by_role("radio", name="E-post", exact=True).check()
        page.get_by_label("Hva vil du fortelle oss?").fill("Jeg trenger hjelp nå.")
        page.get_by_label("Jeg samtykker").check()
        page.get_by_role("button", name="Send meldingen").click()
        page.wait_for_url("**/kontakt/takk/?haster=1")

        assert page.get_by_role("alert").get_by_role("link", name="113").is_visible()
        assert page.get_by_role("alert").get_by_role("link", name="116 117").is_visible()
        screenshot(page, "contact-urgent-thanks-nojs")  # axe needs JavaScript: the test above runs it
        assert ContactEnquiry.objects.get().urgent is True
    finally:
        context.close()
