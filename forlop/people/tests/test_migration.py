"""The data migration people/0002 links the rows that existed before persons did: bookings, match requests,
enquiries and course sign-ups with one address in different letter case become one person; nobody is merged
on a name; the old access log rows stay as written and are still found for the person. Runs on SQLite and
on PostgreSQL (scripts/with-postgres.sh)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from forlop.audit.models import AccessLog
from forlop.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("booking", "0005_for_new_clients"),
    ("matching", "0003_triage_answers"),
    ("contact", "0002_urgent"),
    ("course", "0003_lesson_safety"),
    ("audit", "0002_append_only_triggers"),
]
AFTER = [("people", "0002_link_existing_rows"), ("audit", "0003_person")]
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _migrate(targets, *, also=()):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([*targets, *also])
    return executor.loader.project_state(targets).apps


def _to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _today(old):
    """Rows as they are in a database today, before persons."""
    therapist = old.get_model("therapists", "Therapist").objects.create(
        name="Tor Haugen", slug="tor-haugen", profession="psykolog", bio_short="Kort.", bio_long="Lang."
    )
    ctype, _ = old.get_model("booking", "ConsultationType").objects.get_or_create(
        slug="forstesamtale",
        defaults={"name": "Førstesamtale", "duration_minutes": 20, "buffer_after_minutes": 10},
    )
    Booking = old.get_model("booking", "Booking")

    def booking(*, hour, email, name, status="confirmed", **extra):
        start = T0 + timedelta(days=1, hours=hour)
        return Booking.objects.create(
            therapist=therapist,
            consultation_type=ctype,
            start_at=start,
            end_at=start + timedelta(minutes=20),
            blocked_until=start + timedelta(minutes=30),
            status=status,
            client_email=email,
            client_name=name,
            created_at=T0 + timedelta(hours=hour),
            **extra,
        )

    request_fields = {
        "who_for": "self",
        "age_group": "26_40",
        "duration": "1_5",
        "frequency": "daily",
        "amount": "some",
        "earlier_treatment": "none",
        "earlier_seizures": "no",
        "pregnant": "no",
        "budget": "fine",
        "consent_at": T0,
    }
    Enquiry = old.get_model("contact", "ContactEnquiry")

    def enquiry(*, name, email, phone="", at):
        return Enquiry.objects.create(
            name=name, email=email, phone=phone, message="Hjelp.", preferred_contact="email", consent_at=at,
            created_at=at,
        )  # fmt: skip

    Enrollment = old.get_model("course", "Enrollment")
    rows = {
        # Kari, four ways: the request came first, the enquiry last.
        "kari_request": old.get_model("matching", "MatchRequest").objects.create(
            name="K", email=" kari@example.no", created_at=T0, **request_fields
        ),
        "kari_booking": booking(hour=1, email="Kari@Example.no", name="Kari Nordmann"),
        "kari_course": Enrollment.objects.create(
            email="kari@example.no",
            first_name="Kari",
            audience="self",
            token="t1",
            status="active",
            consent_at=T0,
            created_at=T0 + timedelta(hours=2),
        ),  # fmt: skip
        "kari_enquiry": enquiry(name="Kari  N.", email="KARI@EXAMPLE.NO", at=T0 + timedelta(hours=3)),
        # Two people called Ola Hansen: never one person.
        "ola_1": enquiry(name="Ola Hansen", email="ola@example.no", at=T0),
        "ola_2": enquiry(name="Ola Hansen", email="ola.hansen@example.no", at=T0),
        "phone_only": enquiry(name="Per", email="", phone="+4791234567", at=T0),
        # Nothing in these says who it was.
        "empty_hold": booking(
            hour=4, email="", name="", status="held", hold_expires_at=T0 + timedelta(days=1)
        ),
        "anonymised_course": Enrollment.objects.create(
            email="", audience="self", status="completed", consent_at=T0, created_at=T0
        ),
    }
    Log = old.get_model("audit", "AccessLog")
    common = {"at": T0 + timedelta(days=2), "action": "view", "why": "Test", "object_type": "x"}
    for subject_type, subject_id in [
        ("booking.client", "kari@example.no"),
        ("matching.matchrequest", str(rows["kari_request"].pk)),
        ("contact.contactenquiry", str(rows["kari_enquiry"].pk)),
        ("contact.contactenquiry", str(rows["ola_1"].pk)),
    ]:
        Log.objects.create(subject_type=subject_type, subject_id=subject_id, **common)
    return rows


def test_today_s_rows_become_persons_by_address_and_never_by_name():
    try:
        old = _migrate(BEFORE, also=[("people", None)])
        rows = _today(old)

        new = _migrate(AFTER)

        def person_of(key):
            model = rows[key]
            return (
                new.get_model(model._meta.app_label, model._meta.model_name)
                .objects.get(pk=model.pk)
                .person_id
            )

        persons = {p.email or p.name: p for p in new.get_model("people", "Person").objects.all()}
        assert sorted(persons) == ["Per", "kari@example.no", "ola.hansen@example.no", "ola@example.no"]
        kari = persons["kari@example.no"]
        assert kari.name == "Kari N."  # the name given last, blanks tidied
        assert kari.created_at == T0  # when the address was first seen
        assert {
            person_of(key) for key in ["kari_request", "kari_booking", "kari_course", "kari_enquiry"]
        } == {kari.pk}
        assert person_of("ola_1") == persons["ola@example.no"].pk
        assert person_of("ola_2") == persons["ola.hansen@example.no"].pk
        assert person_of("phone_only") == persons["Per"].pk
        assert person_of("empty_hold") is None
        assert person_of("anonymised_course") is None
    finally:
        _to_latest()
    # The old access log rows are as they were (the triggers refuse UPDATE), and are still Kari's. Read with
    # today's models, once every later migration is back.
    assert not AccessLog.objects.filter(person__isnull=False).exists()
    assert AccessLog.objects.about_person(Person.objects.get(pk=kari.pk)).count() == 3
    assert AccessLog.objects.about_person(Person.objects.get(pk=persons["ola@example.no"].pk)).count() == 1


def test_undoing_and_redoing_the_migrations_keeps_the_log_append_only_and_the_booking_guard():
    try:
        _migrate(BEFORE, also=[("people", None)])
        _migrate(AFTER)
    finally:
        _to_latest()
    AccessLog.objects.create(at=T0, action="view", why="Test", object_type="x", subject_type="y")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslog SET why = 'endret'")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'booking_no%'"
            )
            assert cursor.fetchone()[0] == 2
        else:
            cursor.execute("SELECT count(*) FROM pg_constraint WHERE conname = 'booking_no_overlap'")
            assert cursor.fetchone()[0] == 1
