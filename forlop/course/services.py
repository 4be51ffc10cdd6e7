"""Sign-up, confirmation, lesson delivery, unsubscribing and retention for the email course.

Exactly once: a lesson goes out only together with its LessonDelivery row, in one transaction, and the
(enrollment, number) pair is unique. Two workers racing for the same lesson both try to write the row; the
database lets one through and the other's transaction (and the email it queued) rolls back. Before that,
each delivery re-reads the enrollment under a row lock (a write transaction on SQLite, which takes the
database lock at BEGIN) and recomputes the schedule, so an unsubscribe that committed a moment earlier wins.
"""

import enum
import logging
import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from forlop.content.rendering import render_markdown
from forlop.core.services import RateLimited, consume
from forlop.lib.crisis import EMERGENCY, LEGEVAKT
from forlop.lib.emails import normalise_email
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import queue_email
from forlop.people.services import person_for

from . import conversions
from .models import Enrollment, Lesson, LessonDelivery
from .schedule import LESSON_COUNT, next_lesson_due

logger = logging.getLogger(__name__)

RATE_LIMIT_SCOPE = "course_signup"
RATE_LIMIT_WINDOW = timedelta(hours=1)
CONFIRM_WITHIN = timedelta(days=7)
# A second sign-up with a still unconfirmed address sends the confirmation again, but not more often than
# this: the form must not become a way to flood someone's inbox.
RESEND_CONFIRMATION_AFTER = timedelta(minutes=10)
EMAIL_HASH_SALT = "forlop.course.email"


class SignUpOutcome(enum.StrEnum):
    CREATED = "created"
    CONFIRMATION_RESENT = "resent"
    ALREADY_RUNNING = "running"  # active, or pending and confirmation sent just now: nothing new is sent


