"""A signed note, an amendment and a lifted withholding cannot change: not through the model, not through
queryset.update(), not through raw SQL (database triggers; run on SQLite and with scripts/with-postgres.sh on
PostgreSQL). Only the key rotation's rewrite gate lets their ciphertext change."""

import pytest
from django.db import DatabaseError, connection, transaction

from forlop.care.journal import services
from forlop.care.journal.models import (
    AMENDMENT_CIPHERTEXT,
    AMENDMENT_FIXED,
    NOTE_CIPHERTEXT,
    NOTE_FIXED,
    WITHHOLDING_CIPHERTEXT,
    WITHHOLDING_FIXED,
    Amendment,
    ImmutableError,
    JournalNote,
    Withholding,
    WithholdingGround,
    rewrite_gate,
)
from forlop.core import crypto

from .conftest import SECRET, draft, signed


def refused(sql: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_it_lets_the_author_change_a_draft_in_the_database(world):
    note = draft(world)
    assert not refused(
        "UPDATE care_journal_journalnote SET consulted_on = %s WHERE id = %s", ["2026-03-01", note.pk]
    )
    JournalNote.objects.filter(pk=note.pk).update(body_ciphertext=crypto.encrypt("Nytt utkast"))
    assert JournalNote.objects.get(pk=note.pk).text == "Nytt utkast"


def test_it_refuses_saving_a_signed_note_through_the_orm(world):
    note = signed(world)
    note.text = "Endret i ettertid"
    with pytest.raises(ImmutableError):
        note.save()
    with pytest.raises(ImmutableError):
        note.delete()
    assert JournalNote.objects.get(pk=note.pk).text == SECRET


@pytest.mark.parametrize(
    "change",
    [
        {"body_ciphertext": "forged"},
        {"consulted_on": "2026-01-01"},
        {"signed_at": None},
        {"updated_at": "2026-01-01T00:00:00Z"},
    ],
)
def test_it_refuses_queryset_update_of_a_signed_note(world, change):
    note = signed(world)
    if "body_ciphertext" in change:
        change = {"body_ciphertext": crypto.encrypt("Forfalsket tekst")}
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalNote.objects.filter(pk=note.pk).update(**change)
    fresh = JournalNote.objects.get(pk=note.pk)
    assert fresh.text == SECRET and fresh.signed_at == note.signed_at


def test_it_refuses_raw_sql_on_a_signed_note(world):
    note = signed(world)
    assert refused(
        "UPDATE care_journal_journalnote SET body_ciphertext = %s WHERE id = %s",
        [crypto.encrypt("Rå SQL"), note.pk],
    )
    assert refused("UPDATE care_journal_journalnote SET signed_at = NULL WHERE id = %s", [note.pk])
    assert refused(
        "UPDATE care_journal_journalnote SET author_id = %s WHERE id = %s",
        [world.users["team_doctor"].pk, note.pk],
    )
    assert refused("DELETE FROM care_journal_journalnote WHERE id = %s", [note.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalNote.objects.filter(pk=note.pk).delete()
    assert JournalNote.objects.get(pk=note.pk).text == SECRET


def test_it_lets_only_the_rewrite_gate_change_a_signed_notes_ciphertext(world):
    note = signed(world)
    rewrapped = crypto.rotate(note.body_ciphertext)
    with rewrite_gate():
        JournalNote.objects.filter(pk=note.pk).update(body_ciphertext=rewrapped)
        # Even inside the gate, nothing else about the note may change.
        with pytest.raises(DatabaseError), transaction.atomic():
            JournalNote.objects.filter(pk=note.pk).update(consulted_on="2026-01-01")
    assert JournalNote.objects.get(pk=note.pk).body_ciphertext == rewrapped
    # The gate is closed again afterwards.
    assert refused(
        "UPDATE care_journal_journalnote SET body_ciphertext = %s WHERE id = %s",
        [crypto.encrypt("x"), note.pk],
    )


def test_it_keeps_the_original_when_a_note_is_amended_and_the_amendment_cannot_change(world):
    note = signed(world)
    amendment = services.amend_note(
        note=note,
        by=world.users["team_doctor"],
        text="Dosen var 10 mg, ikke 20 mg.",
        reason="Feil dose i notatet",
    )
    assert JournalNote.objects.get(pk=note.pk).text == SECRET
    assert [a.text for a in note.amendments.all()] == ["Dosen var 10 mg, ikke 20 mg."]
    amendment.text = "Endret"
    with pytest.raises(ImmutableError):
        amendment.save()
    with pytest.raises(ImmutableError):
        amendment.delete()
    assert refused(
        "UPDATE care_journal_amendment SET text_ciphertext = %s WHERE id = %s",
        [crypto.encrypt("x"), amendment.pk],
    )
    assert refused(
        "UPDATE care_journal_amendment SET author_id = %s WHERE id = %s",
        [world.users["team_therapist"].pk, amendment.pk],
    )
    assert refused("DELETE FROM care_journal_amendment WHERE id = %s", [amendment.pk])
    assert Amendment.objects.get(pk=amendment.pk).reason == "Feil dose i notatet"


def test_it_keeps_a_lifted_withholding_as_it_was(world):
    note = signed(world)
    by = world.users["team_therapist"]
    services.withhold_note(
        note=note, by=by, ground=WithholdingGround.DANGER, explanation="Fare for alvorlig forverring"
    )
    lifted = services.lift_withholding(note=note, by=by)
    assert refused("UPDATE care_journal_withholding SET lifted_at = NULL WHERE id = %s", [lifted.pk])
    assert refused("DELETE FROM care_journal_withholding WHERE id = %s", [lifted.pk])
    assert Withholding.objects.get(pk=lifted.pk).lifted_at is not None


@pytest.mark.parametrize(
    ("model", "fixed", "ciphertext"),
    [
        (JournalNote, NOTE_FIXED, NOTE_CIPHERTEXT),
        (Amendment, AMENDMENT_FIXED, AMENDMENT_CIPHERTEXT),
        (Withholding, WITHHOLDING_FIXED, WITHHOLDING_CIPHERTEXT),
    ],
)
def test_it_names_every_column_in_the_triggers(model, fixed, ciphertext):
    # A column added later must be added to the trigger's list, or it would be silently mutable.
    columns = {f.column for f in model._meta.concrete_fields}
    assert columns == set(fixed) | set(ciphertext)
    assert not set(fixed) & set(ciphertext)


def test_the_admin_offers_no_way_around_the_team_rule():
    from django.contrib import admin

    from forlop.care.journal.models import CiphertextRewrite

    for model in (JournalNote, Amendment, Withholding, CiphertextRewrite):
        assert not admin.site.is_registered(model)
