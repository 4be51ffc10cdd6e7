from datetime import timedelta

import pytest
import time_machine
from icalendar import Calendar

from forlop.audit.actors import Actor
from forlop.booking import services, tokens
from forlop.booking.models import Booking, ConsultationType, TherapistPrice

from .conftest import NOW, oslo
from .helpers import DETAILS, book, ics_of, mails


def test_it_books_a_free_slot_and_queues_both_emails(frozen, profile, consultation):
    result = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    booking = result.booking
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.end_at == oslo("2026-03-03 10:50")
    assert booking.blocked_until == oslo("2026-03-03 11:00")
    assert booking.price_ore == 49500
    assert booking.video_url.startswith("https://video.forlop.no/") and len(booking.video_room) >= 20
    client_mail, therapist_mail = mails()
    assert client_mail.to == ["nora@example.no"] and therapist_mail.to == ["terapeut@example.no"]
    assert "10:00" in client_mail.subject and "3. mars" in client_mail.subject
    assert booking.video_url in client_mail.body_text and booking.video_url in therapist_mail.body_text
    assert services.manage_url(result.manage_token) in client_mail.body_text
    # The client's note and name are never in an email.
    for message in (client_mail, therapist_mail):
        assert "drikker" not in message.body_text and "drikker" not in ics_of(message)
    assert "Nora" not in therapist_mail.body_text and "nora@example.no" not in ics_of(therapist_mail)


def test_it_attaches_a_calendar_request_in_utc_with_a_stable_uid(frozen, profile, consultation):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    text = ics_of(mails("booking_confirmed")[0])
    assert "METHOD:REQUEST" in text
    assert "DTSTART:20260303T090000Z" in text and "DTEND:20260303T095000Z" in text
    event = Calendar.from_ical(text).walk("VEVENT")[0]
    assert event["SEQUENCE"] == 0
    assert str(event["UID"]).startswith("booking-")


def test_it_confirms_a_hold_only_once(frozen, profile, consultation):
    hold = services.hold_slot(
        therapist=profile, consultation_type=consultation, start=oslo("2026-03-03 10:00")
    )
    first = services.confirm_booking(booking=hold.booking, details=DETAILS)
    second = services.confirm_booking(booking=hold.booking, details=DETAILS)
    assert first.created and not second.created
    assert first.booking.pk == second.booking.pk and first.manage_token == second.manage_token
    assert Booking.objects.count() == 1
    assert len(mails()) == 2


def test_it_returns_the_same_hold_for_the_same_idempotency_key(frozen, profile, consultation):
    start = oslo("2026-03-03 10:00")
    first = services.hold_slot(
        therapist=profile, consultation_type=consultation, start=start, idempotency_key="abc"
    )
    again = services.hold_slot(
        therapist=profile, consultation_type=consultation, start=start, idempotency_key="abc"
    )
    assert first.booking.pk == again.booking.pk and first.token == again.token


def test_it_refuses_a_taken_slot(frozen, profile, consultation):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW)
    with pytest.raises(services.SlotTaken) as error:
        services.hold_slot(therapist=profile, consultation_type=consultation, start=oslo("2026-03-03 10:00"))
    assert error.value.code == "slot_taken"
    assert "Denne tiden ble akkurat tatt" in str(error.value.message)


@pytest.mark.parametrize(
    "start",
    [
        "2026-03-03 13:00",  # after working hours
        "2026-03-03 10:15",  # off the slot grid
        "2026-03-02 09:00",  # before now + minimum notice
        "2026-06-01 09:00",  # beyond the 8-week horizon
        "2026-04-03 10:00",  # Langfredag
    ],
)
def test_it_refuses_times_outside_availability(frozen, profile, consultation, start):
    with pytest.raises(services.OutsideAvailability):
        services.hold_slot(therapist=profile, consultation_type=consultation, start=oslo(start))


def test_it_refuses_a_type_the_therapist_does_not_offer(frozen, profile):
    doctors = ConsultationType.objects.get(slug="legekonsultasjon")
    doctors.therapists.add(profile)
    with pytest.raises(services.NotOffered):
        services.hold_slot(therapist=profile, consultation_type=doctors, start=oslo("2026-03-03 10:00"))


