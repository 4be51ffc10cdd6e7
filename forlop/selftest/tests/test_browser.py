"""A person takes the self-tests in Chromium: with the keyboard, on a phone, with a screen reader check."""

import pytest

from forlop.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUDIT_ANSWERS = {1: "3", 2: "2", 3: "2", 4: "0", 5: "0", 6: "2", 7: "1", 8: "1", 9: "0", 10: "0"}


def choose(page, item: int, score: str) -> None:
    page.locator(f'input[name="q{item}"][value="{score}"]').check()


def test_the_overview_and_both_forms_are_accessible(page, live_server):
    for path, name in [("/selvtest/", "selftest-index"), ("/selvtest/alkohol/", "selftest-audit")]:
        page.goto(live_server.url + path)
        assert_accessible(page)
        screenshot(page, name)
    page.goto(live_server.url + "/selvtest/rusmidler/")
    assert page.get_by_role("group", name="Spørsmål 11 av 11").count() == 1
    assert_accessible(page)


def test_a_person_answers_the_audit_and_sees_the_result(page, live_server):
    page.goto(live_server.url + "/selvtest/alkohol/")
    progress = page.locator("[data-progress]")
    assert progress.inner_text() == "Du har svart på 0 av 10 spørsmål."
    for item, score in AUDIT_ANSWERS.items():
        choose(page, item, score)
    page.get_by_role("radio", name="Vil ikke oppgi").check()
    assert progress.inner_text() == "Du har svart på 10 av 10 spørsmål."
    page.get_by_role("button", name="Se resultatet").click()
    page.wait_for_load_state()
    assert "?" not in page.url  # no answers in the address
    assert page.get_by_role("heading", name="Du fikk 11 av 40 poeng").is_visible()
    assert page.get_by_text("Sone III av IV").is_visible()
    assert_accessible(page)
    screenshot(page, "selftest-audit-result")


def test_never_drinking_hides_the_questions_that_are_skipped(page, live_server):
    page.goto(live_server.url + "/selvtest/alkohol/")
    choose(page, 1, "0")
    for n in range(2, 9):
        assert page.locator(f"#sporsmal-{n}").is_hidden()
    assert page.locator("#alkoholenhet").is_hidden()
    assert page.locator("[data-progress]").inner_text() == "Du har svart på 1 av 3 spørsmål."
    choose(page, 9, "2")
    choose(page, 10, "0")
    page.get_by_role("radio", name="Kvinne").check()
    page.get_by_role("button", name="Se resultatet").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Du fikk 2 av 40 poeng").is_visible()


def test_low_drinking_hides_items_4_to_8_and_changing_the_answer_shows_them_again(page, live_server):
    page.goto(live_server.url + "/selvtest/alkohol/")
    choose(page, 1, "2")
    choose(page, 2, "0")
    choose(page, 3, "0")
    assert page.locator("#sporsmal-3").is_visible()
    assert page.locator("#sporsmal-4").is_hidden() and page.locator("#sporsmal-8").is_hidden()
    choose(page, 3, "1")
    assert page.locator("#sporsmal-4").is_visible()


def test_every_option_can_be_chosen_with_the_keyboard(page, live_server):
    page.goto(live_server.url + "/selvtest/alkohol/")
    page.locator("#id_q1_0").focus()
    page.keyboard.press("ArrowDown")  # radio groups move and select with the arrow keys
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_q1_2").is_checked()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused in {"q2"}  # the skip-hint link is hidden, so Tab lands on the next question


def test_an_unanswered_question_is_shown_in_an_accessible_error_summary(page, live_server):
    page.goto(live_server.url + "/selvtest/alkohol/")
    choose(page, 1, "3")
    page.get_by_role("button", name="Se resultatet").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#id_q1_3").is_checked()  # the answer is kept
    summary.get_by_role("link", name="Svar på spørsmål 2 før du ser resultatet.").click()
    assert page.evaluate("document.activeElement.id") == "id_q2_0"
    assert_accessible(page)
    screenshot(page, "selftest-audit-errors")


def test_the_highest_dudit_zone_is_accessible_and_shows_the_emergency_numbers(page, live_server):
    page.goto(live_server.url + "/selvtest/rusmidler/")
    for item in range(1, 12):
        choose(page, item, "4")
    page.get_by_role("radio", name="Mann").check()
    page.get_by_role("button", name="Se resultatet").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").get_by_text("113").is_visible()
    assert page.get_by_text("avrusning under medisinsk tilsyn").first.is_visible()
    assert_accessible(page)
    screenshot(page, "selftest-dudit-result")


def test_the_tests_fit_a_320_px_screen(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    for path in ["/selvtest/", "/selvtest/alkohol/", "/selvtest/rusmidler/"]:
        pg.goto(live_server.url + path)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()
