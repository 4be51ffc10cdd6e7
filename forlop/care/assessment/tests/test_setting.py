"""The setting suggestion (forlop/care/assessment/setting.py): a table at every boundary, and the property
that adding a risk fact never moves the suggestion to a less intensive setting."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forlop.care.assessment import setting
from forlop.care.assessment.setting import EMERGENCY, OUTPATIENT, RANK, RESIDENTIAL, TSB, Facts, suggest
from forlop.lib import triage

# Daily alcohol with every IS-2211 criterion for outpatient detox met.
SAFE = Facts(
    use={"alkohol": "daily"},
    alcohol_units=Decimal(6),
    alcohol_morning="no",
    earlier_seizures="no",
    earlier_delirium="no",
    epilepsy="no",
    pregnant="no",
    age=40,
    housing="stable",
    sober_support="yes",
)


def keys(suggestion) -> set[str]:
    return {reason.key for reason in suggestion.reasons}


TABLE = [
    # (what, facts, expected setting, a reason key that must be there)
    ("every criterion met", SAFE, OUTPATIENT, "outpatient_criteria"),
    ("nothing recorded yet", Facts(), OUTPATIENT, "no_detox"),
    ("cannabis daily only, even without a home", Facts(use={"cannabis": "daily"}, housing="none"), OUTPATIENT, "no_detox"),
    ("alcohol rarely, earlier seizures", Facts(use={"alkohol": "rarely"}, earlier_seizures="yes"), OUTPATIENT, "no_detox"),
    ("alcohol weekly, earlier seizures", replace(SAFE, use={"alkohol": "weekly"}, earlier_seizures="yes"), RESIDENTIAL, "seizures"),
    ("earlier seizures", replace(SAFE, earlier_seizures="yes"), RESIDENTIAL, "seizures"),
    ("earlier delirium", replace(SAFE, earlier_delirium="yes"), RESIDENTIAL, "seizures"),
    ("seizures: vet ikke", replace(SAFE, earlier_seizures="unknown"), RESIDENTIAL, "seizures"),
    ("delirium not answered", replace(SAFE, earlier_delirium=""), RESIDENTIAL, "seizures"),
    ("epilepsy", replace(SAFE, epilepsy="yes"), RESIDENTIAL, "seizures"),
    ("seizure word in the medication field", replace(SAFE, free_text="Lamictal mot epilepsi"), RESIDENTIAL, "seizures"),
    ("opioids daily with earlier seizures: no seizure rule", Facts(use={"opioider": "daily"}, earlier_seizures="yes", housing="stable", sober_support="yes"), OUTPATIENT, "opioids"),
    ("unstable housing", replace(SAFE, housing="unstable"), RESIDENTIAL, "housing"),
    ("no home", replace(SAFE, housing="none"), RESIDENTIAL, "housing"),
    ("housing not answered", replace(SAFE, housing=""), RESIDENTIAL, "housing_unknown"),
    ("no sober support person", replace(SAFE, sober_support="no"), RESIDENTIAL, "sober_support"),
    ("sober support: vet ikke", replace(SAFE, sober_support="unknown"), RESIDENTIAL, "sober_support"),
    ("sober support not answered", replace(SAFE, sober_support=""), RESIDENTIAL, "sober_support_unknown"),
    ("cannot take food and fluids", replace(SAFE, oral_intake_problem=True), RESIDENTIAL, "oral_intake"),
    ("PAWSS 3", replace(SAFE, pawss=3), OUTPATIENT, "outpatient_criteria"),
    ("PAWSS 4", replace(SAFE, pawss=4), RESIDENTIAL, "pawss"),
    ("GHB rarely besides alcohol", replace(SAFE, use={"alkohol": "daily", "ghb": "rarely"}), RESIDENTIAL, "ghb_rarely"),
    ("GHB weekly", replace(SAFE, use={"ghb": "weekly"}), TSB, "ghb"),
    ("GHB named in the medication field", replace(SAFE, use={}, free_text="GHB i helgene"), TSB, "ghb"),
    ("severe somatic illness", replace(SAFE, severe_somatic=True), TSB, "severe_somatic"),
    ("severe psychiatric illness", replace(SAFE, severe_psychiatric=True), TSB, "severe_psychiatric"),
    ("pregnant, daily alcohol within the criteria", replace(SAFE, pregnant="yes"), TSB, "pregnant_detox"),
    ("pregnant, daily alcohol, 7 units", replace(SAFE, pregnant="yes", alcohol_units=Decimal(7)), TSB, "pregnant_dependence"),
    ("pregnant, cannabis only", Facts(use={"cannabis": "weekly"}, pregnant="yes"), OUTPATIENT, "pregnant"),
    ("benzodiazepine named in the medication field", replace(SAFE, use={}, free_text="Stesolid 5 mg x 3"), OUTPATIENT, "benzos"),
    ("acute signs now", replace(SAFE, acute=frozenset({triage.WITHDRAWAL})), EMERGENCY, "acute"),
    ("acute signs with cannabis only", Facts(use={"cannabis": "rarely"}, acute=frozenset({triage.SUICIDE})), EMERGENCY, "acute"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "facts", "expected", "reason"), TABLE, ids=[row[0] for row in TABLE])
def test_it_suggests_the_setting_at_each_boundary(what, facts, expected, reason):
    suggestion = suggest(facts)
    assert suggestion.setting == expected, (what, [r.text for r in suggestion.reasons])
    assert reason in keys(suggestion)
    assert suggestion.reasons[0].level == expected  # most intensive reason first


def test_it_flags_seven_units_a_day_for_the_doctor_but_keeps_outpatient_possible():
    below = suggest(replace(SAFE, alcohol_units=Decimal("6.9")))
    at = suggest(replace(SAFE, alcohol_units=Decimal(7)))
    assert "alcohol" not in keys(below) and "alcohol" in keys(at)
    assert at.setting == below.setting == OUTPATIENT
    assert at.doctor_review


def test_it_lists_what_is_still_unanswered():
    suggestion = suggest(Facts(use={"alkohol": "daily"}))
    assert suggestion.missing == (
        "Tidligere abstinenskramper",
        "Tidligere delirium",
        "Bosituasjon",
        "Edru støtteperson",
    )
    assert not suggestion.complete
    assert suggest(SAFE).complete
    assert suggest(Facts()).missing == ("Rusmiddelbruk",)


def test_it_uses_the_match_forms_rules_for_the_same_answers():
    answers = setting.triage_answers(replace(SAFE, alcohol_units=Decimal(8)))
    assert suggest(replace(SAFE, alcohol_units=Decimal(8))).triage == triage.assess(answers)
    assert answers.alcohol_amount == triage.A_LOT


def test_it_names_the_age_rules_without_changing_the_setting():
    young = suggest(replace(SAFE, age=15))
    assert "under_16" in keys(young) and young.setting == OUTPATIENT
    assert "age_16_17" in keys(suggest(replace(SAFE, age=17)))
    assert not {"under_16", "age_16_17"} & keys(suggest(replace(SAFE, age=18)))


def test_it_refuses_answers_it_does_not_know():
    with pytest.raises(ValueError):
        Facts(housing="slott")
    with pytest.raises(ValueError):
        Facts(earlier_seizures="kanskje")
    with pytest.raises(ValueError):
        Facts(alcohol_units=Decimal(-1))


# --- Adding a risk fact never lowers the setting ------------------------------------------------------------

SUBSTANCES = sorted(triage.SUBSTANCE_KEYS)
FREQUENCIES = [triage.RARELY, triage.WEEKLY, triage.DAILY]
ANSWER = st.sampled_from(["", "yes", "no", "unknown"])

facts_strategy = st.builds(
    Facts,
    use=st.dictionaries(st.sampled_from(SUBSTANCES), st.sampled_from(FREQUENCIES), max_size=4),
    alcohol_units=st.none() | st.decimals(min_value=0, max_value=30, places=1),
    alcohol_morning=ANSWER,
    earlier_seizures=ANSWER,
    earlier_delirium=ANSWER,
    epilepsy=ANSWER,
    acute=st.frozensets(st.sampled_from(sorted(triage.ACUTE_SIGNS)), max_size=1),
    severe_somatic=st.booleans(),
    severe_psychiatric=st.booleans(),
    oral_intake_problem=st.booleans(),
    pregnant=st.sampled_from(["", "yes", "no", "not_relevant"]),
    age=st.none() | st.integers(min_value=12, max_value=90),
    housing=st.sampled_from(["", "stable", "unstable", "none"]),
    sober_support=ANSWER,
    free_text=st.sampled_from(["", "Paracet", "Stesolid", "epilepsi", "Subutex", "GBL"]),
    pawss=st.none() | st.integers(min_value=0, max_value=10),
)


def _more_often(facts: Facts, substance: str, frequency: str) -> Facts | None:
    now = facts.use.get(substance)
    if now is not None and FREQUENCIES.index(frequency) <= FREQUENCIES.index(now):
        return None
    return replace(facts, use={**facts.use, substance: frequency})


def _worse_answer(value: str, to: str) -> bool:
    """yes/unknown is a risk; going there from no or from not answered adds one."""
    return to in ("yes", "unknown") and value != "yes" and value != to


risk = st.one_of(
    st.tuples(st.just("use"), st.sampled_from(SUBSTANCES), st.sampled_from(FREQUENCIES)),
    st.tuples(
        st.just("answer"),
        st.sampled_from(["alcohol_morning", "earlier_seizures", "earlier_delirium", "epilepsy"]),
        st.sampled_from(["yes", "unknown"]),
    ),
    st.tuples(
        st.just("flag"), st.sampled_from(["severe_somatic", "severe_psychiatric", "oral_intake_problem"])
    ),
    st.tuples(st.just("acute"), st.sampled_from(sorted(triage.ACUTE_SIGNS))),
    st.tuples(st.just("pregnant")),
    st.tuples(st.just("housing"), st.sampled_from(["unstable", "none"])),
    st.tuples(st.just("support"), st.sampled_from(["no", "unknown"])),
    st.tuples(st.just("pawss"), st.integers(min_value=1, max_value=10)),
    st.tuples(st.just("units"), st.decimals(min_value="0.1", max_value=20, places=1)),
    st.tuples(st.just("text"), st.sampled_from(["Stesolid", "epilepsi", "Subutex", "GHB", "kramper"])),
)


def add_risk(facts: Facts, change: tuple) -> Facts | None:
    kind, *args = change
    if kind == "use":
        return _more_often(facts, *args)
    if kind == "answer":
        name, to = args
        return replace(facts, **{name: to}) if _worse_answer(getattr(facts, name), to) else None
    if kind == "flag":
        return replace(facts, **{args[0]: True})
    if kind == "acute":
        return replace(facts, acute=facts.acute | {args[0]})
    if kind == "pregnant":
        return replace(facts, pregnant="yes")
    if kind == "housing":
        return replace(facts, housing=args[0]) if facts.housing in ("", "stable") else None
    if kind == "support":
        return replace(facts, sober_support=args[0]) if facts.sober_support in ("", "yes") else None
    if kind == "pawss":
        return replace(facts, pawss=(facts.pawss or 0) + args[0])
    if kind == "units":
        return replace(facts, alcohol_units=(facts.alcohol_units or Decimal(0)) + args[0])
    if kind == "text":
        return replace(facts, free_text=f"{facts.free_text}\n{args[0]}")
    raise AssertionError(kind)


@settings(max_examples=400, deadline=None)
@given(facts=facts_strategy, change=risk)
def test_adding_a_risk_fact_never_moves_the_suggestion_to_a_less_intensive_setting(facts, change):
    riskier = add_risk(facts, change)
    if riskier is None:
        return
    before, after = suggest(facts), suggest(riskier)
    assert RANK[after.setting] >= RANK[before.setting], (change, before.setting, after.setting)
