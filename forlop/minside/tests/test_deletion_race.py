"""Two clicks on "send the deletion request" at the same moment make one request (the person's row is
locked while the service looks for an open one). Real threads on PostgreSQL."""

import threading

import pytest
from django.db import close_old_connections, connection

from forlop.accounts.models import User
from forlop.minside import services
from forlop.minside.models import DeletionRequest
from forlop.people.models import Person

THREADS = 8


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_deletion_requests_make_one():
    user = User.objects.create_user("samtidig@example.no", None, is_client=True)
    person = Person.objects.create(email=user.email, name="Sam", created_at="2026-03-02T08:00:00Z", user=user)
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def click() -> None:
        try:
            barrier.wait()
            services.request_deletion(person=person, by=user)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert DeletionRequest.objects.filter(person=person).count() == 1
