"""Finding or creating the person behind a form. Called inside the transaction of the service that stores
what they sent (booking confirm, match request, enquiry, course sign-up), so a rolled-back write leaves no
person behind."""

from datetime import datetime

from django.utils import timezone

from forlop.lib.emails import normalise_email

from .models import Person


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
    person = Person.objects.get(email=email)
    if name and person.name != name:
        Person.objects.filter(pk=person.pk).update(name=name)
        person.name = name
    return person
