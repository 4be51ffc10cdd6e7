from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnquiryQuerySet(models.QuerySet["ContactEnquiry"]):
    def new(self) -> "EnquiryQuerySet":
        return self.filter(status=ContactEnquiry.Status.NEW)

    def handled(self) -> "EnquiryQuerySet":
        return self.filter(status=ContactEnquiry.Status.HANDLED)

    def received_before(self, cutoff: datetime) -> "EnquiryQuerySet":
        return self.filter(created_at__lt=cutoff)

    def urgent_waiting_first(self) -> "EnquiryQuerySet":
        """Urgent enquiries nobody has handled yet on top (oldest waiting first), then all others, newest first."""
        waiting_urgent = models.Q(urgent=True, status=ContactEnquiry.Status.NEW)
        return self.alias(
            urgent_waiting=models.Case(
                models.When(waiting_urgent, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            ),
            # Among the urgent ones the oldest has waited longest; among the rest the newest comes first.
            waiting_since=models.Case(
                models.When(waiting_urgent, then=models.F("created_at")),
                default=models.Value(None),
                output_field=models.DateTimeField(),
            ),
        ).order_by("urgent_waiting", models.F("waiting_since").asc(nulls_last=True), "-created_at", "-pk")


class ContactEnquiry(models.Model):
    """A message sent through the contact form. May hold health information: coordinators and admins only."""

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        HANDLED = "handled", _("Behandlet")

    class PreferredContact(models.TextChoices):
        EMAIL = "email", _("E-post")
        PHONE = "phone", _("Telefonsamtale")
        SMS = "sms", _("SMS")

    name = models.CharField(_("navn"), max_length=120)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(
        _("telefon"), max_length=20, blank=True, help_text=_("E.164, for eksempel +4791234567")
    )
    message = models.TextField(_("melding"))
    # The person who sent it (forlop.people). Null for rows from before persons existed that had no address.
    # PROTECT: deleting this row (retention) never touches the person; a person is removed only once nothing
    # points at them, so a booking or a request can never silently lose whose it is.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enquiries",
    )
    # What the person answered to "Haster det?", and whether the enquiry is urgent: that answer, or words in
    # the message that point to acute danger (danger_words.py). Urgent ones come first in the staff list.
    said_urgent = models.BooleanField(_("svarte at det haster"), default=False)
    urgent = models.BooleanField(_("haster"), default=False)
    preferred_contact = models.CharField(
        _("ønsket kontaktmåte"), max_length=10, choices=PreferredContact.choices
    )
    consent_at = models.DateTimeField(_("samtykke gitt"))
    created_at = models.DateTimeField(_("mottatt"), default=timezone.now, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    # A keyed hash of the sender's address: enough to spot abuse, not enough to find the person.
    ip_hash = models.CharField(max_length=64, blank=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("henvendelse")
        verbose_name_plural = _("henvendelser")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="contact_status_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(email="", phone=""), name="contact_email_or_phone"),
            models.CheckConstraint(
                condition=models.Q(said_urgent=False) | models.Q(urgent=True),
                name="contact_said_urgent_is_urgent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"
