"""Delivery against a real SMTP server on 127.0.0.1 (see conftest.py)."""

import socket
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from forlop.outbox import services
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import claim, deliver_due, queue_email

from .conftest import smtp_mailer

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def queue_receipt(to: str = "kari@example.no") -> OutboxMessage:
    return queue_email(
        to=to, template="contact_receipt", context={"crisis_url": "https://x.example/hjelp-na/"}
    )


@pytest.mark.django_db
def test_it_delivers_over_smtp(running_smtp_server, clock, settings):
    message = queue_receipt()

    report = deliver_due()

    assert report.sent == 1
    [received] = running_smtp_server.received
    assert received.recipients == ["kari@example.no"]
    assert received.message["Message-ID"] == message.message_id
    assert received.message["Subject"] == message.subject
    assert received.message.get_body(preferencelist=("plain",)).get_content().startswith("Hei,")
    assert received.message.get_body(preferencelist=("html",)) is not None
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at == NOW
    assert message.attempts == 1
    assert message.last_error == ""


@pytest.mark.django_db
def test_a_server_that_is_down_gets_the_message_once_it_is_back(smtp_server, clock):
    message = queue_receipt()

    report = deliver_due()

    assert report.retried == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    # First retry after 60 s ± 20 %.
    assert NOW + timedelta(seconds=48) <= message.next_attempt_at <= NOW + timedelta(seconds=72)

    smtp_server.start()
    assert not deliver_due()  # not due yet: the backoff is respected
    assert smtp_server.received == []

    clock.shift(timedelta(seconds=72))
    assert deliver_due().sent == 1
    clock.shift(timedelta(days=1))
    deliver_due()

    assert len(smtp_server.received) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2


@pytest.mark.django_db
def test_the_backoff_grows_with_each_failure(smtp_server, clock):
    message = queue_receipt()
    waits = []
    for _ in range(4):
        deliver_due()
        message.refresh_from_db()
        waits.append((message.next_attempt_at - timezone.now()).total_seconds() / 60)
        clock.move_to(message.next_attempt_at)

    for wait, expected in zip(waits, [1, 2, 4, 8], strict=True):
        assert expected * 0.8 <= wait <= expected * 1.2
    assert message.attempts == 4


@pytest.mark.django_db
def test_a_4xx_reply_is_retried(running_smtp_server, clock):
    running_smtp_server.reply = "451 4.3.0 Mailbox busy, try later"
    message = queue_receipt()

    assert deliver_due().retried == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "451" in message.last_error
    running_smtp_server.reply = "ok"
    clock.shift(timedelta(minutes=2))
    assert deliver_due().sent == 1
    assert len(running_smtp_server.received) == 1


@pytest.mark.django_db
def test_a_5xx_reply_fails_the_message_for_good(running_smtp_server, clock):
    running_smtp_server.reply = "550 5.1.1 No such user here"
    message = queue_receipt("ukjent@example.no")

    assert deliver_due().failed == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "550" in message.last_error and "ukjent@example.no" in message.last_error
    running_smtp_server.reply = "ok"
    clock.shift(timedelta(days=1))
    assert not deliver_due()
    assert running_smtp_server.received == []


