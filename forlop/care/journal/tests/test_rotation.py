"""Journal text is ciphertext in the database, and `manage.py rotate_field_keys` moves every value (signed
notes included) to the newest key without changing a word, after which the old key can go."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from forlop.care.journal import services
from forlop.care.journal.models import JournalNote, WithholdingGround

from .conftest import SECRET, draft, signed

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def raw_rows() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM care_journal_journalnote")
        rows = cursor.fetchall()
        cursor.execute("SELECT * FROM care_journal_amendment")
        rows += cursor.fetchall()
        cursor.execute("SELECT * FROM care_journal_withholding")
        return rows + cursor.fetchall()


def test_it_stores_no_plaintext_in_the_database(world):
    note = signed(world)
    services.amend_note(
        note=note, by=world.users["team_therapist"], text="Sover bedre nå.", reason="Ny opplysning fra Nora"
    )
    services.withhold_note(
        note=note,
        by=world.users["team_therapist"],
        ground=WithholdingGround.CLOSE_PERSONS,
        explanation="Nevner søsteren ved navn",
    )
    dump = repr(raw_rows())
    for plain in (SECRET, "søvnvansker", "Sover bedre", "Ny opplysning", "søsteren"):
        assert plain not in dump
    assert JournalNote.objects.get(pk=note.pk).text == SECRET


def test_it_rotates_every_value_to_the_newest_key(world, capsys):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        note = signed(world)
        services.amend_note(
            note=note, by=world.users["team_doctor"], text="Tillegg", reason="Manglet i notatet"
        )
        services.withhold_note(
            note=note,
            by=world.users["team_doctor"],
            ground=WithholdingGround.DANGER,
            explanation="Fare for liv ved innsyn nå",
        )
        waiting = draft(world, "Et utkast")
        before = raw_rows()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        # Readable before the rotation, with the old key second.
        assert JournalNote.objects.get(pk=note.pk).text == SECRET
        with pytest.raises(CommandError, match="eldre nøkkel"):
            call_command("rotate_field_keys", "--check")
        call_command("rotate_field_keys", "--batch-size", "1")
        call_command("rotate_field_keys", "--check")
        assert "Eldre nøkler kan fjernes" in capsys.readouterr().out
    assert raw_rows() != before
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):  # the old key removed
        fresh = JournalNote.objects.get(pk=note.pk)
        assert fresh.text == SECRET and fresh.signed_at == note.signed_at
        amendment = fresh.amendments.get()
        assert (amendment.text, amendment.reason) == ("Tillegg", "Manglet i notatet")
        assert fresh.withholdings.get().explanation == "Fare for liv ved innsyn nå"
        assert JournalNote.objects.get(pk=waiting.pk).text == "Et utkast"
        call_command("rotate_field_keys")  # again: nothing to do
        assert "0 verdier kryptert på nytt" in capsys.readouterr().out


def test_it_stops_when_no_key_can_read_a_value(world):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        signed(world)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]), pytest.raises(CommandError, match="ingen nøkkel"):
        call_command("rotate_field_keys")
