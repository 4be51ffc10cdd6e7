"""Every write to a booking: hold, details, confirm, cancel, move, outcome, reminders.

The concurrency story (decided here, tested in tests/test_races.py):
1. Each write is one short transaction. On SQLite the transaction is IMMEDIATE (settings), so writers queue
   for the database lock before they read; on PostgreSQL the service locks the therapist's row
   (SELECT … FOR UPDATE), which serialises writers per therapist and lets different therapists book in
   parallel.
2. Under that lock it flips this therapist's expired holds to EXPIRED, re-checks the slot with the pure
   module against fresh rows, and writes.
3. The database guard (guard.py: exclusion constraint / trigger) refuses an overlapping active row even if
   1–2 were bypassed. Its IntegrityError becomes SlotTaken, which views show as a friendly message.
Emails are queued in the same transaction, so a rolled-back booking never sends a confirmation.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from forlop.audit.actors import Actor
from forlop.audit.models import ActorKind
from forlop.audit.services import record_change
from forlop.course import conversions
from forlop.course.services import record_conversion
from forlop.lib.money import format_nok
from forlop.lib.timezones import to_oslo
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import prepare_email, queue_email
from forlop.people.services import person_for
from forlop.scheduling.availability import Slot
from forlop.therapists.models import Therapist

from . import guard, ics, tokens
from .models import Booking, CalendarFeed, ConsultationType, price_for, token_hash
from .slots import (
    READ_NOW,
    ReadNow,
    Verdict,
    Version,
    check_slot,
    offered_type_ids,
    own_prices,
    schedule_version,
)

FIRST_TALK_SLUG = "forstesamtale"

logger = logging.getLogger(__name__)


class BookingError(Exception):
    """A refusal the person can act on. `code` is stable (the API returns it)."""

    code = "validation_error"
    message: str | Promise = _("Bestillingen kunne ikke gjennomføres.")

    def __init__(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class SlotTaken(BookingError):
    code = "slot_taken"
    message = _("Denne tiden ble akkurat tatt — velg en annen.")


class OutsideAvailability(BookingError):
    code = "outside_availability"
    message = _("Denne tiden kan ikke bestilles. Velg en av de ledige tidene.")


class HoldExpired(BookingError):
    code = "hold_expired"
    message = _("Vi holdt av tiden i %(minutes)s minutter, og den tiden er ute. Velg tiden på nytt.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or str(self.message) % {"minutes": settings.BOOKING_HOLD_MINUTES})


class NotOffered(BookingError):
    code = "validation_error"
    message = _("Denne terapeuten tilbyr ikke den konsultasjonstypen.")


class TooLate(BookingError):
    code = "too_late"
    message = _("Timen er for nær i tid til å flyttes på nettet. Ring oss, så finner vi en løsning.")


class NotChangeable(BookingError):
    code = "not_changeable"
    message = _("Denne timen kan ikke endres lenger.")


class AlreadyConfirmed(BookingError):
    """The hold was already confirmed with other details. `booking` is the booking as it stands."""

    code = "already_confirmed"
    message = _(
        "Denne timen er allerede bekreftet med andre opplysninger. Ingenting er endret. "
        "Bruk lenken i bekreftelsen for å flytte eller avbestille."
    )

    def __init__(self, booking: Booking) -> None:
        super().__init__()
        self.booking = booking


@dataclass(frozen=True)
class ClientDetails:
    name: str
    email: str
    phone: str = ""
    note: str = ""
    consent: bool = False


def _now(now: datetime | None) -> datetime:
    value = now or timezone.now()
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return value


def _lock_therapist(therapist_id: int) -> None:
    # PostgreSQL: writers for one therapist queue here. SQLite has no FOR UPDATE (the query would be sent
    # without it, for nothing): its IMMEDIATE transaction already holds the database's write lock.
    if connection.features.has_select_for_update:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM therapists_therapist WHERE id = %s FOR UPDATE", [therapist_id])


def _expire_holds(therapist_id: int, now: datetime) -> None:
    # Raw SQL: this runs under the lock on every hold, and building the ORM query cost more than running it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE booking_booking SET status = %s "
            "WHERE therapist_id = %s AND status = %s AND hold_expires_at <= %s",
            [
                Booking.Status.EXPIRED.value,
                therapist_id,
                Booking.Status.HELD.value,
                connection.ops.adapt_datetimefield_value(now),
            ],
        )


def therapist_price(
    therapist: Therapist, consultation_type: ConsultationType, *, version: Version | ReadNow = READ_NOW
) -> int:
    if version == READ_NOW:
        version = schedule_version()
    return price_for(consultation_type, own_prices(therapist.pk, version=version))  # type: ignore[arg-type]


def _check_offered(
    therapist: Therapist, consultation_type: ConsultationType, *, version: Version | ReadNow = READ_NOW
) -> None:
    if not therapist.is_published:
        raise NotOffered(str(_("Denne terapeuten tar ikke imot bestillinger på nettet.")))
    if version == READ_NOW:
        version = schedule_version()
    if consultation_type.pk not in offered_type_ids(therapist, version=version):  # type: ignore[arg-type]
        raise NotOffered()


def _raise_for(verdict: str) -> None:
    if verdict == Verdict.TAKEN:
        raise SlotTaken()
    if verdict == Verdict.OUTSIDE:
        raise OutsideAvailability()


# --- hold ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hold:
    booking: Booking
    token: str


def hold_slot(
    *,
    therapist: Therapist,
    consultation_type: ConsultationType,
    start: datetime,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> Hold:
    """Hold a slot for BOOKING_HOLD_MINUTES while the person fills in their details. Raises SlotTaken,
    OutsideAvailability or NotOffered. The same idempotency key returns the same hold."""
    now = _now(now)
    if start.tzinfo is None:
        raise OutsideAvailability()
    version = schedule_version()  # who offers what, prices and hours are cached per version (slots.py)
    _check_offered(therapist, consultation_type, version=version)
    if idempotency_key:
        existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replay(existing, therapist=therapist, consultation_type=consultation_type, start=start)
    price = therapist_price(therapist, consultation_type, version=version)
    try:
        with transaction.atomic():
            _lock_therapist(therapist.pk)
            if idempotency_key:
                # Looked up again under the lock: a retry sent while the first request was writing waited
                # for the lock above and now finds that request's hold (the lookup before the lock missed it,
                # and the slot check below would call the time taken). The unique key catches the rest:
                # the same key for another therapist, whose lock this is not.
                existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
                if existing is not None:
                    return _replay(
                        existing, therapist=therapist, consultation_type=consultation_type, start=start
                    )
            _expire_holds(therapist.pk, now)
            _raise_for(
                check_slot(therapist=therapist, consultation_type=consultation_type, start=start, now=now)
            )
            booking = Booking(
                therapist=therapist,
                consultation_type=consultation_type,
                start_at=start,
                end_at=start + consultation_type.duration,
                blocked_until=start + consultation_type.duration + consultation_type.buffer,
                status=Booking.Status.HELD,
                hold_expires_at=now + timedelta(minutes=settings.BOOKING_HOLD_MINUTES),
                price_ore=price,
                manage_salt=tokens.new_salt(),
                idempotency_key=idempotency_key or None,
                created_at=now,
            )
            booking.checkout_token_hash = token_hash(tokens.checkout_token(booking))
            booking.save(force_insert=True)
    except IntegrityError as exc:
        if guard.is_overlap_error(exc):
            raise SlotTaken() from exc
        if idempotency_key and Booking.objects.filter(idempotency_key=idempotency_key).exists():
            existing = Booking.objects.get(idempotency_key=idempotency_key)
            return _replay(existing, therapist=therapist, consultation_type=consultation_type, start=start)
        raise
    return Hold(booking, tokens.checkout_token(booking))


def _replay(
    booking: Booking, *, therapist: Therapist, consultation_type: ConsultationType, start: datetime
) -> Hold:
    if (booking.therapist_id, booking.consultation_type_id, booking.start_at) != (
        therapist.pk,
        consultation_type.pk,
        start,
    ) or booking.status != Booking.Status.HELD:
        # Only an open hold is replayed: a confirmed, cancelled or expired booking is never handed out again.
        raise BookingError(str(_("Nøkkelen er allerede brukt til en annen bestilling.")))
    return Hold(booking, tokens.checkout_token(booking))


def _open_hold(booking_id: int, now: datetime) -> Booking:
    booking = Booking.objects.select_related("therapist", "consultation_type").get(pk=booking_id)
    if (
        booking.status != Booking.Status.HELD
        or booking.hold_expires_at is None
        or booking.hold_expires_at <= now
    ):
        raise HoldExpired()
    return booking


@transaction.atomic
def save_details(*, booking: Booking, details: ClientDetails, now: datetime | None = None) -> Booking:
    """Store the person's details on their hold (shown on the review page, used by confirm)."""
    now = _now(now)
    updated = Booking.objects.filter(
        pk=booking.pk, status=Booking.Status.HELD, hold_expires_at__gt=now
    ).update(
        client_name=details.name,
        client_email=details.email,
        client_phone=details.phone,
        note=details.note,
        consent_at=now if details.consent else None,
    )
    if updated != 1:
        raise HoldExpired()
    booking.refresh_from_db()
    return booking


