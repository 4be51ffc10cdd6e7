from typing import Any

import pytest
from django.test import Client

from forlop.therapists.testing import make_therapist as shared_make_therapist

# A complete, valid set of answers, step by step, as a browser would post them.
STEP_DATA: dict[int, dict[str, Any]] = {
    1: {
        "acute_suicide": "no",
        "acute_overdose": "no",
        "acute_withdrawal": "no",
        "who_for": "self",
        "age_group": "26_40",
        "goals": ["cut_down"],
    },
    2: {
        "substances": ["alkohol"],
        "duration": "1_5",
        "frequency_alkohol": "weekly",
        "amount": "some",
        "alcohol_morning": "no",
        "earlier_treatment": "none",
        "earlier_seizures": "no",
    },
    3: {
        "mental_health": ["angst_depresjon"],
        "physical_health": "Høyt blodtrykk",
        "medication": "Blodtrykksmedisin",
        "benzo_use": "no",
        "opioid_use": "no",
        "epilepsy": "no",
        "pregnant": "no",
    },
    4: {
        "gender_preference": "",
        "languages": ["nb"],
        "other_language": "",
        "methods": ["kognitiv_terapi"],
        "meeting_modes": ["video"],
        "place": "",
        "days": ["1"],
        "times": ["ettermiddag"],
        "budget": "fine",
    },
    5: {
        "name": "Kari",
        "email": "kari@example.no",
        "phone": "",
        "message": "Jeg drikker for mye i helgene.",
        "consent": "on",
    },
}


def step_path(number: int) -> str:
    return "/finn-terapeut/" if number == 1 else f"/finn-terapeut/steg/{number}/"


def fill_steps(client: Client, *, upto: int = 5, **overrides: dict[str, Any]) -> None:
    """Send steps 1..upto with valid answers; overrides as step_2={...} replace fields of that step."""
    for number in range(1, upto + 1):
        data = {**STEP_DATA[number], **overrides.get(f"step_{number}", {}), "action": "next"}
        response = client.post(step_path(number), data)
        assert response.status_code == 302, (number, response.content.decode()[:3000])


@pytest.fixture
def make_therapist(db):
    return shared_make_therapist


ANSWERS: dict[str, Any] = {
    "who_for": "self",
    "age_group": "26_40",
    "goals": ["cut_down"],
    "acute_signs": [],
    "substances": ["alkohol"],
    "duration": "1_5",
    "frequencies": {"alkohol": "weekly"},
    "frequency": "weekly",
    "amount": "some",
    "alcohol_morning": "no",
    "earlier_treatment": "none",
    "earlier_seizures": "no",
    "mental_health": [],
    "physical_health": "",
    "medication": "",
    "benzo_use": "no",
    "opioid_use": "no",
    "epilepsy": "no",
    "pregnant": "no",
    "gender_preference": "",
    "gender_required": False,
    "languages": ["nb"],
    "methods": [],
    "meeting_modes": ["video"],
    "place": "",
    "days": [],
    "times": [],
    "budget": "fine",
    "name": "Ola",
    "email": "ola@example.no",
    "phone": "",
    "message": "Vil gjerne ha hjelp.",
}


@pytest.fixture
def make_request(db):
    from forlop.matching.services import submit_request

    def make(**overrides: Any):
        return submit_request(answers={**ANSWERS, **overrides})

    return make
