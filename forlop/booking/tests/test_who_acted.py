"""Cancelling, moving and marking an outcome record who did it, in the service's own transaction."""

from unittest import mock

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.actors import Actor
from forlop.audit.models import AccessLog, ActorKind
from forlop.booking import services, tokens
from forlop.booking.models import Booking

from .conftest import NOW, oslo
from .helpers import book


def changes():
    return list(AccessLog.objects.filter(action="change").order_by("pk"))


def test_it_records_the_therapist_who_marked_a_no_show(frozen, therapist, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-03 10:00"), now=NOW).booking
    frozen.move_to(oslo("2026-03-03 10:05"))
    services.mark_outcome(booking=booking, status=Booking.Status.NO_SHOW, by=Actor.staff(therapist))
    [row] = changes()
    assert (row.user, row.actor_kind, row.person_id) == (therapist, ActorKind.STAFF, booking.person_id)
    assert row.object_id == str(booking.pk) and "therapist" in row.role_list


def test_it_records_the_client_who_cancelled_through_their_own_link(client, frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    token = tokens.manage_token(booking)
    response = client.post(reverse("booking:cancel", kwargs={"token": token}))
    assert response.status_code == 302
    [row] = changes()
    assert row.actor_kind == ActorKind.SELF and row.user is None and row.user_label == ""
    assert row.person_id == booking.person_id and row.ip is not None
    assert Booking.objects.get().status == Booking.Status.CANCELLED


def test_it_records_the_therapist_who_cancelled_from_the_calendar(
    client, frozen, therapist, profile, consultation
):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    login_verified(client, therapist)
    url = reverse("booking:staff_cancel", kwargs={"pk": booking.pk})
    response = client.post(url, {"reason": "Terapeuten er syk."})
    assert response.status_code == 302
    [row] = changes()
    assert (row.user, row.actor_kind, row.person_id) == (therapist, ActorKind.STAFF, booking.person_id)
    assert row.request_id  # the staff page's request, carried into the service's row
    assert Booking.objects.get().cancelled_by_practice


def test_a_cancellation_that_fails_after_its_log_row_leaves_neither(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    with (
        mock.patch.object(services, "_mail_therapist", side_effect=RuntimeError("mail down")),
        pytest.raises(RuntimeError),
    ):
        services.cancel_booking(booking=booking, by=Actor.person_self(booking.person))
    assert changes() == []
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_cancelling_twice_records_it_once(frozen, profile, consultation):
    booking = book(therapist=profile, ctype=consultation, start=oslo("2026-03-05 10:00"), now=NOW).booking
    services.cancel_booking(booking=booking, by=Actor.person_self(booking.person))
    services.cancel_booking(booking=booking, by=Actor.person_self(booking.person))
    assert len(changes()) == 1
