from datetime import UTC, datetime, timedelta

import pytest

from forlop.accounts.jobs import prune
from forlop.accounts.models import KnownDevice, LoginEvent, UserSession
from forlop.accounts.services import prune_security_records
from forlop.core.jobs import REGISTRY

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 10, 25, 12, 0, tzinfo=UTC)


def test_it_forgets_old_login_attempts_devices_and_dead_sessions(coordinator):
    LoginEvent.objects.create(
        email_tried="a@example.no", ip_hash="x", outcome="failed", created_at=NOW - timedelta(days=181)
    )
    kept_event = LoginEvent.objects.create(
        email_tried="a@example.no", ip_hash="x", outcome="failed", created_at=NOW - timedelta(days=179)
    )
    KnownDevice.objects.create(user=coordinator, token_hash="old", last_seen_at=NOW - timedelta(days=401))
    kept_device = KnownDevice.objects.create(
        user=coordinator, token_hash="new", last_seen_at=NOW - timedelta(days=30)
    )
    UserSession.objects.create(user=coordinator, session_key="dead", created_at=NOW - timedelta(hours=14))
    kept_session = UserSession.objects.create(
        user=coordinator, session_key="alive", created_at=NOW - timedelta(hours=2)
    )

    assert prune_security_records(now=NOW) == {"login_events": 1, "known_devices": 1, "user_sessions": 1}
    assert list(LoginEvent.objects.all()) == [kept_event]
    assert list(KnownDevice.objects.all()) == [kept_device]
    assert list(UserSession.objects.all()) == [kept_session]


def test_the_worker_runs_it_daily():
    assert REGISTRY["accounts.prune_security_records"].every == timedelta(days=1)
    prune()
