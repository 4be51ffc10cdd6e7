"""`manage.py flush` (the test suite's reset between transactional tests) still empties the journal on
SQLite, where the triggers are stepped aside for it, and puts them back."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction

from forlop.care.journal.models import JournalNote

from .conftest import signed


@pytest.mark.django_db(transaction=True)
def test_flush_empties_signed_notes_and_keeps_the_guard(world):
    signed(world)
    call_command("flush", interactive=False, verbosity=0)
    assert not JournalNote.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_guard_is_back_after_a_flush(world):
    note = signed(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalNote.objects.filter(pk=note.pk).update(consulted_on="2026-01-01")
