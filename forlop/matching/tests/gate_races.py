"""The doctor gate under real concurrency: coordinators press "Send forslaget" at the same moment as the doctor
saves a decision, on threads released together. Shared by the SQLite file-database script
(gate_race_script.py) and the PostgreSQL test (test_doctor_gate_races.py); every scenario returns plain data
so it can cross a process boundary as JSON.

A send "went out undecided" when the request had no decision at the moment the send committed. The sender
reads the row again inside its own transaction, after its UPDATE: on PostgreSQL the UPDATE holds the row lock
until commit, and SQLite's IMMEDIATE transaction holds the write lock, so no decision can slip in between the
read and the commit. The history is checked as well: a "suggestion sent" event must come after a decision.
"""

import threading
from collections.abc import Callable
from datetime import datetime

from django.db import IntegrityError, close_old_connections, connection, transaction

from forlop.accounts.models import User
from forlop.lib.timezones import OSLO
from forlop.matching import services
from forlop.matching.models import DoctorDecision, MatchRequest, MatchRequestEvent
from forlop.therapists.models import Profession, Therapist

NOW = datetime(2026, 3, 6, 22, 0, tzinfo=OSLO)  # a Friday night
ROUNDS = 30
GATE = "matching_suggested_needs_doctor"
Status = MatchRequest.Status
Kind = MatchRequestEvent.Kind


def setup_world() -> None:
    """Two coordinators, a doctor, and a published therapist without HPR (the issue's case)."""
    for email, roles in [
        ("koordinator.race@example.no", {"is_coordinator": True}),
        ("admin.race@example.no", {"is_admin": True}),
        ("lege.race@example.no", {"is_doctor": True}),
    ]:
        User.objects.create_user(email, "race-passord-2026", **roles)
    Therapist.objects.create(
        name="Race Spill",
        slug="race-spill",
        status=Therapist.Status.PUBLISHED,
        profession=Profession.SERTIFISERT_TERAPEUT,
        hpr_number="",
        bio_short="x",
        bio_long="x",
    )


def _flagged(label: str) -> MatchRequest:
    return MatchRequest.objects.create(
        created_at=NOW,
        consent_at=NOW,
        medical_assessment=True,
        who_for="self",
        age_group="26_40",
        goals=["stop"],
        substances=["ghb"],
        duration="1_5",
        frequency="daily",
        amount="some",
        earlier_treatment="none",
        earlier_seizures="no",
        pregnant="no",
        budget="fine",
        name=label,
        email="race@example.no",
    )


def _outcome(attempt: Callable[[], str]) -> str:
    try:
        return attempt()
    except services.AwaitingDoctor:
        return "awaiting_doctor"
    except services.RequestChanged:
        return "changed"
    except IntegrityError:
        return "refused_by_database"


def _gather(attempts: list[Callable[[], str]]) -> list[str]:
    """Run each attempt in its own thread, all released at once; each attempt's outcome, or an error."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(attempt: Callable[[], str]) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = _outcome(attempt)
        except Exception as exc:  # noqa: BLE001 - reported as data
            outcome = f"error {type(exc).__name__}: {exc}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return outcomes


def _decided_now(pk: int) -> bool:
    return MatchRequest.objects.filter(pk=pk, doctor_decided_at__isnull=False).exists()


def _send(seen: MatchRequest, *, by: User, therapist: Therapist) -> Callable[[], str]:
    """The real service, as the suggest view calls it, on the copy the coordinator's page was built from."""

    def attempt() -> str:
        with transaction.atomic():
            services.send_suggestion(
                match_request=seen, therapist=therapist, by=by, note="Ledig i dag", now=NOW
            )
            return "sent" if _decided_now(seen.pk) else "sent_undecided"

    return attempt


def _send_without_gate(seen: MatchRequest, *, by: User, therapist: Therapist) -> Callable[[], str]:
    """What the service did before the gate: a conditional UPDATE on the status alone, and its event."""

    def attempt() -> str:
        with transaction.atomic():
            updated = MatchRequest.objects.filter(pk=seen.pk, status=seen.status).update(
                status=Status.SUGGESTED, assigned_therapist=therapist, updated_at=NOW
            )
            if updated != 1:
                return "changed"
            MatchRequestEvent.objects.create(
                request_id=seen.pk,
                at=NOW,
                kind=Kind.SUGGESTION_SENT,
                actor=by,
                from_status=seen.status,
                to_status=Status.SUGGESTED,
                therapist=therapist,
            )
            return "sent" if _decided_now(seen.pk) else "sent_undecided"

    return attempt


