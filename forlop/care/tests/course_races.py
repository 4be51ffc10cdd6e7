"""Starting a course under real concurrency: a coordinator and therapists press "Start forløpet" for the same
person at the same moment, on threads released together. Shared by the SQLite file-database script
(course_race_script.py) and the PostgreSQL test (test_races.py); every scenario returns plain data so it can
cross a process boundary as JSON.

- `with_service`: the real `start_course`. One course per person per round, the others told (CourseError).
- `database_alone`: a naive check-then-create outside any transaction, with a pause between the check and
  the insert, against the real schema: the partial unique index still lets only one through.
- `phase_race`: two of the team move the same course on from the page they both loaded, at once: one
  wins, the other is told (CourseError), and the history has one step. `phase_control` does the same with a
  plain save of what the page showed: both "win" and the history shows two steps out of kartlegging.
- `team_race`: several of the team put different doctors in the doctor's role at once: one doctor after,
  no error; its control (`unlocked=True`, the change without locking the course) errs on PostgreSQL.
- `control`: the same naive start on a schema without the index: several open courses for one person, which
  shows the race is real and that the scenarios above exercise it.
"""

import threading
import time
from collections.abc import Callable
from datetime import datetime

from django.db import IntegrityError, close_old_connections, connection, transaction

from forlop.accounts.models import User
from forlop.care import services
from forlop.care.models import Course, Phase, PhaseChange, TeamMember
from forlop.lib.timezones import OSLO
from forlop.people.models import Person

NOW = datetime(2026, 3, 6, 10, 0, tzinfo=OSLO)
ROUNDS = 10
THREADS = 6
INDEX = "care_one_open_course_per_person"
STARTERS = [f"starter{n}.race@example.no" for n in range(THREADS)]


def setup_world() -> None:
    """Coordinators and therapists who may each start a course, and the therapist who will hold it."""
    for n, email in enumerate(STARTERS):
        roles = {"is_coordinator": True} if n % 2 else {"is_therapist": True}
        User.objects.create_user(email, "race-passord-2026", **roles)
    User.objects.create_user("ansvarlig.race@example.no", "race-passord-2026", is_therapist=True)


def _gather(attempts: list[Callable[[], str]]) -> list[str]:
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(attempt: Callable[[], str]) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = attempt()
        except services.CourseError:
            outcome = "refused"
        except IntegrityError:
            outcome = "refused_by_database"
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


def _start(person: Person, by: User, therapist: User) -> Callable[[], str]:
    def attempt() -> str:
        services.start_course(by=by, person=person, therapist=therapist, substances=["alkohol"], now=NOW)
        return "started"

    return attempt


def _naive_start(person: Person, by: User, therapist: User) -> Callable[[], str]:
    """Check, pause, insert, each in its own autocommit statement: what a start without the guard does."""

    def attempt() -> str:
        if Course.objects.open().filter(person=person).exists():
            return "refused"
        time.sleep(0.05)  # the moment between reading and writing, where another start slips in
        Course.objects.create(person=person, substances=["alkohol"], started_at=NOW, started_by=by)
        return "started"

    return attempt


def _rounds(label: str, start: Callable[..., Callable[[], str]], rounds: int) -> dict:
    starters = [User.objects.get(email=email) for email in STARTERS]
    therapist = User.objects.get(email="ansvarlig.race@example.no")
    tally: dict[str, int] = {}
    errors: list[str] = []
    open_per_person: list[int] = []
    for n in range(rounds):
        email = f"{label.split()[0].lower()}.{n}.race@example.no"
        person = Person.objects.create(email=email, name=f"{label} {n}", created_at=NOW)
        for outcome in _gather([start(person, by, therapist) for by in starters]):
            if outcome.startswith("error"):
                errors.append(outcome)
            else:
                tally[outcome] = tally.get(outcome, 0) + 1
        open_per_person.append(Course.objects.open().filter(person=person).count())
    return {"rounds": rounds, "outcomes": tally, "errors": errors, "open_courses_per_person": open_per_person}


def with_service(rounds: int = ROUNDS) -> dict:
    return _rounds("Tjenesten", _start, rounds)


def database_alone(rounds: int = ROUNDS) -> dict:
    return _rounds("Bare databasen", _naive_start, rounds)


