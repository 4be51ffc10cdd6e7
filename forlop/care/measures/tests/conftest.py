"""Nora's course (alcohol) and the people around it, from forlop/care/tests/conftest.py, and helpers to answer
a measure as the person or the team would."""

from datetime import datetime

import pytest
from django.urls import reverse

from forlop.booking.tests.conftest import NOW
from forlop.care.measures import services
from forlop.care.measures.models import Measurement
from forlop.care.tests.conftest import World, people, world  # noqa: F401 - fixtures for these tests

__all__ = ["NOW", "World", "people", "world"]


def form_data(answers, *, sex: str | None = None, **extra) -> dict:
    data = {f"q{n}": "" if value is None else str(value) for n, value in enumerate(answers, start=1)}
    if sex is not None:
        data["sex"] = sex
    data.update(extra)
    return data


def fill_url(instrument: str) -> str:
    return reverse("care_measures:fill", kwargs={"instrument": instrument})


def mine_url() -> str:
    return reverse("care_measures:mine")


def staff_url(w: World) -> str:
    return reverse("care_measures:staff", kwargs={"course_pk": w.course.pk})


def staff_new_url(w: World, instrument: str) -> str:
    return reverse("care_measures:staff_new", kwargs={"course_pk": w.course.pk, "instrument": instrument})


def answer(
    w: World,
    instrument: str,
    answers,
    *,
    by: str = "the_person",
    occasion: str = "start",
    at: datetime = NOW,
    sex=None,
) -> Measurement:
    return services.record(
        course=w.course,
        by=w.users[by],
        instrument=instrument,
        answers=answers,
        occasion=occasion,
        taken_at=at,
        now=at,
        sex=sex,
    )


@pytest.fixture
def nora(world):  # noqa: F811 - the fixture imported above
    return world.client_for("the_person")
