"""A person fills in "Match meg med en terapeut" in Chromium (desktop and phone width, once with the keyboard
only), and a coordinator sends one of the suggestions. axe checks every page on the way."""

import pytest
from django.conf import settings
from django.test import Client

from forlop.accounts.testing import login_verified
from forlop.audit.models import AccessLog
from forlop.conftest import assert_accessible, screenshot
from forlop.matching import engine
from forlop.matching.models import MatchRequest
from forlop.outbox.models import OutboxMessage
from forlop.therapists.models import FocusArea, Language, MeetingMode, Method

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def vocabulary(db):
    """Live-server tests flush the database after each test, data migrations included: seed it again."""
    for key in engine.SUBSTANCES:
        FocusArea.objects.get_or_create(key=key, defaults={"kind": FocusArea.Kind.SUBSTANCE})
    for key in engine.THEMES:
        FocusArea.objects.get_or_create(key=key, defaults={"kind": FocusArea.Kind.THEME})
    for model, keys in (
        (Method, engine.METHODS),
        (Language, engine.LANGUAGES),
        (MeetingMode, engine.MEETING_MODES),
    ):
        for key in keys:
            model.objects.get_or_create(key=key)


def sign_in(page, live_server, user) -> None:
    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def next_step(page, expected_heading: str) -> None:
    page.get_by_role("button", name="Neste").click()
    page.get_by_role("heading", level=1, name=expected_heading).wait_for()


def answer_step_1(page, *, suicide: str = "Nei") -> None:
    page.get_by_role(
        "group", name="Har du, eller den du spør for, tanker om å ta livet sitt akkurat nå?"
    ).get_by_label(suicide, exact=True).check()
    page.get_by_role("group", name="Har du, eller den du spør for, tatt en overdose").get_by_label(
        "Nei", exact=True
    ).check()
    page.get_by_role("group", name="Er det sterke abstinenser nå").get_by_label("Nei", exact=True).check()
    page.get_by_label("Meg selv").check()
    page.get_by_label("26–40 år").check()
    page.get_by_label("Bruke mindre").check()


def answer_step_3(page, *, pregnant: str = "Nei", benzos: str = "Nei", medication: str = "") -> None:
    page.get_by_label("Angst eller depresjon").check()
    page.get_by_role("group", name="beroligende medisiner eller sovemedisiner").get_by_label(
        benzos, exact=True
    ).check()
    page.get_by_role("group", name="Brukes opioider").get_by_label("Nei", exact=True).check()
    if medication:
        page.get_by_label("Medisiner som brukes fast").fill(medication)
    page.get_by_role("group", name="epilepsi").get_by_label("Nei", exact=True).check()
    page.get_by_role("group", name="gravid").get_by_label(pregnant, exact=True).check()


def answer_steps_2_to_5(page) -> None:
    page.get_by_label("Alkohol", exact=True).check()
    # The questions about alcohol appear under its checkbox once it is ticked.
    page.get_by_role("group", name="Hvor ofte drikkes alkohol?").get_by_label(
        "En eller flere ganger i uken"
    ).check()
    page.get_by_role("group", name="Hvor mye alkohol på en vanlig drikkedag?").get_by_label(
        "3–6 enheter"
    ).check()
    page.get_by_role("group", name="drikkes om morgenen").get_by_label("Nei", exact=True).check()
    assert page.get_by_role("group", name="Hvor ofte brukes cannabis?").count() == 0  # not ticked: hidden
    page.get_by_label("Ett til fem år").check()
    page.get_by_role("group", name="fått behandling eller vært til avrusning før").get_by_label(
        "Nei", exact=True
    ).check()
    page.get_by_role("group", name="kramper eller delirium").get_by_label("Nei", exact=True).check()
    next_step(page, "Helse")
    assert page.get_by_text("Steg 3 av 5").is_visible()
    answer_step_3(page)
    next_step(page, "Ønsker")
    page.get_by_label("Videosamtale").check()
    page.get_by_label("Ja, det passer").check()
    assert_accessible(page)
    next_step(page, "Kontakt og samtykke")
    page.get_by_label("Hva vil du at vi skal kalle deg?").fill("Kari")
    page.get_by_label("E-postadresse").fill("kari@example.no")
    page.get_by_label("Er det noe mer du vil fortelle oss?").fill("Helst kveldstid.")
    page.get_by_label("Jeg samtykker").check()
    assert_accessible(page)
    page.get_by_role("button", name="Se over svarene").click()
    page.get_by_role("heading", level=1, name="Se over før du sender").wait_for()


