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
        ]

    def __str__(self) -> str:
        return f"{self.name} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"