# --- confirm ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Confirmation:
    booking: Booking
    manage_token: str
    created: bool  # False when this was a repeated confirmation of the same hold


def confirm_booking(
    *, booking: Booking, details: ClientDetails | None = None, now: datetime | None = None
) -> Confirmation:
    """Turn a hold into a booking and queue the emails. Confirming the same hold again with the same details
    (or none) returns the booking it already became, without new emails; with other details it raises
    AlreadyConfirmed and changes nothing. Raises HoldExpired.

    The emails (templates and calendar files) are rendered before the lock, from the hold as read then; under
    the lock one conditional UPDATE turns exactly that open hold into the booking, and the rendered emails are
    written with it. If the hold changed in between (expired, confirmed by a retry), the UPDATE matches
    nothing and the answer is worked out again under the lock: nothing rendered for a stale hold is sent.
    """
    now = _now(now)
    current = Booking.objects.select_related("therapist__user", "consultation_type").get(pk=booking.pk)
    prepared = None
    if current.status == Booking.Status.HELD:
        prepared = _prepare_confirmation(current, details, now)
    with transaction.atomic():
        _lock_therapist(booking.therapist_id)
        if prepared is not None:
            current, token, fields, messages = prepared
            updated = Booking.objects.filter(
                pk=current.pk, status=Booking.Status.HELD, hold_expires_at__gt=now
            ).update(**fields)
            if updated == 1:
                # The person is found or created only once the hold has really become this booking.
                current.person = person_for(email=current.client_email, name=current.client_name, now=now)
                Booking.objects.filter(pk=current.pk).update(person=current.person)
                for message in messages:
                    message.save(force_insert=True)
                if current.consultation_type.slug == FIRST_TALK_SLUG:
                    # The email course counts participants who went on to a first talk (keyed hash, no join).
                    record_conversion(email=current.client_email, kind=conversions.FIRST_TALK, at=now)
                return Confirmation(current, token, created=True)
        current = Booking.objects.select_related("therapist__user", "consultation_type").get(pk=booking.pk)
        if current.status == Booking.Status.CONFIRMED:
            if details is not None and _details_of(current) != _details_of(details):
                raise AlreadyConfirmed(current)
            return Confirmation(current, tokens.manage_token(current), created=False)
        raise HoldExpired()


