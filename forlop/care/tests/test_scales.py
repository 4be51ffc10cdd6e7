"""CIWA-Ar, COWS and PAWSS scoring: every shared test vector, our own cases at every band boundary, the
thresholds that flag the doctor, rejections, and properties.

The vectors and the reference data are read from ../shared/clinical/ beside the repository (as in CI). The app
itself never reads them; these tests check that forlop/care/scales.py still agrees with them.
"""

import json
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from forlop.care.scales import (
    BANDS,
    SCALES,
    THRESHOLDS,
    FlagLevel,
    PawssNotApplicable,
    ScaleAnswerError,
    ScaleKind,
    ScoreNotAllowed,
    ScoresGivenButNotApplicable,
    ScoresMissing,
    WrongNumberOfScores,
    band_for_total,
    flag_for_total,
    score,
    score_ciwa_ar,
    score_cows,
    score_pawss,
)

SHARED_CLINICAL = Path(__file__).resolve().parents[4] / "shared" / "clinical"
CIWA, COWS, PAWSS = ScaleKind.CIWA_AR, ScaleKind.COWS, ScaleKind.PAWSS


def shared(name: str):
    path = SHARED_CLINICAL / name
    if not path.exists():
        pytest.fail(
            f"{path} not found: the withdrawal-scale tests check forlop/care/scales.py against the shared "
            "clinical data, which must sit beside the repository (../shared/clinical/, as in CI)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def vectors(instrument: str, *, invalid: bool) -> list[dict]:
    path = SHARED_CLINICAL / "test-vectors.json"
    if not path.exists():  # collected at import time: fail in the test, with the message, not here
        return [{"instrument": instrument, "missing": True}]
    return [
        v
        for v in shared("test-vectors.json")
        if v["instrument"] == instrument and bool(v.get("invalid")) is invalid
    ]


def vector_id(vector: dict) -> str:
    return str(vector.get("answers", f"threshold={vector.get('threshold')}"))


def require_shared(vector: dict) -> None:
    if vector.get("missing"):
        shared("test-vectors.json")


# --- The shared test vectors -------------------------------------------------------------------------


@pytest.mark.parametrize("vector", vectors("ciwa_ar", invalid=False), ids=vector_id)
def test_it_scores_every_ciwa_ar_vector(vector):
    require_shared(vector)
    result = score_ciwa_ar(vector["answers"])
    assert (result.total, result.band.key) == (vector["total"], vector["band"])


@pytest.mark.parametrize("vector", vectors("cows", invalid=False), ids=vector_id)
def test_it_scores_every_cows_vector(vector):
    require_shared(vector)
    result = score_cows(vector["answers"])
    assert (result.total, result.band.key) == (vector["total"], vector["band"])


@pytest.mark.parametrize("vector", vectors("pawss", invalid=False), ids=vector_id)
def test_it_scores_every_pawss_vector(vector):
    require_shared(vector)
    result = score_pawss(vector.get("answers"), threshold_met=vector["threshold"])
    if vector["result"] == "not applicable":
        assert isinstance(result, PawssNotApplicable)
        assert not result.applicable and not result.flagged
    else:
        assert result.applicable
        assert (result.total, result.band.key) == (vector["total"], vector["result"])


@pytest.mark.parametrize(
    ("instrument", "scorer"), [("ciwa_ar", score_ciwa_ar), ("cows", score_cows)], ids=["ciwa_ar", "cows"]
)
def test_it_rejects_every_invalid_vector(instrument, scorer):
    invalid = vectors(instrument, invalid=True)
    require_shared(invalid[0])
    for vector in invalid:
        with pytest.raises(ScoreNotAllowed) as caught:
            scorer(vector["answers"])
        assert vector["answers"][caught.value.item - 1] == caught.value.value


def test_the_shared_vectors_cover_all_three_scales_and_rejections():
    data = shared("test-vectors.json")
    kinds = {v["instrument"] for v in data}
    assert {"ciwa_ar", "cows", "pawss"} <= kinds
    assert any(v.get("invalid") for v in data if v["instrument"] == "ciwa_ar")
    assert any(v.get("invalid") for v in data if v["instrument"] == "cows")


# --- Our code agrees with instruments.json ------------------------------------------------------------


@pytest.mark.parametrize("kind", [CIWA, COWS], ids=str)
def test_the_items_and_allowed_scores_match_the_reference(kind):
    reference = shared("instruments.json")[kind.value]
    definition = SCALES[kind]
    assert [item.n for item in definition.items] == [ref["n"] for ref in reference["items"]]
    for item, ref in zip(definition.items, reference["items"], strict=True):
        expected = ref.get("allowed_scores") or [option["score"] for option in ref["options"]]
        assert list(item.allowed_scores) == expected, item.n
        if "options" in ref:
            assert [o.score for o in item.options] == expected
    assert [0, definition.max_total] == reference["total_range"]


def test_the_pawss_items_match_the_reference():
    reference = shared("instruments.json")["pawss"]
    definition = SCALES[PAWSS]
    assert [item.n for item in definition.items] == [ref["n"] for ref in reference["items"]]
    for item, ref in zip(definition.items, reference["items"], strict=True):
        assert item.allowed_scores == (0, ref["score_if_yes"])
    assert [0, definition.max_total] == reference["total_range"]


@pytest.mark.parametrize("kind", [CIWA, COWS], ids=str)
def test_the_bands_match_the_reference(kind):
    reference = shared("instruments.json")[kind.value]["bands"]
    assert [(b.key, [b.low, b.high]) for b in BANDS[kind]] == [(r["band"], r["range"]) for r in reference]


def test_the_pawss_cutoff_matches_the_reference():
    cutoff = shared("instruments.json")["pawss"]["cutoff"]["high_risk_of_complicated_withdrawal_at_or_above"]
    assert THRESHOLDS[PAWSS].at_or_above == cutoff
    assert [(b.key, b.low, b.high) for b in BANDS[PAWSS]] == [
        ("low risk", 0, cutoff - 1),
        ("high risk", cutoff, 10),
    ]


@pytest.mark.parametrize("kind", list(ScaleKind), ids=str)
def test_the_bands_cover_every_total_exactly_once_in_order(kind):
    bands = BANDS[kind]
    assert bands[0].low == 0 and bands[-1].high == SCALES[kind].max_total
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert upper.low == lower.high + 1
    assert [b.rank for b in bands] == list(range(len(bands)))


def test_every_item_band_and_threshold_has_norwegian_text():
    for definition in SCALES.values():
        assert str(definition.title) and str(definition.source)
        for item in definition.items:
            assert str(item.text)
            assert all(str(option.label) for option in item.options)
        assert all(str(band.label) for band in definition.bands)
        assert str(definition.threshold.label) and str(definition.threshold.rule)
    assert str(BANDS[COWS][0].label) == "Ingen abstinenser"
    assert str(BANDS[PAWSS][1].label) == "Høy risiko for komplisert abstinens"


# --- Band boundaries, each side ----------------------------------------------------------------------


def answers_for(kind: ScaleKind, total: int) -> list[int]:
    """Allowed answers adding up to `total`, filled greedily item by item with the largest score that fits
    and still leaves the rest reachable (every item allows 0, and COWS needs care with its gaps)."""
    items = SCALES[kind].items
    answers = [0] * len(items)
    remaining = total
    for index, item in enumerate(items):
        for value in sorted(item.allowed_scores, reverse=True):
            rest = remaining - value
            if rest >= 0 and _reachable(items[index + 1 :], rest):
                answers[index] = value
                remaining = rest
                break
    assert remaining == 0 and sum(answers) == total, (kind, total)
    return answers


def _reachable(items, total: int) -> bool:
    sums = {0}
    for item in items:
        sums = {s + v for s in sums for v in item.allowed_scores if s + v <= total}
    return total in sums


@pytest.mark.parametrize(
    ("kind", "total", "band", "flagged"),
    [
        (CIWA, 0, "minimal/mild", False),
        (CIWA, 7, "minimal/mild", False),
        (CIWA, 8, "moderate", False),
        (CIWA, 14, "moderate", False),
        (CIWA, 15, "severe", True),
        (CIWA, 67, "severe", True),
        (COWS, 0, "none", False),
        (COWS, 4, "none", False),
        (COWS, 5, "mild", False),
        (COWS, 12, "mild", False),
        (COWS, 13, "moderate", False),
        (COWS, 24, "moderate", False),
        (COWS, 25, "moderately severe", True),
        (COWS, 36, "moderately severe", True),
        (COWS, 37, "severe", True),
        (COWS, 48, "severe", True),
        (PAWSS, 0, "low risk", False),
        (PAWSS, 3, "low risk", False),
        (PAWSS, 4, "high risk", True),
        (PAWSS, 10, "high risk", True),
    ],
)
def test_it_puts_each_boundary_total_in_the_right_band_and_flags_from_the_threshold(
    kind, total, band, flagged
):
    result = score(kind, answers_for(kind, total))
    assert (result.total, result.band.key, result.flagged) == (total, band, flagged)
    assert band_for_total(kind, total) is result.band
    assert (flag_for_total(kind, total) is THRESHOLDS[kind]) is flagged


@pytest.mark.parametrize(
    ("kind", "at_or_above", "level"),
    [(CIWA, 15, FlagLevel.FLAG), (COWS, 25, FlagLevel.URGENT), (PAWSS, 4, FlagLevel.HIGH_RISK)],
)
def test_the_doctor_is_flagged_from_the_agreed_thresholds_and_told_why(kind, at_or_above, level):
    threshold = THRESHOLDS[kind]
    assert (threshold.scale, threshold.at_or_above, threshold.level) == (kind, at_or_above, level)
    below = score(kind, answers_for(kind, at_or_above - 1))
    at = score(kind, answers_for(kind, at_or_above))
    assert below.flag is None and not below.flagged
    assert at.flag is threshold
    assert f"{at_or_above} eller mer" in str(at.flag.rule)


def test_the_urgent_cows_threshold_starts_the_moderately_severe_band():
    assert THRESHOLDS[COWS].at_or_above == next(b.low for b in BANDS[COWS] if b.key == "moderately severe")


def test_the_ciwa_ar_threshold_starts_the_severe_band():
    assert THRESHOLDS[CIWA].at_or_above == next(b.low for b in BANDS[CIWA] if b.key == "severe")


@pytest.mark.parametrize(("kind", "total"), [(CIWA, -1), (CIWA, 68), (COWS, 49), (PAWSS, 11), (PAWSS, True)])
def test_it_refuses_a_total_outside_the_range(kind, total):
    with pytest.raises(ValueError):
        band_for_total(kind, total)
    with pytest.raises(ValueError):
        flag_for_total(kind, total)


# --- Rejections --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "item", "value"),
    [
        (CIWA, 1, -1),
        (CIWA, 1, 8),
        (CIWA, 9, 8),
        (CIWA, 10, 5),
        (CIWA, 10, 7),
        (CIWA, 2, True),
        (CIWA, 2, "3"),
        (CIWA, 2, 3.0),
        (COWS, 1, 3),
        (COWS, 1, 5),
        (COWS, 3, 2),
        (COWS, 3, 4),
        (COWS, 4, 3),
        (COWS, 4, 4),
        (COWS, 7, 4),
        (COWS, 11, 1),
        (COWS, 11, 2),
        (COWS, 11, 4),
        (COWS, 2, 5),
        (COWS, 2, -1),
        (PAWSS, 1, 2),
        (PAWSS, 10, -1),
        (PAWSS, 5, True),
    ],
)
def test_it_rejects_a_score_outside_the_items_allowed_scores_and_never_clamps(kind, item, value):
    answers: list = [0] * len(SCALES[kind].items)
    answers[item - 1] = value
    with pytest.raises(ScoreNotAllowed) as caught:
        score(kind, answers)
    assert (caught.value.item, caught.value.value) == (item, value)
    assert isinstance(caught.value, ValueError)
    assert caught.value.message.startswith(f"{SCALES[kind].short_name} punkt {item} kan bare være")


