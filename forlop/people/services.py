"""Finding or creating the person behind a form. Called inside the transaction of the service that stores
what they sent (booking confirm, match request, enquiry, course sign-up), so a rolled-back write leaves no
person behind."""

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError, QuerySet
from django.utils import timezone

from forlop.lib.emails import normalise_email

from .models import Person


@transaction.atomic(savepoint=False)  # the caller's transaction, without a savepoint
def person_for(*, email: str, name: str = "", now: datetime | None = None) -> Person:
    """The person with this address (normalised), created if new. A non-empty `name` becomes their name:
    the name as last given. Without an address (an enquiry with only a phone number) a new person each time:
    nobody is merged on a name.

    Race-safe without a savepoint, in two queries: an insert that the unique constraint turns into nothing
    when the address is known (INSERT … ON CONFLICT DO NOTHING on PostgreSQL, INSERT OR IGNORE on SQLite),
    then a read of the one row. Two forms with a new address at once meet at the constraint: on PostgreSQL
    the second insert waits for the first transaction and then does nothing, and the read sees the row
    (READ COMMITTED reads what was committed before each statement); on SQLite writers never overlap.
    A rename costs a third query.
    """
    now = now or timezone.now()
    email = normalise_email(email)
    name = " ".join(name.split())
    if not email:
        return Person.objects.create(email="", name=name, created_at=now)
    Person.objects.bulk_create([Person(email=email, name=name, created_at=now)], ignore_conflicts=True)
    # Locked until the caller commits, so forget_unlinked cannot delete the person under a row that is about
    # to point at them (PostgreSQL; SQLite writers take turns anyway).
    person = Person.objects.select_for_update(no_key=True).get(email=email)
    if name and person.name != name:
        Person.objects.filter(pk=person.pk).update(name=name)
        person.name = name
    return person


def unlinked() -> QuerySet[Person]:
    """Persons nothing points at any more and without an account: every booking, request, enquiry and
    course sign-up of theirs deleted or anonymised. Read from the relations that point here (whatever app
    they live in), so a new one counts without a change here; the access log's does not count (below)."""
    persons = Person.objects.filter(user__isnull=True)
    for relation in Person._meta.related_objects:  # hidden relations (the access log's) are left out
        rows = relation.related_model._base_manager.filter(**{relation.field.name: OuterRef("pk")})
        persons = persons.filter(~Exists(rows))
    return persons


@transaction.atomic
def forget_unlinked() -> dict[str, int]:
    """Forget the persons nothing points at any more, so a person row never keeps an address longer than
    what they sent does (an unconfirmed course sign-up loses its address after a week; its person must too).

    Deleted, unless the access log names them: the log must outlive what it was about (and it is
    append-only), so those persons lose their address and name instead and stay as an empty row that the
    log's entries point to. The entries keep the label they were written with.
    """
    persons = unlinked()
    ids = set(persons.values_list("pk", flat=True))
    if not ids:
        return {"deleted": 0, "emptied": 0}
    try:
        with transaction.atomic():
            deleted, _ = Person.objects.filter(pk__in=ids).delete()
        return {"deleted": deleted, "emptied": 0}
    except ProtectedError as error:
        named: set[int] = {getattr(row, "person_id", 0) for row in error.protected_objects} & ids
    emptied = Person.objects.filter(pk__in=named).exclude(email="", name="").update(email="", name="")
    deleted, _ = Person.objects.filter(pk__in=ids - named).delete()
    return {"deleted": deleted, "emptied": emptied}
