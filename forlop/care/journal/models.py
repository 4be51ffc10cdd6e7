"""The journal of a course: notes per consultation, signed and then immutable; amendments that correct a
signed note without touching it; and withholdings, a clinician's decision that the person may not read a
note (pasient- og brukerrettighetsloven § 5-1 second paragraph), with its legal ground.

Every free text is stored encrypted (`forlop.core.crypto`): the columns named `*_ciphertext` hold only
ciphertext; the model's properties (`text`, `reason`, `explanation`) encrypt and decrypt. Only the services
in `services.py` write.

Immutability is kept three times: the model's `save()`/`delete()` refuse, and database triggers
(`triggers.py`, installed by migration 0002) refuse UPDATE and DELETE through the ORM's bulk methods, the
admin and raw SQL, except the key rotation's re-encryption of the ciphertext.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.core import crypto
from forlop.core.triggers import register

from .triggers import immutable_except_ciphertext


class ImmutableError(Exception):
    """Someone tried to change or delete a signed record through the ORM."""


class JournalNoteQuerySet(models.QuerySet["JournalNote"]):
    def signed(self) -> "JournalNoteQuerySet":
        return self.filter(signed_at__isnull=False)

    def drafts(self) -> "JournalNoteQuerySet":
        return self.filter(signed_at__isnull=True)

    def for_page(self) -> "JournalNoteQuerySet":
        """Newest first, with author, amendments (oldest first) and withholdings in a fixed number of queries."""
        return (
            self.select_related("author", "booking")
            .prefetch_related(
                models.Prefetch(
                    "amendments", queryset=Amendment.objects.select_related("author").order_by("pk")
                ),
                models.Prefetch(
                    "withholdings",
                    queryset=Withholding.objects.select_related("withheld_by", "lifted_by").order_by("pk"),
                ),
            )
            .order_by("-consulted_on", "-created_at", "-pk")
        )


class JournalNote(models.Model):
    """A note about one consultation. A draft (signed_at empty) only its author may change; once signed,
    nothing about it changes again (corrections are `Amendment`s)."""

    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.PROTECT, related_name="journal_notes"
    )
    # The consultation the note is about, when it was a booked one. PROTECT: a booking with a journal note is
    # kept (the journal outlives the calendar).
    booking = models.ForeignKey(
        "booking.Booking",
        verbose_name=_("time"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consulted_on = models.DateField(_("konsultasjonsdato"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skrevet av"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("opprettet"))
    updated_at = models.DateTimeField(_("sist endret"))
    body_ciphertext = models.TextField(_("notat (kryptert)"))
    signed_at = models.DateTimeField(_("signert"), null=True, blank=True)

    objects = JournalNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalnotat")
        verbose_name_plural = _("journalnotater")
        ordering: ClassVar[list[str]] = ["-consulted_on", "-created_at", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["course", "signed_at"], name="care_journal_note_course_idx"),
        ]

    def __str__(self) -> str:
        return f"{_('Journalnotat')} #{self.pk} ({self.consulted_on:%Y-%m-%d})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and JournalNote.objects.filter(pk=self.pk, signed_at__isnull=False).exists():
            raise ImmutableError("a signed journal note cannot be changed; write an amendment")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs) -> Any:
        if (
            self.signed_at is not None
            or JournalNote.objects.filter(pk=self.pk, signed_at__isnull=False).exists()
        ):
            raise ImmutableError("a signed journal note cannot be deleted")
        return super().delete(*args, **kwargs)

    def access_log_subject(self) -> Any:
        return self.course.person

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def text(self) -> str:
        return crypto.decrypt(self.body_ciphertext)

    @text.setter
    def text(self, value: str) -> None:
        self.body_ciphertext = crypto.encrypt(value)

    def active_withholding(self) -> "Withholding | None":
        """The withholding in force (from the prefetched `withholdings` when there is one)."""
        return next((w for w in self.withholdings.all() if w.lifted_at is None), None)


class Amendment(models.Model):
    """A correction of a signed note: its own text, author, time and reason, signed when written. The note it
    corrects stays as it was."""

    note = models.ForeignKey(
        JournalNote, verbose_name=_("notat"), on_delete=models.PROTECT, related_name="amendments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skrevet av"), on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signert"))
    text_ciphertext = models.TextField(_("tillegg (kryptert)"))
    reason_ciphertext = models.TextField(_("begrunnelse (kryptert)"))

    class Meta:
        verbose_name = _("tillegg til journalnotat")
        verbose_name_plural = _("tillegg til journalnotater")
        ordering: ClassVar[list[str]] = ["pk"]

    def __str__(self) -> str:
        return f"{_('Tillegg')} #{self.pk} {_('til')} #{self.note_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ImmutableError("an amendment cannot be changed; write another amendment")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs) -> Any:
        raise ImmutableError("an amendment cannot be deleted")

    def access_log_subject(self) -> Any:
        return self.note.course.person

    @property
    def text(self) -> str:
        return crypto.decrypt(self.text_ciphertext)

    @text.setter
    def text(self, value: str) -> None:
        self.text_ciphertext = crypto.encrypt(value)

    @property
    def reason(self) -> str:
        return crypto.decrypt(self.reason_ciphertext)

    @reason.setter
    def reason(self, value: str) -> None:
        self.reason_ciphertext = crypto.encrypt(value)


class WithholdingGround(models.TextChoices):
    """The two grounds of pasient- og brukerrettighetsloven § 5-1 second paragraph."""

    DANGER = (
        "danger",
        _("Påtrengende nødvendig for å hindre fare for liv eller alvorlig helseskade for pasienten"),
    )
    CLOSE_PERSONS = "close_persons", _("Klart utilrådelig av hensyn til personer som står pasienten nær")


class Withholding(models.Model):
    """A decision that the person may not read a signed note (and its amendments), with the legal ground and
    the clinician's explanation. Lifting it keeps the row; a lifted withholding never changes again."""

    note = models.ForeignKey(
        JournalNote, verbose_name=_("notat"), on_delete=models.PROTECT, related_name="withholdings"
    )
    ground = models.CharField(_("hjemmel"), max_length=16, choices=WithholdingGround.choices)
    explanation_ciphertext = models.TextField(_("begrunnelse (kryptert)"))
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holdt tilbake av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    withheld_at = models.DateTimeField(_("holdt tilbake"))
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opphevet av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("opphevet"), null=True, blank=True)

    class Meta:
        verbose_name = _("tilbakeholdt notat")
        verbose_name_plural = _("tilbakeholdte notater")
        ordering: ClassVar[list[str]] = ["pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["note"],
                condition=Q(lifted_at__isnull=True),
                name="care_journal_one_active_withholding",
            ),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True, lifted_by__isnull=True)
                | Q(lifted_at__isnull=False, lifted_by__isnull=False),
                name="care_journal_lifted_has_who",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Tilbakeholdt')}: #{self.note_id}"

    def access_log_subject(self) -> Any:
        return self.note.course.person

    @property
    def explanation(self) -> str:
        return crypto.decrypt(self.explanation_ciphertext)

    @explanation.setter
    def explanation(self, value: str) -> None:
        self.explanation_ciphertext = crypto.encrypt(value)


