import pytest

from forlop.matching.flow import SESSION_KEY
from forlop.matching.models import MatchRequest

from .conftest import fill_steps

pytestmark = pytest.mark.django_db

# AUDIT answers scoring 14 (zone II) for a man.
AUDIT_ANSWERS = {f"q{n}": str(score) for n, score in enumerate([3, 2, 2, 1, 1, 1, 0, 2, 2, 0], start=1)}


def test_it_scores_the_self_test_again_and_keeps_only_the_result(client):
    response = client.post(
        "/finn-terapeut/selvtest/", {"instrument": "audit", "sex": "male", **AUDIT_ANSWERS, "total": "40"}
    )
    assert response["Location"] == "/finn-terapeut/"
    assert client.session[SESSION_KEY]["selftest"] == {
        "instrument": "audit",
        "name": "AUDIT",
        "total": 14,
        "max": 40,
        "zone": "Økt risiko",
    }
    assert (
        "Resultatet fra selvtesten (AUDIT: 14 av 40 poeng) er lagt ved."
        in client.get(response["Location"]).content.decode()
    )


@pytest.mark.parametrize(
    "data",
    [
        {"instrument": "audit", "sex": "male", **{**AUDIT_ANSWERS, "q9": "3"}},  # not an allowed score
        {"instrument": "audit", "sex": "male", **{**AUDIT_ANSWERS, "q10": ""}},  # missing answer
        {"instrument": "audit", "sex": "kanskje", **AUDIT_ANSWERS},
        {"instrument": "phq9", "sex": "male", **AUDIT_ANSWERS},
        {"instrument": "dudit", "sex": "female", **AUDIT_ANSWERS},  # too few answers for DUDIT
    ],
)
def test_it_refuses_answers_it_cannot_score(client, data):
    response = client.post("/finn-terapeut/selvtest/", data)
    assert response.status_code == 400
    assert "Resultatet kunne ikke tas med" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_result_goes_with_the_request_only_when_the_person_ticks_it(client):
    client.post("/finn-terapeut/selvtest/", {"instrument": "audit", "sex": "male", **AUDIT_ANSWERS})
    fill_steps(client, step_5={"include_selftest": "on"})
    assert (
        "AUDIT: 14 av 40 poeng (Økt risiko)." in client.get("/finn-terapeut/oppsummering/").content.decode()
    )
    client.post("/finn-terapeut/oppsummering/")
    assert MatchRequest.objects.get().selftest["total"] == 14


def test_an_unticked_result_is_left_out(client):
    client.post("/finn-terapeut/selvtest/", {"instrument": "audit", "sex": "male", **AUDIT_ANSWERS})
    fill_steps(client)
    client.post("/finn-terapeut/oppsummering/")
    assert MatchRequest.objects.get().selftest is None


def test_the_include_for_the_result_page_posts_the_answers(client):
    from django.template.loader import render_to_string

    from forlop.selftest.instruments import AUDIT_INSTRUMENT
    from forlop.selftest.scoring import Sex, score_audit

    result = score_audit([int(AUDIT_ANSWERS[f"q{n}"]) for n in range(1, 11)], sex=Sex.MALE)
    html = render_to_string(
        "matching/includes/attach_selftest.html", {"instrument": AUDIT_INSTRUMENT, "result": result}
    )
    assert 'action="/finn-terapeut/selvtest/"' in html
    assert '<input type="hidden" name="q1" value="3">' in html
    assert '<input type="hidden" name="sex" value="male">' in html
    assert "Ta med resultatet i matchskjemaet" in html
