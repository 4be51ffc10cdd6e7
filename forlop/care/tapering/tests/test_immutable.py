"""An approved version cannot change or go away: not through the model, not through a queryset, not through raw
SQL (database triggers). Run on PostgreSQL too: scripts/with-postgres.sh .venv/bin/python -m pytest FILE."""

import pytest
from django.db import DatabaseError, connection, transaction

from forlop.care.tapering.models import APPROVED_IS_FINAL, ApprovedVersionChanged, PlanVersion
from forlop.core.triggers import registered

assert PlanVersion._meta.db_table == "care_tapering_planversion"


def test_the_trigger_set_is_registered_for_flush():
    assert APPROVED_IS_FINAL in registered()


def test_the_model_refuses_to_change_or_delete_an_approved_version(approved):
    approved.reason = "Endret i ettertid"
    with pytest.raises(ApprovedVersionChanged):
        approved.save()
    with pytest.raises(ApprovedVersionChanged):
        approved.delete()
    stale = PlanVersion.objects.get(pk=approved.pk)
    stale.approved_at = None  # pretending it is a draft does not help
    with pytest.raises(ApprovedVersionChanged):
        stale.save()


def test_a_queryset_update_or_delete_is_refused_by_the_database(approved):
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.filter(pk=approved.pk).update(schedule={"days": []})
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.filter(pk=approved.pk).update(approved_at=None, approved_by=None)
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.filter(pk=approved.pk)._raw_delete(connection.alias)
    approved.refresh_from_db()
    assert approved.schedule["days"] and approved.approved_at is not None


def test_raw_sql_cannot_change_or_delete_an_approved_version(approved):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE care_tapering_planversion SET inputs = %s WHERE id = %s", ['{"doses": []}', approved.pk]
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM care_tapering_planversion WHERE id = %s", [approved.pk])
    assert PlanVersion.objects.filter(pk=approved.pk, inputs=approved.inputs).exists()


def test_a_draft_can_still_be_edited_and_deleted(draft):
    PlanVersion.objects.filter(pk=draft.pk).update(reason="")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE care_tapering_planversion SET edited_at = NULL WHERE id = %s", [draft.pk])
    draft.refresh_from_db()
    draft.save()
    draft.delete()
    assert not PlanVersion.objects.filter(pk=draft.pk).exists()
