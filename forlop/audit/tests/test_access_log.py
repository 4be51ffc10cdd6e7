"""The access log is append-only: in the ORM, and in the database itself (SQLite and PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from forlop.audit import triggers
from forlop.audit.models import AccessLog, Action, AppendOnlyError


def make_entry(**overrides) -> AccessLog:
    values = {
        "at": timezone.now(),
        "user_label": "koordinator@example.no",
        "roles": "coordinator",
        "action": Action.VIEW,
        "object_type": "contact.contactenquiry",
        "object_id": "7",
        "subject_type": "contact.contactenquiry",
        "subject_id": "7",
        "subject_label": "Kari Nordmann <kari@example.no>",
        "why": "Henvendelser fra kontaktskjema",
    }
    return AccessLog.objects.create(**(values | overrides))


@pytest.mark.django_db
def test_it_refuses_to_change_a_saved_entry():
    entry = make_entry()
    entry.why = "noe annet"
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert AccessLog.objects.get().why == "Henvendelser fra kontaktskjema"


@pytest.mark.django_db
def test_it_refuses_to_delete_an_entry():
    entry = make_entry()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AccessLog.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_bulk_updates_and_deletes():
    entry = make_entry()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).update(why="x")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.bulk_update([entry], ["why"])
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.update_or_create(pk=entry.pk, defaults={"why": "x"})
    assert AccessLog.objects.get().why == "Henvendelser fra kontaktskjema"


@pytest.mark.django_db
def test_it_refuses_raw_sql_update():
    entry = make_entry()
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_accesslog SET why = 'skjult' WHERE id = %s", [entry.pk])
    assert AccessLog.objects.get().why == "Henvendelser fra kontaktskjema"


@pytest.mark.django_db
def test_it_refuses_raw_sql_delete():
    entry = make_entry()
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_accesslog WHERE id = %s", [entry.pk])
    assert AccessLog.objects.count() == 1


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_without_the_triggers_raw_sql_would_rewrite_history():
    """Control: the triggers, not something else, are what stop raw SQL."""
    entry = make_entry()
    with pytest.raises(Rollback), transaction.atomic():
        triggers.drop(connection)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_accesslog SET why = 'skjult' WHERE id = %s", [entry.pk])
        assert AccessLog.objects.get().why == "skjult"
        raise Rollback
    assert AccessLog.objects.get().why == "Henvendelser fra kontaktskjema"
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslog")


@pytest.mark.django_db
def test_it_can_still_append():
    first = make_entry()
    copies = [
        AccessLog(**{f.attname: getattr(first, f.attname) for f in AccessLog._meta.concrete_fields})
        for _ in range(3)
    ]
    for copy in copies:
        copy.pk = None
    AccessLog.objects.bulk_create(copies)
    assert AccessLog.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database_and_keeps_the_guard():
    make_entry()
    call_command("flush", interactive=False, verbosity=0)
    assert AccessLog.objects.count() == 0
    entry = make_entry()
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslog WHERE id = %s", [entry.pk])
    assert AccessLog.objects.count() == 1  # removed again by the test's own flush


@pytest.mark.django_db
def test_it_lists_one_persons_history_newest_first():
    old = make_entry(at=timezone.now() - timezone.timedelta(days=2))
    new = make_entry()
    make_entry(subject_id="8")
    history = AccessLog.objects.about(subject_type="contact.contactenquiry", subject_id="7").newest_first()
    assert list(history) == [new, old]
