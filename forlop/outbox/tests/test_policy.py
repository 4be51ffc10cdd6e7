import smtplib
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forlop.outbox.policy import MAX_DELAY, describe, is_permanent, retry_delay


@pytest.mark.parametrize(
    ("attempts", "jitter", "expected"),
    [
        (1, 0.0, timedelta(seconds=60)),
        (2, 0.0, timedelta(minutes=2)),
        (3, 0.0, timedelta(minutes=4)),
        (7, 0.0, timedelta(minutes=64)),
        (1, 1.0, timedelta(seconds=72)),
        (1, -1.0, timedelta(seconds=48)),
        (9, 0.0, timedelta(hours=4, minutes=16)),
        (10, 0.0, timedelta(hours=6)),
        (10, -1.0, timedelta(hours=6)),  # 8 h 32 min * 0.8 is still above the cap
        (1000, 1.0, timedelta(hours=6)),
    ],
)
def test_it_backs_off_exponentially_with_jitter_and_a_cap(attempts, jitter, expected):
    assert retry_delay(attempts=attempts, jitter=jitter) == expected


@given(attempts=st.integers(min_value=1, max_value=10_000), jitter=st.floats(min_value=-1, max_value=1))
def test_the_delay_is_always_between_48_seconds_and_6_hours(attempts, jitter):
    delay = retry_delay(attempts=attempts, jitter=jitter)
    assert timedelta(seconds=48) <= delay <= MAX_DELAY


@given(attempts=st.integers(min_value=1, max_value=30), jitter=st.floats(min_value=-1, max_value=1))
def test_the_delay_never_shrinks_as_attempts_grow_at_equal_jitter(attempts, jitter):
    assert retry_delay(attempts=attempts + 1, jitter=jitter) >= retry_delay(attempts=attempts, jitter=jitter)


@pytest.mark.parametrize(("attempts", "jitter"), [(0, 0.0), (1, 1.5), (1, -1.01)])
def test_it_refuses_nonsense(attempts, jitter):
    with pytest.raises(ValueError):
        retry_delay(attempts=attempts, jitter=jitter)


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (ConnectionRefusedError(111, "Connection refused"), False),
        (TimeoutError("timed out"), False),
        (TimeoutError("timed out"), False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False),
        (smtplib.SMTPConnectError(421, b"Too many connections"), False),
        (smtplib.SMTPAuthenticationError(535, b"Bad credentials"), False),  # our setup, not this message
        (smtplib.SMTPRecipientsRefused({"a@example.no": (451, b"Try later")}), False),
        (smtplib.SMTPRecipientsRefused({"a@example.no": (550, b"No such user")}), True),
        (
            smtplib.SMTPRecipientsRefused({"a@example.no": (550, b"No"), "b@example.no": (452, b"Full")}),
            False,
        ),
        (smtplib.SMTPSenderRefused(451, b"Local error", "post@forlop.no"), False),
        (smtplib.SMTPSenderRefused(553, b"Not allowed", "post@forlop.no"), True),
        (smtplib.SMTPDataError(452, b"Insufficient storage"), False),
        (smtplib.SMTPDataError(554, b"Message rejected as spam"), True),
        (ValueError("Invalid address 'kari@'"), True),
        (RuntimeError("something unexpected"), False),
    ],
)
def test_it_tells_permanent_from_transient_failures(error, permanent):
    assert is_permanent(error) is permanent


def test_it_describes_refused_recipients_for_the_operator():
    error = smtplib.SMTPRecipientsRefused({"a@example.no": (550, b"5.1.1 Ukjent mottaker")})
    assert describe(error) == "Mottaker avvist: 550 5.1.1 Ukjent mottaker (a@example.no)"
    assert describe(smtplib.SMTPDataError(554, b"Spam")) == "SMTPDataError: 554 Spam"
    assert len(describe(RuntimeError("x" * 5000))) == 1000
