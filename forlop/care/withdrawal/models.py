"""Withdrawal scale entries (CIWA-Ar, COWS, PAWSS) in a course: append-only.

An entry holds the item answers as the clinician gave them and what the server computed from them through
`forlop.care.scales` (total, band, whether it reached the doctor's threshold). It is never changed or deleted:
an entry made by mistake gets an `EntryError` row ("registrert ved en feil", with a reason); the entry is kept,
shown struck through and left out of the chart and the flags. Both tables refuse UPDATE and DELETE in the
ORM (`save`/`delete`) and in the database (triggers installed by migration 0002).
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.care.scales import SCALES, Band, ScaleKind
from forlop.core.triggers import immutable_when, register
from forlop.people.models import Person


class Instrument(models.TextChoices):
    CIWA_AR = ScaleKind.CIWA_AR.value, "CIWA-Ar"
    COWS = ScaleKind.COWS.value, "COWS"
    PAWSS = ScaleKind.PAWSS.value, "PAWSS"


class Immutable(ValueError):
    pass


class ScaleEntryQuerySet(models.QuerySet["ScaleEntry"]):
    def valid(self) -> "ScaleEntryQuerySet":
        """Entries not marked as made by mistake."""
        return self.filter(error__isnull=True)


class ScaleEntry(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.PROTECT, related_name="withdrawal_entries"
    )
    instrument = models.CharField(_("skjema"), max_length=8, choices=Instrument.choices)
    # The item scores in item order, as given (a list of ints); empty for a PAWSS that does not apply.
    answers = models.JSONField(_("svar"), default=list, blank=True)
    # PAWSS only: the threshold question (alcohol the last 30 days or blood alcohol on arrival). A "no" means
    # the scale does not apply: no total, no band. Always true for CIWA-Ar and COWS.
    applicable = models.BooleanField(_("aktuelt"), default=True)
    total = models.PositiveSmallIntegerField(_("sum"), null=True, blank=True)
    band = models.CharField(_("gruppe"), max_length=24, blank=True)  # scales.Band.key
    flagged = models.BooleanField(_("til lege"), default=False)
    taken_at = models.DateTimeField(_("vurdert"))  # when the person was assessed
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrert av"), on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("registrert"))
    note = models.TextField(_("merknad"), blank=True)

    objects = ScaleEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("abstinensskåring")
        verbose_name_plural = _("abstinensskåringer")
        ordering: ClassVar[list[str]] = ["taken_at", "pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["course", "instrument", "taken_at"], name="care_withdrawal_series"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(models.Q(applicable=True) & models.Q(total__isnull=False) & ~models.Q(band=""))
                | (
                    models.Q(applicable=False, instrument="pawss", total__isnull=True, band="", flagged=False)
                ),
                name="care_withdrawal_total_when_applicable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.total if self.total is not None else '–'} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise Immutable("En abstinensskåring kan ikke endres. Merk den som registrert ved en feil.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise Immutable("En abstinensskåring kan ikke slettes. Merk den som registrert ved en feil.")

    def access_log_subject(self) -> Person:
        return self.course.person

    @property
    def kind(self) -> ScaleKind:
        return ScaleKind(self.instrument)

    @property
    def band_obj(self) -> Band | None:
        return next((b for b in SCALES[self.kind].bands if b.key == self.band), None)

    @property
    def in_error(self) -> bool:
        return hasattr(self, "error")


class EntryError(models.Model):
    """An entry was made by mistake ("registrert ved en feil"): who said so, when and why. Append-only."""

    entry = models.OneToOneField(
        ScaleEntry, verbose_name=_("skåring"), on_delete=models.PROTECT, related_name="error"
    )
    reason = models.TextField(_("begrunnelse"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("markert av"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("markert"))

    class Meta:
        verbose_name = _("feilregistrering")
        verbose_name_plural = _("feilregistreringer")

    def __str__(self) -> str:
        return f"{_('Registrert ved en feil')}: #{self.entry_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise Immutable("En feilregistrering kan ikke endres.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise Immutable("En feilregistrering kan ikke slettes.")

    def access_log_subject(self) -> Person:
        return self.entry.course.person


ENTRY_TRIGGERS = register(
    immutable_when(
        name="care_withdrawal_entry",
        table="care_withdrawal_scaleentry",
        condition="OLD.id IS NOT NULL",
        message="A withdrawal scale entry cannot be changed or deleted",
    )
)
ERROR_TRIGGERS = register(
    immutable_when(
        name="care_withdrawal_error",
        table="care_withdrawal_entryerror",
        condition="OLD.id IS NOT NULL",
        message="A withdrawal entry error mark cannot be changed or deleted",
    )
)
