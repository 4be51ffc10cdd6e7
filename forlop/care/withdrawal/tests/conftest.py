"""Nora's course and the people around it (from forlop/care/tests/conftest.py), and helpers to enter scales
through the page as a clinician would."""

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from forlop.booking.tests.conftest import NOW
from forlop.care.scales import SCALES, ScaleKind
from forlop.care.tests.conftest import World, people, world  # noqa: F401 - fixtures for these tests
from forlop.lib.timezones import OSLO

SHARED_CLINICAL = Path(__file__).resolve().parents[5] / "shared" / "clinical"
TAKEN = NOW - timedelta(minutes=30)


def shared_vectors() -> list[dict]:
    path = SHARED_CLINICAL / "test-vectors.json"
    if not path.exists():
        pytest.fail(f"{path} not found: the shared clinical data must sit beside the repository")
    return json.loads(path.read_text(encoding="utf-8"))


def local_text(at: datetime) -> str:
    return at.astimezone(OSLO).strftime("%Y-%m-%dT%H:%M")


def form_data(
    kind: ScaleKind, answers, *, taken_at: datetime = TAKEN, threshold=None, note: str = ""
) -> dict:
    data = {"taken_at": local_text(taken_at), "note": note}
    for item, value in zip(SCALES[kind].items, answers or [], strict=False):
        data[f"item_{item.n}"] = "" if value is None else str(value)
    if threshold is not None:
        data["threshold_met"] = "ja" if threshold else "nei"
    return data


def new_url(w: World, kind: ScaleKind | str) -> str:
    return reverse("care_withdrawal:new", kwargs={"course_pk": w.course.pk, "instrument": str(kind)})


def series_url(w: World) -> str:
    return reverse("care_withdrawal:series", kwargs={"course_pk": w.course.pk})


@pytest.fixture
def tor(world):  # noqa: F811 - the fixture imported above
    return world.client_for("team_therapist")
