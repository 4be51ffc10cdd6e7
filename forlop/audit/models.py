"""The access log (tilgangslogg): who saw or changed whose personal data, when, and why.

Append-only. The model refuses updates and deletes, its QuerySet refuses bulk updates and deletes, and
database triggers (migration 0002, SQL in `forlop.audit.triggers`) refuse them for raw SQL too. The one
sanctioned way to empty the table is `manage.py flush`, which wipes every table (tests, development resets).

SQLite drops a table's triggers when Django rebuilds the table for a schema change. A future migration that
alters this model must call `forlop.audit.triggers.install` again; `test_it_refuses_raw_sql_*` catches it.
"""

from typing import Any, ClassVar

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from forlop.accounts.models import Role
from forlop.people.models import Person


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an access log entry."""


class Action(models.TextChoices):
    VIEW = "view", _("Lest")
    CREATE = "create", _("Opprettet")
    CHANGE = "change", _("Endret")
    EXPORT = "export", _("Eksportert")
    DELETE = "delete", _("Slettet")


class ActorKind(models.TextChoices):
    """Who did it: staff in a role, the person the data is about (their own page, their own link), or the
    system (a scheduled job). See `forlop.audit.actors.Actor`."""

    STAFF = "staff", _("Ansatt")
    SELF = "self", _("Personen selv")
    SYSTEM = "system", _("Systemet")


def type_label(model_label: str) -> str:
    """ "contact.contactenquiry" -> "henvendelse"; the raw label when the model is gone."""
    try:
        return str(apps.get_model(model_label)._meta.verbose_name)
    except (LookupError, ValueError):
        return model_label


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Tilgangsloggen kan ikke endres.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Tilgangsloggen kan ikke slettes.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError("Tilgangsloggen kan ikke endres.")

    def about(self, *, subject_type: str, subject_id: str) -> "AccessLogQuerySet":
        """One person's (or object's) history: the basis of their right to see who read their data."""
        return self.filter(subject_type=subject_type, subject_id=subject_id)

    def about_person(self, person: "Person") -> "AccessLogQuerySet":
        """Every row about this person's data, in one query.

        Rows written since persons exist name the person (an indexed equality). Rows written before cannot be
        filled in (the triggers refuse UPDATE), so they are found by what they named then: a booking's client
        by address, a match request or an enquiry by its id, for the rows that person still has. A request or
        an enquiry deleted by retention before the person column existed takes its old log rows out of this
        answer (they stay in the log, under its id and the name and address they carried).
        """
        as_text = Cast("pk", output_field=models.CharField())
        before_persons = Q(person__isnull=True) & (
            Q(subject_type="booking.client", subject_id__in=person.bookings.values("client_email"))
            | Q(subject_type="booking.client", subject_id=person.email, subject_id__gt="")
            | Q(
                subject_type="matching.matchrequest",
                subject_id__in=person.match_requests.annotate(as_text=as_text).values("as_text"),
            )
            | Q(
                subject_type="contact.contactenquiry",
                subject_id__in=person.enquiries.annotate(as_text=as_text).values("as_text"),
            )
        )
        return self.filter(Q(person=person) | before_persons)

    def newest_first(self) -> "AccessLogQuerySet":
        return self.order_by("-at", "-pk")


class AccessLog(models.Model):
    at = models.DateTimeField(_("tidspunkt"), db_index=True)  # UTC
    # PROTECT: whoever read personal data stays identifiable. Staff accounts are deactivated, not deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    user_label = models.CharField(_("bruker (ved tidspunktet)"), max_length=254, blank=True)
    roles = models.CharField(_("roller (ved tidspunktet)"), max_length=100, blank=True)
    # STAFF for every row written before this column existed: only staff pages wrote to the log then.
    actor_kind = models.CharField(
        _("utført av"), max_length=10, choices=ActorKind.choices, default=ActorKind.STAFF
    )
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("objekttype"), max_length=100)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    # Whose data it is. Kept as plain values so the history outlives the object it was about.
    subject_type = models.CharField(_("gjelder (type)"), max_length=100)
    subject_id = models.CharField(_("gjelder (id)"), max_length=64, blank=True)
    subject_label = models.CharField(_("gjelder"), max_length=200, blank=True)
    # The person whose data it is, for everything a person sent or booked (forlop.people): "who has read this
    # person's data" is one query on this column (`AccessLogQuerySet.about_person`). Null for staff, list
    # pages and rows written before persons existed: the triggers refuse UPDATE, so old rows were not filled
    # in (see `about_person`). PROTECT: the log outlives what it was about, and SET_NULL would be an UPDATE.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    why = models.CharField(_("formål"), max_length=200)
    request_id = models.CharField(_("forespørsels-id"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilgangsloggoppføring")
        verbose_name_plural = _("tilgangslogg")
        ordering: ClassVar[list[str]] = ["-at", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["subject_type", "subject_id", "at"], name="audit_subject_at"),
            models.Index(fields=["user", "at"], name="audit_user_at"),
            models.Index(fields=["person", "at"], name="audit_person_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.action} {self.subject_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Tilgangsloggen kan ikke endres.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Tilgangsloggen kan ikke slettes.")

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split(",") if r]

    @property
    def object_type_label(self) -> str:
        return type_label(self.object_type)

    @property
    def subject_type_label(self) -> str:
        return type_label(self.subject_type)

    @property
    def role_labels(self) -> str:
        """The role snapshot in Norwegian, for people reading the log."""
        return ", ".join(str(Role(r).label) if r in Role.values else r for r in self.role_list)
