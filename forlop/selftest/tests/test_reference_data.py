"""Our copy of the clinical data matches the shared master copy, and the Python data matches both."""

import json

import pytest

from forlop.selftest import scoring
from forlop.selftest.instruments import AUDIT_INSTRUMENT, DUDIT_INSTRUMENT
from forlop.selftest.scoring import Sex

from .clinical import VENDORED, shared_file, vendored


@pytest.mark.parametrize("name", ["test-vectors.json", "instruments.json"])
def test_the_vendored_clinical_data_equals_the_shared_copy(name):
    shared = json.loads(shared_file(name).read_text(encoding="utf-8"))
    assert json.loads((VENDORED / name).read_text(encoding="utf-8")) == shared, (
        f"forlop/selftest/tests/data/{name} is out of date: copy ../shared/clinical/{name} over it and check "
        "that forlop/selftest/instruments.py and scoring.py still follow it"
    )


def test_the_audit_items_use_the_norwegian_wording_and_scores_from_the_reference():
    reference = vendored("instruments.json")["audit"]
    assert len(AUDIT_INSTRUMENT.items) == len(reference["items"]) == 10
    for item, ref in zip(AUDIT_INSTRUMENT.items, reference["items"], strict=True):
        assert item.n == ref["n"]
        assert str(item.text) == ref["nb"]
        assert [(o.score, str(o.label)) for o in item.options] == [
            (o["score"], o["nb"]) for o in ref["options"]
        ]
    assert [0, AUDIT_INSTRUMENT.max_total] == reference["total_range"]


def test_the_audit_zones_match_the_reference():
    reference = vendored("instruments.json")["audit"]["zones"]
    ours = [(zone.roman, [low, high]) for zone, low, high in scoring.AUDIT_ZONE_RANGES]
    assert ours == [(z["zone"], z["range"]) for z in reference]


def test_the_dudit_items_have_the_reference_options_and_scores():
    reference = vendored("instruments.json")["dudit"]
    assert len(DUDIT_INSTRUMENT.items) == len(reference["items"]) == 11
    for item, ref in zip(DUDIT_INSTRUMENT.items, reference["items"], strict=True):
        assert item.n == ref["n"]
        assert [o.score for o in item.options] == [o["score"] for o in ref["options"]]
    assert [0, DUDIT_INSTRUMENT.max_total] == reference["total_range"]


def test_the_dudit_cutoffs_match_the_reference():
    cutoffs = vendored("instruments.json")["dudit"]["cutoffs"]
    assert scoring.DUDIT_PROBLEMS_FROM[Sex.MALE] == cutoffs["men_probable_problems_at_or_above"]
    assert scoring.DUDIT_PROBLEMS_FROM[Sex.FEMALE] == cutoffs["women_probable_problems_at_or_above"]
    assert scoring.DUDIT_DEPENDENCE_FROM == cutoffs["probable_dependence_at_or_above"]
