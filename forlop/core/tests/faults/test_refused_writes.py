"""A write the database refuses loses nothing: every public form that writes (contact, a match-form step and
the summary, course sign-up, holding a time, booking details and confirmation) comes back with everything
typed, the Norwegian "Vi fikk ikke lagret dette akkurat nå. Ingenting er sendt. Prøv igjen om litt.", status
503 and Retry-After; the hold API answers its JSON error shape with 503 and Retry-After. Nothing half-written is left,
no email is queued, and the same request goes through once the database takes writes again.

The database really refuses (no mock): read-only on SQLite and PostgreSQL here, every table locked by
another PostgreSQL session with a lock timeout here, and a SQLite file held by another connection past the
busy timeout in test_locked_sqlite.py. Before the fix each of these answered 500 and lost the input.
"""

import pytest
from django.db import OperationalError, connection

from . import failing
from .refused_writes import SCENARIOS, expected


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", SCENARIOS)
def test_a_form_sent_while_the_database_is_read_only_comes_back_whole_with_503(name):
    assert SCENARIOS[name](failing.read_only) == expected(name)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (scripts/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", SCENARIOS)
def test_a_form_sent_while_postgresql_is_locked_comes_back_whole_with_503(name):
    assert SCENARIOS[name](failing.pg_locked) == expected(name)


@pytest.mark.django_db
def test_a_refused_contact_form_keeps_every_field_when_the_service_fails_fast(client, monkeypatch):
    """The fast case, with the service itself raising (the refusal as Django reports it)."""
    from forlop.contact import services
    from forlop.contact.models import ContactEnquiry

    from .refused_writes import CONTACT
    from .shown import lost_fields

    def refuse(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "submit_enquiry", refuse)

    response = client.post("/kontakt/", CONTACT)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Vi fikk ikke lagret dette akkurat nå. Ingenting er sendt. Prøv igjen om litt." in html
    assert lost_fields(html, CONTACT) == []
    assert ContactEnquiry.objects.count() == 0


@pytest.mark.django_db
def test_an_error_about_the_data_is_not_called_unavailable():
    """IntegrityError is an answer about the data (a bug if it escapes a service), not a refused write."""
    from django.db import IntegrityError

    from forlop.core.unavailable import refused_write

    with pytest.raises(IntegrityError), refused_write("test"):
        raise IntegrityError("duplicate")
