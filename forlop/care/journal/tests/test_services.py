"""The journal's services refuse what the rules do not allow, whoever calls them and however late."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from forlop.booking.models import Booking
from forlop.care.journal import services
from forlop.care.journal.models import JournalNote, WithholdingGround

from .conftest import SECRET, draft, signed


def test_a_draft_signed_in_another_tab_cannot_be_edited_from_the_first(world):
    stale = draft(world)
    services.sign_note(note=JournalNote.objects.get(pk=stale.pk), by=world.users["team_therapist"])
    with pytest.raises(services.JournalError, match="signert i mellomtiden"):
        services.edit_draft(
            note=stale, by=world.users["team_therapist"], text="Sent", consulted_on=date(2026, 3, 2)
        )
    with pytest.raises(services.JournalError, match="allerede signert"):
        services.sign_note(note=stale, by=world.users["team_therapist"])
    assert JournalNote.objects.get(pk=stale.pk).text == SECRET


@pytest.mark.parametrize("persona", ["coordinator", "other_therapist", "other_doctor", "admin", "the_person"])
def test_only_a_clinician_on_the_team_writes(world, persona):
    with pytest.raises(PermissionDenied):
        draft(world, by=persona)
    note = signed(world)
    with pytest.raises(PermissionDenied):
        services.amend_note(note=note, by=world.users[persona], text="x", reason="Ikke på teamet")
    with pytest.raises(PermissionDenied):
        services.withhold_note(
            note=note, by=world.users[persona], ground=WithholdingGround.DANGER, explanation="Ikke på teamet"
        )


def test_the_team_doctor_writes_and_signs_her_own_notes(world):
    note = services.sign_note(note=draft(world, by="team_doctor"), by=world.users["team_doctor"])
    assert note.is_signed and note.author == world.users["team_doctor"]


def test_it_refuses_amending_or_withholding_a_draft_and_withholding_twice(world):
    note = draft(world)
    tor = world.users["team_therapist"]
    with pytest.raises(services.JournalError, match="ikke signert"):
        services.amend_note(note=note, by=tor, text="Tillegg", reason="Utfyllende opplysning")
    with pytest.raises(services.JournalError, match="ikke signert"):
        services.withhold_note(
            note=note, by=tor, ground=WithholdingGround.DANGER, explanation="Fare for liv nå"
        )
    services.sign_note(note=note, by=tor)
    services.withhold_note(note=note, by=tor, ground=WithholdingGround.DANGER, explanation="Fare for liv nå")
    with pytest.raises(services.JournalError, match="allerede holdt tilbake"):
        services.withhold_note(
            note=note, by=tor, ground=WithholdingGround.DANGER, explanation="Fare for liv nå"
        )
    with pytest.raises(services.JournalError, match="Velg hjemmelen"):
        services.withhold_note(note=note, by=tor, ground="annet", explanation="Fare for liv nå")


def test_it_refuses_a_booking_of_someone_else(world):
    Booking.objects.filter(pk=world.booking.pk).update(person=world.ola, status=Booking.Status.HELD_DONE)
    world.booking.refresh_from_db()
    with pytest.raises(services.JournalError, match="hører ikke til personen"):
        services.write_note(
            course=world.course,
            by=world.users["team_therapist"],
            text="Notat",
            consulted_on=date(2026, 3, 2),
            booking=world.booking,
        )