def _prepare_confirmation(
    current: Booking, details: ClientDetails | None, now: datetime
) -> tuple[Booking, str, dict, list[OutboxMessage]]:
    """The confirmed booking as it will be written, its manage token, the fields to write and the rendered
    emails. Raises HoldExpired or BookingError (details missing)."""
    if current.hold_expires_at is None or current.hold_expires_at <= now:
        raise HoldExpired()
    if details is not None:
        current.client_name, current.client_email = details.name, details.email
        current.client_phone, current.note = details.phone, details.note
        current.consent_at = now if details.consent else None
    if not (current.client_name and current.client_email and current.consent_at):
        raise BookingError(str(_("Navn, e-post og samtykke må være fylt ut før du bekrefter.")))
    current.manage_token_hash = token_hash(tokens.manage_token(current))
    current.video_room = tokens.new_video_room() if current.consultation_type.is_video else ""
    current.status = Booking.Status.CONFIRMED
    current.hold_expires_at = None
    current.confirmed_at = now
    if current.start_at - now <= timedelta(hours=settings.BOOKING_REMINDER_HOURS):
        # Booked inside the reminder window: the confirmation is the reminder.
        current.reminder_sent_for_start = current.start_at
    fields = {
        "client_name": current.client_name,
        "client_email": current.client_email,
        "client_phone": current.client_phone,
        "note": current.note,
        "consent_at": current.consent_at,
        "manage_token_hash": current.manage_token_hash,
        "video_room": current.video_room,
        "status": current.status,
        "hold_expires_at": None,
        "confirmed_at": now,
        "reminder_sent_for_start": current.reminder_sent_for_start,
    }
    token = tokens.manage_token(current)
    messages = [
        _mail_client(current, "booking_confirmed", method=ics.REQUEST, token=token, now=now, prepare=True),
        _mail_therapist(current, "booking_therapist_new", method=ics.REQUEST, now=now, prepare=True),
    ]
    return current, token, fields, [message for message in messages if message is not None]


