"""Two clicks at once: a draft signed twice, or withheld twice, from two tabs or by two clinicians. Real
threads on PostgreSQL (scripts/with-postgres.sh): one wins, the other gets a message, never a 500 and never
two signatures or two withholdings in force."""

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection, connections

from forlop.audit.models import AccessLog
from forlop.care.journal import services
from forlop.care.journal.models import JournalNote, Withholding, WithholdingGround

from .conftest import draft, signed

ROUNDS = 5

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)"
    ),
    pytest.mark.django_db(transaction=True),  # the world fixture seeds the consultation types again
]


def at_once(*calls: Callable[[], object]) -> Counter:
    barrier = threading.Barrier(len(calls))
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            call()
            outcome = "done"
        except services.JournalError:
            outcome = "refused"
        except Exception as error:  # noqa: BLE001 - any other outcome is a failure the assert names
            outcome = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_a_draft_signed_twice_at_once_is_signed_once(world):
    tor = world.users["team_therapist"]
    for _ in range(ROUNDS):
        note = draft(world)
        # Each click loaded the page (the draft) before either was sent.
        first, second = JournalNote.objects.get(pk=note.pk), JournalNote.objects.get(pk=note.pk)
        for copy in (first, second):
            copy.course = world.course
        outcomes = at_once(
            *(lambda copy=copy: services.sign_note(note=copy, by=tor) for copy in (first, second))
        )
        assert outcomes == {"done": 1, "refused": 1}, outcomes
        assert AccessLog.objects.filter(object_id=str(note.pk), why="Signerte journalnotat").count() == 1


def test_a_note_withheld_twice_at_once_has_one_decision_in_force(world):
    tor, lise = world.users["team_therapist"], world.users["team_doctor"]
    for _ in range(ROUNDS):
        note = signed(world)
        outcomes = at_once(
            lambda note=note: services.withhold_note(
                note=note, by=tor, ground=WithholdingGround.DANGER, explanation="Fare for liv nå"
            ),
            lambda note=note: services.withhold_note(
                note=note, by=lise, ground=WithholdingGround.CLOSE_PERSONS, explanation="Hensyn til søsteren"
            ),
        )
        assert outcomes == {"done": 1, "refused": 1}, outcomes
        assert Withholding.objects.filter(note=note, lifted_at__isnull=True).count() == 1


def test_control_without_the_conditional_update_both_clicks_sign(world):
    # A naive check of the loaded draft, then an unconditional UPDATE: both clicks pass the check and both
    # "sign", so the log shows two signatures of one note. (The trigger lets the second one through because
    # the frozen clock writes the very same value.) sign_note's `signed_at IS NULL` condition is what stops it.
    from django.utils import timezone

    from forlop.audit.services import record_change

    def naive_sign(note: JournalNote) -> None:
        if note.is_signed:
            raise services.JournalError("allerede signert")
        JournalNote.objects.filter(pk=note.pk).update(signed_at=timezone.now())
        record_change(
            by=world.users["team_therapist"], obj=note, subject=world.nora, why="Signerte journalnotat"
        )

    note = draft(world)
    first, second = JournalNote.objects.get(pk=note.pk), JournalNote.objects.get(pk=note.pk)
    outcomes = at_once(*(lambda copy=copy: naive_sign(copy) for copy in (first, second)))
    assert outcomes == {"done": 2}, outcomes
    assert AccessLog.objects.filter(object_id=str(note.pk), why="Signerte journalnotat").count() == 2