def test_a_person_fills_in_the_form_goes_back_and_sends_it(page, live_server):
    page.goto(live_server.url + "/finn-terapeut/")
    assert page.get_by_text("Steg 1 av 5").is_visible()
    assert page.locator("#match-crisis").is_hidden()
    assert_accessible(page)
    screenshot(page, "match-step-1")

    # A missing answer: an error summary, still accessible, nothing typed is lost.
    page.get_by_label("En jeg er glad i").check()
    page.get_by_role("button", name="Neste").click()
    page.get_by_role("heading", name="Noe må rettes før du kan sende").wait_for()
    assert page.get_by_label("En jeg er glad i").is_checked()
    assert_accessible(page)

    answer_step_1(page)
    next_step(page, "Rus og vaner")
    assert page.get_by_text("Steg 2 av 5").is_visible()
    assert page.locator("#match-crisis").count() == 0 and page.locator(".crisis-alert").count() == 0
    assert_accessible(page)

    # Back keeps both steps' answers.
    page.get_by_label("Cannabis", exact=True).check()
    page.get_by_role("button", name="Tilbake").click()
    page.get_by_role("heading", level=1, name="Match meg med en terapeut").wait_for()
    assert page.get_by_label("Meg selv").is_checked()
    next_step(page, "Rus og vaner")
    assert page.get_by_label("Cannabis", exact=True).is_checked()
    page.get_by_label("Cannabis", exact=True).uncheck()

    answer_steps_2_to_5(page)
    assert page.get_by_text("Helst kveldstid.").is_visible()
    assert_accessible(page)
    screenshot(page, "match-summary")
    page.get_by_role("button", name="Send forespørselen").click()
    page.get_by_role("heading", level=1, name="Takk, vi har fått forespørselen din").wait_for()
    assert page.url.endswith("/finn-terapeut/takk/")
    assert_accessible(page)
    screenshot(page, "match-thanks")

    match_request = MatchRequest.objects.get()
    assert (match_request.name, match_request.substances, match_request.mental_health) == (
        "Kari",
        ["alkohol"],
        ["angst_depresjon"],
    )
    assert OutboxMessage.objects.filter(to=["kari@example.no"], template="matching_received").exists()


def test_a_yes_to_danger_shows_the_emergency_numbers_at_once(page, live_server):
    page.goto(live_server.url + "/finn-terapeut/")
    crisis = page.locator("#match-crisis")
    group = page.get_by_role(
        "group", name="Har du, eller den du spør for, tanker om å ta livet sitt akkurat nå?"
    )
    group.get_by_label("Ja", exact=True).check()
    assert crisis.is_visible()
    assert page.get_by_role("link", name="113 Medisinsk nødtelefon (AMK)").is_visible()
    assert_accessible(page)
    screenshot(page, "match-crisis-now")
    group.get_by_label("Nei", exact=True).check()
    assert crisis.is_hidden()

    answer_step_1(page, suicide="Ja")
    next_step(page, "Rus og vaner")
    # On the next page the numbers come before anything else.
    alert = page.get_by_role("alert").first
    assert alert.is_visible()
    first_heading = page.locator("#match-flow h2, #match-flow h1").first
    assert first_heading.inner_text() == "Trenger du akutt hjelp? Ring nå"
    assert_accessible(page)