def _decide(seen: MatchRequest, *, by: User) -> Callable[[], str]:
    def attempt() -> str:
        services.record_doctor_decision(
            match_request=seen,
            decision=DoctorDecision.OUTPATIENT,
            reason="Kan vurderes poliklinisk.",
            by=by,
            now=NOW,
        )
        return "decided"

    return attempt


def _sent_before_decision(pk: int) -> bool:
    kinds = list(
        MatchRequestEvent.objects.filter(request_id=pk)
        .filter(kind__in=[Kind.SUGGESTION_SENT, Kind.DOCTOR_DECISION])
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    return Kind.SUGGESTION_SENT in kinds and kinds[0] != Kind.DOCTOR_DECISION


def _rounds(label: str, send: Callable[..., Callable[[], str]], rounds: int) -> dict:
    coordinators = [
        User.objects.get(email="koordinator.race@example.no"),
        User.objects.get(email="admin.race@example.no"),
    ]
    doctor = User.objects.get(email="lege.race@example.no")
    therapist = Therapist.objects.get(slug="race-spill")
    tally: dict[str, int] = {}
    errors: list[str] = []
    sent_undecided, sends_per_request = 0, []
    for n in range(rounds):
        match_request = _flagged(f"{label} {n}")
        # Each actor acts on the copy their page was built from, before anyone acted.
        copies = [MatchRequest.objects.get(pk=match_request.pk) for _ in range(len(coordinators) + 1)]
        attempts = [
            send(copy, by=by, therapist=therapist) for copy, by in zip(copies, coordinators, strict=False)
        ]
        attempts.append(_decide(copies[-1], by=doctor))
        for outcome in _gather(attempts):
            if outcome.startswith("error"):
                errors.append(outcome)
            else:
                tally[outcome] = tally.get(outcome, 0) + 1
        row = MatchRequest.objects.get(pk=match_request.pk)
        if (row.status == Status.SUGGESTED and row.doctor_decided_at is None) or _sent_before_decision(
            row.pk
        ):
            sent_undecided += 1
        sends_per_request.append(
            MatchRequestEvent.objects.filter(request_id=row.pk, kind=Kind.SUGGESTION_SENT).count()
        )
    return {
        "rounds": rounds,
        "outcomes": tally,
        "errors": errors,
        # Requests whose final state or history shows a send without a decision before it.
        "requests_sent_undecided": sent_undecided,
        "max_sends_per_request": max(sends_per_request),
    }


def with_gate(rounds: int = ROUNDS) -> dict:
    """The real service against the real schema."""
    return _rounds("Med port", _send, rounds)


def database_alone(rounds: int = ROUNDS) -> dict:
    """The old, ungated service against the constrained schema: the database still refuses."""
    return _rounds("Bare databasen", _send_without_gate, rounds)


def without_gate(rounds: int = ROUNDS) -> dict:
    """The control: the old, ungated service on a schema without the constraint. The same threads send
    undecided flagged requests, which shows the race is real and that the scenarios above exercise it."""
    constraints = MatchRequest._meta.constraints
    constraint = next(c for c in constraints if c.name == GATE)
    # SQLite drops a CHECK by rebuilding the table from the model's Meta, so the model must forget it too.
    MatchRequest._meta.constraints = [c for c in constraints if c.name != GATE]
    try:
        with connection.schema_editor() as editor:
            editor.remove_constraint(MatchRequest, constraint)
    finally:
        MatchRequest._meta.constraints = constraints
    try:
        return _rounds("Kontroll", _send_without_gate, rounds)
    finally:
        MatchRequest.objects.filter(name__startswith="Kontroll").delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(MatchRequest, constraint)


def gate_is_installed() -> bool:
    """Whether the database refuses a raw "suggested" on an undecided flagged request (after the control)."""
    probe = _flagged("Sonde")
    try:
        with transaction.atomic():
            MatchRequest.objects.filter(pk=probe.pk).update(status=Status.SUGGESTED)
    except IntegrityError:
        return True
    finally:
        MatchRequest.objects.filter(pk=probe.pk).delete()
    return False
