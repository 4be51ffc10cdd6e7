from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from forlop.core.jobs import REGISTRY, autodiscover, run_due_jobs
from forlop.matching.models import MatchRequest, MatchRequestEvent
from forlop.matching.services import delete_expired_requests, mark_booked

pytestmark = pytest.mark.django_db


def test_it_deletes_requests_that_never_led_to_a_booking_after_six_months(make_request, settings):
    assert settings.MATCH_RETENTION_DAYS == 183
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=184)):
        old = make_request(name="Gammel")
        booked = make_request(name="Bestilt")
        mark_booked(match_request=booked)
    with time_machine.travel(now - timedelta(days=182)):
        recent = make_request(name="Nyere")

    with time_machine.travel(now):
        assert delete_expired_requests() == 1

    assert set(MatchRequest.objects.values_list("name", flat=True)) == {"Bestilt", "Nyere"}
    assert not MatchRequestEvent.objects.filter(request_id=old.pk).exists()
    assert recent.pk and booked.pk


def test_the_retention_is_configurable(make_request, settings):
    settings.MATCH_RETENTION_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        make_request()
    assert delete_expired_requests() == 1


def test_the_worker_runs_the_retention_job_daily(make_request):
    autodiscover()
    job = REGISTRY["matching.delete_expired_requests"]
    assert job.every == timedelta(days=1)
    with time_machine.travel(timezone.now() - timedelta(days=200)):
        make_request()
    assert run_due_jobs(jobs=[job]) == ["matching.delete_expired_requests"]
    assert not MatchRequest.objects.exists()


def test_the_worker_clears_expired_sessions_holding_unsent_answers(client):
    from django.contrib.sessions.models import Session

    from .conftest import fill_steps

    fill_steps(client, upto=2)
    assert Session.objects.count() == 1
    autodiscover()
    job = REGISTRY["matching.clear_expired_sessions"]
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        run_due_jobs(jobs=[job])
    assert Session.objects.count() == 0
