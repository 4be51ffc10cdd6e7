from datetime import date, time, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from forlop.care.taper import (
    MAX_WEEKS,
    OVERDOSE_WARNING,
    CurrentDose,
    FactorOverride,
    Pause,
    TabletStrengths,
    UnknownDrug,
    alcohol_ciwa_template,
    alcohol_fixed_template,
    buprenorphine_naloxone_template,
    convert_to_diazepam,
    propose_benzodiazepine_taper,
)

D = Decimal
MONDAY = date(2027, 1, 4)
MORNING, EVENING = time(8), time(20)


def daily(plan) -> list[tuple[int, Decimal]]:
    """(weeks, diazepam mg per day) of each step."""
    return [(step.weeks, step.mg_per_day()) for step in plan.steps]


def per_time(step) -> dict[str, Decimal]:
    return {f"{d.time:%H:%M} {d.drug}": d.mg for d in step.doses}


# --- equivalents ----------------------------------------------------------------------------------------------

EQUIVALENCE_VECTORS = [  # benzodiazepine-equivalents.md
    ("alprazolam", "2", "40"),
    ("oksazepam", "60", "30"),
    ("zopiklon", "7.5", "5"),
    ("lorazepam", "3", "30"),
]


@pytest.mark.parametrize(("drug", "mg", "diazepam"), EQUIVALENCE_VECTORS)
def test_it_converts_the_published_vectors_to_diazepam(drug, mg, diazepam):
    conversion = convert_to_diazepam([CurrentDose(drug, D(mg))])
    assert conversion.diazepam_mg == D(diazepam)
    assert conversion.lines[0].diazepam_mg == D(diazepam)


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Xanor", "alprazolam"),
        ("SOBRIL", "oksazepam"),
        ("imovane", "zopiklon"),
        ("Temesta", "lorazepam"),
        ("Stesolid", "diazepam"),
        ("Rivotril", "klonazepam"),
        ("Stilnoct", "zolpidem"),
        ("Apodorm", "nitrazepam"),
    ],
)
def test_it_knows_the_brand_names_in_any_letter_case(name, generic):
    assert convert_to_diazepam([CurrentDose(name, D(1))]).lines[0].drug == generic


def test_it_marks_every_conversion_as_approximate():
    conversion = convert_to_diazepam([CurrentDose("Xanor", D(2)), CurrentDose("Imovane", D("7.5"))])
    assert conversion.approximate and str(conversion.label) == "omtrentlig"
    assert all(line.approximate and str(line.label) == "omtrentlig" for line in conversion.lines)


def test_it_adds_several_drugs_taken_at_once():
    conversion = convert_to_diazepam([CurrentDose("oksazepam", D(30)), CurrentDose("zopiklon", D("7.5"))])
    assert [line.diazepam_mg for line in conversion.lines] == [D(15), D(5)]
    assert conversion.diazepam_mg == D(20)


def test_it_uses_6_mg_for_bromazepam_listed_as_5_to_6():
    assert convert_to_diazepam([CurrentDose("bromazepam", D(12))]).diazepam_mg == D(20)


def test_a_clinicians_override_replaces_the_factor_and_is_kept_with_its_reason():
    override = FactorOverride(D(2), "Tåler lite, eldre pasient", by="lege")
    conversion = convert_to_diazepam([CurrentDose("Temesta", D(3))], overrides={"lorazepam": override})
    line = conversion.lines[0]
    assert line.diazepam_mg == D(15)
    assert (line.factor_mg, line.table_factor_mg, line.override) == (D(2), D(1), override)


def test_an_override_needs_a_reason_and_a_positive_factor():
    with pytest.raises(ValueError, match="reason"):
        FactorOverride(D(2), "  ")
    with pytest.raises(ValueError, match="above zero"):
        FactorOverride(D(0), "fordi")


def test_an_unknown_drug_is_refused_by_name():
    with pytest.raises(UnknownDrug, match="paracetamol"):
        convert_to_diazepam([CurrentDose("paracetamol", D(1000))])


# --- realistic plans ------------------------------------------------------------------------------------------


