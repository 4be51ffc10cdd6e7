from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self, now: datetime) -> "OutboxQuerySet":
        return self.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)

    def stuck(self, now: datetime, lease: timedelta) -> "OutboxQuerySet":
        return self.filter(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - lease)

    def failed(self) -> "OutboxQuerySet":
        return self.filter(status=OutboxMessage.Status.FAILED)


class OutboxMessage(models.Model):
    """One email, rendered when it was queued, delivered by the worker (`manage.py worker`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        SENDING = "sending", _("Sendes nå")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Feilet")

    to = models.JSONField(_("til"), default=list)
    template = models.CharField(_("mal"), max_length=100)
    subject = models.CharField(_("emne"), max_length=300)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("HTML"), blank=True)
    reply_to = models.CharField(_("svar til"), max_length=254, blank=True)
    headers = models.JSONField(_("ekstra topptekster"), default=dict, blank=True)
    # [{"filename": …, "mimetype": …, "content_b64": …}]: small files only (calendar invitations).
    attachments = models.JSONField(_("vedlegg"), default=list, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("forsøk"), default=0)
    next_attempt_at = models.DateTimeField(_("neste forsøk"), default=timezone.now)
    claimed_at = models.DateTimeField(_("tatt av arbeider"), null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(_("siste feil"), blank=True)
    created_at = models.DateTimeField(_("lagt i kø"), default=timezone.now)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-poster")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["status", "sent_at"], name="outbox_purge_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
