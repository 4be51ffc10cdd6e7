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
    page.get_by_label("Navn").focus()
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
