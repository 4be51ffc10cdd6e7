"""Two tabs save the first answer to the same question at the same moment (PostgreSQL, real threads): both
saves succeed, one after the other, and one answer is kept. The control does the same without the lock on
the relative's row, and the second insert fails on the unique constraint, which shows the race is real."""

import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from forlop.accounts.models import User
from forlop.people.models import Person
from forlop.relatives.craft import services
from forlop.relatives.craft.models import ExerciseAnswer

from .conftest import NOW

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)"
    ),
    pytest.mark.django_db(transaction=True),
]

PAUSE = 0.3  # seconds between reading the existing answers and writing


def relative() -> Person:
    user = User.objects.create_user("ola.race@example.no", "race-passord-2026", is_client=True)
    return Person.objects.create(email=user.email, name="Ola Race", created_at=NOW, user=user)


def in_threads(work, count: int = 2) -> list[str]:
    start = threading.Barrier(count)
    outcomes: list[str] = []

    def run(index: int) -> None:
        try:
            start.wait()
            work(index)
            outcomes.append("saved")
        except IntegrityError:
            outcomes.append("integrity error")
        except Exception as error:  # noqa: BLE001 - reported in the assertion
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_first_saves_of_the_same_answer_both_succeed_and_one_answer_is_kept():
    ola = relative()

    def save(index: int) -> None:
        services.save_answers(
            relative=ola,
            lesson="sikkerhet-forst",
            answers={"plan": f"Svar {index}"},
            by=ola.user,
            between=lambda: time.sleep(PAUSE),
        )

    assert in_threads(save) == ["saved", "saved"]
    assert ExerciseAnswer.objects.filter(relative=ola, lesson="sikkerhet-forst", exercise="plan").count() == 1


def test_control_without_the_lock_the_second_insert_fails():
    ola = relative()

    def unguarded(index: int) -> None:
        with transaction.atomic():
            existing = list(
                ExerciseAnswer.objects.select_for_update().filter(relative=ola, lesson="sikkerhet-forst")
            )
            time.sleep(PAUSE)
            if not existing:
                ExerciseAnswer.objects.create(
                    relative=ola,
                    lesson="sikkerhet-forst",
                    exercise="plan",
                    text=f"Svar {index}",
                    written_at=NOW,
                )

    assert sorted(in_threads(unguarded)) == ["integrity error", "saved"]
