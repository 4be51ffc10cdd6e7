"""Queue and deliver email.

Every email is an OutboxMessage row written in the caller's transaction (`queue_email`), so a booking that
rolls back never sends its confirmation, and a committed one never loses it. The worker (`manage.py
worker`) calls `deliver_due` every few seconds.
"""

import base64
import logging
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import mailers
from django.db import transaction
from django.db.models import F
from django.template import Context, TemplateDoesNotExist, engines
from django.utils import timezone

from . import headers as list_headers
from . import policy
from .models import OutboxMessage

logger = logging.getLogger(__name__)

# A worker holds a claimed row at most for one SMTP exchange (seconds, bounded by the SMTP timeout). A row
# still SENDING after the lease belongs to a worker that died; it is handed back to the queue.
LEASE = timedelta(minutes=10)
SENT_RETENTION = timedelta(days=90)  # the privacy page promises this
SMTP_TIMEOUT_SECONDS = 30  # used only when the mailer's OPTIONS set no timeout


def queue_email(
    *,
    to: str | list[str],
    template: str,
    context: dict,
    reply_to: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    send_after: datetime | None = None,
) -> OutboxMessage:
    """Render `templates/emails/<template>.*` now and queue the result in the caller's transaction.

    Rendering now means a later template edit never changes mail already queued. Emails carry links, never
    health details: put the details behind a login, and a link to them in the context.
    """
    message = prepare_email(
        to=to,
        template=template,
        context=context,
        reply_to=reply_to,
        headers=headers,
        attachments=attachments,
        send_after=send_after,
    )
    with transaction.atomic():
        message.save(force_insert=True)
    return message


def prepare_email(
    *,
    to: str | list[str],
    template: str,
    context: dict,
    reply_to: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    send_after: datetime | None = None,
) -> OutboxMessage:
    """queue_email up to the write: the message rendered and checked, not saved. For a writer that holds a
    lock while it writes (a booking): render first, then `message.save(force_insert=True)` in the
    transaction that must carry the email."""
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients or not all(address.strip() for address in recipients):
        raise ValueError("an email needs at least one recipient")
    headers = dict(headers or {})
    for name, value in headers.items():
        if name.lower() in {"message-id", "from", "to", "cc", "bcc", "reply-to"}:
            raise ValueError(f"{name} is set by the outbox, not by extra headers")
        if "\n" in name or "\r" in name or "\n" in value or "\r" in value:
            raise ValueError("email headers must be a single line")
        list_headers.check(name, value)
    subject, text, html = render_email(template=template, context=context)
    now = timezone.now()
    return OutboxMessage(
        to=recipients,
        template=template,
        subject=subject,
        body_text=text,
        body_html=html,
        reply_to=reply_to or "",
        headers=headers,
        attachments=[
            {"filename": name, "mimetype": mimetype, "content_b64": base64.b64encode(content).decode()}
            for name, content, mimetype in attachments or []
        ],
        message_id=make_msgid(domain=_message_id_domain()),
        next_attempt_at=max(send_after, now) if send_after else now,
        created_at=now,
    )


def render_email(*, template: str, context: dict) -> tuple[str, str, str]:
    """(subject, plain text, html or "") for `templates/emails/<template>`."""
    full_context = {
        "SITE_URL": settings.SITE_URL,
        "PRACTICE_NAME": settings.PRACTICE_NAME,
        "PRACTICE_EMAIL": settings.PRACTICE_EMAIL,
        "PRACTICE_PHONE": settings.PRACTICE_PHONE,
        **context,
    }
    # One line, whatever the template's whitespace: a subject is a header.
    subject = " ".join(_render_plain(f"emails/{template}.subject.txt", full_context).split())
    text = _render_plain(f"emails/{template}.txt", full_context).strip() + "\n"
    try:
        html_template = engines["django"].get_template(f"emails/{template}.html")
    except TemplateDoesNotExist:
        html = ""
    else:
        html = html_template.render(full_context)
    return subject, text, html


def _render_plain(name: str, context: dict) -> str:
    # Plain text is not HTML: no &amp; in subjects and bodies.
    template = engines["django"].get_template(name).template  # type: ignore[attr-defined]
    return template.render(Context(context, autoescape=False))


def _message_id_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


# --- Delivery ---------------------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    recovered: int = 0

    def __bool__(self) -> bool:
        return bool(self.sent or self.retried or self.failed or self.recovered)


def deliver_due(
    *,
    now: datetime | None = None,
    limit: int = 50,
    should_stop: Callable[[], bool] = lambda: False,
) -> DeliveryReport:
    """Recover abandoned rows, then deliver up to `limit` due rows, oldest first.

    `should_stop` is checked between messages, so a worker asked to stop finishes the message in hand.
    """
    now = now or timezone.now()
    report = DeliveryReport(recovered=recover_stuck(now=now))
    due = OutboxMessage.objects.due(now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)
    for pk in list(due[:limit]):
        if should_stop():
            break
        outcome = deliver_one(pk=pk, now=now)
        if outcome == OutboxMessage.Status.SENT:
            report.sent += 1
        elif outcome == OutboxMessage.Status.PENDING:
            report.retried += 1
        elif outcome == OutboxMessage.Status.FAILED:
            report.failed += 1
    return report


