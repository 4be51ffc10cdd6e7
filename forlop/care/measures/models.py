"""Outcome measures in a course (AUDIT, DUDIT, PHQ-9, GAD-7), answered by the person on Min side or entered by
the team from a paper form. Append-only: a measurement is never changed or deleted (the ORM refuses, and a
trigger refuses raw SQL too); a mistake is answered by a new measurement.

The total and the band are computed by the server (forlop.care.measures.scoring) from the answers and stored
with them, so what the person and the team saw on the day stays as it was.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.care.plan.models import Evaluation
from forlop.core.triggers import immutable_when, register
from forlop.people.models import Person

from .scoring import INSTRUMENTS, Kind, band_by_key


class Instrument(models.TextChoices):
    AUDIT = Kind.AUDIT.value, "AUDIT"
    DUDIT = Kind.DUDIT.value, "DUDIT"
    PHQ9 = Kind.PHQ9.value, "PHQ-9"
    GAD7 = Kind.GAD7.value, "GAD-7"


class Context(models.TextChoices):
    START = "start", _("Ved start")
    EVALUATION = "evaluation", _("Ved evaluering")
    EXTRA = "extra", _("Ekstra")


class EnteredVia(models.TextChoices):
    PERSON = "person", _("Fylt ut av personen")
    STAFF = "staff", _("Registrert av behandler fra papirskjema")


class Measurement(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.CASCADE, related_name="measurements"
    )
    instrument = models.CharField(_("skjema"), max_length=8, choices=Instrument.choices)
    answers = models.JSONField(_("svar"))  # one score per item, in item order
    sex = models.CharField(_("grenseverdi etter kjønn"), max_length=12, blank=True)  # AUDIT and DUDIT
    total = models.PositiveSmallIntegerField(_("sum"))
    band = models.CharField(_("gruppe"), max_length=20)
    safety_flag = models.BooleanField(_("PHQ-9 spørsmål 9 over 0"), default=False)
    taken_at = models.DateTimeField(_("fylt ut"))
    context = models.CharField(_("anledning"), max_length=12, choices=Context.choices)
    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluering"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_via = models.CharField(_("registrert"), max_length=8, choices=EnteredVia.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrert av"), on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("registrert"))

    class Meta:
        verbose_name = _("kartleggingsskjema")
        verbose_name_plural = _("kartleggingsskjemaer")
        ordering: ClassVar[list[str]] = ["course", "taken_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(instrument__in=[k.value for k in Kind]), name="care_measures_known_instrument"
            ),
            # An evaluation's measurement names the evaluation; the others name none.
            models.CheckConstraint(
                condition=(Q(context="evaluation") & Q(evaluation__isnull=False))
                | (~Q(context="evaluation") & Q(evaluation__isnull=True)),
                name="care_measures_evaluation_iff_context",
            ),
            # One measurement per instrument and occasion (a double submit, or staff entering a paper form the
            # person already answered, is refused); "extra" ones are not limited.
            models.UniqueConstraint(
                fields=["course", "instrument"],
                condition=Q(context="start"),
                name="care_measures_one_at_start",
            ),
            models.UniqueConstraint(
                fields=["course", "instrument", "evaluation"],
                condition=Q(context="evaluation"),
                name="care_measures_one_per_evaluation",
            ),
            # Only PHQ-9 has the item-9 rule.
            models.CheckConstraint(
                condition=Q(safety_flag=False) | Q(instrument="phq9"), name="care_measures_safety_only_phq9"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["course", "instrument", "taken_at"], name="care_measures_series"),
        ]

    def __str__(self) -> str:
        return f"#{self.course_id} {self.get_instrument_display()} {self.total}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Et utfylt skjema kan ikke endres; registrer et nytt.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Et utfylt skjema kan ikke slettes.")

    @property
    def kind(self) -> Kind:
        return Kind(self.instrument)

    @property
    def short_name(self) -> str:
        return INSTRUMENTS[self.kind].short_name

    @property
    def band_obj(self):  # noqa: ANN201 - scoring.Band | None
        return band_by_key(self.kind, self.band)

    @property
    def occasion_key(self) -> str:
        if self.context == Context.START:
            return "start"
        if self.context == Context.EVALUATION:
            return f"evaluation:{self.evaluation_id}"
        return f"extra:{self.pk}"

    def access_log_subject(self) -> Person:
        return self.course.person


APPEND_ONLY = register(
    immutable_when(
        name="care_measures_append_only",
        table="care_measures_measurement",
        condition="OLD.id IS NOT NULL",
        message="An outcome measurement cannot be changed or deleted",
    )
)
