"""A person opens the public pages in Chromium (desktop and 375 px phone); axe finds nothing."""

import pytest

from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_shell_is_accessible_and_has_crisis_help(page, live_server):
    for path, name in [("/", "home"), ("/hjelp-na/", "crisis"), ("/personvern/", "privacy")]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("header").get_by_role("link", name="Trenger du hjelp nå?").is_visible()
        assert page.locator("footer").get_by_text("113").first.is_visible()
        assert_accessible(page)
        screenshot(page, name)


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_page_fits_a_320_px_screen_without_sideways_scrolling(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    for path in ["/", "/hjelp-na/", "/personvern/"]:
        pg.goto(live_server.url + path)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()


def test_a_person_reads_searches_and_sends_the_contact_form(page, live_server):
    """The foundation's 'done when': home → Artikler → search → article → back → contact (error, then ok)."""
    from io import StringIO

    from forlop.contact.models import ContactEnquiry
    from forlop.content import demo as content_demo
    from forlop.outbox.models import OutboxMessage

    content_demo.load(StringIO())

    assert page.goto(live_server.url + "/").status == 200
    assert_accessible(page)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Artikler").click()
    page.wait_for_url("**/artikler/")
    assert_accessible(page)

    page.get_by_label("Søk i artiklene").fill("rusbehandlingen")
    page.get_by_role("button", name="Søk", exact=True).click()
    page.wait_for_url("**q=rusbehandlingen*")
    result = page.get_by_role("link", name="Hva er rusbehandling?")
    assert result.is_visible()
    assert_accessible(page)
    screenshot(page, "article-search")

    result.click()
    page.wait_for_url("**/artikler/hva-er-rusbehandling/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hva er rusbehandling?"
    assert_accessible(page)
    screenshot(page, "article")
    page.get_by_role("link", name="Tilbake til oversikten").click()
    page.wait_for_url("**/artikler/")

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kontakt").click()
    page.wait_for_url("**/kontakt/")
    assert_accessible(page)
    page.get_by_role("radio", name="Nei", exact=True).check()  # "Haster det?"
    page.get_by_label("Navn").fill("Kari")
    page.get_by_label("Hva vil du fortelle oss?").fill("Jeg lurer på hvordan en førstesamtale foregår.")
    page.get_by_label("E-post", exact=True).check()
    page.get_by_label("Jeg samtykker").check()
    page.get_by_role("button", name="Send meldingen").click()

    # No email or phone: a specific Norwegian message, and nothing typed is lost.
    summary = page.get_by_role("alert")
    assert "e-postadresse eller telefonnummer" in summary.inner_text()
    assert page.get_by_label("Navn").input_value() == "Kari"
    assert "førstesamtale" in page.get_by_label("Hva vil du fortelle oss?").input_value()
    assert_accessible(page)
    screenshot(page, "contact-error")

    page.get_by_label("E-postadresse").fill("kari@example.no")
    if not page.get_by_label("Jeg samtykker").is_checked():
        page.get_by_label("Jeg samtykker").check()
    page.get_by_role("button", name="Send meldingen").click()
    page.wait_for_url("**/kontakt/takk/")
    assert "Vi svarer deg " in page.locator("main").inner_text()  # today, tomorrow or the day, never vaguer
    assert_accessible(page)
    screenshot(page, "contact-thanks")

    assert ContactEnquiry.objects.filter(email="kari@example.no").count() == 1
    assert OutboxMessage.objects.count() >= 1
