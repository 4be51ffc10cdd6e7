import pytest

from forlop.matching import answers
from forlop.matching.engine import MatchRequest
from forlop.matching.forms import STEP_TITLES

from .conftest import ANSWERS


def test_it_turns_the_answers_into_the_engine_s_request():
    request = answers.engine_request(
        {
            **ANSWERS,
            "age_group": "18_25",
            "goals": ["relative"],
            "substances": ["alkohol", "cannabis"],
            "mental_health": ["traumer", "other"],
            "languages": ["nb", "pl"],
            "meeting_modes": ["oppmote"],
            "place": "Bergen",
            "gender_preference": "mann",
            "gender_required": True,
            "methods": ["act"],
            "days": [0, 2],
            "times": ["kveld"],
        }
    )
    assert request == MatchRequest(
        substances=frozenset({"alkohol", "cannabis"}),
        themes=frozenset({"traumer", "ungdom"}),
        for_relative=True,
        languages=frozenset({"nb", "pl"}),
        meeting_modes=frozenset({"oppmote"}),
        place="Bergen",
        gender_preference="mann",
        gender_required=True,
        methods=frozenset({"act"}),
        preferred_times=frozenset({(0, "kveld"), (2, "kveld")}),
        # Two substances, alcohol weekly: a doctor looks first, so only authorised clinicians are matched;
        # but a relative asks for help for themself, so nobody is required to offer detox.
        doctor_review=True,
        residential_likely=False,
        needs_medical_detox=False,
    )


def test_the_triage_decides_what_the_engine_requires_of_the_clinician():
    ghb = answers.engine_request({**ANSWERS, "substances": ["ghb"], "frequencies": {"ghb": "daily"}})
    assert ghb.doctor_review and ghb.residential_likely and not ghb.needs_medical_detox
    benzos = answers.engine_request({**ANSWERS, "benzo_use": "prescribed"})
    assert benzos.doctor_review and benzos.needs_medical_detox and not benzos.residential_likely
    weekly = answers.engine_request(ANSWERS)
    assert not (weekly.doctor_review or weekly.residential_likely or weekly.needs_medical_detox)


@pytest.mark.parametrize(
    "stale",
    [
        {"substances": ["heroin"]},
        {"languages": ["xx"]},
        {"gender_preference": "ukjent", "gender_required": True},
    ],
)
def test_unknown_keys_from_an_old_row_are_dropped_not_fatal(stale):
    answers.engine_request({**ANSWERS, **stale})


def test_the_summary_reads_in_words():
    sections = answers.describe({**ANSWERS, "acute_signs": ["overdose"]}, step_titles=STEP_TITLES)
    rows = {row.label: row.value for section in sections for row in section.rows}
    assert [section.title for section in sections] == [
        "Om deg",
        "Rus og vaner",
        "Helse",
        "Ønsker",
        "Kontakt og samtykke",
    ]
    assert rows["Overdose nå, eller frykt for det"] == "Ja"
    assert rows["Tanker om å ta sitt eget liv nå"] == "Nei"
    assert rows["Rusmidler og vaner"] == "Alkohol"
    assert rows["Fysisk helse"] == "Ikke fylt ut"
    assert rows["Terapeutens kjønn"] == "Spiller ingen rolle"
    assert rows["Dager"] == "Alle dager"


def test_a_pregnant_woman_on_benzodiazepines_is_matched_to_someone_who_can_help_her_on():
    request = answers.engine_request({**ANSWERS, "pregnant": "yes", "benzo_use": "prescribed"})
    assert request.doctor_review and request.residential_likely and not request.needs_medical_detox