def _phase_rounds(label: str, naive: bool, rounds: int) -> dict:
    starter = User.objects.get(email=STARTERS[1])  # a coordinator: on the team, may change the phase
    therapist = User.objects.get(email="ansvarlig.race@example.no")
    tally: dict[str, int] = {}
    errors: list[str] = []
    steps: list[int] = []
    for n in range(rounds):
        person = Person.objects.create(
            email=f"{label}.{n}.fase@example.no", name=f"{label} {n}", created_at=NOW
        )
        course = services.start_course(
            by=starter,
            person=person,
            therapist=therapist,
            coordinator=starter,
            substances=["alkohol"],
            now=NOW,
        )
        pages = [Course.objects.get(pk=course.pk) for _ in range(2)]  # both loaded it in kartlegging

        def move(seen: Course, to: str, by: User) -> Callable[[], str]:
            def attempt() -> str:
                if naive:
                    with transaction.atomic():
                        Course.objects.filter(pk=seen.pk).update(phase=to)
                        PhaseChange.objects.create(
                            course=seen, from_phase=seen.phase, to_phase=to, at=NOW, by=by
                        )
                else:
                    services.change_phase(course=seen, to=to, by=by, now=NOW)
                return "moved"

            return attempt

        attempts = [move(pages[0], Phase.AVRUSNING, therapist), move(pages[1], Phase.BEHANDLING, starter)]
        for outcome in _gather(attempts):
            if outcome.startswith("error"):
                errors.append(outcome)
            else:
                tally[outcome] = tally.get(outcome, 0) + 1
        steps.append(PhaseChange.objects.filter(course=course, from_phase=Phase.KARTLEGGING).count())
    return {"rounds": rounds, "outcomes": tally, "errors": errors, "steps_out_of_kartlegging": steps}


def phase_race(rounds: int = ROUNDS) -> dict:
    return _phase_rounds("fase", naive=False, rounds=rounds)


def phase_control(rounds: int = ROUNDS) -> dict:
    return _phase_rounds("fasekontroll", naive=True, rounds=rounds)


def team_race(rounds: int = ROUNDS, *, unlocked: bool = False) -> dict:
    """Several coordinators on the team each put a different doctor in the doctor's role at once: the team
    ends with one doctor, and nobody gets an error page. `unlocked` is the control: the change without the
    course lock, where on PostgreSQL the later inserts break the one-member-per-role constraint."""
    label = "uten-las" if unlocked else "team"
    coordinator = User.objects.get(email=STARTERS[1])
    therapist = User.objects.get(email="ansvarlig.race@example.no")
    doctors = [
        User.objects.get_or_create(email=f"lege{n}.race@example.no", defaults={"is_doctor": True})[0]
        for n in range(THREADS)
    ]
    tally: dict[str, int] = {}
    errors: list[str] = []
    doctors_after: list[int] = []
    for n in range(rounds):
        person = Person.objects.create(email=f"{label}.{n}.race@example.no", name=f"Team {n}", created_at=NOW)
        course = services.start_course(
            by=coordinator,
            person=person,
            therapist=therapist,
            coordinator=coordinator,
            substances=["alkohol"],
        )

        def put(doctor: User, seen: Course) -> Callable[[], str]:
            def attempt() -> str:
                if unlocked:  # the service as it was: replace the holder without locking the course
                    with transaction.atomic():
                        TeamMember.objects.filter(course=seen, role="doctor").delete()
                        TeamMember.objects.create(
                            course=seen, role="doctor", user=doctor, added_at=NOW, added_by=coordinator
                        )
                else:
                    services.set_team_member(course=seen, role="doctor", user=doctor, by=coordinator, now=NOW)
                return "set"

            return attempt

        attempts = [put(doctor, Course.objects.get(pk=course.pk)) for doctor in doctors]
        for outcome in _gather(attempts):
            if outcome.startswith("error"):
                errors.append(outcome)
            else:
                tally[outcome] = tally.get(outcome, 0) + 1
        doctors_after.append(course.team.filter(role="doctor").count())
    return {"rounds": rounds, "outcomes": tally, "errors": errors, "doctors_after": doctors_after}


def control(rounds: int = ROUNDS) -> dict:
    """The naive start on a schema without the one-open-course index."""
    constraints = Course._meta.constraints
    index = next(c for c in constraints if c.name == INDEX)
    # SQLite may rebuild the table from the model's Meta, so the model forgets the index while it is dropped.
    Course._meta.constraints = [c for c in constraints if c.name != INDEX]
    try:
        with connection.schema_editor() as editor:
            editor.remove_constraint(Course, index)
    finally:
        Course._meta.constraints = constraints
    try:
        return _rounds("Kontroll", _naive_start, rounds)
    finally:
        # Close the extra courses so the index can come back (the history of the control is not kept).
        Course.objects.filter(person__name__startswith="Kontroll").delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Course, index)


def index_is_installed() -> bool:
    """Whether the database refuses a second open course for one person (after the control)."""
    person = Person.objects.create(email="sonde@example.no", name="Sonde", created_at=NOW)
    by = User.objects.get(email="ansvarlig.race@example.no")
    Course.objects.create(person=person, started_at=NOW, started_by=by)
    try:
        with transaction.atomic():
            Course.objects.create(person=person, started_at=NOW, started_by=by, phase=Phase.KARTLEGGING)
    except IntegrityError:
        return True
    finally:
        Course.objects.filter(person=person).delete()
        person.delete()
    return False
