"""The writer: who may record, what it refuses, and that a measurement is append-only (ORM and trigger)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from forlop.care.measures import services
from forlop.care.measures.models import Measurement
from forlop.care.plan import services as plan_services

from .conftest import NOW, answer


@pytest.mark.parametrize("persona", ["another_client", "other_therapist", "coordinator", "admin"])
def test_only_the_person_and_the_treating_team_may_record(world, persona):
    with pytest.raises(PermissionDenied):
        answer(world, "phq9", [0] * 9, by=persona)
    assert not Measurement.objects.exists()


def test_the_person_cannot_record_an_extra_form(world):
    with pytest.raises(services.MeasureRejected):
        answer(world, "phq9", [0] * 9, occasion="extra")


def test_an_occasion_of_another_course_is_refused(world):
    with pytest.raises(services.MeasureRejected):
        answer(world, "phq9", [0] * 9, by="team_therapist", occasion="evaluation:999999")


def test_a_time_in_the_future_is_refused(world):
    with pytest.raises(services.MeasureRejected):
        services.record(
            course=world.course,
            by=world.users["team_therapist"],
            instrument="phq9",
            answers=[0] * 9,
            occasion="start",
            taken_at=NOW + timedelta(hours=1),
            now=NOW,
        )


def test_unscorable_answers_are_refused_with_the_item(world):
    with pytest.raises(services.MeasureRejected) as error:
        answer(world, "phq9", [0] * 8 + [None])
    assert error.value.item == 9
    assert not Measurement.objects.exists()


def test_a_measurement_is_append_only(world):
    m = answer(world, "phq9", [0] * 9)
    m.total = 3
    with pytest.raises(ValueError):
        m.save()
    with pytest.raises(ValueError):
        m.delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE care_measures_measurement SET total = 3 WHERE id = %s", [m.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM care_measures_measurement WHERE id = %s", [m.pk])
    m.refresh_from_db()
    assert m.total == 0


def test_an_evaluation_opens_new_forms_a_week_before_it_is_due(world):
    for instrument, answers in (("audit", [0] * 10), ("phq9", [0] * 9), ("gad7", [0] * 7)):
        answer(world, instrument, answers, sex="male" if instrument == "audit" else None)
    assert services.due_for(world.course, now=NOW) == []
    plan_services.create_plan(
        course=world.course,
        by=world.users["team_therapist"],
        goals=["Drikke mindre"],
        interval_weeks=4,
        now=NOW,
    )
    evaluation = plan_services.pending_evaluation(plan_services.plan_for(world.course))
    assert services.due_for(world.course, now=NOW + timedelta(days=20)) == []
    due = services.due_for(world.course, now=NOW + timedelta(days=21))
    assert [(d.kind.value, d.occasion.evaluation_id) for d in due] == [
        ("audit", evaluation.pk),
        ("phq9", evaluation.pk),
        ("gad7", evaluation.pk),
    ]
    m = answer(world, "phq9", [0] * 9, occasion=f"evaluation:{evaluation.pk}", at=NOW + timedelta(days=22))
    assert m.evaluation == evaluation


def test_item_9_above_0_from_the_person_emails_the_therapist_and_doctor_at_once_without_details(world):
    from forlop.outbox.models import OutboxMessage

    answer(world, "phq9", [3, 3, 0, 0, 0, 0, 0, 0, 1])
    emails = list(OutboxMessage.objects.filter(template="care_measures_to_team"))
    assert sorted(e.to[0] if isinstance(e.to, list) else e.to for e in emails) == [
        "lise@example.no",
        "tor@example.no",
    ]
    for email in emails:
        text = (email.subject + email.body_text).lower()
        assert f"/ansatt/forlop/{world.course.pk}/skjemaer/" in text
        for detail in ("phq", "spørsmål 9", "nora", "selv", "død", "sum", "alkohol"):
            assert detail not in text.replace("selvsagt", "")


@pytest.mark.parametrize(("answers", "by"), [([0] * 9, "the_person"), ([0] * 8 + [1], "team_therapist")])
def test_no_email_when_item_9_is_0_or_staff_entered_the_paper_form(world, answers, by):
    from forlop.outbox.models import OutboxMessage

    answer(world, "phq9", answers, by=by)
    assert not OutboxMessage.objects.filter(template="care_measures_to_team").exists()
