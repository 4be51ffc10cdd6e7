"""Retry policy for outgoing email: pure functions (no clock, no ORM, no network)."""

import smtplib
from datetime import timedelta

BASE_DELAY = timedelta(seconds=60)
MAX_DELAY = timedelta(hours=6)
JITTER = 0.2


def retry_delay(*, attempts: int, jitter: float) -> timedelta:
    """How long to wait after the `attempts`-th failed try (1, 2, …).

    Exponential (60 s, 2 min, 4 min, …) so a mail server that is down is not hammered, with ±20 % jitter
    (`jitter` in [-1, 1], drawn by the caller) so rows that failed together do not retry together, and capped
    at 6 hours so a message is never parked for days.
    """
    if attempts < 1:
        raise ValueError("attempts counts tries made so far and starts at 1")
    if not -1.0 <= jitter <= 1.0:
        raise ValueError("jitter must be within [-1, 1]")
    exponent = min(attempts - 1, 20)  # 60 s * 2**20 is far beyond the cap already
    delay = BASE_DELAY * (2**exponent) * (1 + JITTER * jitter)
    return min(delay, MAX_DELAY)


def is_permanent(error: BaseException) -> bool:
    """True when trying again cannot help: the server rejected this message with a 5xx reply.

    Everything else (refused connections, timeouts, disconnects, 4xx replies, and server-level trouble such
    as a failed login or HELO) is transient: it says nothing about this message, and retrying later is what
    an operator fixing the mail server wants. Such rows still fail after OUTBOX_MAX_ATTEMPTS.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    if isinstance(error, smtplib.SMTPException | OSError):
        return False
    # Django raises ValueError for an address it cannot put on the envelope: no retry will fix it.
    return isinstance(error, ValueError)


def describe(error: BaseException) -> str:
    """A short, operator-readable line for the admin's "siste feil" column."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{code} {_text(message)} ({address})" for address, (code, message) in error.recipients.items()
        ]
        text = "Mottaker avvist: " + "; ".join(parts)
    elif isinstance(error, smtplib.SMTPResponseException):
        text = f"{type(error).__name__}: {error.smtp_code} {_text(error.smtp_error)}"
    else:
        text = f"{type(error).__name__}: {error}"
    return text[:1000]


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