class CiphertextRewrite(models.Model):
    """The rewrite gate (see `triggers.py`): a row exists only inside the key rotation's own transaction."""

    started_at = models.DateTimeField()

    class Meta:
        verbose_name = _("nøkkelrotasjon pågår")
        verbose_name_plural = _("nøkkelrotasjoner pågår")

    def __str__(self) -> str:
        return f"rewrite {self.started_at:%Y-%m-%d %H:%M}"


@contextmanager
def rewrite_gate() -> Iterator[None]:
    """Open the gate for the rewrites inside the block, in one transaction; closed again before it commits."""
    with transaction.atomic():
        gate = CiphertextRewrite.objects.create(started_at=timezone.now())
        yield
        gate.delete()


# --- Triggers and encrypted columns -------------------------------------------------------------------------

NOTE_CIPHERTEXT = ("body_ciphertext",)
NOTE_FIXED = (
    "id",
    "course_id",
    "booking_id",
    "consulted_on",
    "author_id",
    "created_at",
    "updated_at",
    "signed_at",
)
AMENDMENT_CIPHERTEXT = ("text_ciphertext", "reason_ciphertext")
AMENDMENT_FIXED = ("id", "note_id", "author_id", "signed_at")
WITHHOLDING_CIPHERTEXT = ("explanation_ciphertext",)
WITHHOLDING_FIXED = ("id", "note_id", "ground", "withheld_by_id", "withheld_at", "lifted_by_id", "lifted_at")

SIGNED_NOTE_TRIGGERS = register(
    immutable_except_ciphertext(
        name="care_journal_signed_note",
        table="care_journal_journalnote",
        condition="OLD.signed_at IS NOT NULL",
        fixed=NOTE_FIXED,
        ciphertext=NOTE_CIPHERTEXT,
        message="Et signert journalnotat kan ikke endres eller slettes; skriv et tillegg",
    )
)
AMENDMENT_TRIGGERS = register(
    immutable_except_ciphertext(
        name="care_journal_amendment",
        table="care_journal_amendment",
        condition="OLD.signed_at IS NOT NULL",
        fixed=AMENDMENT_FIXED,
        ciphertext=AMENDMENT_CIPHERTEXT,
        message="Et tillegg til et journalnotat kan ikke endres eller slettes",
    )
)
LIFTED_WITHHOLDING_TRIGGERS = register(
    immutable_except_ciphertext(
        name="care_journal_lifted_withholding",
        table="care_journal_withholding",
        condition="OLD.lifted_at IS NOT NULL",
        fixed=WITHHOLDING_FIXED,
        ciphertext=WITHHOLDING_CIPHERTEXT,
        message="Et opphevet vedtak om tilbakeholdelse kan ikke endres eller slettes",
    )
)
TRIGGER_SETS = (SIGNED_NOTE_TRIGGERS, AMENDMENT_TRIGGERS, LIFTED_WITHHOLDING_TRIGGERS)

for _model, _fields in (
    (JournalNote, NOTE_CIPHERTEXT),
    (Amendment, AMENDMENT_CIPHERTEXT),
    (Withholding, WITHHOLDING_CIPHERTEXT),
):
    crypto.register_columns(crypto.EncryptedColumns(model=_model, fields=_fields, rewrite_gate=rewrite_gate))