def test_the_rejection_says_which_scores_are_allowed():
    with pytest.raises(ScoreNotAllowed) as caught:
        score_cows([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0])
    assert (
        caught.value.message
        == "COWS punkt 3 kan bare være 0, 1, 3 eller 5, ikke «2». Velg en av disse verdiene."
    )


def test_missing_items_are_rejected_and_named():
    answers: list = [1] * 10
    answers[1] = None
    answers[9] = None
    with pytest.raises(ScoresMissing) as caught:
        score_ciwa_ar(answers)
    assert caught.value.items == (2, 10)
    assert caught.value.message == (
        "Fyll ut CIWA-Ar punkt 2, 10. Summen regnes bare ut når alle punktene er fylt ut."
    )


def test_an_invalid_score_is_reported_before_missing_ones():
    with pytest.raises(ScoreNotAllowed):
        score_cows([None, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0])


@pytest.mark.parametrize(
    ("kind", "count"), [(CIWA, 0), (CIWA, 9), (CIWA, 11), (COWS, 10), (COWS, 12), (PAWSS, 9)]
)
def test_it_rejects_the_wrong_number_of_scores(kind, count):
    with pytest.raises(WrongNumberOfScores) as caught:
        score(kind, [0] * count)
    assert (caught.value.expected, caught.value.got) == (len(SCALES[kind].items), count)