def _details_of(source: Booking | ClientDetails) -> tuple[str, str, str, str]:
    if isinstance(source, Booking):
        return (source.client_name, source.client_email, source.client_phone, source.note)
    return (source.name, source.email, source.phone, source.note)


# --- cancel and move ----------------------------------------------------------------------------------------


def free_cancel_deadline(booking: Booking) -> datetime:
    return booking.start_at - timedelta(hours=settings.BOOKING_FREE_CANCEL_HOURS)


def can_move(booking: Booking, now: datetime) -> bool:
    return booking.is_confirmed and now < free_cancel_deadline(booking)


@transaction.atomic
def cancel_booking(
    *,
    booking: Booking,
    by: Actor,
    now: datetime | None = None,
    reason: str = "",
    suggestions: tuple[Slot, ...] | list[Slot] = (),
) -> Booking:
    """Cancel a confirmed booking. The client's own cancellation (`by` the person themself) after the free
    deadline is recorded as late; the practice's (`by` staff or the system) never is. Both parties get a
    METHOD:CANCEL invitation, and the access log records who cancelled. Cancelling twice changes nothing."""
    now = _now(now)
    by_practice = by.kind != ActorKind.SELF
    late = not by_practice and now >= free_cancel_deadline(booking)
    status = Booking.Status.LATE_CANCELLED if late else Booking.Status.CANCELLED
    updated = Booking.objects.filter(pk=booking.pk, status=Booking.Status.CONFIRMED, start_at__gt=now).update(
        status=status,
        cancelled_at=now,
        cancel_reason=reason[:300],
        cancelled_by_practice=by_practice,
        ics_sequence=F("ics_sequence") + 1,
    )
    current = Booking.objects.select_related("therapist__user", "consultation_type").get(pk=booking.pk)
    if updated != 1:
        if current.is_cancelled:
            return current
        raise NotChangeable()
    why = "Timen avlyst av praksisen" if by_practice else "Timen avbestilt av klienten"
    record_change(by=by, obj=current, why=why)
    token = tokens.manage_token(current)
    _mail_client(
        current,
        "booking_cancelled",
        method=ics.CANCEL,
        token=token,
        now=now,
        extra={
            "reason": reason if by_practice else "",
            "suggestions": _suggestion_context(current, suggestions),
        },
    )
    _mail_therapist(current, "booking_therapist_cancelled", method=ics.CANCEL, now=now)
    return current