class ConfirmOutcome(enum.StrEnum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already"
    ENDED = "ended"
    INVALID = "invalid"


class UnsubscribeOutcome(enum.StrEnum):
    UNSUBSCRIBED = "unsubscribed"
    NOTHING_RUNNING = "nothing"  # completed or already unsubscribed: no more email either way
    INVALID = "invalid"


def email_hash(email: str) -> str:
    """A keyed hash of an address. Apps that later receive the same address compare hashes, not addresses."""
    return salted_hmac(EMAIL_HASH_SALT, normalise_email(email), algorithm="sha256").hexdigest()


def absolute_url(name: str, **kwargs: str) -> str:
    # Links in email are Norwegian whatever language the page that queued them was in.
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def unsubscribe_headers(unsubscribe_url: str) -> dict[str, str]:
    """One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` to the URL."""
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# --- Sign-up and confirmation -----------------------------------------------------------------------------


@transaction.atomic
def sign_up(*, email: str, first_name: str, audience: str, ip_hash: str) -> SignUpOutcome:
    """Start a sign-up and queue the confirmation email: the only email sent before the link is clicked.
    RateLimited (nothing stored) after COURSE_SIGNUP_RATE_LIMIT_PER_HOUR sign-ups from one address.

    An address already taking the course is never enrolled twice. The caller shows the same "check your
    inbox" page whatever the outcome, so the form does not tell strangers who is enrolled.
    """
    now = timezone.now()
    email = normalise_email(email)
    # One of the address's sign-ups this hour, counted and checked in one write (forlop.core.services).
    if not consume(
        scope=RATE_LIMIT_SCOPE,
        key=ip_hash,
        limit=settings.COURSE_SIGNUP_RATE_LIMIT_PER_HOUR,
        window=RATE_LIMIT_WINDOW,
    ):
        raise RateLimited
    # A sign-up left unconfirmed past its week counts as gone, even before the hourly job has tidied it.
    _expire(Enrollment.objects.unconfirmed_since_before(now - CONFIRM_WITHIN).filter(email=email), now=now)
    existing = Enrollment.objects.select_for_update().running().filter(email=email).first()
    if existing is None:
        try:
            with transaction.atomic():  # a savepoint: a simultaneous sign-up of the same address may win
                enrollment = Enrollment.objects.create(
                    email=email,
                    person=person_for(email=email, name=first_name, now=now),
                    first_name=first_name,
                    audience=audience,
                    email_hash=email_hash(email),
                    token=secrets.token_urlsafe(32),
                    consent_at=now,
                    created_at=now,
                    confirmation_sent_at=now,
                )
        except IntegrityError:
            return SignUpOutcome.ALREADY_RUNNING  # the other request has sent the confirmation
        _queue_confirmation(enrollment)
        return SignUpOutcome.CREATED
    if existing.status == Enrollment.Status.ACTIVE:
        return SignUpOutcome.ALREADY_RUNNING
    # Still unconfirmed: take the latest answers, and send the link again unless it went out just now.
    existing.first_name, existing.audience = first_name, audience
    existing.person = person_for(email=email, name=first_name, now=now)
    outcome = SignUpOutcome.ALREADY_RUNNING
    if (
        existing.confirmation_sent_at is None
        or now - existing.confirmation_sent_at >= RESEND_CONFIRMATION_AFTER
    ):
        existing.confirmation_sent_at = now
        _queue_confirmation(existing)
        outcome = SignUpOutcome.CONFIRMATION_RESENT
    existing.save(update_fields=["first_name", "audience", "person", "confirmation_sent_at"])
    return outcome


def _queue_confirmation(enrollment: Enrollment) -> OutboxMessage:
    unsubscribe_url = absolute_url("course:unsubscribe", token=enrollment.token)
    with translation.override(settings.LANGUAGE_CODE):
        return queue_email(
            to=enrollment.email,
            template="course_confirm",
            context={
                "first_name": enrollment.first_name,
                "audience": enrollment.get_audience_display(),
                "confirm_url": absolute_url("course:confirm", token=enrollment.token),
                "unsubscribe_url": unsubscribe_url,
                "confirm_days": CONFIRM_WITHIN.days,
            },
            headers=unsubscribe_headers(unsubscribe_url),
        )


def find_by_token(token: str) -> Enrollment | None:
    """The enrollment a link points to; None for unknown, anonymised or lapsed sign-ups."""
    if not token:
        return None
    enrollment = Enrollment.objects.filter(token=token).first()
    if enrollment is None or is_lapsed(enrollment, now=timezone.now()):
        return None
    return enrollment


def is_lapsed(enrollment: Enrollment, *, now: datetime) -> bool:
    return enrollment.status == Enrollment.Status.PENDING and enrollment.created_at < now - CONFIRM_WITHIN


@transaction.atomic
def confirm(*, token: str) -> ConfirmOutcome:
    """Start the course. A conditional UPDATE, so a double click or two tabs confirm once."""
    now = timezone.now()
    if not token:
        return ConfirmOutcome.INVALID
    started = Enrollment.objects.filter(
        token=token, status=Enrollment.Status.PENDING, created_at__gte=now - CONFIRM_WITHIN
    ).update(status=Enrollment.Status.ACTIVE, confirmed_at=now)
    if started:
        return ConfirmOutcome.CONFIRMED
    enrollment = find_by_token(token)
    if enrollment is None:
        return ConfirmOutcome.INVALID
    if enrollment.status in (Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED):
        return ConfirmOutcome.ALREADY_CONFIRMED
    return ConfirmOutcome.ENDED


def first_lesson_at(enrollment: Enrollment, *, now: datetime) -> datetime | None:
    if enrollment.confirmed_at is None:
        return None
    due = next_lesson_due(confirmed_at=enrollment.confirmed_at, sent=[], now=now)
    return due[1] if due else None


# --- Unsubscribing ------------------------------------------------------------------------------------------


@transaction.atomic
def unsubscribe(*, token: str) -> UnsubscribeOutcome:
    """Stop every later email at once, lessons already queued but not yet handed to the mail server included.

    An unconfirmed sign-up is anonymised straight away: most likely someone else typed the address.
    """
    now = timezone.now()
    enrollment = Enrollment.objects.select_for_update().filter(token=token).first() if token else None
    if enrollment is None or is_lapsed(enrollment, now=now):
        return UnsubscribeOutcome.INVALID
    _cancel_queued_lessons(enrollment)
    if enrollment.status not in Enrollment.RUNNING:
        return UnsubscribeOutcome.NOTHING_RUNNING
    was_pending = enrollment.status == Enrollment.Status.PENDING
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.UNSUBSCRIBED, ended_at=now)
    if was_pending:
        _anonymise(Enrollment.objects.filter(pk=enrollment.pk), now=now, keep_hash=False)
    return UnsubscribeOutcome.UNSUBSCRIBED


