"""person_for: one person per address, whatever case it was typed in; the name as last given; nobody merged on
a name; two forms with a new address at once make one person (PostgreSQL, real threads, with a control)."""

import threading
import time
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, connections, transaction

from forlop.people.models import Person
from forlop.people.services import person_for

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_it_finds_the_same_person_whatever_case_and_blanks_the_address_was_typed_with():
    first = person_for(email="Kari.Nordmann@Example.NO", name="Kari", now=NOW)
    again = person_for(email="  kari.nordmann@example.no ", name="Kari", now=NOW)

    assert again.pk == first.pk
    assert Person.objects.get().email == "kari.nordmann@example.no"
    assert Person.objects.get().created_at == NOW


@pytest.mark.django_db
def test_it_keeps_the_name_as_last_given_and_an_empty_name_changes_nothing():
    person_for(email="kari@example.no", name="Kari", now=NOW)
    person_for(email="kari@example.no", name="  Kari   Nordmann ", now=NOW)
    person_for(email="kari@example.no", name="", now=NOW)  # the course asks for a first name, optionally

    assert Person.objects.get().name == "Kari Nordmann"


@pytest.mark.django_db
def test_it_never_merges_two_addresses_on_a_name():
    one = person_for(email="ola@example.no", name="Ola Hansen", now=NOW)
    other = person_for(email="ola.hansen@example.no", name="Ola Hansen", now=NOW)

    assert one.pk != other.pk
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_without_an_address_each_sender_is_a_person_of_their_own():
    one = person_for(email="", name="Ola", now=NOW)
    other = person_for(email="  ", name="Ola", now=NOW)

    assert one.pk != other.pk
    assert list(Person.objects.values_list("email", flat=True)) == ["", ""]


@pytest.mark.django_db
def test_the_database_refuses_a_second_person_with_the_same_address():
    Person.objects.create(email="kari@example.no", created_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(email="kari@example.no", created_at=NOW)
    Person.objects.create(email="", created_at=NOW)
    Person.objects.create(email="", created_at=NOW)  # no address: not one person


THREADS = 12


def _at_once(find) -> tuple[list[int], list[str]]:
    """THREADS transactions look up the same new address at the same moment and commit."""
    barrier = threading.Barrier(THREADS)
    found: list[int] = []
    errors: list[str] = []

    def run(number: int) -> None:
        try:
            with transaction.atomic():
                barrier.wait(timeout=20)
                found.append(find("Ny.Person@example.no", f"Navn {number}").pk)
        except Exception as error:  # noqa: BLE001  # the race's outcome is what the test looks at
            errors.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return found, errors


def _naive(email: str, name: str) -> Person:
    # Read, then create: what person_for would be without the insert-or-ignore. The pause between the two
    # makes every thread read before any creates, so the control shows the race every time, not by luck.
    email = email.strip().lower()
    existing = Person.objects.filter(email=email).first()
    time.sleep(0.3)
    return existing or Person.objects.create(email=email, name=name, created_at=NOW)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_two_forms_with_a_new_address_at_once_make_one_person_on_postgresql():
    found, errors = _at_once(lambda email, name: person_for(email=email, name=name, now=NOW))

    assert errors == []
    assert len(found) == THREADS and len(set(found)) == 1
    assert Person.objects.filter(email="ny.person@example.no").count() == 1

    # Control: read-then-create loses the race; the constraint refuses the extra rows as errors (a 500 for
    # the person sending the form), so the race is real and person_for is what turns it into one person.
    Person.objects.all().delete()
    found, errors = _at_once(_naive)
    assert errors and set(errors) == {"IntegrityError"}
    assert Person.objects.filter(email="ny.person@example.no").count() == 1
