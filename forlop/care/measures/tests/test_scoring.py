"""PHQ-9 and GAD-7 against shared/clinical/measures.json (every vector), our own cases at every band boundary,
refusals of answers that cannot be scored, and the PHQ-9 item-9 rule."""

import json
from pathlib import Path

import pytest

from forlop.care.measures import scoring
from forlop.care.measures.scoring import Kind, Point, Sex

MEASURES = Path(__file__).resolve().parents[5] / "shared" / "clinical" / "measures.json"


def measures() -> dict:
    if not MEASURES.exists():
        pytest.fail(f"{MEASURES} not found: the shared clinical data must sit beside the repository")
    return json.loads(MEASURES.read_text(encoding="utf-8"))


VECTORS = measures()["vectors"]


def answers_summing_to(kind: Kind, total: int) -> list[int]:
    count = len(scoring.INSTRUMENTS[kind].items)
    answers = [0] * count
    for i in range(count):
        answers[i] = min(3, total)
        total -= answers[i]
    assert total == 0
    return answers


@pytest.mark.parametrize("vector", [v for v in VECTORS if not v.get("invalid")], ids=str)
def test_it_scores_every_vector_in_measures_json(vector):
    result = scoring.score(vector["instrument"], vector["answers"])
    assert result.total == vector["total"]
    assert result.band.key == vector["band"]
    assert result.safety_flag is bool(vector.get("safety_flag"))


@pytest.mark.parametrize("vector", [v for v in VECTORS if v.get("invalid")], ids=str)
def test_it_refuses_every_invalid_vector_in_measures_json(vector):
    with pytest.raises(scoring.AnswerError) as error:
        scoring.score(vector["instrument"], vector["answers"])
    assert error.value.message  # a Norwegian message fit to show


@pytest.mark.parametrize("kind", [Kind.PHQ9, Kind.GAD7])
def test_it_matches_the_items_scores_and_bands_in_measures_json(kind):
    source = measures()[kind.value]
    instrument = scoring.INSTRUMENTS[kind]
    assert [item.n for item in instrument.items] == [item["n"] for item in source["items"]]
    for ours, theirs in zip(instrument.items, source["items"], strict=True):
        assert sorted(ours.allowed_scores) == theirs["allowed_scores"]
    assert [o.score for o in instrument.items[0].options] == [o["score"] for o in source["options"]]
    assert [0, instrument.max_total] == source["total_range"]
    assert [(b.key, [b.low, b.high]) for b in scoring.BANDS[kind]] == [
        (b["band"], b["range"]) for b in source["bands"]
    ]


BOUNDARIES = [
    (Kind.PHQ9, 0, "minimal"),
    (Kind.PHQ9, 4, "minimal"),
    (Kind.PHQ9, 5, "mild"),
    (Kind.PHQ9, 9, "mild"),
    (Kind.PHQ9, 10, "moderate"),
    (Kind.PHQ9, 14, "moderate"),
    (Kind.PHQ9, 15, "moderately severe"),
    (Kind.PHQ9, 19, "moderately severe"),
    (Kind.PHQ9, 20, "severe"),
    (Kind.PHQ9, 27, "severe"),
    (Kind.GAD7, 0, "minimal"),
    (Kind.GAD7, 4, "minimal"),
    (Kind.GAD7, 5, "mild"),
    (Kind.GAD7, 9, "mild"),
    (Kind.GAD7, 10, "moderate"),
    (Kind.GAD7, 14, "moderate"),
    (Kind.GAD7, 15, "severe"),
    (Kind.GAD7, 21, "severe"),
]


@pytest.mark.parametrize(("kind", "total", "band"), BOUNDARIES)
def test_it_puts_every_boundary_total_in_the_right_band(kind, total, band):
    result = scoring.score(kind, answers_summing_to(kind, total))
    assert (result.total, result.band.key) == (total, band)
    assert scoring.band_for_total(kind, total).key == band


@pytest.mark.parametrize(("kind", "total"), [(Kind.PHQ9, -1), (Kind.PHQ9, 28), (Kind.GAD7, 22)])
def test_it_has_no_band_for_a_total_out_of_range(kind, total):
    with pytest.raises(ValueError):
        scoring.band_for_total(kind, total)