def test_pawss_needs_every_answer_when_it_applies():
    with pytest.raises(ScoresMissing) as caught:
        score_pawss(None, threshold_met=True)
    assert caught.value.items == tuple(range(1, 11))


def test_pawss_does_not_apply_without_recent_alcohol_and_refuses_answers_then():
    assert isinstance(score_pawss(None, threshold_met=False), PawssNotApplicable)
    assert isinstance(score_pawss([None] * 10, threshold_met=False), PawssNotApplicable)
    with pytest.raises(ScoresGivenButNotApplicable) as caught:
        score_pawss([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], threshold_met=False)
    assert "PAWSS brukes bare når" in caught.value.message


def test_every_rejection_is_a_value_error_with_a_norwegian_message():
    for error in (ScoreNotAllowed, ScoresMissing, WrongNumberOfScores, ScoresGivenButNotApplicable):
        assert issubclass(error, ScaleAnswerError) and issubclass(error, ValueError)


# --- Properties --------------------------------------------------------------------------------------

kinds = st.sampled_from(list(ScaleKind))


@st.composite
def allowed_answers(draw, kind=None):
    kind = kind or draw(kinds)
    return kind, [draw(st.sampled_from(item.allowed_scores)) for item in SCALES[kind].items]


@given(allowed_answers())
def test_the_total_is_the_sum_of_the_item_scores_and_in_range(case):
    kind, answers = case
    result = score(kind, answers)
    assert result.scores == tuple(answers)
    assert result.total == sum(answers)
    assert 0 <= result.total <= SCALES[kind].max_total
    assert result.total in result.band
    assert result.flagged is (result.total >= THRESHOLDS[kind].at_or_above)


