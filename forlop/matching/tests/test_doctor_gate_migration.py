"""Migration 0002 adds the doctor gate's constraint to a database that may already hold the issue's incident: a
flagged request sent a therapist without a doctor. Such a row goes back to the doctor instead of stopping the
deployment."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("matching", "0001_initial")]
GATE = [("matching", "0002_doctor_gate")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_a_flagged_request_sent_before_the_gate_goes_back_to_the_doctor():
    old = _migrate(BEFORE)
    try:
        MatchRequest = old.get_model("matching", "MatchRequest")
        now = timezone.now()
        common = {
            "who_for": "self",
            "age_group": "26_40",
            "duration": "1_5",
            "frequency": "daily",
            "amount": "some",
            "earlier_treatment": "none",
            "earlier_seizures": "no",
            "pregnant": "no",
            "budget": "fine",
            "email": "x@example.no",
            "consent_at": now,
        }
        sent_flagged = MatchRequest.objects.create(
            name="Sendt uten lege", status="suggested", medical_assessment=True, **common
        )
        sent_plain = MatchRequest.objects.create(name="Vanlig", status="suggested", **common)
        waiting = MatchRequest.objects.create(name="Venter", medical_assessment=True, **common)

        new = _migrate(GATE)
        MatchRequest = new.get_model("matching", "MatchRequest")
        statuses = dict(MatchRequest.objects.values_list("name", "status"))
        assert statuses == {"Sendt uten lege": "new", "Vanlig": "suggested", "Venter": "new"}
        event = new.get_model("matching", "MatchRequestEvent").objects.get(request_id=sent_flagged.pk)
        assert (event.kind, event.from_status, event.to_status) == ("held_for_doctor", "suggested", "new")
        assert "før legeporten fantes" in event.note
        assert (
            not new.get_model("matching", "MatchRequestEvent")
            .objects.filter(request_id__in=[sent_plain.pk, waiting.pk])
            .exists()
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