REFUSED = [
    (Kind.PHQ9, [0] * 8 + [4], scoring.AnswerNotAllowed),
    (Kind.PHQ9, [0] * 8 + [-1], scoring.AnswerNotAllowed),
    (Kind.PHQ9, [0] * 8 + [True], scoring.AnswerNotAllowed),
    (Kind.PHQ9, [0] * 8 + ["1"], scoring.AnswerNotAllowed),
    (Kind.PHQ9, [0] * 8 + [None], scoring.AnswersMissing),
    (Kind.PHQ9, [None] * 9, scoring.AnswersMissing),
    (Kind.PHQ9, [0] * 10, scoring.WrongNumberOfAnswers),
    (Kind.PHQ9, [], scoring.WrongNumberOfAnswers),
    (Kind.GAD7, [0] * 6 + [4], scoring.AnswerNotAllowed),
    (Kind.GAD7, [0] * 6 + [None], scoring.AnswersMissing),
    (Kind.GAD7, [0] * 6, scoring.WrongNumberOfAnswers),
    (Kind.GAD7, [0] * 9, scoring.WrongNumberOfAnswers),
]


@pytest.mark.parametrize(("kind", "answers", "error"), REFUSED)
def test_it_refuses_answers_out_of_range_or_missing_and_never_clamps(kind, answers, error):
    with pytest.raises(error):
        scoring.score(kind, answers)


def test_a_missing_answer_names_the_item_in_norwegian():
    with pytest.raises(scoring.AnswersMissing) as error:
        scoring.score(Kind.PHQ9, [0, None, 0, 0, 0, 0, 0, 0, None])
    assert error.value.items == (2, 9)
    assert "2, 9" in error.value.message


# The item-9 rule: any answer above 0 on PHQ-9 item 9, whatever the total.
ITEM9 = [
    ([0, 0, 0, 0, 0, 0, 0, 0, 0], False),
    ([3, 3, 3, 3, 3, 3, 3, 3, 0], False),  # severe total, but item 9 is 0
    ([0, 0, 0, 0, 0, 0, 0, 0, 1], True),  # total 1, minimal band
    ([0, 0, 0, 0, 0, 0, 0, 0, 2], True),
    ([0, 0, 0, 0, 0, 0, 0, 0, 3], True),
    ([3, 3, 3, 3, 3, 3, 3, 3, 3], True),
    ([1, 1, 0, 0, 0, 0, 0, 0, 1], True),
]


@pytest.mark.parametrize(("answers", "flagged"), ITEM9)
def test_the_item_9_rule_holds_whatever_the_total(answers, flagged):
    assert scoring.score(Kind.PHQ9, answers).safety_flag is flagged
    assert scoring.item9_positive(Kind.PHQ9, answers) is flagged


def test_gad7_and_audit_have_no_item_9_rule():
    assert scoring.score(Kind.GAD7, [3] * 7).safety_flag is False
    assert scoring.item9_positive(Kind.AUDIT, [4] * 10) is False


def test_audit_and_dudit_are_scored_by_the_self_test_rules():
    audit = scoring.score(Kind.AUDIT, [2, 1, 1, 0, 0, 0, 0, 0, 0, 0], sex=Sex.MALE)
    assert (audit.total, audit.band.key, str(audit.band.label)) == (4, "zone_1", "Lav risiko")
    # The women's (lower) cut-off when no sex is given: 6 is zone II.
    audit6 = scoring.score(Kind.AUDIT, [2, 2, 2, 0, 0, 0, 0, 0, 0, 0])
    assert (audit6.total, audit6.band.key, audit6.sex) == (6, "zone_2", Sex.UNSPECIFIED)
    dudit = scoring.score(Kind.DUDIT, [1, 1] + [0] * 9, sex=Sex.FEMALE)
    assert (dudit.total, dudit.band.key) == (2, "dudit_1")
    assert scoring.band_by_key(Kind.AUDIT, "zone_4").rank == 3


CHANGES = [
    (Kind.PHQ9, Point(14, "moderate"), Point(8, "mild"), ["gått ned fra 14 til 8", "lavere gruppe"]),
    (Kind.PHQ9, Point(8, "mild"), Point(12, "moderate"), ["gått opp fra 8 til 12", "høyere gruppe"]),
    (
        Kind.GAD7,
        Point(7, "mild"),
        Point(6, "mild"),
        ["gått ned fra 7 til 6", "fortsatt i gruppen «milde plager»"],
    ),
    (Kind.GAD7, Point(7, "mild"), Point(7, "mild"), ["den samme som forrige gang (7)"]),
]


@pytest.mark.parametrize(("kind", "old", "new", "phrases"), CHANGES)
def test_a_change_is_told_by_sums_and_bands_only(kind, old, new, phrases):
    text = scoring.change_text(kind, old, new)
    for phrase in phrases:
        assert phrase in text
    assert "bedring" not in text and "forverr" not in text  # no claim the sources do not support
