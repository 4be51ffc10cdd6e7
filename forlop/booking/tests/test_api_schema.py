"""Schemathesis against the live API: the schema is loaded from /api/v1/openapi.json through the WSGI app,
and generated requests (valid and invalid) must never cause a server error, every response must match the
document (status code, content type, headers, body schema), and a request the document calls invalid must
be refused. Once per operation (stateless), and once as sequences that follow the document's links.

Runs in the test's database transaction (the WSGI calls happen in this thread), with a published therapist
so that some requests reach real slots, holds and confirmations. Examples are few to keep it under a minute.
"""

import pytest
import schemathesis
import time_machine
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from forlop.booking import services
from forlop.wsgi import application

from .conftest import NOW, oslo

# Every check but positive_data_acceptance: a schema-valid request may still be refused for what JSON Schema
# cannot say (a time that is not free: 409/422; a type this therapist does not offer, a phone number that
# does not exist: 400), and the document lists those answers.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]
EXAMPLES = 25
STATEFUL_EXAMPLES = 60


def _exercise(operation, mode: GenerationMode, **fixed) -> None:
    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    run()


@pytest.fixture
def api_schema(db, settings):
    settings.BOOKING_API_RATE_LIMIT_PER_MINUTE = (
        0  # the rate limit has its own tests; here it would hide paths
    )
    settings.BOOKING_HOLD_RATE_LIMIT_PER_HOUR = 10_000
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # As Django's test client does: a WSGI request must not close the test's connection (its transaction
    # holds the fixtures; on PostgreSQL a closed connection ends it).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_matches_its_openapi_document(api_schema, profile, consultation, mode):
    operations = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations[operation.definition.raw["operationId"]] = operation
    assert {"listTherapists", "listSlots", "createHold", "confirmHold"} <= set(operations)
    for operation in operations.values():
        raw = operation.definition.raw
        if mode == GenerationMode.NEGATIVE and not (raw.get("parameters") or raw.get("requestBody")):
            continue  # nothing to get wrong in a request without inputs
        _exercise(operation, mode)
    # And with real identifiers, so generation reaches past the 404s.
    _exercise(operations["listSlots"], mode, path_parameters={"slug": profile.slug})
    _exercise(
        operations["listSlots"], mode, path_parameters={"slug": profile.slug}, query={"type": "konsultasjon"}
    )
    hold = services.hold_slot(
        therapist=profile, consultation_type=consultation, start=_next_free_start(profile, consultation)
    )
    _exercise(operations["confirmHold"], mode, path_parameters={"token": hold.token})


def _next_free_start(profile, consultation):
    from datetime import timedelta

    from django.utils import timezone

    from forlop.booking.slots import free_slots

    now = timezone.now()
    slots = free_slots(
        therapist=profile, consultation_type=consultation, start=now, end=now + timedelta(days=8), now=now
    )
    return slots[0].start_utc if slots else oslo("2099-01-01 10:00")


@pytest.fixture
def settings_for_replay(settings):
    settings.BOOKING_API_RATE_LIMIT_PER_MINUTE = 0
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_api_holds_up_through_its_links(api_schema, profile, consultation, settings_for_replay):
    """Stateful: sequences that follow the document's links, listTherapists → listSlots → createHold →
    confirmHold (→ confirmHold again), with generated values wherever a link leaves one open."""
    seen: dict[str, set[int]] = {}

    class Links(api_schema.as_state_machine()):  # type: ignore[misc]
        # Each scenario starts from the same database (a savepoint rolled back after it), the same frozen clock
        # and no per-minute API limit: Hypothesis replays choices, and a link's target only exists when the
        # earlier answer was the same (a free slot, a 201). Anything that changes between scenarios (time
        # moving on, a counter) makes its data generation inconsistent, which it rightly refuses.
        def setup(self):
            self.savepoint = transaction.savepoint_create()
            self.confirmations = 0

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        def before_call(self, case):
            # Generated email addresses and phone numbers rarely pass Django's validators (a 400, which the
            # document allows), so every second confirmation carries a plausible person to get past them and
            # reach the booking itself. The token still comes from the link.
            if case.operation.definition.raw["operationId"] != "confirmHold":
                return
            self.confirmations += 1
            if self.confirmations % 2:
                case.body = {"name": "Nora Nordmann", "email": "nora@example.no", "consent": True}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            seen.setdefault(case.operation.definition.raw["operationId"], set()).add(response.status_code)
            case.validate_response(response, checks=CHECKS)

    Links.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=10,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
    # The chain was really walked: a hold was made from a listed slot and then confirmed.
    assert 201 in seen.get("createHold", set()), seen
    assert seen.get("confirmHold", set()) & {200, 201}, seen