def reschedule_booking(
    *, booking: Booking, start: datetime, by: Actor, now: datetime | None = None
) -> Booking:
    """Move a confirmed booking to another free time (same therapist and type). Same lock, re-check and
    guard as a new booking. Both parties get the invitation again with a higher SEQUENCE; the access log
    records who moved it."""
    now = _now(now)
    if not can_move(booking, now):
        raise TooLate() if booking.is_confirmed else NotChangeable()
    ctype = booking.consultation_type
    try:
        with transaction.atomic():
            _lock_therapist(booking.therapist_id)
            _expire_holds(booking.therapist_id, now)
            verdict = check_slot(
                therapist=booking.therapist_id,
                consultation_type=ctype,
                start=start,
                now=now,
                exclude_pk=booking.pk,
            )
            _raise_for(verdict)
            updated = Booking.objects.filter(
                pk=booking.pk, status=Booking.Status.CONFIRMED, start_at=booking.start_at
            ).update(
                start_at=start,
                end_at=start + ctype.duration,
                blocked_until=start + ctype.duration + ctype.buffer,
                ics_sequence=F("ics_sequence") + 1,
                reminder_sent_for_start=start
                if start - now <= timedelta(hours=settings.BOOKING_REMINDER_HOURS)
                else None,
            )
            if updated != 1:
                raise NotChangeable()
            current = Booking.objects.select_related("therapist__user", "consultation_type").get(
                pk=booking.pk
            )
            record_change(by=by, obj=current, why="Timen flyttet")
            token = tokens.manage_token(current)
            _mail_client(
                current,
                "booking_moved",
                method=ics.REQUEST,
                token=token,
                now=now,
                extra={"old_start": to_oslo(booking.start_at)},
            )
            _mail_therapist(
                current,
                "booking_therapist_moved",
                method=ics.REQUEST,
                now=now,
                extra={"old_start": to_oslo(booking.start_at)},
            )
    except IntegrityError as exc:
        if guard.is_overlap_error(exc):
            raise SlotTaken() from exc
        raise
    return current


@transaction.atomic
def mark_outcome(*, booking: Booking, status: str, by: Actor, now: datetime | None = None) -> Booking:
    """Staff: the consultation took place (HELD_DONE) or the client did not come (NO_SHOW). Only once it
    has started, and only from CONFIRMED or the other outcome (a mistake can be corrected). The access log
    records who said so."""
    now = _now(now)
    if status not in (Booking.Status.HELD_DONE, Booking.Status.NO_SHOW):
        raise ValueError(f"not an outcome: {status}")
    updated = Booking.objects.filter(
        pk=booking.pk,
        start_at__lte=now,
        status__in=(Booking.Status.CONFIRMED, Booking.Status.HELD_DONE, Booking.Status.NO_SHOW),
    ).update(status=status)
    if updated != 1:
        raise NotChangeable()
    booking.refresh_from_db()
    record_change(by=by, obj=booking, why="Registrert om timen ble gjennomført")
    return booking


