"""Nora's course (forlop/care/tests/conftest.py: Tor therapist, Lise doctor, Kari coordinator; Ola, another
client with his own course and team), and helpers: answers for a check-in, an approved taper plan."""

from datetime import date, datetime, timedelta
from typing import Any

from forlop.care.tapering.models import Kind, PlanVersion, TaperPlan
from forlop.care.tests.conftest import people, world  # noqa: F401 - the fixtures, shared
from forlop.lib.timezones import OSLO

__all__ = ["people", "world"]


def at(y: int, m: int, d: int, hh: int = 12, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=OSLO)


def answers(**changes: Any) -> dict[str, Any]:
    """A calm day: craving 2, nothing used, mood 4, slept well, no red flag."""
    base: dict[str, Any] = {
        "craving": 2,
        "used": False,
        "substances": [],
        "amount": "",
        "amount_text": "",
        "mood": 4,
        "sleep": 3,
        "sleep_hours": None,
        "suicide_thoughts": False,
        "seizure": False,
        "dose": "",
        "withdrawal": "",
        "symptoms": [],
    }
    return {**base, **changes}


def form_data(day: date, **changes: Any) -> dict[str, Any]:
    """The same as POSTed by the browser."""
    a = answers(**changes)
    yes_no = {True: "ja", False: "nei"}
    data: dict[str, Any] = {
        "day": day.isoformat(),
        "craving": str(a["craving"]),
        "used": yes_no[a["used"]],
        "substances": a["substances"],
        "amount": a["amount"],
        "amount_text": a["amount_text"],
        "mood": str(a["mood"]),
        "sleep": str(a["sleep"]),
        "sleep_hours": "" if a["sleep_hours"] is None else str(a["sleep_hours"]),
        "suicide_thoughts": yes_no[a["suicide_thoughts"]],
        "seizure": yes_no[a["seizure"]],
    }
    if a["dose"]:
        data["dose"] = a["dose"]
    if a["withdrawal"]:
        data["withdrawal"] = a["withdrawal"]
    if a["symptoms"]:
        data["symptoms"] = a["symptoms"]
    return data


def approve_taper(
    course, doctor, *, first: date, days: int = 14, kind: str = Kind.BENZODIAZEPINE
) -> PlanVersion:
    """An approved taper plan covering `days` days from `first` (written straight to the tables: the tapering
    app's own tests cover how a plan is proposed and approved)."""
    now = datetime.combine(first, datetime.min.time(), tzinfo=OSLO) - timedelta(days=1)
    plan = TaperPlan.objects.create(course=course, kind=kind, created_at=now, created_by=doctor)
    last = first + timedelta(days=days - 1)
    schedule = {
        "days": [
            {"date": (first + timedelta(days=n)).isoformat(), "doses": [{"time": "08:00", "mg": "10"}]}
            for n in range(days)
        ]
    }
    return PlanVersion.objects.create(
        plan=plan,
        number=1,
        inputs={},
        schedule=schedule,
        created_at=now,
        proposed_by=doctor,
        approved_at=now,
        approved_by=doctor,
        first_day=first,
        last_day=last,
    )