def _cancel_queued_lessons(enrollment: Enrollment) -> None:
    # Only PENDING rows: one a worker is sending right now (SENDING) can no longer be called back. The
    # delivery row goes too, so the figures count only lessons that went out.
    # The row lock makes a worker's claim (a conditional UPDATE) wait for us, then find the row gone.
    message_ids = list(enrollment.deliveries.exclude(message=None).values_list("message_id", flat=True))
    waiting = list(
        OutboxMessage.objects.select_for_update()
        .filter(pk__in=message_ids, status=OutboxMessage.Status.PENDING)
        .values_list("pk", flat=True)
    )
    if waiting:
        enrollment.deliveries.filter(message_id__in=waiting).delete()
        OutboxMessage.objects.filter(pk__in=waiting).delete()


# --- Lessons ------------------------------------------------------------------------------------------------


def send_due_lessons(*, now: datetime | None = None) -> int:
    """Queue every lesson that is due now. Safe to run at any time, as often as you like, in parallel.

    Returns how many lessons this call queued.
    """
    now = now or timezone.now()
    deliveries = Prefetch(
        "deliveries", queryset=LessonDelivery.objects.only("enrollment_id", "number", "sent_at")
    )
    candidates = Enrollment.objects.active().prefetch_related(deliveries)
    due_ids = []
    for enrollment in candidates:
        assert enrollment.confirmed_at is not None  # active means confirmed
        due = next_lesson_due(
            confirmed_at=enrollment.confirmed_at,
            sent=[(d.number, d.sent_at) for d in enrollment.deliveries.all()],
            now=now,
        )
        if due is not None and due[1] <= now:
            due_ids.append(enrollment.pk)
    if not due_ids:
        return 0
    lessons = {(lesson.audience, lesson.number): lesson for lesson in Lesson.objects.all()}
    queued = 0
    for pk in due_ids:
        try:
            queued += deliver_next_lesson(enrollment_id=pk, now=now, lessons=lessons) is not None
        except Exception:  # one broken enrollment or lesson must not hold up everyone else's
            logger.exception("course: could not send the next lesson to enrollment %s", pk)
    return queued


def deliver_next_lesson(
    *, enrollment_id: int, now: datetime, lessons: dict[tuple[str, int], Lesson] | None = None
) -> int | None:
    """Queue the enrollment's next lesson if it is still due. Returns its number, or None if it was not
    (unsubscribed meanwhile, or another worker sent it first)."""
    try:
        return _deliver_next_lesson(enrollment_id=enrollment_id, now=now, lessons=lessons)
    except IntegrityError:
        # Another worker wrote this LessonDelivery first; our email rolled back with our transaction.
        return None


@transaction.atomic
def _deliver_next_lesson(
    *, enrollment_id: int, now: datetime, lessons: dict[tuple[str, int], Lesson] | None
) -> int | None:
    enrollment = Enrollment.objects.select_for_update().filter(pk=enrollment_id).active().first()
    if enrollment is None or enrollment.confirmed_at is None:
        return None
    sent = list(enrollment.deliveries.values_list("number", "sent_at"))
    due = next_lesson_due(confirmed_at=enrollment.confirmed_at, sent=sent, now=now)
    if due is None or due[1] > now:
        return None
    number = due[0]
    if lessons is not None and (enrollment.audience, number) in lessons:
        lesson = lessons[(enrollment.audience, number)]
    else:
        lesson = Lesson.objects.get(audience=enrollment.audience, number=number)
    unsubscribe_url = absolute_url("course:unsubscribe", token=enrollment.token)
    with translation.override(settings.LANGUAGE_CODE):
        message = queue_email(
            to=enrollment.email,
            template="course_lesson",
            context=lesson_email_context(
                lesson=lesson, first_name=enrollment.first_name, unsubscribe_url=unsubscribe_url
            ),
            headers=unsubscribe_headers(unsubscribe_url),
        )
    LessonDelivery.objects.create(enrollment=enrollment, number=number, sent_at=now, message=message)
    if number == LESSON_COUNT:
        Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.COMPLETED, ended_at=now)
    return number


