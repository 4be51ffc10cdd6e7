"""Dark mode (prefers-color-scheme: dark) in Chromium: the same pages pass axe with the colour-contrast rule in
both schemes, and screenshots of both land in test-output/ (named light-… and dark-…) for a person to look at."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe

from forlop.conftest import screenshot
from forlop.matching.tests.test_browser import answer_step_1, next_step, vocabulary  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHEMES = ["light", "dark"]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# WCAG relative luminance and contrast, for what axe does not judge: focus outlines.
CONTRAST_JS = """([fg, bg]) => {
  const lum = (css) => {
    const [r, g, b] = css.match(/[\\d.]+/g).slice(0, 3).map(Number).map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def assert_accessible_with_contrast(page) -> None:
    results = Axe().run(page, options=WCAG_AA).response
    details = [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]
    ]
    assert results["violations"] == [], f"axe violations on {page.url}:\n" + "\n".join(details)
    checked = {rule["id"] for rule in results["passes"]} | {rule["id"] for rule in results["incomplete"]}
    assert "color-contrast" in checked  # the rule ran and found text to check


def look(page, scheme: str, name: str) -> None:
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    text, background = page.evaluate(
        "() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]"
    )
    # Dark mode is dark: light text on a dark page (the light scheme the other way round).
    against_black = page.evaluate(CONTRAST_JS, [background, "rgb(0, 0, 0)"])
    assert against_black < 1.5 if scheme == "dark" else against_black > 15
    assert page.evaluate(CONTRAST_JS, [text, background]) >= 7
    assert_accessible_with_contrast(page)
    screenshot(page, f"{scheme}-{name}")


@pytest.fixture(params=SCHEMES)
def scheme(request, page) -> str:
    page.emulate_media(color_scheme=request.param)
    return request.param


def test_the_public_pages_read_well_in_both_colour_schemes(page, live_server, scheme):
    from forlop.content import demo as content_demo

    content_demo.load(StringIO())

    page.goto(live_server.url + "/")
    look(page, scheme, "home")

    page.goto(live_server.url + "/artikler/")
    look(page, scheme, "articles")
    page.goto(live_server.url + "/artikler/hva-er-rusbehandling/")
    look(page, scheme, "article")

    page.goto(live_server.url + "/hjelp-na/")
    look(page, scheme, "crisis")

    # Notices, cards, fields and buttons elsewhere: axe only.
    for path in ["/personvern/", "/selvtest/", "/selvtest/alkohol/", "/kurs/5-tegn/", "/terapeuter/", "/en/"]:
        page.goto(live_server.url + path)
        assert_accessible_with_contrast(page)


def test_the_match_form_s_errors_and_crisis_alert_read_well_in_both_colour_schemes(page, live_server, scheme):
    page.goto(live_server.url + "/finn-terapeut/")
    answer_step_1(page, suicide="Ja")
    assert page.locator(".crisis-alert").first.is_visible()
    look(page, scheme, "match-crisis-alert")

    answer_step_1(page)
    next_step(page, "Rus og vaner")
    page.get_by_role("button", name="Neste").click()
    page.get_by_role("heading", name="Noe må rettes før du kan sende").wait_for()
    look(page, scheme, "match-step-2-error")


def test_focus_outlines_and_the_quick_exit_keep_their_contrast_in_both_schemes(page, live_server, scheme):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    for _ in range(3):
        page.keyboard.press("Tab")
        outline, background = page.evaluate(
            "() => [getComputedStyle(document.activeElement).outlineColor,"
            " getComputedStyle(document.querySelector('header')).backgroundColor]"
        )
        assert page.evaluate(CONTRAST_JS, [outline, background]) >= 3

    exit_link = page.locator(".quick-exit")
    colours = exit_link.evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert page.evaluate(CONTRAST_JS, colours) >= 4.5
