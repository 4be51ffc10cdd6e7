"""Link the rows that existed before persons did: one person per normalised address (stripped, lower-case),
across bookings, match requests, enquiries and course sign-ups. Nothing is merged on a name. The name kept is
the one given last (by the row's own time). An enquiry with only a phone number gets a person of its own, as
new ones do (forlop.people.services.person_for). Holds never filled in and anonymised course sign-ups stay
without a person: nothing in them says who it was.

Access log rows written before this are left as they are: the append-only triggers refuse UPDATE.
"""

from django.db import migrations

from forlop.lib.emails import normalise_email

# (app, model, email field, name field, time field)
SOURCES = [
    ("booking", "Booking", "client_email", "client_name", "created_at"),
    ("matching", "MatchRequest", "email", "name", "created_at"),
    ("contact", "ContactEnquiry", "email", "name", "created_at"),
    ("course", "Enrollment", "email", "first_name", "created_at"),
]


def link(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    seen = []  # (time, address, name, model, pk)
    for app, model_name, email_field, name_field, time_field in SOURCES:
        model = apps.get_model(app, model_name)
        rows = model.objects.filter(person__isnull=True).exclude(**{email_field: ""})
        for pk, email, name, at in rows.values_list("pk", email_field, name_field, time_field).iterator():
            address = normalise_email(email)
            if address:
                seen.append((at, address, " ".join(name.split()), model, pk))
    seen.sort(key=lambda row: (row[0], row[1]))
    first_seen, last_name, members = {}, {}, {}
    for at, address, name, model, pk in seen:
        first_seen.setdefault(address, at)
        if name:
            last_name[address] = name
        members.setdefault(address, []).append((model, pk))
    existing = dict(Person.objects.filter(email__in=list(first_seen)).values_list("email", "pk"))
    for address, at in first_seen.items():
        person_id = existing.get(address)
        if person_id is None:
            person_id = Person.objects.create(
                email=address, name=last_name.get(address, ""), created_at=at
            ).pk
        by_model = {}
        for model, pk in members[address]:
            by_model.setdefault(model, []).append(pk)
        for model, pks in by_model.items():
            model.objects.filter(pk__in=pks).update(person_id=person_id)
    Enquiry = apps.get_model("contact", "ContactEnquiry")
    for enquiry in list(Enquiry.objects.filter(person__isnull=True, email="")):
        person = Person.objects.create(
            email="", name=" ".join(enquiry.name.split()), created_at=enquiry.created_at
        )
        Enquiry.objects.filter(pk=enquiry.pk).update(person_id=person.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("booking", "0006_person"),
        ("matching", "0004_person"),
        ("contact", "0003_person"),
        ("course", "0004_person"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop, elidable=False)]