@pytest.mark.django_db
def test_it_gives_up_after_the_maximum_attempts(smtp_server, clock, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = queue_receipt()

    for _ in range(3):
        deliver_due()
        clock.shift(timedelta(hours=6))

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 3


@pytest.mark.django_db
def test_a_server_that_never_answers_times_out_and_is_retried(settings, clock):
    with socket.socket() as silent:  # accepts the connection, never says hello
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.MAILERS = smtp_mailer(silent.getsockname()[1], timeout=0.3)
        message = queue_receipt()

        assert deliver_due().retried == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "timed out" in message.last_error.lower() or "Timeout" in message.last_error


@pytest.mark.django_db
def test_a_row_left_sending_by_a_crashed_worker_is_recovered_and_sent_once(running_smtp_server, clock):
    message = queue_receipt()
    assert claim(pk=message.pk, now=NOW)  # a worker claimed it, then died before sending

    clock.shift(timedelta(minutes=5))
    assert not deliver_due()  # still within the lease: it may yet be sending
    assert running_smtp_server.received == []

    clock.shift(services.LEASE)
    report = deliver_due()

    assert report.recovered == 1 and report.sent == 1
    assert len(running_smtp_server.received) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2


@pytest.mark.django_db
def test_a_sent_message_is_never_sent_again(running_smtp_server, clock):
    queue_receipt()
    deliver_due()

    for _ in range(3):
        clock.shift(services.LEASE * 2)
        deliver_due()

    assert len(running_smtp_server.received) == 1


# --- Headers as the mail server reads them ------------------------------------------------------------
# Gmail and Outlook offer "unsubscribe" only for a List-Unsubscribe header that reads `<https://…>`. Python's
# email package turns a header line over 78 characters with nowhere to fold into an RFC 2047 encoded word
# (`=?utf-8?q?=3Chttps=3A//…?=`), so these tests look at the bytes on the wire, not at the parsed message.

LONG_UNSUBSCRIBE_URL = "https://forlop.example/kurs/5-tegn/avmeld/" + "Ab3_-x" * 8 + "/"


def header_block(raw: bytes) -> bytes:
    return raw.split(b"\r\n\r\n", 1)[0] + b"\r\n"


@pytest.mark.django_db
def test_a_long_list_unsubscribe_url_reaches_the_server_as_plain_ascii(running_smtp_server, clock):
    assert len(f"List-Unsubscribe: <{LONG_UNSUBSCRIBE_URL}>") > 78
    queue_email(
        to="kari@example.no",
        template="contact_receipt",
        context={"crisis_url": "https://x.example/hjelp-na/"},
        headers={
            "List-Unsubscribe": f"<{LONG_UNSUBSCRIBE_URL}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )

    deliver_due()

    [received] = running_smtp_server.received
    head = header_block(received.raw)
    assert f"\r\nList-Unsubscribe: <{LONG_UNSUBSCRIBE_URL}>\r\n".encode() in head
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in head
    assert head.count(b"List-Unsubscribe:") == 1
    assert b"=?utf-8?" not in head.split(b"\r\nList-Unsubscribe:", 1)[1].split(b"\r\n")[0]
    assert received.message["List-Unsubscribe"] == f"<{LONG_UNSUBSCRIBE_URL}>"


@pytest.mark.django_db
def test_several_unsubscribe_addresses_are_folded_only_at_the_space_between_them(running_smtp_server, clock):
    mailto = "<mailto:avmelding@forlop.example?subject=avmeld>"
    queue_email(
        to="kari@example.no",
        template="contact_receipt",
        context={"crisis_url": "https://x.example/hjelp-na/"},
        headers={"List-Unsubscribe": f"{mailto}, <{LONG_UNSUBSCRIBE_URL}>"},
    )

    deliver_due()

    [received] = running_smtp_server.received
    head = header_block(received.raw)
    assert f"\r\nList-Unsubscribe: {mailto},\r\n <{LONG_UNSUBSCRIBE_URL}>\r\n".encode() in head
    assert received.message["List-Unsubscribe"] == f"{mailto}, <{LONG_UNSUBSCRIBE_URL}>"


@pytest.mark.django_db
def test_other_headers_are_still_folded_and_encoded_as_before(running_smtp_server, clock):
    queue_email(
        to="kari@example.no",
        template="contact_receipt",
        context={"crisis_url": "https://x.example/hjelp-na/"},
        headers={"X-Forlop-Note": "Påmelding" + " lang tekst" * 10},
    )

    deliver_due()

    [received] = running_smtp_server.received
    assert b"X-Forlop-Note: =?utf-8?" in header_block(received.raw)
    assert received.message["X-Forlop-Note"] == "Påmelding" + " lang tekst" * 10


@pytest.mark.django_db
def test_a_list_header_that_is_not_ascii_is_refused_when_queued(clock):
    with pytest.raises(ValueError, match="ASCII"):
        queue_email(
            to="kari@example.no",
            template="contact_receipt",
            context={"crisis_url": "https://x.example/hjelp-na/"},
            headers={"List-Unsubscribe": "<https://forløp.example/avmeld/>"},
        )
    assert not OutboxMessage.objects.exists()


# --- Several workers ---------------------------------------------------------------------------------
# Real threads need a real database file (or PostgreSQL): see test_races.py.


@pytest.mark.django_db
def test_a_claimed_row_cannot_be_claimed_again(clock):
    message = queue_receipt()

    assert claim(pk=message.pk, now=NOW) is not None
    assert claim(pk=message.pk, now=NOW) is None
