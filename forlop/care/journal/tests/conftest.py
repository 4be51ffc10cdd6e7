"""Nora's course and the people around it (forlop/care/tests/conftest.py), and a few journal helpers."""

from datetime import date

import pytest

from forlop.care.journal import services
from forlop.care.journal.models import JournalNote
from forlop.care.tests.conftest import World, people, world  # noqa: F401 - fixtures for these tests

SECRET = "Nora forteller om søvnvansker og sug om kvelden."


def draft(w: World, text: str = SECRET, by: str = "team_therapist") -> JournalNote:
    return services.write_note(course=w.course, by=w.users[by], text=text, consulted_on=date(2026, 3, 2))


def signed(w: World, text: str = SECRET, by: str = "team_therapist") -> JournalNote:
    note = draft(w, text, by)
    return services.sign_note(note=note, by=w.users[by])


@pytest.fixture
def tor(world):  # noqa: F811 - the fixture imported above
    return world.client_for("team_therapist")
