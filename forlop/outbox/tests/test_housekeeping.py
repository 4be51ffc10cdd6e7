from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.outbox.models import OutboxMessage
from forlop.outbox.services import purge_old, queue_email

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def make(status: str, *, created_at: datetime, sent_at: datetime | None = None, **fields) -> OutboxMessage:
    message = queue_email(to="kari@example.no", template="contact_receipt", context={"crisis_url": "x"})
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=status, created_at=created_at, sent_at=sent_at, **fields
    )
    message.refresh_from_db()
    return message


@pytest.mark.django_db
def test_it_purges_sent_mail_after_90_days_and_keeps_the_rest():
    old_sent = make("sent", created_at=NOW - timedelta(days=95), sent_at=NOW - timedelta(days=91))
    recent_sent = make("sent", created_at=NOW - timedelta(days=95), sent_at=NOW - timedelta(days=89))
    old_failed = make("failed", created_at=NOW - timedelta(days=91))
    old_pending = make("pending", created_at=NOW - timedelta(days=91))

    with time_machine.travel(NOW, tick=False):
        assert purge_old() == 2

    remaining = set(OutboxMessage.objects.values_list("pk", flat=True))
    assert remaining == {recent_sent.pk, old_pending.pk}
    assert old_sent.pk not in remaining and old_failed.pk not in remaining


@pytest.fixture
def admin_client(client, admin_user):
    return login_verified(client, admin_user)


@pytest.mark.django_db
def test_the_admin_lists_the_queue_read_only(admin_client, django_assert_max_num_queries):
    make("failed", created_at=NOW, last_error="Mottaker avvist: 550 5.1.1 Ukjent (kari@example.no)")

    with django_assert_max_num_queries(15):
        response = admin_client.get(reverse("admin:outbox_outboxmessage_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "kari@example.no" in html
    assert "Vi har fått meldingen din" in html
    assert "550 5.1.1" in html
    assert "Send på nytt" in html
    assert admin_client.get(reverse("admin:outbox_outboxmessage_add")).status_code == 403


@pytest.mark.django_db
def test_the_admin_can_send_a_failed_message_again(admin_client):
    failed = make("failed", created_at=NOW, attempts=8, last_error="550")
    sent = make("sent", created_at=NOW, sent_at=NOW, attempts=1)

    response = admin_client.post(
        reverse("admin:outbox_outboxmessage_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 e-post er lagt i køen igjen." in html
    assert "1 ble hoppet over" in html
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (OutboxMessage.Status.PENDING, 0)
    assert sent.status == OutboxMessage.Status.SENT


@pytest.mark.django_db
def test_a_coordinator_cannot_open_the_outbox_admin(client, coordinator):
    login_verified(client, coordinator)
    response = client.get(reverse("admin:outbox_outboxmessage_changelist"))
    assert response.status_code in {302, 403}
    assert b"kari@example.no" not in response.content
