"""A real SMTP server on 127.0.0.1 (aiosmtpd), and the "default" mailer pointed at it."""

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.EmailMessage
    raw: bytes = b""  # the message exactly as the server received it after DATA (CRLF line ends)


@dataclass
class SmtpServer:
    """Starts and stops on a fixed port, so tests can take the server down and bring it back."""

    port: int
    # "ok", or an SMTP reply to give every RCPT, e.g. "451 4.3.0 Prøv igjen" or "550 5.1.1 Ukjent".
    reply: str = "ok"
    received: list[Received] = field(default_factory=list)
    controller: Controller | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class _Handler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.server.reply != "ok":
            return self.server.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), parsed, raw=envelope.original_content)
            )
        return "250 Message accepted for delivery"


def smtp_mailer(port: int, timeout: float = 5) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }


@pytest.fixture
def smtp_server(settings):
    """Not started: call .start(). The default mailer sends to it."""
    server = SmtpServer(port=free_port())
    settings.MAILERS = smtp_mailer(server.port)
    yield server
    server.stop()


@pytest.fixture
def running_smtp_server(smtp_server):
    smtp_server.start()
    return smtp_server