def test_the_first_step_can_be_answered_with_the_keyboard_only(page, live_server):
    page.goto(live_server.url + "/finn-terapeut/")
    page.locator("body").press("Tab")  # skip link
    # Into the form: Tab reaches the first radio group; Space picks the focused option, arrows move within it.
    page.locator("#id_acute_suicide_0").focus()
    for _question in range(3):
        page.keyboard.press("ArrowDown")  # "Nei"
        page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "Meg selv"
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # "18–25 år"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "Slutte helt"
    assert page.evaluate("document.activeElement.value") == "stop"
    for _item in range(4):  # past the other three wishes
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Neste"
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Rus og vaner").wait_for()
    # After the swap (htmx settles a moment after the new heading appears), focus moves to the new heading.
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'", timeout=5000)
    assert page.locator("#match-crisis").count() == 0


def test_the_coordinator_sends_one_of_three_explained_suggestions(
    page, live_server, coordinator, make_therapist
):
    for name, focus in [
        ("Anna Aas", ("alkohol", "angst_depresjon")),
        ("Bjørn Berg", ("alkohol",)),
        ("Cecilie Dahl", ("alkohol",)),  # a therapist with no fit at all is never suggested
    ]:
        make_therapist(name=name, focus=focus)
    from forlop.matching.services import submit_request

    from .conftest import ANSWERS

    match_request = submit_request(
        answers={**ANSWERS, "name": "Kari", "email": "kari@example.no", "mental_health": ["angst_depresjon"]}
    )
    sign_in(page, live_server, coordinator)

    page.goto(live_server.url + "/ansatt/foresporsler/")
    assert page.get_by_role("heading", level=2, name="Kari").is_visible()
    assert page.get_by_text("Jobber med alkohol og angst og depresjon").first.is_visible()
    assert_accessible(page)
    screenshot(page, "match-queue")

    page.get_by_role("link", name="Kari").click()
    page.get_by_role("heading", level=1, name="Forespørsel fra Kari").wait_for()
    suggestions = page.locator("section[aria-labelledby=suggestions-heading] ol.match-suggestions > li")
    assert suggestions.count() == 3
    assert "Anna Aas" in suggestions.first.inner_text()
    assert_accessible(page)
    screenshot(page, "match-request")

    page.get_by_label("1. Anna Aas").check()
    page.get_by_role("button", name="Send forslaget").click()
    page.get_by_text("Forslaget om Anna Aas er sendt på e-post til kari@example.no.").wait_for()
    assert_accessible(page)

    email = OutboxMessage.objects.get(template="matching_suggestion")
    assert email.to == ["kari@example.no"]
    assert "/terapeuter/" in email.body_text and "Anna Aas" in email.body_text
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.SUGGESTED
    assert AccessLog.objects.filter(object_id=str(match_request.pk), user=coordinator).count() >= 3


def test_the_therapist_and_doctor_lists_are_accessible(page, live_server, doctor):
    from forlop.matching.services import submit_request

    from .conftest import ANSWERS

    submit_request(answers={**ANSWERS, "substances": ["ghb"], "frequency": "daily"})
    sign_in(page, live_server, doctor)
    page.goto(live_server.url + "/ansatt/foresporsler/medisinsk/")
    assert page.get_by_role("link", name="Ola").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ola").click()
    page.get_by_role("heading", level=1, name="Forespørsel fra Ola").wait_for()
    assert page.get_by_text("Bruker GHB/GBL jevnlig").is_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/ansatt/foresporsler/mine/")
    assert page.get_by_text("Ingen forespørsler er tildelt deg ennå.").is_visible()
    assert_accessible(page)


# --- Triage personas on a phone -------------------------------------------------------------------------


