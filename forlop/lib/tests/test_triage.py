"""The front door's triage (forlop.lib.triage) against shared/clinical/triage.md, rule by rule and at every
boundary the issue names: daily vs weekly, 3-6 vs 7+ units, "vet ikke", pregnancy with and without a
dependence-risk substance, age, and a relative asking for someone else."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.lib import triage
from forlop.lib.triage import Answers, assess
from forlop.therapists import vocabulary

NO_SEIZURES = {"earlier_seizures": "no", "epilepsy": "no", "benzos": "no", "opioids": "no"}


def answers(**fields) -> Answers:
    return Answers(**{**NO_SEIZURES, **fields})


# (case, answers, rules fired in order, flags)
CASES = [
    # Rule 1: acute danger.
    ("acute overdose", answers(acute=frozenset({"overdose"})), ("acute",), {"urgent"}),
    # Rule 2: earlier seizures/DT, or "vet ikke", with regular alcohol, benzos or GHB, whatever the amount.
    (
        "daily 3-6 units with an earlier seizure",
        answers(use={"alkohol": "daily"}, alcohol_amount="some", earlier_seizures="yes"),
        ("seizures",),
        {"doctor", "residential"},
    ),
    (
        "weekly drinking, seizures unknown",
        answers(use={"alkohol": "weekly"}, alcohol_amount="little", earlier_seizures="unknown"),
        ("seizures",),
        {"doctor", "residential"},
    ),
    (
        "rare drinking with an earlier seizure is not regular use",
        answers(use={"alkohol": "rarely"}, alcohol_amount="some", earlier_seizures="yes"),
        ("not_dangerous",),
        set(),
    ),
    (
        "cannabis and seizures: rule 2 is about alcohol, benzos and GHB",
        answers(use={"cannabis": "daily"}, earlier_seizures="yes"),
        ("not_dangerous", "cannabis"),
        set(),
    ),
    (
        "epilepsy answered yes counts as a seizure history",
        answers(use={"alkohol": "weekly"}, alcohol_amount="some", epilepsy="yes"),
        ("seizures",),
        {"doctor", "residential"},
    ),
    # Rule 3: alcohol daily with 7+ units, or daily with morning drinking/shaking.
    (
        "daily 7+ units for years, no seizures",
        answers(use={"alkohol": "daily"}, alcohol_amount="a_lot", alcohol_morning="no"),
        ("alcohol",),
        {"doctor"},
    ),
    (
        "daily 3-6 units and morning drinking",
        answers(use={"alkohol": "daily"}, alcohol_amount="some", alcohol_morning="yes"),
        ("alcohol",),
        {"doctor"},
    ),
    (
        "daily 3-6 units, no morning drinking",
        answers(use={"alkohol": "daily"}, alcohol_amount="some", alcohol_morning="no"),
        (),
        set(),
    ),
    (
        "weekly 7+ units is not daily",
        answers(use={"alkohol": "weekly"}, alcohol_amount="a_lot", alcohol_morning="no"),
        (),
        set(),
    ),
    # Rule 4: GHB regular use; urgent if daily; residential.
    ("GHB daily", answers(use={"ghb": "daily"}), ("ghb",), {"doctor", "residential", "urgent"}),
    ("GHB weekly", answers(use={"ghb": "weekly"}), ("ghb",), {"doctor", "residential"}),
    ("GHB rarely", answers(use={"ghb": "rarely"}), ("not_dangerous",), set()),
    # Rule 5: benzodiazepines/z-drugs, prescribed or not, also only named in the medication field.
    ("benzos on prescription", answers(benzos="prescribed"), ("benzos",), {"doctor"}),
    (
        "benzos weekly without prescription",
        answers(use={"benzodiazepiner": "weekly"}),
        ("benzos",),
        {"doctor"},
    ),
    (
        "Stesolid 10 mg x 3 in the medication field",
        answers(use={"alkohol": "rarely"}, free_text="Stesolid 10 mg x 3"),
        ("benzos", "several"),
        {"doctor"},
    ),
    # Rule 6: opioids.
    ("opioids daily", answers(use={"opioider": "daily"}), ("opioids",), {"doctor"}),
    ("methadone in LAR", answers(opioids="prescribed"), ("opioids",), {"doctor"}),
    # Rules 7 and 8: pregnancy.
    (
        "pregnant, a few units a week",
        answers(use={"alkohol": "weekly"}, alcohol_amount="little", alcohol_morning="no", pregnant="yes"),
        ("pregnant",),
        {"doctor"},
    ),
    (
        "pregnant, cannabis now and then",
        answers(use={"cannabis": "rarely"}, pregnant="yes"),
        ("pregnant",),
        {"doctor"},
    ),
    (
        "pregnant and on benzos",
        answers(benzos="prescribed", pregnant="yes"),
        ("pregnant_dependence", "benzos"),
        {"urgent", "doctor"},
    ),
    (
        "pregnant and drinking heavily every day",
        answers(use={"alkohol": "daily"}, alcohol_amount="a_lot", pregnant="yes"),
        ("pregnant_dependence", "alcohol"),
        {"urgent", "doctor"},
    ),
    ("pregnant, gambling only", answers(use={"spill": "daily"}, pregnant="yes"), (), set()),
    # Rule 9: age.
    (
        "15 years, occasional use of two substances",
        answers(age="under_16", use={"cannabis": "rarely", "alkohol": "rarely"}),
        ("under_16", "not_dangerous", "cannabis"),
        {"coordinator"},
    ),
    (
        "16 years, occasional use of two substances",
        answers(age="16_17", use={"cannabis": "rarely", "alkohol": "rarely"}),
        ("age_16_17", "not_dangerous", "cannabis"),
        {"coordinator"},
    ),
    ("18 years", answers(age="adult", use={"cannabis": "rarely"}), ("not_dangerous", "cannabis"), set()),
    (
        "17 years on GHB: rules 1-8 still apply",
        answers(age="16_17", use={"ghb": "weekly"}),
        ("ghb", "age_16_17"),
        {"doctor", "residential", "coordinator"},
    ),
    # Rule 10: several substances with regular use of a dependence-risk substance.
    (
        "weekly drinking and cannabis",
        answers(use={"alkohol": "weekly", "cannabis": "weekly"}, alcohol_amount="some", alcohol_morning="no"),
        ("several",),
        {"doctor"},
    ),
    (
        "cannabis and stimulants weekly: no dependence-risk substance",
        answers(use={"cannabis": "weekly", "sentralstimulerende": "weekly"}),
        ("not_dangerous", "cannabis"),
        set(),
    ),
    # Rule 11.
    ("stimulants only", answers(use={"sentralstimulerende": "daily"}), ("not_dangerous",), set()),
]


@pytest.mark.parametrize(("case", "given_answers", "rules", "flags"), CASES, ids=[case[0] for case in CASES])
def test_each_rule_fires_exactly_where_triage_md_says(case, given_answers, rules, flags):
    verdict = assess(given_answers)
    assert verdict.rules == rules
    assert verdict.flags == flags


def test_advice_comes_most_serious_first_and_every_rule_has_a_source():
    verdict = assess(answers(acute=frozenset({"withdrawal"}), benzos="prescribed", pregnant="yes"))
    assert verdict.rules == ("acute", "pregnant_dependence", "benzos")
    assert verdict.advice[0].text.startswith("Ring 113 nå")
    assert all(rule.source for rule in triage.RULES)


def test_opioid_advice_is_about_overdose_naloxone_and_lar_never_seizures():
    [advice] = assess(answers(use={"opioider": "daily"})).advice
    assert "overdose etter et opphold" in advice.text
    assert "nalokson" in advice.text and "LAR" in advice.text
    assert "kramp" not in advice.text.lower()


def test_a_pregnant_woman_drinking_a_little_is_told_to_stop_now_not_to_taper():
    verdict = assess(answers(use={"alkohol": "weekly"}, alcohol_amount="little", pregnant="yes"))
    [advice] = verdict.advice
    assert advice.text.startswith("Slutt nå")
    assert "jordmor" in advice.text
    assert "brått" not in advice.text


def test_a_pregnant_woman_on_benzos_is_told_not_to_stop_abruptly_and_to_call_today():
    advice = assess(answers(benzos="prescribed", pregnant="yes")).advice[0].text
    assert "Ikke slutt brått på egen hånd" in advice and "i dag" in advice and "113" in advice


def test_ghb_advice_says_residential_and_not_by_video():
    advice = assess(answers(use={"ghb": "daily"})).advice[0].text
    assert "livstruende" in advice and "116 117" in advice and "ikke over video" in advice


def test_a_relative_is_spoken_to_as_a_relative_and_offered_help_for_themself():
    for_self = assess(answers(use={"alkohol": "daily"}, alcohol_amount="a_lot"))
    for_relative = assess(answers(who="relative", use={"alkohol": "daily"}, alcohol_amount="a_lot"))
    assert "Ikke slutt på egen hånd" in for_self.advice[0].text
    assert "Den du er bekymret for bør ikke slutte på egen hånd" in for_relative.advice[0].text
    assert for_relative.relative_help and not for_self.relative_help


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Stesolid 10 mg x 3", ["Stesolid"]),
        ("stesolid, XANOR og imovane", ["Stesolid", "Xanor", "Imovane"]),
        ("Paralgin forte ved behov", ["Paralgin forte"]),
        ("paralgin   forte", ["Paralgin forte"]),
        ("Epilepsi siden barndommen", ["epilepsi"]),
        ("hatt krampeanfall to ganger", ["kramper"]),
        ("abstinenskramper i fjor", ["kramper"]),
        ("Metadon 80 mg", ["metadon"]),
        ("magekramper og leggkramper", []),
        ("Blodtrykksmedisin og Paracet", []),
        ("Benzodiazepiner fra legen", ["benzodiazepin"]),
    ],
)
def test_it_reads_drug_names_and_seizure_words_in_free_text(text, names):
    assert [term.name for term in triage.recognise(text)] == names


def test_it_shows_back_what_it_recognised():
    verdict = assess(answers(free_text="Stesolid 10 mg x 3\nEpilepsi"))
    assert triage.describe_recognised(verdict.recognised) == (
        "Stesolid (beroligende medisin eller sovemedisin) og epilepsi (kramper eller epilepsi)"
    )


def test_its_substances_are_the_matching_vocabulary():
    assert triage.SUBSTANCE_KEYS == set(vocabulary.SUBSTANCES)


# --- Adding a red-flag answer never removes a flag -----------------------------------------------------

substances = st.sampled_from(sorted(triage.SUBSTANCE_KEYS))
frequencies = st.sampled_from(sorted(triage.FREQUENCIES))
answer_sets = st.builds(
    Answers,
    who=st.sampled_from([triage.SELF, triage.RELATIVE]),
    age=st.sampled_from([None, triage.UNDER_16, triage.AGE_16_17, triage.ADULT]),
    acute=st.frozensets(st.sampled_from(sorted(triage.ACUTE_SIGNS))),
    use=st.dictionaries(substances, frequencies, max_size=4),
    alcohol_amount=st.sampled_from([None, *triage.ALCOHOL_AMOUNTS]),
    alcohol_morning=st.sampled_from([None, *triage.YES_NO_UNKNOWN]),
    earlier_seizures=st.sampled_from([None, *triage.YES_NO_UNKNOWN]),
    epilepsy=st.sampled_from([None, *triage.YES_NO_UNKNOWN]),
    benzos=st.sampled_from([None, *triage.MEDICINE_USE]),
    opioids=st.sampled_from([None, *triage.MEDICINE_USE]),
    pregnant=st.sampled_from([None, *triage.PREGNANCY_ANSWERS]),
    free_text=st.sampled_from(["", "Blodtrykksmedisin", "Sobril 15 mg", "Epilepsi", "Tramadol"]),
)


def _red_flags(original: Answers) -> list[Answers]:
    """Every single answer that adds risk, applied to `original`."""
    from dataclasses import replace

    more_use = [
        replace(original, use={**original.use, substance: frequency})
        for substance in sorted(triage.SUBSTANCE_KEYS)
        for frequency in (triage.WEEKLY, triage.DAILY)
        if triage._FREQUENCY_RANK.get(original.use.get(substance, ""), -1) < triage._FREQUENCY_RANK[frequency]
    ]
    return [
        *(replace(original, acute=original.acute | {sign}) for sign in triage.ACUTE_SIGNS),
        *more_use,
        replace(original, alcohol_amount=triage.A_LOT),
        replace(original, alcohol_morning=triage.YES),
        replace(original, earlier_seizures=triage.YES),
        replace(original, earlier_seizures=triage.UNKNOWN),
        replace(original, epilepsy=triage.YES),
        replace(original, benzos=triage.PRESCRIBED),
        replace(original, opioids=triage.BOTH),
        replace(original, pregnant=triage.YES),
        replace(original, free_text=original.free_text + "\nStesolid og epilepsi"),
    ]


@given(answer_sets)
def test_adding_a_red_flag_answer_never_removes_a_flag(original):
    before = assess(original).flags
    for worse in _red_flags(original):
        assert before <= assess(worse).flags, worse


@given(answer_sets)
def test_every_advice_shown_comes_from_the_table_and_is_addressed_right(original):
    verdict = assess(original)
    facts = triage.facts_of(original)
    expected = [triage.RULES_BY_KEY[key].advice(facts) for key in verdict.rules]
    assert [item.text for item in verdict.advice] == expected
    if original.who == triage.RELATIVE:
        assert not any("Ikke slutt brått på egen hånd" in text for text in expected)


@pytest.mark.parametrize(
    ("given_answers", "outpatient_detox"),
    [
        (answers(use={"alkohol": "daily"}, alcohol_amount="a_lot"), True),
        (answers(benzos="prescribed"), True),
        (answers(use={"opioider": "daily"}), True),
        (answers(use={"ghb": "weekly"}), False),  # residential
        (answers(use={"alkohol": "weekly"}, earlier_seizures="unknown"), False),  # residential
        (answers(use={"cannabis": "rarely"}, pregnant="yes"), False),  # stop now; nothing to taper
        (answers(age="under_16", use={"cannabis": "weekly"}), False),
    ],
)
def test_outpatient_detox_is_named_only_where_it_can_be_the_help(given_answers, outpatient_detox):
    assert assess(given_answers).outpatient_detox == outpatient_detox


@pytest.mark.parametrize(
    ("given_answers", "help_on"),
    [
        (answers(use={"ghb": "weekly"}), True),  # rule 4
        (answers(use={"alkohol": "weekly"}, earlier_seizures="yes"), True),  # rule 2
        (answers(benzos="prescribed", pregnant="yes"), True),  # rule 8
        (answers(benzos="prescribed"), False),  # rule 5: outpatient taper can be safe
    ],
)
def test_rules_2_4_and_8_make_the_reason_helping_on_never_detox_here(given_answers, help_on):
    verdict = assess(given_answers)
    assert verdict.help_on_to_residential == help_on
    assert not (help_on and verdict.outpatient_detox)
