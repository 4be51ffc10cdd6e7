"""Nora's course and the people around it (from forlop/care/tests/conftest.py), and helpers to fill in the
kartlegging through the page as a clinician would."""

from typing import Any

import pytest
from django.urls import reverse

from forlop.care.tests.conftest import World, people, world  # noqa: F401 - fixtures for these tests


def page_url(w: World) -> str:
    return reverse("care_assessment:assessment", kwargs={"course_pk": w.course.pk})


def save_url(w: World) -> str:
    return reverse("care_assessment:save", kwargs={"course_pk": w.course.pk})


def decide_url(w: World) -> str:
    return reverse("care_assessment:decide", kwargs={"course_pk": w.course.pk})


def outpatient_post(**overrides: Any) -> dict[str, Any]:
    """A kartlegging that meets every criterion for outpatient alcohol detox."""
    data: dict[str, Any] = {
        "rus-alkohol-used": "on",
        "rus-alkohol-amount": "En flaske vin om dagen",
        "rus-alkohol-units_per_day": "6",
        "rus-alkohol-frequency": "daily",
        "rus-alkohol-route": "drikke",
        "rus-alkohol-duration": "to år",
        "rus-alkohol-last_use": "2026-03-01T21:30",
        "alcohol_morning": "no",
        "earlier_detox_times": "0",
        "earlier_seizures": "no",
        "earlier_delirium": "no",
        "epilepsy": "no",
        "somatic_health": "Høyt blodtrykk",
        "mental_health": "",
        "medication": "",
        "pregnant": "not_relevant",
        "age": "38",
        "housing": "stable",
        "housing_note": "",
        "work_school": "Jobber som lærer",
        "network": "Samboer og søster",
        "sober_support": "yes",
        "children_count": "",
        "children_ages": "",
        "children_note": "",
        "own_goals": "Jeg vil klare meg uten vin på hverdagene.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def tor(world):  # noqa: F811 - the imported fixture
    return world.client_for("team_therapist")
