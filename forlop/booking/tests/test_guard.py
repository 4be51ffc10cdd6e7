"""The database itself refuses overlapping active bookings (trigger on SQLite, exclusion constraint on
PostgreSQL), whatever Python does."""

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from forlop.booking.models import Booking

from .conftest import oslo


def raw_insert(*, therapist, ctype, start, minutes, buffer=0, status="confirmed"):
    """An INSERT that bypasses the ORM and the booking service entirely."""
    end = start + timedelta(minutes=minutes)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO booking_booking (uid, therapist_id, consultation_type_id, start_at, end_at, blocked_until,"
            " status, hold_expires_at, price_ore, client_name, client_email, client_phone, note, manage_salt,"
            " video_room, ics_sequence, created_at, cancel_reason, cancelled_by_practice)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 0, '', '', '', '', '', '', 0, %s, '', %s)",
            [
                uuid.uuid4().hex if connection.vendor == "sqlite" else str(uuid.uuid4()),
                therapist.pk,
                ctype.pk,
                start,
                end,
                end + timedelta(minutes=buffer),
                status,
                start if status == "held" else None,
                start,
                False,
            ],
        )


def test_it_refuses_a_raw_insert_that_overlaps_an_active_booking(profile, consultation):
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=45)
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:30"), minutes=60)
    assert Booking.objects.count() == 1


def test_it_counts_the_buffer_as_occupied(profile, consultation):
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50, buffer=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:55"), minutes=20)


def test_it_allows_back_to_back_bookings(profile, consultation):
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50, buffer=10)
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 11:00"), minutes=50, buffer=10)
    assert Booking.objects.count() == 2


def test_it_lets_cancelled_time_be_booked_again(profile, consultation):
    raw_insert(
        therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50, status="cancelled"
    )
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50)
    assert Booking.objects.count() == 2


def test_it_treats_a_hold_as_occupied(profile, consultation):
    raw_insert(
        therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50, status="held"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50)


def test_it_allows_the_same_time_with_another_therapist(profile, other_profile, consultation):
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50)
    raw_insert(therapist=other_profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50)
    assert Booking.objects.count() == 2


def test_it_refuses_an_update_that_moves_a_booking_onto_another(profile, consultation):
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50)
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 11:00"), minutes=50)
    second = Booking.objects.order_by("start_at").last()
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=second.pk).update(start_at=oslo("2026-03-10 10:30"))


def test_it_refuses_reviving_a_cancelled_booking_onto_taken_time(profile, consultation):
    raw_insert(
        therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50, status="cancelled"
    )
    raw_insert(therapist=profile, ctype=consultation, start=oslo("2026-03-10 10:00"), minutes=50)
    cancelled = Booking.objects.get(status="cancelled")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=cancelled.pk).update(status="confirmed")