def test_it_frees_a_slot_when_the_hold_expires(frozen, profile, consultation):
    start = oslo("2026-03-03 10:00")
    hold = services.hold_slot(therapist=profile, consultation_type=consultation, start=start)
    with pytest.raises(services.SlotTaken):
        services.hold_slot(therapist=profile, consultation_type=consultation, start=start)
    frozen.shift(timedelta(minutes=10))
    second = services.hold_slot(therapist=profile, consultation_type=consultation, start=start)
    hold.booking.refresh_from_db()
    assert hold.booking.status == Booking.Status.EXPIRED
    with pytest.raises(services.HoldExpired) as error:
        services.confirm_booking(booking=hold.booking, details=DETAILS)
    assert error.value.code == "hold_expired"
    assert services.confirm_booking(booking=second.booking, details=DETAILS).created


def test_it_charges_the_therapists_own_price_but_never_below_the_floor(frozen, profile, consultation):
    TherapistPrice.objects.create(therapist=profile, consultation_type=consultation, price_ore=65000)
    assert (
        book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW).booking.price_ore
        == 65000
    )
    TherapistPrice.objects.filter(therapist=profile).update(price_ore=10000)
    assert (
        book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 11:00"), now=NOW).booking.price_ore
        == 49500
    )


def test_it_cancels_for_free_before_the_deadline_and_sends_cancel_invites(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    cancelled = services.cancel_booking(booking=booking, by=Actor.person_self(booking.person))
    assert cancelled.status == Booking.Status.CANCELLED
    client_mail = mails("booking_cancelled")[0]
    text = ics_of(client_mail)
    assert "METHOD:CANCEL" in text and "SEQUENCE:1" in text and "STATUS:CANCELLED" in text
    assert "sen avbestilling" not in client_mail.body_text
    assert mails("booking_therapist_cancelled")
    # The time is free again.
    assert book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking.pk


def test_it_records_a_late_cancellation(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW).booking
    frozen.move_to(oslo("2026-03-02 10:01"))  # 23 h 59 min before
    assert (
        services.cancel_booking(booking=booking, by=Actor.person_self(booking.person)).status
        == Booking.Status.LATE_CANCELLED
    )
    assert "sen avbestilling" in mails("booking_cancelled")[0].body_text


def test_it_never_marks_the_practices_cancellation_late_and_suggests_times(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW).booking
    cancelled = services.cancel_booking(
        booking=booking,
        by=Actor.system("test"),
        reason="Terapeuten er syk.",
        suggestions=[type("S", (), {"start_utc": oslo("2026-03-04 11:00")})()],
    )
    assert cancelled.status == Booking.Status.CANCELLED
    body = mails("booking_cancelled")[0].body_text
    assert "Terapeuten er syk." in body and "11:00" in body


def test_it_moves_a_booking_with_a_new_sequence(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    moved = services.reschedule_booking(
        booking=booking, start=oslo("2026-03-06 09:00"), by=Actor.person_self(booking.person)
    )
    assert moved.start_at == oslo("2026-03-06 09:00") and moved.ics_sequence == 1
    assert moved.uid == booking.uid
    text = ics_of(mails("booking_moved")[0])
    assert "METHOD:REQUEST" in text and "SEQUENCE:1" in text and "DTSTART:20260306T080000Z" in text
    assert mails("booking_therapist_moved")
    # The old time is free, the new one taken.
    assert book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW)
    with pytest.raises(services.SlotTaken):
        services.hold_slot(therapist=profile, consultation_type=consultation, start=oslo("2026-03-06 09:00"))


def test_it_refuses_to_move_onto_a_taken_time_or_too_late(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-06 09:00"), now=NOW)
    with pytest.raises(services.SlotTaken):
        services.reschedule_booking(
            booking=booking, start=oslo("2026-03-06 09:00"), by=Actor.person_self(booking.person)
        )
    soon = book(therapist=profile, ctype=consultation, start=oslo("2026-03-02 11:00"), now=NOW).booking
    with pytest.raises(services.TooLate):
        services.reschedule_booking(
            booking=soon, start=oslo("2026-03-06 10:00"), by=Actor.person_self(soon.person)
        )


def test_it_sends_the_reminder_exactly_once(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    assert services.send_due_reminders() == 0  # more than 24 h ahead
    frozen.move_to(oslo("2026-03-04 10:30"))
    assert services.send_due_reminders() == 1
    assert services.send_due_reminders() == 0
    [reminder] = mails("booking_reminder")
    assert reminder.to == ["nora@example.no"] and "10:00" in reminder.subject
    assert services.manage_url(tokens.manage_token(booking)) in reminder.body_text


def test_it_sends_no_stale_reminder_for_a_moved_or_cancelled_booking(frozen, profile, consultation):
    moved = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    cancelled = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 11:00"), now=NOW).booking
    services.reschedule_booking(
        booking=moved, start=oslo("2026-03-07 10:00"), by=Actor.person_self(moved.person)
    )
    services.cancel_booking(booking=cancelled, by=Actor.person_self(cancelled.person))
    frozen.move_to(oslo("2026-03-04 10:30"))
    assert services.send_due_reminders() == 0
    frozen.move_to(oslo("2026-03-06 10:30"))
    assert services.send_due_reminders() == 1
    assert "lørdag 7. mars" in mails("booking_reminder")[0].body_text


def test_it_sends_no_separate_reminder_for_a_booking_made_inside_the_window(frozen, profile, consultation):
    book(therapist=profile, ctype=consultation, start=oslo("2026-03-02 11:00"), now=NOW)
    assert services.send_due_reminders() == 0


def test_it_marks_outcomes_only_after_the_start(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW).booking
    with pytest.raises(services.NotChangeable):
        services.mark_outcome(booking=booking, status=Booking.Status.NO_SHOW, by=Actor.system("test"))
    frozen.move_to(oslo("2026-03-03 10:05"))
    assert (
        services.mark_outcome(booking=booking, status=Booking.Status.NO_SHOW, by=Actor.system("test")).status
        == "no_show"
    )
    assert (
        services.mark_outcome(
            booking=booking, status=Booking.Status.HELD_DONE, by=Actor.system("test")
        ).status
        == "held_done"
    )


def test_it_purges_abandoned_holds_with_their_details(frozen, profile, consultation):
    hold = services.hold_slot(
        therapist=profile, consultation_type=consultation, start=oslo("2026-03-03 10:00")
    )
    services.save_details(booking=hold.booking, details=DETAILS)
    frozen.shift(timedelta(days=2))
    assert services.purge_abandoned_holds() == 1
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("now", "day", "first_local", "first_utc"),
    [
        # Spring forward: 09:00 CEST is 07:00 UTC.
        ("2026-03-27 10:00", "2026-03-29 09:00", "09:00", "20260329T070000Z"),
        # Fall back: 09:00 CET is 08:00 UTC.
        ("2026-10-23 10:00", "2026-10-25 09:00", "09:00", "20261025T080000Z"),
    ],
)
def test_it_keeps_oslo_wall_clock_times_on_dst_days(profile, consultation, now, day, first_local, first_utc):
    with time_machine.travel(oslo(now), tick=False):
        result = book(therapist=profile, ctype=consultation, start=oslo(day), now=oslo(now))
    message = mails("booking_confirmed")[0]
    assert f"kl. {first_local}" in message.subject
    assert f"kl. {first_local}–09:50" in message.body_text
    assert f"DTSTART:{first_utc}" in ics_of(message)
    assert result.booking.start_at == oslo(day)


def test_a_course_participant_booking_a_first_talk_counts_as_a_conversion(frozen, profile, first_talk):
    from forlop.course.models import Enrollment
    from forlop.course.services import email_hash

    enrollment = Enrollment.objects.create(
        email="nora@example.no",
        email_hash=email_hash("nora@example.no"),
        token="t" * 43,
        status=Enrollment.Status.ACTIVE,
        audience="self",
        consent_at=NOW - timedelta(days=10),
        confirmed_at=NOW - timedelta(days=9),
    )
    book(therapist=profile, ctype=first_talk, start=oslo("2026-03-03 10:00"), now=NOW)
    enrollment.refresh_from_db()
    assert enrollment.first_talk_at == NOW
