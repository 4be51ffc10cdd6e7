"""Secure messages between a person and their course's team, in the portal only.

A `Thread` belongs to a course and has a subject; its `Message`s are plain text, written by the person
(`from_person`) or by someone on the team. A `ReadReceipt` is written the first time a message is shown to
someone other than its writer: staff see who read what and when, the person sees "lest" on their own.
Messages are never changed or deleted once sent (refused in `save`/`delete`)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.people.models import Person

MAX_SUBJECT = 120
MAX_BODY = 4000


class Thread(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.CASCADE, related_name="message_threads"
    )
    subject = models.CharField(_("emne"), max_length=MAX_SUBJECT)
    started_at = models.DateTimeField(_("startet"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("startet av"), on_delete=models.PROTECT, related_name="+"
    )
    last_at = models.DateTimeField(_("siste melding"), db_index=True)

    class Meta:
        verbose_name = _("meldingstråd")
        verbose_name_plural = _("meldingstråder")
        ordering = ["-last_at", "-pk"]

    def __str__(self) -> str:
        return f"Meldingstråd {self.pk}"

    def access_log_subject(self) -> Person:
        return self.course.person


class Message(models.Model):
    thread = models.ForeignKey(
        Thread, verbose_name=_("tråd"), on_delete=models.CASCADE, related_name="messages"
    )
    course = models.ForeignKey(  # the thread's course, kept here so flags and inboxes need no join
        Course, verbose_name=_("forløp"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("melding"), max_length=MAX_BODY)
    at = models.DateTimeField(_("sendt"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skrevet av"), on_delete=models.PROTECT, related_name="+"
    )
    from_person = models.BooleanField(_("fra personen"))

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldinger")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["course", "from_person", "at"], name="care_msg_course_from_at")]

    def __str__(self) -> str:
        return f"Melding {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("a sent message is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("sent messages are kept")

    def access_log_subject(self) -> Person:
        return self.thread.course.person


class ReadReceipt(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("melding"), on_delete=models.CASCADE, related_name="receipts"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lest av"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lest"))
    # The reader was on the course's team when they read it (not an emergency access, not the person).
    as_team = models.BooleanField(_("lest av teamet"), default=False)

    class Meta:
        verbose_name = _("lesekvittering")
        verbose_name_plural = _("lesekvitteringer")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "reader"], name="care_msg_one_receipt_per_reader")
        ]

    def __str__(self) -> str:
        return f"Lest {self.message_id} av {self.reader_id}"
