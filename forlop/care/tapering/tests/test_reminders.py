from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.db import IntegrityError

from forlop.care.taper import BENZODIAZEPINES
from forlop.care.tapering import services
from forlop.care.tapering.models import StepReminder
from forlop.lib.timezones import OSLO
from forlop.outbox.models import OutboxMessage

from .conftest import FIRST_DAY


def sent():
    return OutboxMessage.objects.filter(template="care_tapering_step")


def at(day, hour=9, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=OSLO)


@pytest.fixture
def first_change(approved):
    days = services.change_days(approved.schedule)
    assert days and days[0] > FIRST_DAY
    return days[0]


def test_the_person_gets_one_gentle_email_the_day_a_dose_changes(world, approved, first_change, time_machine):
    time_machine.move_to(at(first_change, 9), tick=False)
    assert services.send_step_reminders() == 1
    [message] = sent().all()
    assert message.to == [world.nora.email]
    assert "Planen din endres i dag" in message.subject
    assert "Planen din endres i dag – se Min side." in message.body_text
    assert f"/min-side/forlop/nedtrapping/{approved.plan_id}/" in message.body_text
    # running again, later the same day, on another worker: no second email
    time_machine.move_to(at(first_change, 15), tick=False)
    assert services.send_step_reminders() == 0
    assert sent().count() == 1
    assert StepReminder.objects.get().day == first_change


def test_the_email_names_no_dose_and_no_substance(approved, first_change, time_machine):
    time_machine.move_to(at(first_change), tick=False)
    services.send_step_reminders()
    message = sent().get()
    text = f"{message.subject}\n{message.body_text}\n{message.body_html}".casefold()
    for word in [*BENZODIAZEPINES, "sobril", "tiamin", "buprenorfin", "nalokson", "alkohol", " mg", "dose"]:
        assert word not in text, word
    link = f"{settings.SITE_URL}/min-side/forlop/nedtrapping/{approved.plan_id}/".casefold()
    rest = text.replace(link, "").replace(settings.PRACTICE_PHONE.casefold(), "")
    assert not any(ch.isdigit() for ch in rest), rest  # no number at all: no dose, no date, no strength


def test_no_email_on_a_day_without_a_change_nor_before_seven(approved, first_change, time_machine):
    time_machine.move_to(at(first_change - timedelta(days=1), 12), tick=False)
    assert services.send_step_reminders() == 0
    time_machine.move_to(at(first_change, 6, 59), tick=False)
    assert services.send_step_reminders() == 0
    time_machine.move_to(at(FIRST_DAY, 12), tick=False)  # the start is not a change
    assert services.send_step_reminders() == 0
    assert not sent().exists()


def test_every_step_gets_its_own_email_and_the_stop_day_too(approved, time_machine):
    days = services.change_days(approved.schedule)
    for day in days:
        time_machine.move_to(at(day, 8), tick=False)
        services.send_step_reminders()
        services.send_step_reminders()
    assert sent().count() == len(days) == StepReminder.objects.count()
    last = max(day for day in (s["date"] for s in approved.schedule["days"]))
    assert days[-1] == datetime.fromisoformat(last).date() + timedelta(days=1)


def test_a_worker_that_loses_the_claim_queues_nothing(approved, first_change, time_machine, monkeypatch):
    time_machine.move_to(at(first_change), tick=False)

    def taken(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: care_tapering_one_reminder_per_step")

    monkeypatch.setattr(StepReminder.objects, "create", taken)
    assert services.send_step_reminders() == 0
    assert not sent().exists()


def test_a_closed_course_gets_no_reminders(world, approved, first_change, time_machine):
    type(world.course).objects.filter(pk=world.course.pk).update(
        phase="avsluttet", closed_at=at(FIRST_DAY), closing_summary="Flyttet"
    )
    time_machine.move_to(at(first_change), tick=False)
    assert services.send_step_reminders() == 0


def test_the_job_is_registered():
    from forlop.care.tapering import jobs
    from forlop.core.jobs import REGISTRY

    assert REGISTRY["care_tapering.send_step_reminders"].func is jobs.send_step_reminders
