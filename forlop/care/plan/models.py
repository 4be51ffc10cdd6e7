"""The treatment plan of a course (behandlingsplan): the person's goals in their own words, the measures agreed
(tiltak: what, who, how often), and the evaluations, one every `interval_weeks` (at most 8 weeks outpatient by
default, nasjonalt pasientforløp TSB).

The plan's content is kept as append-only revisions (`PlanRevision`): each change writes a new revision with
the whole list of goals and measures, who changed it, when and why, so what the plan said on any day can be
shown. The plan row itself holds only what the revisions do not (the course and when it was made).

An evaluation is first scheduled (`due_on`, pending), then recorded once (`done_at`, by, summary, whether the
goals were met and whether they were adjusted), which schedules the next one. At most one is pending per plan.
A recorded evaluation does not change again.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.people.models import Person

DEFAULT_INTERVAL_WEEKS = 8
MIN_INTERVAL_WEEKS = 1
MAX_INTERVAL_WEEKS = 8


class TreatmentPlan(models.Model):
    course = models.OneToOneField(
        Course, verbose_name=_("forløp"), on_delete=models.CASCADE, related_name="treatment_plan"
    )
    created_at = models.DateTimeField(_("opprettet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opprettet av"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("behandlingsplan")
        verbose_name_plural = _("behandlingsplaner")

    def __str__(self) -> str:
        return f"{_('Behandlingsplan')} – #{self.course_id}"

    def access_log_subject(self) -> Person:
        return self.course.person


class PlanRevision(models.Model):
    """One version of the plan's content. Append-only: a change is a new revision with a higher number."""

    plan = models.ForeignKey(
        TreatmentPlan, verbose_name=_("behandlingsplan"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("versjon"))
    at = models.DateTimeField(_("tidspunkt"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("endret av"), on_delete=models.PROTECT, related_name="+"
    )
    # The person's goals, in their own words, in the order agreed: a list of strings.
    goals = models.JSONField(_("mål"), default=list)
    # The measures agreed: a list of {"what": …, "who": …, "how_often": …}.
    measures = models.JSONField(_("tiltak"), default=list)
    interval_weeks = models.PositiveSmallIntegerField(
        _("evaluering hver (uker)"),
        default=DEFAULT_INTERVAL_WEEKS,
        validators=[MinValueValidator(MIN_INTERVAL_WEEKS), MaxValueValidator(MAX_INTERVAL_WEEKS)],
    )
    note = models.TextField(_("hva som ble endret og hvorfor"), blank=True)

    class Meta:
        verbose_name = _("versjon av behandlingsplan")
        verbose_name_plural = _("versjoner av behandlingsplan")
        ordering: ClassVar[list[str]] = ["plan", "-number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # Two editors saving at once cannot both write version n + 1: one of them is told to reload.
            models.UniqueConstraint(fields=["plan", "number"], name="care_plan_one_revision_number"),
            models.CheckConstraint(
                condition=Q(interval_weeks__gte=MIN_INTERVAL_WEEKS)
                & Q(interval_weeks__lte=MAX_INTERVAL_WEEKS),
                name="care_plan_interval_1_to_8_weeks",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.plan_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("En versjon av behandlingsplanen kan ikke endres; lag en ny versjon.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("En versjon av behandlingsplanen kan ikke slettes.")

    def access_log_subject(self) -> Person:
        return self.plan.course.person


class GoalOutcome(models.TextChoices):
    MET = "met", _("Nådd")
    PARTLY = "partly", _("Delvis nådd")
    NOT_MET = "not_met", _("Ikke nådd")


class Evaluation(models.Model):
    plan = models.ForeignKey(
        TreatmentPlan, verbose_name=_("behandlingsplan"), on_delete=models.CASCADE, related_name="evaluations"
    )
    due_on = models.DateField(_("frist"))
    scheduled_at = models.DateTimeField(_("satt opp"))
    done_at = models.DateTimeField(_("evaluert"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluert av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("oppsummering"), blank=True)
    goals_outcome = models.CharField(
        _("ble målene nådd?"), max_length=8, choices=GoalOutcome.choices, blank=True
    )
    goals_adjusted = models.BooleanField(_("målene ble justert"), default=False)

    class Meta:
        verbose_name = _("evaluering")
        verbose_name_plural = _("evalueringer")
        ordering: ClassVar[list[str]] = ["plan", "-due_on", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # One next evaluation at a time: recording one and scheduling the next cannot double up.
            models.UniqueConstraint(
                fields=["plan"], condition=Q(done_at__isnull=True), name="care_plan_one_pending_evaluation"
            ),
            # A recorded evaluation says who did it, what was found and whether the goals were met.
            models.CheckConstraint(
                condition=Q(done_at__isnull=True)
                | (Q(done_by__isnull=False) & ~Q(summary="") & ~Q(goals_outcome="")),
                name="care_plan_recorded_evaluation_complete",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["plan", "done_at"], name="care_plan_eval_pending"),
        ]

    def __str__(self) -> str:
        return f"#{self.plan_id} {self.due_on:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only scheduling creates rows; recording and rescheduling go through the services' conditional UPDATEs.
        if not self._state.adding:
            raise ValueError("En evaluering endres bare gjennom tjenestene.")
        super().save(*args, **kwargs)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def access_log_subject(self) -> Person:
        return self.plan.course.person