def test_a_20_mg_diazepam_taper_at_10_percent_slows_below_10_mg_and_ends_at_zero():
    plan = propose_benzodiazepine_taper(start=MONDAY, diazepam_mg_per_day=D(20), rate_percent=10)
    # Step 2 mg (10 % of 20), 1 mg at or below 10 mg; 3 mg cannot be made of 2/5/10 mg and rounds down to 2.
    assert daily(plan) == [
        (1, D(20)), (1, D(18)), (1, D(16)), (1, D(14)), (1, D(12)), (1, D(10)),
        (1, D(9)), (1, D(8)), (1, D(7)), (1, D(6)), (1, D(5)), (1, D(4)), (2, D(2)),
    ]  # fmt: skip
    assert plan.length_weeks == 14 and plan.within_guideline and plan.flags == ()
    assert plan.end == MONDAY + timedelta(weeks=14, days=-1)
    steps = plan.steps
    assert per_time(steps[0]) == {"08:00 diazepam": D(10), "20:00 diazepam": D(10)}
    assert per_time(steps[6]) == {"08:00 diazepam": D(4), "20:00 diazepam": D(5)}  # 9 mg
    assert per_time(steps[-1]) == {"20:00 diazepam": D(2)}  # the evening dose goes last


def test_an_alprazolam_user_switches_to_diazepam_over_two_weeks_then_tapers():
    conversion = convert_to_diazepam([CurrentDose("Xanor", D(2))])
    plan = propose_benzodiazepine_taper(start=MONDAY, conversion=conversion, rate_percent=10, switch_weeks=2)
    steps = plan.steps
    assert [s.phase for s in steps[:3]] == ["switch", "switch", "taper"]
    assert per_time(steps[0]) == {
        "08:00 diazepam": D(6), "20:00 diazepam": D(7), "08:00 alprazolam": D("0.66"), "20:00 alprazolam": D("0.67"),
    }  # fmt: skip
    assert steps[1].mg_per_day() == D(27) and steps[1].mg_per_day("alprazolam") == D("0.67")
    assert [d for _w, d in daily(plan)[2:]] == [D(n) for n in (40, 36, 32, 28, 24, 20, 16, 12, 8, 6, 4, 2)]
    assert plan.starting_dose_mg == D(40) and plan.step_mg == D(4)
    assert [f.code for f in plan.flags] == ["switch-not-rounded"]
    assert plan.length_weeks == 14


def test_a_taper_to_an_agreed_target_ends_with_a_week_at_the_target():
    plan = propose_benzodiazepine_taper(
        start=MONDAY, diazepam_mg_per_day=D(30), rate_percent=20, target_mg=D(5), times=(EVENING,)
    )
    assert daily(plan) == [(1, D(30)), (1, D(24)), (1, D(18)), (1, D(12)), (1, D(6)), (1, D(5))]
    assert plan.steps[-1].phase == "target"


def test_a_dose_the_tablets_cannot_make_is_rounded_and_flagged():
    plan = propose_benzodiazepine_taper(start=MONDAY, diazepam_mg_per_day=D("37.5"), rate_percent=20)
    assert plan.starting_dose_mg == D(37)
    assert [f.code for f in plan.flags] == ["start-rounded"]
    assert "37,5" in str(plan.flags[0].message) or "37.5" in str(plan.flags[0].message)


def test_half_tablets_only_when_allowed():
    whole = propose_benzodiazepine_taper(
        start=MONDAY, diazepam_mg_per_day=D(5), rate_percent=10, times=(EVENING,)
    )
    halves = propose_benzodiazepine_taper(
        start=MONDAY,
        diazepam_mg_per_day=D(5),
        rate_percent=10,
        times=(EVENING,),
        strengths=TabletStrengths(halves=True),
    )
    assert all(d % 1 == 0 for _w, d in daily(whole))
    assert D("2.5") in [d for _w, d in daily(halves)]


def test_a_plan_shorter_than_a_month_or_longer_than_six_is_flagged_with_the_reason():
    short = propose_benzodiazepine_taper(
        start=MONDAY,
        diazepam_mg_per_day=D(10),
        rate_percent=20,
        slow_below_mg=D(0),
        times=(EVENING,),
        strengths=TabletStrengths((D(10),)),
    )
    assert short.length_weeks == 3 and not short.within_guideline
    assert [f.code for f in short.flags] == ["too-short"]
    assert "1-6 måneder" in str(short.flags[0].message)

    long = propose_benzodiazepine_taper(start=MONDAY, diazepam_mg_per_day=D(20), rate_percent=10).with_pause(
        week=3, weeks=13, reason="Krevende livssituasjon"
    )
    assert long.length_weeks == 27 > MAX_WEEKS
    assert [f.code for f in long.flags] == ["too-long"]


