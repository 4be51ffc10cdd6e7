import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.matching import engine, safety
from forlop.matching.safety import Screen, assess

ALCOHOL_HEAVY_DAILY = {"substances": frozenset({"alkohol"}), "frequency": "daily", "amount": "a_lot"}


@pytest.mark.parametrize(
    ("screen", "urgent", "medical"),
    [
        # Nothing flagged.
        (Screen(), False, ()),
        (Screen(substances=frozenset({"alkohol"}), frequency="weekly", amount="some"), False, ()),
        # Acute danger: any one "yes" is urgent.
        (Screen(acute=frozenset({"suicide"})), True, ()),
        (Screen(acute=frozenset({"overdose"})), True, ()),
        (Screen(acute=frozenset({"withdrawal"})), True, ()),
        (Screen(acute=frozenset({"suicide", "overdose", "withdrawal"})), True, ()),
        # Heavy daily alcohol with earlier seizures or delirium (or not knowing).
        (Screen(**ALCOHOL_HEAVY_DAILY, earlier_seizures="yes"), False, ("alcohol_seizures",)),
        (Screen(**ALCOHOL_HEAVY_DAILY, earlier_seizures="unknown"), False, ("alcohol_seizures",)),
        (Screen(**ALCOHOL_HEAVY_DAILY, earlier_seizures="no"), False, ()),
        (Screen(**{**ALCOHOL_HEAVY_DAILY, "amount": "some"}, earlier_seizures="yes"), False, ()),
        (Screen(**{**ALCOHOL_HEAVY_DAILY, "frequency": "weekly"}, earlier_seizures="yes"), False, ()),
        # GHB dependence: daily use.
        (Screen(substances=frozenset({"ghb"}), frequency="daily"), False, ("ghb",)),
        (Screen(substances=frozenset({"ghb"}), frequency="weekly"), False, ()),
        # Pregnancy with alcohol or drugs, not with gambling alone.
        (Screen(substances=frozenset({"cannabis"}), pregnant="yes"), False, ("pregnancy",)),
        (Screen(substances=frozenset({"spill"}), pregnant="yes"), False, ()),
        (Screen(substances=frozenset({"cannabis"}), pregnant="not_relevant"), False, ()),
        # Several substances at once; gambling is not a substance.
        (Screen(substances=frozenset({"alkohol", "cannabis"})), False, ("several",)),
        (Screen(substances=frozenset({"alkohol", "spill"})), False, ()),
        # Daily benzodiazepines or opioids (tapering or medicine-assisted detox, under a doctor).
        (
            Screen(substances=frozenset({"benzodiazepiner"}), frequency="daily"),
            False,
            ("benzo_opioid_daily",),
        ),
        (Screen(substances=frozenset({"opioider"}), frequency="daily"), False, ("benzo_opioid_daily",)),
        (Screen(substances=frozenset({"opioider"}), frequency="rarely"), False, ()),
        # Several rules at once, listed in the table's order.
        (
            Screen(
                substances=frozenset({"ghb", "alkohol"}),
                frequency="daily",
                amount="a_lot",
                pregnant="yes",
                earlier_seizures="yes",
                acute=frozenset({"overdose"}),
            ),
            True,
            ("alcohol_seizures", "ghb", "pregnancy", "several"),
        ),
    ],
)
def test_it_flags_requests_by_the_safety_table(screen, urgent, medical):
    assessment = assess(screen)
    assert assessment.urgent is urgent
    assert assessment.medical == medical
    assert assessment.medical_assessment is bool(medical)


def test_it_asks_for_medical_detox_only_for_the_person_seeking_treatment():
    for_self = assess(Screen(substances=frozenset({"ghb"}), frequency="daily"))
    as_relative = assess(Screen(substances=frozenset({"ghb"}), frequency="daily", relative_support_only=True))
    assert for_self.needs_medical_detox
    assert as_relative.medical_assessment and not as_relative.needs_medical_detox


def test_every_medical_rule_has_a_reason_text():
    assert safety.MEDICAL_RULES.keys() == safety.MEDICAL_REASONS.keys()


def test_it_refuses_unknown_acute_signs():
    with pytest.raises(ValueError, match="unknown acute"):
        Screen(acute=frozenset({"headache"}))


screens = st.builds(
    Screen,
    acute=st.frozensets(st.sampled_from(sorted(safety.ACUTE_SIGNS))),
    substances=st.frozensets(st.sampled_from(sorted(engine.SUBSTANCES))),
    frequency=st.one_of(st.none(), st.sampled_from(sorted(safety.FREQUENCIES))),
    amount=st.one_of(st.none(), st.sampled_from(sorted(safety.AMOUNTS))),
    earlier_seizures=st.one_of(st.none(), st.sampled_from(sorted(safety.SEIZURE_ANSWERS))),
    pregnant=st.one_of(st.none(), st.sampled_from(sorted(safety.PREGNANCY_ANSWERS))),
    relative_support_only=st.booleans(),
)


@given(screens)
def test_any_acute_yes_is_urgent_and_none_is_not(screen):
    assessment = assess(screen)
    assert assessment.urgent == bool(screen.acute)
    assert set(assessment.acute) == screen.acute


@given(screens)
def test_two_or_more_substances_always_reach_a_doctor(screen):
    if len(screen.substances - {"spill"}) >= 2:
        assert assess(screen).medical_assessment


@given(screens, st.sampled_from(sorted(safety.ACUTE_SIGNS)))
def test_adding_an_acute_yes_never_lowers_the_flags(screen, sign):
    before = assess(screen)
    after = assess(Screen(**{**screen.__dict__, "acute": screen.acute | {sign}}))
    assert after.urgent
    assert after.medical == before.medical
