import re
from collections.abc import Callable
from datetime import datetime
from functools import partial
from importlib import import_module

import pytest
import time_machine

from forlop.accounts.testing import login_verified
from forlop.course import services
from forlop.course.models import Enrollment, Lesson
from forlop.lib.timezones import OSLO
from forlop.outbox.models import OutboxMessage
from forlop.outbox.tests.conftest import running_smtp_server, smtp_server  # noqa: F401  (fixtures)

SITE_URL = "https://forlop.example"
_seed = import_module("forlop.course.migrations.0003_lesson_safety")


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def lessons(db) -> None:
    """The ten lessons from the data migration. Transactional tests (and other apps' ones) flush the
    database, so put back whatever is missing."""
    _seed.seed_lessons(Lesson)


@pytest.fixture
def verified_client(client):
    return partial(login_verified, client)


def sign_up(
    email: str = "kari@example.no", *, audience: str = "self", first_name: str = "Kari"
) -> Enrollment:
    # One address per person: the hourly sign-up limit per address (tested in test_signup.py) stays out of the way.
    services.sign_up(email=email, first_name=first_name, audience=audience, ip_hash=f"test-{email}")
    return Enrollment.objects.running().get(email=email)


def enrol_confirmed_at(when: datetime, email: str = "kari@example.no", **kwargs) -> Enrollment:
    """Sign up and confirm at `when` (the clock frozen there)."""
    with time_machine.travel(when, tick=False):
        enrollment = sign_up(email, **kwargs)
        assert services.confirm(token=enrollment.token) == services.ConfirmOutcome.CONFIRMED
    enrollment.refresh_from_db()
    return enrollment


@pytest.fixture
def enrol(lessons) -> Callable[..., Enrollment]:
    return enrol_confirmed_at


def run_job_at(when: datetime) -> int:
    with time_machine.travel(when, tick=False):
        return services.send_due_lessons()


def lesson_mails(email: str = "kari@example.no") -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(template="course_lesson", to=[email]).order_by("created_at", "pk")
    )


def link(text: str, path_part: str) -> str:
    match = re.search(rf"{re.escape(SITE_URL)}/kurs/5-tegn/{path_part}/[\w-]+/", text)
    assert match, f"no {path_part} link in: {text}"
    return match.group(0).removeprefix(SITE_URL)