def test_a_pause_holds_the_dose_of_that_week_and_moves_the_rest():
    plan = propose_benzodiazepine_taper(start=MONDAY, diazepam_mg_per_day=D(20), rate_percent=10)
    paused = plan.with_pause(week=3, weeks=2, reason="Sover dårlig")
    assert daily(paused)[:4] == [(1, D(20)), (1, D(18)), (3, D(16)), (1, D(14))]
    assert paused.steps[2].paused_weeks == 2
    assert paused.pauses == (Pause(3, 2, "Sover dårlig"),)
    assert paused.end == plan.end + timedelta(weeks=2)
    assert paused.steps[3].start == plan.steps[3].start + timedelta(weeks=2)


def test_the_schedule_lists_every_day_with_its_doses_by_time():
    plan = propose_benzodiazepine_taper(start=MONDAY, diazepam_mg_per_day=D(20), rate_percent=10)
    schedule = plan.schedule()
    assert len(schedule) == 7 * plan.length_weeks
    assert min(schedule) == MONDAY and max(schedule) == plan.end
    first = schedule[MONDAY]
    assert [(d.time, d.drug, d.mg) for d in first] == [
        (MORNING, "diazepam", D(10)),
        (EVENING, "diazepam", D(10)),
    ]
    assert sum(d.mg for d in schedule[MONDAY + timedelta(days=7)]) == D(18)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"rate_percent": 25}, "10-20 %"),
        ({"rate_percent": 5}, "10-20 %"),
        ({"switch_weeks": 3}, "1 or 2 weeks"),
        ({"switch_weeks": 1}, "conversion"),
        ({"target_mg": D(20)}, "below the starting dose"),
        ({"target_mg": D(3)}, "cannot be made"),
        ({"times": ()}, "dosing times"),
    ],
)
def test_it_refuses_a_plan_outside_the_rules(options, message):
    with pytest.raises(ValueError, match=message):
        propose_benzodiazepine_taper(start=MONDAY, diazepam_mg_per_day=D(20), **options)


def test_a_pause_after_the_end_is_refused():
    plan = propose_benzodiazepine_taper(start=MONDAY, diazepam_mg_per_day=D(20), rate_percent=10)
    with pytest.raises(ValueError, match="cannot pause"):
        plan.with_pause(week=plan.length_weeks + 1)


# --- alcohol and opioid templates ------------------------------------------------------------------------------


def test_the_fixed_alcohol_template_falls_day_by_day_and_gives_thiamine_every_day():
    template = alcohol_fixed_template(start=MONDAY, diazepam_dose_mg=D(10), thiamine_mg_per_day=D(300))
    schedule = template.schedule()
    counts = [sum(1 for d in schedule[MONDAY + timedelta(days=i)] if d.drug == "diazepam") for i in range(7)]
    assert counts == [4, 3, 2, 1, 0, 0, 0]
    assert all(any(d.drug == "tiamin" for d in day) for day in schedule.values())
    assert any("Wernicke" in str(note) for note in template.notes)


def test_the_ciwa_template_gives_diazepam_only_by_score_and_thiamine_every_day():
    template = alcohol_ciwa_template(
        start=MONDAY, diazepam_dose_mg=D(10), ciwa_threshold=10, thiamine_mg_per_day=D(300)
    )
    assert template.ciwa_threshold == 10 and template.ciwa_dose is not None
    assert all([d.drug for d in day] == ["tiamin"] for day in template.schedule().values())
    assert any("Wernicke" in str(note) for note in template.notes)


def test_the_buprenorphine_template_warns_about_lost_tolerance_and_never_rises_after_a_reduction():
    template = buprenorphine_naloxone_template(start=MONDAY, daily_doses_mg=[D(4), D(8), D(6), D(4), D(2)])
    assert template.warnings == (OVERDOSE_WARNING,)
    assert "overdose" in str(OVERDOSE_WARNING) and "toleransen" in str(OVERDOSE_WARNING)
    assert not any("kramper" in str(text) for text in (*template.notes, *template.warnings))
    with pytest.raises(ValueError, match="never rises"):
        buprenorphine_naloxone_template(start=MONDAY, daily_doses_mg=[D(8), D(4), D(6)])