def recover_stuck(*, now: datetime | None = None, lease: timedelta = LEASE) -> int:
    """Hand rows left SENDING by a crashed worker back to the queue.

    The honest limit: if that worker had already handed the message to the mail server and died in the
    moment before marking it SENT, the recipient gets it twice. That window is one database round trip;
    closing it would need the mail server to take part in our transaction. We choose at-least-once (never
    lose a message) over at-most-once.
    """
    now = now or timezone.now()
    return OutboxMessage.objects.stuck(now, lease).update(
        status=OutboxMessage.Status.PENDING,
        claim_token="",
        claimed_at=None,
        next_attempt_at=now,
        last_error="Arbeideren stoppet midt i sendingen; prøver på nytt.",
    )


def claim(*, pk: int, now: datetime) -> str | None:
    """Take one due row for this worker. Returns the claim token, or None when another worker got it first.

    A conditional UPDATE: whichever worker's statement flips PENDING to SENDING wins, on SQLite and on
    PostgreSQL alike, across processes and servers. The attempt is counted here, before sending, so a
    message that crashes the worker cannot be retried forever.
    """
    token = secrets.token_hex(16)
    claimed = OutboxMessage.objects.filter(
        pk=pk, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).update(
        status=OutboxMessage.Status.SENDING,
        claimed_at=now,
        claim_token=token,
        attempts=F("attempts") + 1,
    )
    return token if claimed == 1 else None


def deliver_one(*, pk: int, now: datetime) -> str | None:
    """Claim, send and record one row. Returns the row's new status, or None if it was not ours to send."""
    token = claim(pk=pk, now=now)
    if token is None:
        return None
    message = OutboxMessage.objects.get(pk=pk)
    try:
        _send(message)
    except Exception as error:  # every failure is recorded on the row, none stops the worker
        return _record_failure(message=message, token=token, error=error, now=now)
    _mark_sent(message=message, token=token, now=now)
    return OutboxMessage.Status.SENT


def _send(message: OutboxMessage) -> None:
    email = list_headers.OutboxEmail(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={**message.headers, "Message-ID": message.message_id},
        attachments=[
            (item["filename"], base64.b64decode(item["content_b64"]), item["mimetype"])
            for item in message.attachments
        ],
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    mailer = mailers.default
    if getattr(mailer, "timeout", "") is None:
        mailer.timeout = SMTP_TIMEOUT_SECONDS  # type: ignore[attr-defined]  # a hung mail server must not hang the worker
    if mailer.send_messages([email]) != 1:
        raise ValueError("e-posttjeneren tok ikke imot meldingen")


@transaction.atomic
def _mark_sent(*, message: OutboxMessage, token: str, now: datetime) -> None:
    # Its own short transaction, right after the SMTP call: once SENT, no worker will ever claim it again.
    done = {"status": OutboxMessage.Status.SENT, "sent_at": now, "claim_token": "", "last_error": ""}
    if OutboxMessage.objects.filter(pk=message.pk, claim_token=token).update(**done):
        return
    # Our lease ran out mid-send and recovery handed the row back. It has gone out: stop a second copy
    # unless another worker is already sending it.
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.PENDING).update(**done)
    logger.warning("outbox: message %s was sent after its lease expired", message.pk)


@transaction.atomic
def _record_failure(*, message: OutboxMessage, token: str, error: BaseException, now: datetime) -> str:
    attempts = message.attempts  # already counted by claim()
    permanent = policy.is_permanent(error)
    if permanent or attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status = OutboxMessage.Status.FAILED
        next_attempt_at = now
    else:
        status = OutboxMessage.Status.PENDING
        next_attempt_at = now + policy.retry_delay(attempts=attempts, jitter=random.uniform(-1, 1))
    OutboxMessage.objects.filter(pk=message.pk, claim_token=token).update(
        status=status,
        next_attempt_at=next_attempt_at,
        claim_token="",
        claimed_at=None,
        last_error=policy.describe(error),
    )
    log = logger.error if status == OutboxMessage.Status.FAILED else logger.warning
    log("outbox: message %s attempt %s failed (%s): %s", message.pk, attempts, status, type(error).__name__)
    return status


# --- Operator actions and housekeeping ----------------------------------------------------------------


@transaction.atomic
def retry_failed(*, pks: list[int], now: datetime | None = None) -> int:
    """Put failed rows back in the queue with a fresh set of attempts (admin: "Send på nytt")."""
    now = now or timezone.now()
    return (
        OutboxMessage.objects.failed()
        .filter(pk__in=pks)
        .update(status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=now, claim_token="")
    )


@transaction.atomic
def purge_old(*, now: datetime | None = None, older_than: timedelta = SENT_RETENTION) -> int:
    """Delete sent mail older than 90 days, and failed mail queued more than 90 days ago."""
    cutoff = (now or timezone.now()) - older_than
    sent = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff)
    failed = OutboxMessage.objects.failed().filter(created_at__lt=cutoff)
    return sent.delete()[0] + failed.delete()[0]
