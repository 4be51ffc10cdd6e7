"""The self-test pages as a visitor uses them: anonymous, POST only, scored on the server, nothing kept."""

import re

import pytest
from django.urls import reverse

from forlop.lib import triage

from .clinical import valid_vectors

pytestmark = pytest.mark.django_db

AUDIT_URL = "/selvtest/alkohol/"
DUDIT_URL = "/selvtest/rusmidler/"
CRISIS_ALERT = "Trenger du akutt hjelp? Ring nå"


def audit_post(answers, sex="male", **extra) -> dict:
    data = {f"q{n}": str(value) for n, value in enumerate(answers, start=1) if value is not None}
    return {**data, "sex": sex, **extra}


def dudit_post(answers, sex="male") -> dict:
    return audit_post(answers, sex=sex)


def text_of(response) -> str:
    """The page's visible text, with tags removed and white space collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def assert_no_store(response) -> None:
    assert "no-store" in response["Cache-Control"]


def assert_only_the_csrf_cookie(response, settings) -> None:
    assert set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
    assert settings.SESSION_COOKIE_NAME not in response.cookies


# --- Pages -----------------------------------------------------------------------------------------------


def test_it_names_the_urls():
    assert reverse("selftest:index") == "/selvtest/"
    assert reverse("selftest:audit") == AUDIT_URL
    assert reverse("selftest:dudit") == DUDIT_URL


def test_the_overview_links_to_both_tests(client, django_assert_max_num_queries, settings):
    with django_assert_max_num_queries(2):
        response = client.get("/selvtest/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{AUDIT_URL}"' in html and f'href="{DUDIT_URL}"' in html
    assert "ikke en diagnose" in html
    assert response.cookies == {}


def test_the_audit_form_has_a_fieldset_with_a_numbered_legend_per_question(
    client, django_assert_max_num_queries, settings
):
    with django_assert_max_num_queries(2):
        response = client.get(AUDIT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html
    assert html.count("<fieldset") == 11  # ten questions and the sex question
    assert html.count("<legend") == 11
    for n in range(1, 11):
        assert f"Spørsmål {n} av 10" in html
        assert f'name="q{n}"' in html
    assert "Hvor ofte drikker du alkohol?" in html
    assert "Kjønn (brukes bare til å velge riktig grenseverdi)" in html
    for label in ["Kvinne", "Mann", "Vil ikke oppgi"]:
        assert label in html
    assert "Babor" in html  # the source is shown under the test
    assert_only_the_csrf_cookie(response, settings)


def test_the_audit_form_explains_an_alcohol_unit_right_before_the_quantity_question(client):
    html = client.get(AUDIT_URL).content.decode()
    unit = html.index("Hva er én alkoholenhet?")
    assert html.index("Spørsmål 1 av 10") < unit < html.index("Spørsmål 2 av 10")
    for fact in ["12 gram ren alkohol", "33 cl, 4,5 %", "12 cl, 12 %", "4 cl, 40 %"]:
        assert fact in html


def test_the_audit_form_tells_people_without_javascript_which_questions_to_skip(client):
    html = client.get(AUDIT_URL).content.decode()
    assert "Svarte du «Aldri» på spørsmål 1? Da hopper du over spørsmål 2 til 8" in html
    assert "hopper du over spørsmål 4 til 8" in html


def test_the_dudit_form_has_eleven_numbered_questions_and_says_what_counts(client, settings):
    response = client.get(DUDIT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 12
    for n in range(1, 12):
        assert f"Spørsmål {n} av 11" in html
    assert "Hvor ofte bruker du andre rusmidler enn alkohol?" in html
    assert "Hva regnes som rusmidler her?" in html
    assert "Karolinska Institutet" in html
    assert_only_the_csrf_cookie(response, settings)


def test_the_skip_script_is_our_own_file_allowed_by_the_csp(client):
    response = client.get(AUDIT_URL)
    tag = re.search(r'<script src="(/static/[^"]*selftest\.js)"[^>]*>', response.content.decode())
    assert tag, "selftest.js is served from our own /static/"
    script_src = next(d for d in response["Content-Security-Policy"].split(";") if "script-src" in d)
    assert "'self'" in script_src and "unsafe-inline" not in script_src


def test_it_serves_the_tests_under_en_as_well(client):
    assert client.get("/en" + AUDIT_URL).status_code == 200
    assert client.get("/en" + DUDIT_URL).status_code == 200


def test_a_signed_in_client_sees_the_same_test(client, client_person):
    client.force_login(client_person)
    assert client.get(AUDIT_URL).status_code == 200


@pytest.mark.parametrize("url", [AUDIT_URL, DUDIT_URL])
def test_it_refuses_other_methods(client, url):
    assert client.put(url).status_code == 405
    assert client.post("/selvtest/").status_code == 405


# --- Results --------------------------------------------------------------------------------------------


def test_a_complete_audit_shows_the_result_in_the_post_response(
    client, django_assert_max_num_queries, settings
):
    with django_assert_max_num_queries(2):
        response = client.post(AUDIT_URL, audit_post([3, 2, 2, 0, 0, 2, 1, 1, 0, 0]))
    assert response.status_code == 200  # rendered, not redirected with answers in a query string
    assert [t.name for t in response.templates][0] == "selftest/result.html"
    text = text_of(response)
    assert "Du fikk 11 av 40 poeng" in text
    assert "Sone III av IV: Høy risiko" in text
    assert "Poengsummen alene gir sone II" in text and "spørsmål 6" in text
    assert "kartlegging (screening), ikke en diagnose" in text
    assert "Babor TF" in text and "Aasland" in text
    assert "Vi har ikke lagret svarene dine" in text
    assert_no_store(response)
    # Only the CSRF cookie (for the "bring the result into the match form" button); never a session.
    assert set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
    assert CRISIS_ALERT not in text


def test_it_never_trusts_a_total_sent_by_the_browser(client):
    response = client.post(AUDIT_URL, audit_post([4] * 10, total="0", zone="I"))
    assert "Du fikk 40 av 40 poeng" in text_of(response)


@pytest.mark.parametrize(
    "vector", valid_vectors("audit"), ids=lambda v: f"{v.get('sex', 'any')}-{v['answers']}"
)
def test_every_audit_vector_gives_the_same_result_through_the_page(client, vector):
    response = client.post(AUDIT_URL, audit_post(vector["answers"], sex=vector.get("sex", "male")))
    text = text_of(response)
    assert f"Du fikk {vector['total']} av 40 poeng" in text
    assert f"Sone {vector['zone']} av IV" in text


@pytest.mark.parametrize(
    "vector", valid_vectors("dudit"), ids=lambda v: f"{v.get('sex', 'any')}-{v['answers']}"
)
def test_every_dudit_vector_gives_the_same_result_through_the_page(client, vector):
    labels = {
        "below cut-off": "Under grenseverdien",
        "probable drug-related problems": "Sannsynlige rusrelaterte problemer",
        "probable dependence": "Mulig avhengighet",
    }
    response = client.post(DUDIT_URL, dudit_post(vector["answers"], sex=vector.get("sex", "male")))
    text = text_of(response)
    assert f"Du fikk {vector['total']} av 44 poeng" in text
    assert labels[vector["result"]] in text
    assert_no_store(response)


def test_women_get_the_norwegian_cutoff_and_unspecified_gets_the_lower_one_and_is_told(client):
    answers = [2, 1, 1, 0, 0, 0, 1, 0, 0, 2]  # total 7
    women = text_of(client.post(AUDIT_URL, audit_post(answers, sex="female")))
    men = text_of(client.post(AUDIT_URL, audit_post(answers, sex="male")))
    unspecified = text_of(client.post(AUDIT_URL, audit_post(answers, sex="unspecified")))
    assert "Sone II av IV" in women
    assert "den norske grenseverdien: økt risiko fra 6 poeng" in women
    assert "Sone I av IV" in men
    assert "Sone II av IV" in unspecified
    assert (
        "Vi har brukt den lavere grensen, den som gjelder for kvinner: økt risiko fra 6 poeng" in unspecified
    )
    assert "grenseverdien for menn" not in unspecified


@pytest.mark.parametrize(
    ("answers", "zone"), [([2, 1, 1, 0, 0, 0, 1, 0, 0, 0], "I"), ([2, 1, 1, 0, 0, 0, 2, 0, 0, 0], "II")]
)
def test_unspecified_sex_is_scored_at_the_womens_audit_boundary(client, answers, zone):
    text = text_of(client.post(AUDIT_URL, audit_post(answers, sex="unspecified")))  # totals 5 and 6
    assert f"Du fikk {sum(answers)} av 40 poeng" in text
    assert f"Sone {zone} av IV" in text
    assert "0–5" in text and "6–15" in text  # the score table shows the lower cut-off too
    assert "Vi har brukt den lavere grensen" in text


@pytest.mark.parametrize(
    ("answers", "label"),
    [
        ([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "Under grenseverdien"),
        ([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], "Sannsynlige rusrelaterte problemer"),
    ],
)
def test_the_dudit_result_uses_and_names_the_lower_cutoff_when_sex_is_not_given(client, answers, label):
    text = text_of(client.post(DUDIT_URL, dudit_post(answers, sex="unspecified")))  # totals 1 and 2
    assert label in text
    assert (
        "Du valgte å ikke oppgi kjønn. Vi har brukt den lavere grensen, den som gjelder for kvinner: 2 poeng"
        in text
    )
    assert "grenseverdien for menn" not in text


def test_the_audit_skip_logic_works_without_javascript(client):
    response = client.post(AUDIT_URL, audit_post([0, None, None, None, None, None, None, None, 2, 0]))
    text = text_of(response)
    assert "Du fikk 2 av 40 poeng" in text
    assert "spørsmål 2 til 8 ble hoppet over og teller 0 poeng" in text


def test_answers_to_skipped_questions_do_not_count_through_the_page(client):
    response = client.post(AUDIT_URL, audit_post([0, 4, 4, 4, 4, 4, 4, 4, 0, 0]))
    assert "Du fikk 0 av 40 poeng" in text_of(response)


@pytest.mark.parametrize(
    ("answers", "link"),
    [
        ([0] * 10, "content:list"),
        ([3, 2, 2, 0, 0, 0, 1, 1, 0, 0], "course:signup"),
        ([3, 3, 3, 1, 1, 1, 2, 1, 2, 2], "matching:match"),
    ],
)
def test_each_zone_suggests_a_next_step(client, answers, link):
    html = client.post(AUDIT_URL, audit_post(answers)).content.decode()
    assert f'href="{reverse(link)}"' in html


def test_every_free_first_talk_step_leads_into_booking_not_the_contact_form():
    from forlop.selftest.feedback import AUDIT_FEEDBACK, DUDIT_FEEDBACK

    steps = {
        step for feedback in [*AUDIT_FEEDBACK.values(), *DUDIT_FEEDBACK.values()] for step in feedback.steps
    }
    first_talk = [step for step in steps if "førstesamtale" in str(step.text) + str(step.link_text)]
    assert len(first_talk) == 2
    assert {step.url_name for step in first_talk} == {"therapists:list"}


def test_the_result_page_links_the_free_first_talk_to_the_therapists_who_can_be_booked(client):
    html = client.post(AUDIT_URL, audit_post([3, 3, 3, 1, 1, 1, 2, 1, 2, 2])).content.decode()
    assert (
        f'<a href="{reverse("therapists:list")}">Velg terapeut og bestill en gratis førstesamtale</a>' in html
    )


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (AUDIT_URL, audit_post([4] * 10)),
        (AUDIT_URL, audit_post([3, 3, 3, 1, 1, 1, 2, 2, 2, 2])),  # total 20
        (AUDIT_URL, audit_post([4, 3, 3, 1, 1, 1, 2, 0, 0, 4], sex="female")),  # 19, escalated to IV
        (DUDIT_URL, dudit_post([3, 3, 3, 3, 3, 2, 2, 2, 0, 2, 2])),  # 25
    ],
)
def test_the_highest_zone_shows_the_emergency_numbers_and_supervised_detox(client, url, data):
    text = text_of(client.post(url, data))
    assert CRISIS_ALERT in text
    assert "113" in text and "116 117" in text
    assert "avrusning under medisinsk tilsyn" in text


@pytest.mark.parametrize(
    ("url", "data"),
    [(AUDIT_URL, audit_post([4] * 10)), (DUDIT_URL, dudit_post([3, 3, 3, 3, 3, 2, 2, 2, 0, 2, 2]))],
)
def test_withdrawal_with_seizures_confusion_or_hallucinations_routes_to_113(client, url, data):
    text = text_of(client.post(url, data))
    assert (
        "Får du kramper, blir du sterkt forvirret, eller ser eller hører du ting som ikke er der? Ring 113."
        in text
    )


def test_the_dudit_detox_advice_follows_the_guideline_for_each_substance(client):
    text = text_of(client.post(DUDIT_URL, dudit_post([3, 3, 3, 3, 3, 2, 2, 2, 0, 2, 2])))
    notice = text[text.index("Før du slutter") :]
    # The triage table's own words, each led in by the substance it is about.
    for key, _lead in triage.DRUG_RULES_IF_USED:
        assert triage.RULES_BY_KEY[key].text() in notice
    assert "Bruker du beroligende medisiner eller sovemedisiner jevnlig:" in notice
    assert "Abstinenser etter GHB eller GBL kan være livstruende" in notice
    # Opioid withdrawal is not where the danger lies (IS-2211 kap. 14): overdose after a break is.
    opioids = notice.split("Bruker du opioider:")[1].split("Får du kramper")[0]
    assert "sjelden farlige i seg selv" in opioids and "overdose" in opioids and "nalokson" in opioids
    assert "kramp" not in opioids


@pytest.mark.parametrize(
    ("answers", "advice"),
    [
        # 4+ times a week, 7-9 units, morning drinking weekly: rule 3, and seizures not known (rule 2).
        (
            [4, 3, 2, 2, 2, 3, 2, 2, 2, 2],
            ["Å slutte brått etter mye daglig drikking", "eller vet du ikke sikkert"],
        ),
        # 4+ times a week, 3-4 units, never in the morning, low dependence items: nothing to warn about.
        ([4, 1, 0, 0, 0, 0, 0, 0, 0, 0], []),
    ],
)
def test_the_audit_advice_before_stopping_comes_from_the_triage(client, answers, advice):
    text = text_of(client.post(AUDIT_URL, audit_post(answers)))
    for expected in advice:
        assert expected in text
    if not advice:
        assert "Før du slutter" not in text


def test_lower_zones_do_not_show_the_crisis_alert(client):
    for url, data in [
        (AUDIT_URL, audit_post([3, 3, 3, 1, 1, 1, 2, 1, 2, 2])),  # 19, zone III
        (DUDIT_URL, dudit_post([3, 3, 3, 3, 3, 2, 2, 1, 0, 2, 2])),  # 24
    ]:
        text = text_of(client.post(url, data))
        assert CRISIS_ALERT not in text
        assert "Før du slutter" not in text


# --- Bad input ------------------------------------------------------------------------------------------


def test_a_missing_answer_gets_a_clear_message_and_keeps_the_other_answers(
    client, django_assert_max_num_queries, settings
):
    data = audit_post([2, 1, 1, None, 0, 0, 1, 0, 0, 2])
    with django_assert_max_num_queries(2):
        response = client.post(AUDIT_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Svar på spørsmål 4 før du ser resultatet." in html
    assert 'href="#id_q4_0"' in html  # the error summary links to the question
    assert re.search(r'<input type="radio" name="q1" value="2"[^>]*checked', html)
    assert re.search(r'<input type="radio" name="q10" value="2"[^>]*checked', html)
    assert "Du fikk" not in html and "poeng" not in text_of(response)
    assert "<title>Feil:" in html
    assert_no_store(response)
    assert_only_the_csrf_cookie(response, settings)


def test_every_unanswered_question_is_listed(client):
    html = client.post(AUDIT_URL, {"q1": "3"}).content.decode()
    for n in [2, 3, 9, 10]:
        assert f"Svar på spørsmål {n} før du ser resultatet." in html
    assert "Velg kjønn, eller «Vil ikke oppgi», før du ser resultatet." in html
    assert "Svar på spørsmål 1 " not in html


def test_an_empty_dudit_asks_for_every_answer(client):
    html = client.post(DUDIT_URL, {}).content.decode()
    for n in range(1, 12):
        assert f"Svar på spørsmål {n} før du ser resultatet." in html
    assert "Du fikk" not in html


@pytest.mark.parametrize(("item", "value"), [(10, "1"), (9, "3"), (1, "5"), (1, "-1"), (4, "4.0"), (2, "x")])
def test_an_audit_answer_outside_the_options_is_rejected_not_clamped(client, item, value):
    answers = [2] * 10
    data = audit_post(answers)
    data[f"q{item}"] = value
    response = client.post(AUDIT_URL, data)
    html = response.content.decode()
    assert f"Svaret på spørsmål {item} er ikke et av alternativene." in html
    assert "Du fikk" not in html
    assert re.search(r'<input type="radio" name="q3" value="2"[^>]*checked', html)
    assert_no_store(response)


def test_the_shared_rejection_vectors_are_rejected_through_the_page(client):
    audit = client.post(AUDIT_URL, audit_post([1, 0, 0, 0, 0, 0, 0, 0, 0, 1])).content.decode()
    dudit = client.post(DUDIT_URL, dudit_post([0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0])).content.decode()
    assert "Svaret på spørsmål 10 er ikke et av alternativene." in audit
    assert "Svaret på spørsmål 10 er ikke et av alternativene." in dudit
    assert "Du fikk" not in audit + dudit


def test_an_unknown_sex_is_rejected(client):
    html = client.post(AUDIT_URL, audit_post([0] * 10, sex="other")).content.decode()
    assert "Velg ett av alternativene for kjønn." in html
    assert "Du fikk" not in html


def test_answers_in_the_address_are_never_scored(client):
    query = "&".join(f"q{n}=4" for n in range(1, 11)) + "&sex=male"
    html = client.get(f"{AUDIT_URL}?{query}").content.decode()
    assert "Du fikk" not in html
    assert "checked" not in html