# --- properties ------------------------------------------------------------------------------------------------

PIECES = [D(1), D(2), D("2.5"), D(5), D(10)]


@st.composite
def tapers(draw):
    strengths = TabletStrengths(
        tuple(sorted(draw(st.sets(st.sampled_from(PIECES), min_size=1, max_size=3)))), draw(st.booleans())
    )
    times = tuple(
        sorted(
            draw(st.sets(st.sampled_from([time(8), time(14), time(20), time(22)]), min_size=1, max_size=3))
        )
    )
    start_mg = D(draw(st.integers(4, 160))) / 2
    options = {
        "start": MONDAY,
        "diazepam_mg_per_day": start_mg,
        "rate_percent": draw(st.integers(10, 20)),
        "slow_below_mg": D(draw(st.integers(0, 30))),
        "times": times,
        "strengths": strengths,
    }
    if draw(st.booleans()):
        options["target_mg"] = D(draw(st.integers(1, 10))) / 2
    try:
        plan = propose_benzodiazepine_taper(**options)
    except ValueError:
        assume(False)
    return plan


def taper_weeks(plan) -> list[Decimal]:
    return [w.diazepam_mg() for w in plan.weeks if w.phase != "switch"]


PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


@PROPERTY_SETTINGS
@given(tapers())
def test_it_never_increases_the_daily_dose(plan):
    doses = taper_weeks(plan)
    assert all(b <= a for a, b in zip(doses, doses[1:], strict=False))


@PROPERTY_SETTINGS
@given(tapers())
def test_each_weekly_reduction_stays_within_the_chosen_rate_of_the_starting_dose(plan):
    doses = taper_weeks(plan) + ([D(0)] if plan.target_mg == 0 else [])
    bound = (
        plan.step_mg + plan.rounding_bound_mg
    )  # the rounding to tablets moves a dose by at most half a gap
    for a, b in zip(doses, doses[1:], strict=False):
        assert a - b <= bound
        if a <= plan.slow_below_mg - plan.rounding_bound_mg:  # the slower end: half the step
            assert a - b <= plan.step_mg / 2 + plan.rounding_bound_mg


@PROPERTY_SETTINGS
@given(tapers())
def test_it_ends_at_zero_or_the_agreed_target(plan):
    last = plan.steps[-1].mg_per_day()
    if plan.target_mg:
        assert last == plan.target_mg and plan.steps[-1].phase == "target"
    else:
        assert last > 0 and min(plan.schedule()) == plan.start
        assert plan.end + timedelta(days=1) not in plan.schedule()
    assert taper_weeks(plan)[0] == plan.starting_dose_mg


@PROPERTY_SETTINGS
@given(tapers())
def test_every_dose_at_every_time_is_a_sum_of_the_available_strengths(plan):
    for doses in plan.schedule().values():
        assert [d.time for d in doses] == sorted({d.time for d in doses})  # one dose per time, in order
        for dose in doses:
            assert dose.time in plan.times
            assert plan.strengths.is_sum(dose.mg), dose


@PROPERTY_SETTINGS
@given(tapers(), st.data())
def test_a_pause_only_extends_the_step_it_is_put_in(plan, data):
    week = data.draw(st.integers(1, plan.length_weeks))
    weeks = data.draw(st.integers(1, 4))
    paused = plan.with_pause(week=week, weeks=weeks, reason="pause")
    before, after = taper_weeks(plan), taper_weeks(paused)
    assert len(after) == len(before) + weeks
    assert after == before[:week] + [before[week - 1]] * weeks + before[week:]
    assert [s.mg_per_day() for s in paused.steps] == [s.mg_per_day() for s in plan.steps]
    assert paused.end == plan.end + timedelta(weeks=weeks)


def test_is_sum_knows_what_the_tablets_can_make():
    strengths = TabletStrengths()
    assert [n for n in range(12) if strengths.is_sum(Fraction(n))] == [0, 2, 4, 5, 6, 7, 8, 9, 10, 11]
    assert not strengths.is_sum(D("2.5"))
    assert TabletStrengths(halves=True).is_sum(D("2.5"))