_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_RELATIVE_HREF = re.compile(r'href="/(?!/)')


def lesson_email_context(*, lesson: Lesson, first_name: str, unsubscribe_url: str) -> dict:
    """What the course_lesson templates need. Used for sending and for the admin's preview."""
    html = _RELATIVE_HREF.sub(f'href="{settings.SITE_URL}/', render_markdown(lesson.body))
    return {
        "lesson": lesson,
        "lesson_count": LESSON_COUNT,
        "first_name": first_name,
        "body_html": html,
        "body_text": lesson_plain_text(lesson.body),
        "unsubscribe_url": unsubscribe_url,
        "course_url": absolute_url("course:signup"),
        "EMERGENCY": EMERGENCY,
        "LEGEVAKT": LEGEVAKT,
    }


def lesson_plain_text(body: str) -> str:
    """The Markdown source reads well as plain text; links become "text (https://…)"."""

    def link(match: re.Match[str]) -> str:
        url = match.group(2)
        if url.startswith("/") and not url.startswith("//"):
            url = settings.SITE_URL + url
        return f"{match.group(1)} ({url})"

    return _MARKDOWN_LINK.sub(link, body).strip()


# --- Conversions --------------------------------------------------------------------------------------------


@transaction.atomic
def record_conversion(*, email: str, kind: str, at: datetime | None = None) -> int:
    """Note that someone who took the course later sent a match request or booked a first talk.

    For the match-request and booking services to call in their own transaction. Only the fact and the time
    are noted on the enrollment, never which request, and only on enrollments confirmed before `at`.
    Returns how many enrollments were marked.
    """
    field = conversions.FIELDS[kind]
    at = at or timezone.now()
    return (
        Enrollment.objects.filter(email_hash=email_hash(email), confirmed_at__lte=at)
        .filter(**{f"{field}__isnull": True})
        .update(**{field: at})
    )


# --- Retention ----------------------------------------------------------------------------------------------


@transaction.atomic
def apply_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Unconfirmed sign-ups lose their personal data after 7 days; finished courses after
    COURSE_RETENTION_DAYS; the conversion hash goes after COURSE_CONVERSION_DAYS. What stays is dates and
    the version chosen, for the figures page."""
    now = now or timezone.now()
    expired = _expire(Enrollment.objects.unconfirmed_since_before(now - CONFIRM_WITHIN), now=now)
    ended = Enrollment.objects.filter(
        status__in=[Enrollment.Status.COMPLETED, Enrollment.Status.UNSUBSCRIBED], anonymised_at__isnull=True
    ).ended_before(now - timedelta(days=settings.COURSE_RETENTION_DAYS))
    anonymised = _anonymise(ended, now=now, keep_hash=True)
    forgotten = (
        Enrollment.objects.exclude(email_hash="")
        .ended_before(now - timedelta(days=settings.COURSE_CONVERSION_DAYS))
        .update(email_hash="")
    )
    return {"expired": expired, "anonymised": anonymised, "hashes_forgotten": forgotten}


def _expire(queryset, *, now: datetime) -> int:
    return queryset.update(
        status=Enrollment.Status.EXPIRED,
        ended_at=now,
        email="",
        first_name="",
        token="",
        email_hash="",
        person=None,
        anonymised_at=now,
    )


def _anonymise(queryset, *, now: datetime, keep_hash: bool) -> int:
    fields: dict = {"email": "", "first_name": "", "token": "", "person": None, "anonymised_at": now}
    if not keep_hash:
        fields["email_hash"] = ""
    return queryset.update(**fields)