def fill_persona(
    page, live_server, *, who: str, substance: str, frequency: str, pregnant: str = "Nei"
) -> None:
    page.goto(live_server.url + "/finn-terapeut/")
    for question in ("tanker om å ta livet sitt", "tatt en overdose", "Er det sterke abstinenser nå"):
        page.get_by_role("group", name=question).get_by_label("Nei", exact=True).check()
    page.get_by_label(who).check()
    page.get_by_label("26–40 år").check()
    page.get_by_label("Slutte helt").check()
    next_step(page, "Rus og vaner")
    page.get_by_label(substance, exact=True).check()
    page.get_by_role("group", name="Hvor ofte").filter(has_text=frequency).first.get_by_label(
        frequency
    ).check()
    if substance == "Alkohol":
        page.get_by_role("group", name="Hvor mye alkohol").get_by_label("1–2 enheter").check()
        page.get_by_role("group", name="drikkes om morgenen").get_by_label("Nei", exact=True).check()
    page.get_by_label("Ett til fem år").check()
    page.get_by_role("group", name="fått behandling eller vært til avrusning før").get_by_label(
        "Nei", exact=True
    ).check()
    page.get_by_role("group", name="kramper eller delirium").get_by_label("Nei", exact=True).check()
    assert_accessible(page)
    screenshot(page, f"triage-step-2-{substance.lower()}")
    next_step(page, "Helse")
    answer_step_3(page, pregnant=pregnant)
    next_step(page, "Ønsker")
    page.get_by_label("Ja, det passer").check()
    next_step(page, "Kontakt og samtykke")
    page.get_by_label("Hva vil du at vi skal kalle deg?").fill("Kari")
    page.get_by_label("E-postadresse").fill("kari@example.no")
    page.get_by_label("Jeg samtykker").check()
    page.get_by_role("button", name="Se over svarene").click()
    page.get_by_role("heading", level=1, name="Se over før du sender").wait_for()


PHONE_PERSONAS = [
    (
        "pregnant",
        {
            "who": "Meg selv",
            "substance": "Alkohol",
            "frequency": "En eller flere ganger i uken",
            "pregnant": "Ja",
        },
        "Slutt nå: ingen mengde alkohol eller rusmidler er kjent for å være trygg i svangerskapet.",
    ),
    (
        "ghb",
        {"who": "Meg selv", "substance": "GHB", "frequency": "Daglig eller nesten daglig"},
        "GHB-avrusning gjør vi ikke over video",
    ),
    (
        "relative",
        {"who": "En jeg er glad i", "substance": "GHB", "frequency": "En eller flere ganger i uken"},
        "Den du er bekymret for bør ikke slutte på egen hånd",
    ),
]


@pytest.mark.parametrize("viewport_name", ["phone"])
@pytest.mark.parametrize(("name", "persona", "advice"), PHONE_PERSONAS, ids=[p[0] for p in PHONE_PERSONAS])
def test_triage_advice_reaches_the_person_on_a_phone(page, live_server, name, persona, advice):
    fill_persona(page, live_server, **persona)
    assert page.get_by_text(advice).is_visible()
    assert_accessible(page)
    screenshot(page, f"triage-{name}-summary")
    page.get_by_role("button", name="Send forespørselen").click()
    page.get_by_role("heading", level=1, name="Takk, vi har fått forespørselen din").wait_for()
    assert page.get_by_text(advice).is_visible()
    assert page.get_by_text("En av legene våre leser forespørselen før vi foreslår en terapeut").is_visible()
    assert page.get_by_role("link", name="Bestill gratis førstesamtale").count() == 0
    if name == "ghb":  # daily GHB is urgent: the numbers come first
        assert page.get_by_role("link", name="113 Medisinsk nødtelefon (AMK)").first.is_visible()
    assert_accessible(page)
    screenshot(page, f"triage-{name}-thanks")


def test_avbryt_og_slett_asks_first_and_can_be_taken_back(page, live_server):
    page.goto(live_server.url + "/finn-terapeut/")
    answer_step_1(page)
    next_step(page, "Rus og vaner")
    page.get_by_role("link", name="Avbryt og slett svarene mine").click()
    page.get_by_role("heading", name="Er du sikker på at du vil avbryte?").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Nei, gå tilbake til skjemaet").click()
    page.get_by_role("heading", level=1, name="Rus og vaner").wait_for()
    page.get_by_role("link", name="Avbryt og slett svarene mine").click()
    page.get_by_role("button", name="Ja, slett svarene mine").click()
    page.get_by_text("Svarene dine er slettet.").wait_for()
    assert not page.get_by_label("Meg selv").is_checked()
