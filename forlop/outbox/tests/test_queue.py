import base64
import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import deliver_due, queue_email

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def email_templates(tmp_path: Path, settings):
    """Writable email templates in a folder searched before the project's own."""
    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "hello.subject.txt").write_text("Hei {{ name }}\n  og velkommen\n")
    (folder / "hello.txt").write_text("Hei {{ name }}, se {{ SITE_URL }}/ansatt/\n")
    (folder / "hello.html").write_text("<p>Hei {{ name }}</p>\n")
    (folder / "plain.subject.txt").write_text("Bare tekst")
    (folder / "plain.txt").write_text("Ingen HTML her.")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    return folder


@pytest.mark.django_db
def test_it_queues_a_rendered_email(email_templates, settings):
    settings.SITE_URL = "https://forlop.example"
    with time_machine.travel(NOW, tick=False):
        message = queue_email(to="kari@example.no", template="hello", context={"name": "Kari"})

    message.refresh_from_db()
    assert message.to == ["kari@example.no"]
    assert message.subject == "Hei Kari og velkommen"
    assert message.body_text == "Hei Kari, se https://forlop.example/ansatt/\n"
    assert message.body_html == "<p>Hei Kari</p>\n"
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 0
    assert message.next_attempt_at == NOW
    assert message.message_id.startswith("<") and message.message_id.endswith("@forlop.example>")


@pytest.mark.django_db
def test_it_leaves_no_row_when_the_callers_transaction_rolls_back(email_templates):
    class BookingFailed(Exception):
        pass

    with pytest.raises(BookingFailed), transaction.atomic():
        queue_email(to="kari@example.no", template="hello", context={"name": "Kari"})
        raise BookingFailed

    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_it_keeps_the_row_when_the_callers_transaction_commits(email_templates):
    with transaction.atomic():
        queue_email(to=["kari@example.no", "ola@example.no"], template="plain", context={})

    assert OutboxMessage.objects.get().to == ["kari@example.no", "ola@example.no"]


@pytest.mark.django_db
def test_later_template_edits_do_not_change_queued_mail(email_templates):
    message = queue_email(to="kari@example.no", template="hello", context={"name": "Kari"})
    (email_templates / "hello.txt").write_text("Helt ny tekst")

    deliver_due()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert mail.outbox[0].body.startswith("Hei Kari")


@pytest.mark.django_db
def test_it_escapes_html_but_not_plain_text(email_templates):
    message = queue_email(to="kari@example.no", template="hello", context={"name": "Kari & <Ola>"})

    assert message.subject == "Hei Kari & <Ola> og velkommen"
    assert message.body_text.startswith("Hei Kari & <Ola>,")
    assert "Kari &amp; &lt;Ola&gt;" in message.body_html


@pytest.mark.django_db
def test_the_html_part_is_optional(email_templates):
    message = queue_email(to="kari@example.no", template="plain", context={})
    deliver_due()

    assert message.body_html == ""
    assert mail.outbox[0].alternatives == []


@pytest.mark.django_db
def test_the_message_id_is_fixed_at_queue_time_and_sent_as_is(email_templates):
    message = queue_email(to="kari@example.no", template="hello", context={"name": "Kari"})
    other = queue_email(to="kari@example.no", template="hello", context={"name": "Kari"})

    deliver_due()

    assert message.message_id != other.message_id
    sent_ids = {sent.message()["Message-ID"] for sent in mail.outbox}
    assert sent_ids == {message.message_id, other.message_id}


@pytest.mark.django_db
def test_it_stores_and_sends_attachments_reply_to_and_headers(email_templates):
    invitation = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    message = queue_email(
        to="kari@example.no",
        template="plain",
        context={},
        reply_to="terapeut@example.no",
        headers={"Auto-Submitted": "auto-generated"},
        attachments=[("time.ics", invitation, "text/calendar")],
    )
    message.refresh_from_db()
    assert base64.b64decode(message.attachments[0]["content_b64"]) == invitation

    deliver_due()

    sent = mail.outbox[0].message()
    assert sent["Reply-To"] == "terapeut@example.no"
    assert sent["Auto-Submitted"] == "auto-generated"
    [attachment] = list(sent.iter_attachments())
    assert attachment.get_filename() == "time.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_content().replace("\r\n", "\n") == invitation.decode().replace("\r\n", "\n")


@pytest.mark.django_db
def test_it_waits_until_send_after(email_templates):
    with time_machine.travel(NOW, tick=False) as clock:
        queue_email(to="kari@example.no", template="plain", context={}, send_after=NOW + timedelta(hours=1))
        deliver_due()
        assert mail.outbox == []

        clock.shift(timedelta(hours=1))
        deliver_due()
        assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{"X-Note": "ok\r\nBcc: evil@example.com"}, {"Message-ID": "<mine@example.com>"}, {"To": "x@example.no"}],
)
def test_it_refuses_headers_it_does_not_own_or_that_inject(email_templates, headers):
    with pytest.raises(ValueError):
        queue_email(to="kari@example.no", template="plain", context={}, headers=headers)
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_email_without_recipients(email_templates):
    with pytest.raises(ValueError):
        queue_email(to=[], template="plain", context={})


@pytest.mark.django_db
def test_the_embedded_default_writes_mail_to_files_not_the_network(email_templates, settings, tmp_path):
    """The settings' non-SMTP default: a folder of files (overridden by Django's test runner otherwise)."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path / "mail")},
        }
    }
    queue_email(to="kari@example.no", template="plain", context={})

    assert deliver_due().sent == 1
    [written] = list((tmp_path / "mail").iterdir())
    assert "Ingen HTML her." in written.read_text()
