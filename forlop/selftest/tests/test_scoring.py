"""AUDIT and DUDIT scoring: the shared test vectors, our own cases at every boundary, and properties."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from forlop.selftest.instruments import AUDIT_INSTRUMENT, DUDIT_INSTRUMENT
from forlop.selftest.scoring import (
    AnswerNotAllowed,
    AnswersMissing,
    DuditBand,
    Sex,
    WrongNumberOfAnswers,
    Zone,
    audit_zone_for_total,
    dudit_band_for_total,
    score_audit,
    score_dudit,
)

from .clinical import invalid_vectors, valid_vectors

ALL_SEXES = list(Sex)
VECTOR_SEXES = {"male": [Sex.MALE], "female": [Sex.FEMALE, Sex.UNSPECIFIED]}
DUDIT_RESULTS = {
    "below cut-off": DuditBand.BELOW_CUTOFF,
    "probable drug-related problems": DuditBand.PROBABLE_PROBLEMS,
    "probable dependence": DuditBand.PROBABLE_DEPENDENCE,
}
I, II, III, IV = Zone.LOW_RISK, Zone.HAZARDOUS, Zone.HARMFUL, Zone.POSSIBLE_DEPENDENCE  # noqa: E741


def sexes_for(vector: dict) -> list[Sex]:
    """A vector without a sex must hold whatever sex is given; 'female' also covers 'vil ikke oppgi'."""
    return VECTOR_SEXES[vector["sex"]] if "sex" in vector else ALL_SEXES


def vector_id(vector: dict) -> str:
    return f"{vector.get('sex', 'any')}-{vector['answers']}"


# --- The shared test vectors -------------------------------------------------------------------------


@pytest.mark.parametrize("vector", valid_vectors("audit"), ids=vector_id)
def test_it_scores_every_audit_vector(vector):
    for sex in sexes_for(vector):
        result = score_audit(vector["answers"], sex=sex)
        assert result.total == vector["total"], sex
        assert result.zone.roman == vector["zone"], sex


@pytest.mark.parametrize("vector", valid_vectors("dudit"), ids=vector_id)
def test_it_scores_every_dudit_vector(vector):
    for sex in sexes_for(vector):
        result = score_dudit(vector["answers"], sex=sex)
        assert result.total == vector["total"], sex
        assert result.band is DUDIT_RESULTS[vector["result"]], sex


@pytest.mark.parametrize("vector", invalid_vectors("audit"), ids=vector_id)
def test_it_rejects_every_invalid_audit_vector(vector):
    for sex in ALL_SEXES:
        with pytest.raises(AnswerNotAllowed) as caught:
            score_audit(vector["answers"], sex=sex)
        assert vector["answers"][caught.value.item - 1] == caught.value.value


@pytest.mark.parametrize("vector", invalid_vectors("dudit"), ids=vector_id)
def test_it_rejects_every_invalid_dudit_vector(vector):
    for sex in ALL_SEXES:
        with pytest.raises(AnswerNotAllowed) as caught:
            score_dudit(vector["answers"], sex=sex)
        assert vector["answers"][caught.value.item - 1] == caught.value.value


def test_the_shared_vectors_include_rejections_for_both_instruments():
    assert invalid_vectors("audit") and invalid_vectors("dudit")


# --- AUDIT boundaries ----------------------------------------------------------------------------------


def audit_answers_for(total: int) -> list[int]:
    """Answers adding up to `total` (0-27) without triggering the escalation rule."""
    answers = [0] * 10
    remaining = total
    for items, step, cap in (((1, 2, 3, 7, 8), 1, 4), ((4, 5, 6), 1, 1), ((9, 10), 2, 2)):
        for n in items:
            while remaining >= step and answers[n - 1] + step <= cap:
                answers[n - 1] += step
                remaining -= step
    assert remaining == 0, total
    return answers


@pytest.mark.parametrize(
    ("total", "sex", "zone"),
    [
        (0, Sex.MALE, I),
        (0, Sex.FEMALE, I),
        (5, Sex.FEMALE, I),
        (6, Sex.FEMALE, II),  # the Norwegian women's cut-off
        (7, Sex.FEMALE, II),
        (8, Sex.FEMALE, II),
        (5, Sex.MALE, I),
        (6, Sex.MALE, I),
        (7, Sex.MALE, I),
        (8, Sex.MALE, II),
        (5, Sex.UNSPECIFIED, I),  # "vil ikke oppgi" gets the lower (women's) cut-off
        (6, Sex.UNSPECIFIED, II),
        (7, Sex.UNSPECIFIED, II),
        (8, Sex.UNSPECIFIED, II),
        (15, Sex.MALE, II),
        (15, Sex.FEMALE, II),
        (16, Sex.MALE, III),
        (16, Sex.FEMALE, III),
        (16, Sex.UNSPECIFIED, III),
        (19, Sex.MALE, III),
        (19, Sex.FEMALE, III),
        (20, Sex.MALE, IV),
        (20, Sex.FEMALE, IV),
        (20, Sex.UNSPECIFIED, IV),
        (27, Sex.FEMALE, IV),
    ],
)
def test_it_puts_each_audit_boundary_in_the_right_zone(total, sex, zone):
    result = score_audit(audit_answers_for(total), sex=sex)
    assert (result.total, result.zone, result.escalated) == (total, zone, False)
    assert audit_zone_for_total(total, sex=sex) is zone


def test_it_knows_the_zone_of_every_possible_audit_total():
    expected_men = [I] * 8 + [II] * 8 + [III] * 4 + [IV] * 21
    expected_women = [I] * 6 + [II] * 10 + [III] * 4 + [IV] * 21
    assert [audit_zone_for_total(t, sex=Sex.MALE) for t in range(41)] == expected_men
    assert [audit_zone_for_total(t, sex=Sex.FEMALE) for t in range(41)] == expected_women
    assert [audit_zone_for_total(t, sex=Sex.UNSPECIFIED) for t in range(41)] == expected_women


@pytest.mark.parametrize("total", [-1, 41])
def test_it_refuses_an_audit_total_outside_the_range(total):
    with pytest.raises(ValueError):
        audit_zone_for_total(total, sex=Sex.MALE)


# --- AUDIT escalation -------------------------------------------------------------------------------


def with_answer(answers: list[int], n: int, value: int) -> list[int]:
    changed = list(answers)
    changed[n - 1] = value
    return changed


@pytest.mark.parametrize("item", [4, 5, 6])
def test_a_score_of_2_on_item_4_5_or_6_moves_the_zone_up(item):
    base = audit_answers_for(8)  # zone II for everyone, items 4-6 at most 1
    base = with_answer(base, item, 0)
    at_one = score_audit(with_answer(base, item, 1), sex=Sex.MALE)
    at_two = score_audit(with_answer(base, item, 2), sex=Sex.MALE)
    assert not at_one.escalated
    assert at_two.escalated and at_two.escalated_by == (item,)
    assert at_two.zone is Zone(at_two.base_zone + 1)


@pytest.mark.parametrize("item", [9, 10])
def test_a_score_of_4_on_item_9_or_10_moves_the_zone_up(item):
    base = with_answer([1, 1, 1, 0, 0, 0, 0, 0, 0, 0], item, 2)
    at_two = score_audit(base, sex=Sex.MALE)
    at_four = score_audit(with_answer(base, item, 4), sex=Sex.MALE)
    assert (at_two.zone, at_two.escalated) == (I, False)
    assert (at_four.total, at_four.base_zone, at_four.zone) == (7, I, II)
    assert at_four.escalated_by == (item,)


def test_escalation_applies_on_top_of_the_womens_cutoff():
    answers = [1, 1, 1, 0, 0, 0, 0, 0, 0, 4]  # total 7, item 10 = 4
    assert score_audit(answers, sex=Sex.FEMALE).zone is III
    assert score_audit(answers, sex=Sex.MALE).zone is II
    assert score_audit(answers, sex=Sex.UNSPECIFIED).zone is III


def test_escalation_never_goes_past_the_highest_zone():
    result = score_audit([4] * 10, sex=Sex.MALE)
    assert (result.base_zone, result.zone, result.escalated) == (IV, IV, False)
    assert result.escalated_by == (4, 5, 6, 9, 10)


def test_it_flags_possible_dependence_from_items_4_to_6():
    below = score_audit([2, 2, 2, 1, 1, 1, 0, 0, 0, 0], sex=Sex.MALE)
    at = score_audit([2, 2, 2, 2, 1, 1, 0, 0, 0, 0], sex=Sex.MALE)
    assert (below.dependence_subscore, below.possible_dependence) == (3, False)
    assert (at.dependence_subscore, at.possible_dependence) == (4, True)


# --- AUDIT skip logic -------------------------------------------------------------------------------


def test_never_drinking_skips_items_2_to_8_and_scores_them_0():
    result = score_audit([0, None, None, None, None, None, None, None, 2, 0], sex=Sex.FEMALE)
    assert result.skipped == frozenset(range(2, 9))
    assert (result.total, result.zone) == (2, I)


def test_answers_to_skipped_items_do_not_count():
    result = score_audit([0, 4, 4, 4, 4, 4, 4, 4, 0, 2], sex=Sex.MALE)
    assert result.scores == (0, 0, 0, 0, 0, 0, 0, 0, 0, 2)
    assert (result.total, result.zone) == (2, I)


def test_low_quantity_and_no_binge_skips_items_4_to_8():
    skipped = score_audit([2, 0, 0, None, None, None, None, None, 0, 0], sex=Sex.MALE)
    answered = score_audit([2, 0, 0, 3, 3, 3, 3, 3, 0, 0], sex=Sex.MALE)
    assert skipped.skipped == answered.skipped == frozenset(range(4, 9))
    assert skipped.total == answered.total == 2
    assert not answered.escalated


def test_items_4_to_8_are_needed_when_item_2_or_3_is_above_0():
    for quantity, binge in [(1, 0), (0, 1)]:
        with pytest.raises(AnswersMissing) as caught:
            score_audit([2, quantity, binge, None, None, None, None, None, 0, 0], sex=Sex.MALE)
        assert caught.value.items == (4, 5, 6, 7, 8)


def test_items_9_and_10_are_always_needed():
    with pytest.raises(AnswersMissing) as caught:
        score_audit([0, None, None, None, None, None, None, None, None, None], sex=Sex.MALE)
    assert caught.value.items == (9, 10)


def test_a_missing_first_answer_asks_only_for_what_is_certainly_needed():
    with pytest.raises(AnswersMissing) as caught:
        score_audit([None] * 10, sex=Sex.MALE)
    assert caught.value.items == (1, 9, 10)


def test_items_2_and_3_are_needed_when_the_person_drinks():
    with pytest.raises(AnswersMissing) as caught:
        score_audit([3, None, None, None, None, None, None, None, 0, 0], sex=Sex.MALE)
    assert caught.value.items == (2, 3)
    assert "Svar på spørsmål 2, 3 før du ser resultatet." == caught.value.message


def test_an_invalid_answer_to_a_skipped_item_is_still_rejected():
    with pytest.raises(AnswerNotAllowed) as caught:
        score_audit([0, 7, None, None, None, None, None, None, 0, 0], sex=Sex.MALE)
    assert (caught.value.item, caught.value.value) == (2, 7)


# --- Rejections --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "value"),
    [(1, -1), (1, 5), (8, 5), (9, 1), (9, 3), (10, 1), (10, 3), (10, 5), (1, True), (1, "2"), (1, 2.0)],
)
def test_it_rejects_an_audit_answer_outside_the_allowed_scores(item, value):
    answers: list = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    answers[item - 1] = value
    with pytest.raises(AnswerNotAllowed) as caught:
        score_audit(answers, sex=Sex.MALE)
    assert caught.value.item == item
    assert f"Svaret på spørsmål {item} er ikke et av alternativene" in caught.value.message


@pytest.mark.parametrize(("item", "value"), [(1, -1), (1, 5), (9, 5), (10, 1), (11, 3), (11, 5), (3, False)])
def test_it_rejects_a_dudit_answer_outside_the_allowed_scores(item, value):
    answers: list = [0] * 11
    answers[item - 1] = value
    with pytest.raises(AnswerNotAllowed) as caught:
        score_dudit(answers, sex=Sex.FEMALE)
    assert caught.value.item == item


@pytest.mark.parametrize("count", [0, 9, 11])
def test_it_rejects_the_wrong_number_of_audit_answers(count):
    with pytest.raises(WrongNumberOfAnswers):
        score_audit([0] * count, sex=Sex.MALE)


@pytest.mark.parametrize("count", [10, 12])
def test_it_rejects_the_wrong_number_of_dudit_answers(count):
    with pytest.raises(WrongNumberOfAnswers):
        score_dudit([0] * count, sex=Sex.MALE)


def test_every_dudit_item_must_be_answered():
    answers: list = [2] * 11
    answers[2] = None
    answers[10] = None
    with pytest.raises(AnswersMissing) as caught:
        score_dudit(answers, sex=Sex.MALE)
    assert caught.value.items == (3, 11)


# --- DUDIT boundaries ------------------------------------------------------------------------------


def dudit_answers_for(total: int) -> list[int]:
    answers = [0] * 11
    remaining = total
    for n in range(1, 10):
        answers[n - 1] = min(4, remaining)
        remaining -= answers[n - 1]
    for n in (10, 11):
        answers[n - 1] = min(4, remaining - remaining % 2)
        remaining -= answers[n - 1]
    assert remaining == 0, total
    return answers


@pytest.mark.parametrize(
    ("total", "sex", "band"),
    [
        (0, Sex.FEMALE, DuditBand.BELOW_CUTOFF),
        (1, Sex.FEMALE, DuditBand.BELOW_CUTOFF),
        (2, Sex.FEMALE, DuditBand.PROBABLE_PROBLEMS),
        (2, Sex.MALE, DuditBand.BELOW_CUTOFF),
        (1, Sex.UNSPECIFIED, DuditBand.BELOW_CUTOFF),
        (2, Sex.UNSPECIFIED, DuditBand.PROBABLE_PROBLEMS),  # the lower (women's) cut-off
        (5, Sex.MALE, DuditBand.BELOW_CUTOFF),
        (5, Sex.UNSPECIFIED, DuditBand.PROBABLE_PROBLEMS),
        (5, Sex.FEMALE, DuditBand.PROBABLE_PROBLEMS),
        (6, Sex.MALE, DuditBand.PROBABLE_PROBLEMS),
        (6, Sex.UNSPECIFIED, DuditBand.PROBABLE_PROBLEMS),
        (24, Sex.MALE, DuditBand.PROBABLE_PROBLEMS),
        (24, Sex.FEMALE, DuditBand.PROBABLE_PROBLEMS),
        (25, Sex.MALE, DuditBand.PROBABLE_DEPENDENCE),
        (25, Sex.FEMALE, DuditBand.PROBABLE_DEPENDENCE),
        (25, Sex.UNSPECIFIED, DuditBand.PROBABLE_DEPENDENCE),
        (44, Sex.FEMALE, DuditBand.PROBABLE_DEPENDENCE),
    ],
)
def test_it_puts_each_dudit_boundary_in_the_right_band(total, sex, band):
    result = score_dudit(dudit_answers_for(total), sex=sex)
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize("total", [-1, 45])
def test_it_refuses_a_dudit_total_outside_the_range(total):
    with pytest.raises(ValueError):
        dudit_band_for_total(total, sex=Sex.MALE)


# --- Properties --------------------------------------------------------------------------------------

sexes = st.sampled_from(ALL_SEXES)


@st.composite
def audit_answers(draw, blank_skipped: bool | None = None):
    answers = [draw(st.sampled_from(sorted(item.allowed_scores))) for item in AUDIT_INSTRUMENT.items]
    if blank_skipped if blank_skipped is not None else draw(st.booleans()):
        first, quantity, binge = answers[:3]
        skipped = range(2, 9) if first == 0 else range(4, 9) if quantity == binge == 0 else range(0)
        for n in skipped:
            answers[n - 1] = None
    return answers


dudit_answers = st.tuples(
    *(st.sampled_from(sorted(item.allowed_scores)) for item in DUDIT_INSTRUMENT.items)
).map(list)


@given(audit_answers(), sexes)
def test_the_audit_total_is_the_sum_of_the_scored_answers_and_in_range(answers, sex):
    result = score_audit(answers, sex=sex)
    assert result.total == sum(result.scores)
    assert 0 <= result.total <= 40
    for n, (given_answer, scored) in enumerate(zip(answers, result.scores, strict=True), start=1):
        assert scored == (0 if n in result.skipped else given_answer)


@given(audit_answers(), sexes)
def test_the_audit_zone_follows_the_total_unless_the_escalation_rule_applies(answers, sex):
    result = score_audit(answers, sex=sex)
    assert result.base_zone is audit_zone_for_total(result.total, sex=sex)
    if result.escalated_by:
        assert result.zone is Zone(min(result.base_zone + 1, IV))
    else:
        assert result.zone is result.base_zone


@given(audit_answers(), audit_answers(), sexes)
def test_the_audit_zone_never_falls_as_the_total_rises(first, second, sex):
    one, two = score_audit(first, sex=sex), score_audit(second, sex=sex)
    assume(one.total <= two.total)
    assert one.base_zone <= two.base_zone
    if not one.escalated_by and not two.escalated_by:
        assert one.zone <= two.zone


@given(audit_answers())
def test_the_womens_cutoff_never_lowers_the_zone_and_unspecified_means_the_lower_cutoff(answers):
    women = score_audit(answers, sex=Sex.FEMALE)
    men = score_audit(answers, sex=Sex.MALE)
    unspecified = score_audit(answers, sex=Sex.UNSPECIFIED)
    assert women.zone >= men.zone
    assert unspecified.zone is women.zone
    assert unspecified.lower_cutoff_by_default
    assert not women.lower_cutoff_by_default and not men.lower_cutoff_by_default


@given(audit_answers(blank_skipped=False), st.integers(min_value=1, max_value=10), st.integers(), sexes)
def test_an_audit_answer_outside_the_allowed_scores_is_always_rejected(answers, item, value, sex):
    assume(value not in AUDIT_INSTRUMENT.item(item).allowed_scores)
    answers[item - 1] = value
    with pytest.raises(AnswerNotAllowed) as caught:
        score_audit(answers, sex=sex)
    assert caught.value.item == item


@given(dudit_answers, sexes)
def test_the_dudit_total_is_the_sum_of_the_answers_and_in_range(answers, sex):
    result = score_dudit(answers, sex=sex)
    assert result.total == sum(answers) == sum(result.scores)
    assert 0 <= result.total <= 44
    assert result.band is dudit_band_for_total(result.total, sex=sex)


@given(dudit_answers, dudit_answers, sexes)
def test_the_dudit_band_never_falls_as_the_total_rises(first, second, sex):
    one, two = score_dudit(first, sex=sex), score_dudit(second, sex=sex)
    assume(one.total <= two.total)
    assert one.band <= two.band


@given(dudit_answers)
def test_the_dudit_womens_cutoff_never_lowers_the_band_and_unspecified_means_the_lower_cutoff(answers):
    women = score_dudit(answers, sex=Sex.FEMALE)
    men = score_dudit(answers, sex=Sex.MALE)
    unspecified = score_dudit(answers, sex=Sex.UNSPECIFIED)
    assert women.band >= men.band
    assert unspecified.band is women.band
    assert unspecified.lower_cutoff_by_default and not women.lower_cutoff_by_default


@given(dudit_answers, st.integers(min_value=1, max_value=11), st.integers(), sexes)
def test_a_dudit_answer_outside_the_allowed_scores_is_always_rejected(answers, item, value, sex):
    assume(value not in DUDIT_INSTRUMENT.item(item).allowed_scores)
    answers[item - 1] = value
    with pytest.raises(AnswerNotAllowed) as caught:
        score_dudit(answers, sex=sex)
    assert caught.value.item == item