@given(allowed_answers(), st.data())
def test_any_score_outside_an_items_allowed_scores_is_rejected(case, data):
    kind, answers = case
    n = data.draw(st.integers(min_value=1, max_value=len(answers)))
    value = data.draw(st.integers(min_value=-100, max_value=100) | st.integers())
    assume(value not in SCALES[kind].item(n).allowed_scores)
    answers[n - 1] = value
    with pytest.raises(ScoreNotAllowed) as caught:
        score(kind, answers)
    assert (caught.value.item, caught.value.value) == (n, value)


@given(kinds, st.data())
def test_the_band_never_falls_as_the_total_rises(kind, data):
    top = SCALES[kind].max_total
    low = data.draw(st.integers(min_value=0, max_value=top))
    high = data.draw(st.integers(min_value=low, max_value=top))
    assert band_for_total(kind, low).rank <= band_for_total(kind, high).rank
    if flag_for_total(kind, low):
        assert flag_for_total(kind, high)


@given(kinds, st.data())
def test_a_higher_total_never_gets_a_lower_band(kind, data):
    _, one = data.draw(allowed_answers(kind))
    _, two = data.draw(allowed_answers(kind))
    a, b = score(kind, one), score(kind, two)
    if a.total > b.total:
        a, b = b, a
    assert a.band.rank <= b.band.rank
