"""What is due in a course, decided from its substances, start day, evaluation days and what is answered."""

from datetime import date

import pytest

from forlop.care.measures import schedule
from forlop.care.measures.scoring import Kind

START = date(2026, 3, 2)
EVAL1 = (11, date(2026, 4, 27))  # 8 weeks on
EVAL2 = (12, date(2026, 6, 22))


def due(substances=("alkohol",), evaluations=(), answered=(), today=START):
    found = schedule.due(
        substances=list(substances),
        started_on=START,
        evaluations=list(evaluations),
        answered=set(answered),
        today=today,
    )
    return [(d.kind.value, d.occasion.key, d.late) for d in found]


@pytest.mark.parametrize(
    ("substances", "kinds"),
    [
        (["alkohol"], ["audit", "phq9", "gad7"]),
        (["cannabis"], ["dudit", "phq9", "gad7"]),
        (["alkohol", "benzodiazepiner"], ["audit", "dudit", "phq9", "gad7"]),
        (["spill"], ["phq9", "gad7"]),
        ([], ["phq9", "gad7"]),
    ],
)
def test_it_asks_audit_for_alcohol_dudit_for_drugs_and_always_phq9_and_gad7(substances, kinds):
    assert [k for k, _occasion, _late in due(substances)] == kinds


def test_nothing_is_due_before_the_course_starts():
    assert due(today=date(2026, 3, 1)) == []


def test_the_start_measures_are_due_from_the_first_day():
    assert due() == [("audit", "start", False), ("phq9", "start", False), ("gad7", "start", False)]


def test_an_answered_measure_is_no_longer_due():
    assert due(answered={("audit", "start"), ("phq9", "start")}) == [("gad7", "start", False)]


def test_a_measure_is_late_more_than_seven_days_after_its_due_day():
    assert due(today=date(2026, 3, 9))[0][2] is False  # 7 days after: not yet
    assert due(today=date(2026, 3, 10))[0][2] is True


def test_an_evaluation_opens_a_week_before_its_due_day_and_replaces_the_start():
    everything_at_start = {(k, "start") for k in ("audit", "phq9", "gad7")}
    assert due(evaluations=[EVAL1], answered=everything_at_start, today=date(2026, 4, 19)) == []
    opened = due(evaluations=[EVAL1], answered=everything_at_start, today=date(2026, 4, 20))
    assert opened == [
        ("audit", "evaluation:11", False),
        ("phq9", "evaluation:11", False),
        ("gad7", "evaluation:11", False),
    ]
    # An unanswered start form is not asked for any more once the evaluation's forms open.
    assert [o for _k, o, _l in due(evaluations=[EVAL1], today=date(2026, 4, 20))] == ["evaluation:11"] * 3


def test_every_evaluation_asks_again_in_order_of_due_days():
    answered = {(k, "evaluation:11") for k in ("audit", "phq9", "gad7")}
    found = due(evaluations=[EVAL2, EVAL1], answered=answered, today=date(2026, 7, 1))
    assert found == [
        ("audit", "evaluation:12", True),
        ("phq9", "evaluation:12", True),
        ("gad7", "evaluation:12", True),
    ]


def test_occasions_are_sorted_with_the_start_first():
    keys = [o.key for o in schedule.occasions(START, [EVAL2, EVAL1])]
    assert keys == ["start", "evaluation:11", "evaluation:12"]


def test_instruments_follow_the_fixed_order():
    assert schedule.instruments_for(["ghb", "alkohol"]) == (Kind.AUDIT, Kind.DUDIT, Kind.PHQ9, Kind.GAD7)