# --- reminders and clean-up ---------------------------------------------------------------------------------


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Queue a reminder for each confirmed booking starting within BOOKING_REMINDER_HOURS that has not had
    one for its current start. The claim is a conditional UPDATE, so two workers never send the same
    reminder twice, and a booking moved or cancelled before the claim gets no stale reminder."""
    now = _now(now)
    window_end = now + timedelta(hours=settings.BOOKING_REMINDER_HOURS)
    due = (
        Booking.objects.filter(status=Booking.Status.CONFIRMED, start_at__gt=now, start_at__lte=window_end)
        .exclude(reminder_sent_for_start=F("start_at"))
        .values_list("pk", "start_at")
    )
    sent = 0
    for pk, start in list(due[:200]):
        with transaction.atomic():
            claimed = (
                Booking.objects.filter(pk=pk, status=Booking.Status.CONFIRMED, start_at=start)
                .exclude(reminder_sent_for_start=start)
                .update(reminder_sent_for_start=start)
            )
            if claimed != 1:
                continue
            booking = Booking.objects.select_related("therapist", "consultation_type").get(pk=pk)
            _mail_client(
                booking, "booking_reminder", method=None, token=tokens.manage_token(booking), now=now
            )
            sent += 1
    return sent


@transaction.atomic
def purge_abandoned_holds(*, now: datetime | None = None, older_than: timedelta = timedelta(days=1)) -> int:
    """Holds nobody confirmed are deleted a day later, with whatever details were typed into them."""
    now = _now(now)
    deleted, _ = Booking.objects.filter(
        status__in=(Booking.Status.EXPIRED, Booking.Status.HELD), created_at__lt=now - older_than
    ).delete()
    return deleted


# --- calendar feed ------------------------------------------------------------------------------------------


@transaction.atomic
def renew_calendar_feed(*, therapist: Therapist, now: datetime | None = None) -> str:
    """Give the therapist a new private feed URL (returns its token). The old URL stops working at once."""
    now = _now(now)
    salt = tokens.new_salt()
    token = tokens.feed_token(therapist.pk, salt)
    CalendarFeed.objects.update_or_create(
        therapist=therapist, defaults={"salt": salt, "token_hash": token_hash(token), "created_at": now}
    )
    return token


@transaction.atomic
def revoke_calendar_feed(*, therapist: Therapist) -> None:
    CalendarFeed.objects.filter(therapist=therapist).delete()


def calendar_feed_token(therapist: Therapist) -> str | None:
    """The current feed token, recomputed from its salt (only the hash is stored), or None."""
    feed = CalendarFeed.objects.filter(therapist=therapist).first()
    return tokens.feed_token(therapist.pk, feed.salt) if feed is not None else None


# --- emails -------------------------------------------------------------------------------------------------


def manage_url(token: str) -> str:
    return settings.SITE_URL + reverse("booking:manage", kwargs={"token": token})


def _context(booking: Booking) -> dict:
    return {
        "booking": booking,
        "therapist_name": booking.therapist.name,
        "type_name": booking.consultation_type.name,
        "start": to_oslo(booking.start_at),
        "end": to_oslo(booking.end_at),
        "price": format_nok(booking.price_ore) if booking.price_ore else str(_("gratis")),
        "video_url": booking.video_url,
        "free_cancel_hours": settings.BOOKING_FREE_CANCEL_HOURS,
    }


def _suggestion_context(booking: Booking, suggestions) -> list[datetime]:
    return [to_oslo(slot.start_utc) for slot in suggestions]


def _mail_client(
    booking: Booking,
    template: str,
    *,
    method: str | None,
    token: str,
    now: datetime,
    extra: dict | None = None,
    prepare: bool = False,
) -> OutboxMessage | None:
    """Queue the client's email (or with prepare=True only render it: the caller saves it later)."""
    if not booking.client_email:
        return None
    url = manage_url(token)
    attachments = (
        [ics.attachment(booking, method=method, now=now, manage_url=url)] if method is not None else None
    )
    return (prepare_email if prepare else queue_email)(
        to=booking.client_email,
        template=template,
        context={
            **_context(booking),
            "manage_url": url,
            "min_side_url": settings.SITE_URL + reverse("booking:create_account", kwargs={"token": token}),
            "client_name": booking.client_name,
            **(extra or {}),
        },
        attachments=attachments,
    )


def therapist_address(therapist: Therapist) -> str:
    user = therapist.user
    return user.email if user is not None and user.email else settings.PRACTICE_EMAIL


def _mail_therapist(
    booking: Booking,
    template: str,
    *,
    method: str,
    now: datetime,
    extra: dict | None = None,
    prepare: bool = False,
) -> OutboxMessage:
    """The therapist's copy: time, type and video link. No client name, no note: those are behind the
    staff login (a calendar link), because email is not a place for who seeks addiction treatment."""
    calendar_url = settings.SITE_URL + reverse("booking:calendar")
    return (prepare_email if prepare else queue_email)(
        to=therapist_address(booking.therapist),
        template=template,
        context={**_context(booking), "calendar_url": calendar_url, **(extra or {})},
        attachments=[ics.attachment(booking, method=method, now=now, for_therapist=True)],
    )
