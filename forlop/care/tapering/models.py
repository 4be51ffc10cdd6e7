"""Taper plans: one plan per course and kind, with numbered versions (issue 13, "Taper plan").

A version holds what the doctor decided (`inputs`: current doses, factor overrides with reasons, the switch to
diazepam, the weekly rate, tablet strengths, dosing times, pauses, target, start date) and the day-by-day
schedule `forlop.care.taper` computed from them (`schedule`). The software proposes a draft, a clinician on the
team edits it, and a doctor on the team approves it after re-entering the second factor.

An approved version never changes again: the model refuses, and database triggers (`APPROVED_IS_FINAL`,
installed by migration 0002) refuse UPDATE and DELETE from anywhere, raw SQL included. "Superseded" is not
written to the old row: a version is superseded when a newer version of the same plan is approved. A change
after approval is a new version with a reason, which needs its own approval.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.core.triggers import immutable_when, register
from forlop.people.models import Person


class Kind(models.TextChoices):
    BENZODIAZEPINE = "benzodiazepine", _("Benzodiazepiner og z-hypnotika: nedtrapping")
    ALCOHOL_FIXED = "alcohol-fixed", _("Alkohol: fast skjema")
    ALCOHOL_CIWA = "alcohol-ciwa", _("Alkohol: styrt etter CIWA-Ar")
    BUPRENORPHINE = "opioid-buprenorphine-naloxone", _("Opioider: buprenorfin-nalokson")


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    APPROVED = "approved", _("Godkjent")
    SUPERSEDED = "superseded", _("Erstattet av en nyere versjon")


class ApprovedVersionChanged(Exception):
    """An approved version was asked to change or go away."""


class TaperPlan(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.PROTECT, related_name="taper_plans"
    )
    kind = models.CharField(_("type plan"), max_length=32, choices=Kind.choices)
    created_at = models.DateTimeField(_("opprettet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opprettet av"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("nedtrappingsplan")
        verbose_name_plural = _("nedtrappingsplaner")
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["course", "kind"], name="care_tapering_one_plan_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (#{self.pk})"

    def access_log_subject(self) -> Person:
        return self.course.person


class PlanVersion(models.Model):
    plan = models.ForeignKey(
        TaperPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versjon"))
    inputs = models.JSONField(_("grunnlag"), default=dict)
    schedule = models.JSONField(_("dag-for-dag-plan"), default=dict)
    reason = models.TextField(_("begrunnelse for endringen"), blank=True)
    created_at = models.DateTimeField(_("opprettet"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("foreslått av"), on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField(_("sist endret"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sist endret av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("godkjent"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkjent av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The schedule's first and last day (copied from `schedule` when saved), for the reminder job's query.
    first_day = models.DateField(_("første dag"), null=True, blank=True)
    last_day = models.DateField(_("siste dag"), null=True, blank=True)

    class Meta:
        verbose_name = _("versjon av nedtrappingsplan")
        verbose_name_plural = _("versjoner av nedtrappingsplaner")
        ordering: ClassVar[list[str]] = ["plan", "number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["plan", "number"], name="care_tapering_version_number"),
            # At most one draft per plan at a time: two doctors cannot edit two different drafts.
            models.UniqueConstraint(
                fields=["plan"], condition=Q(approved_at__isnull=True), name="care_tapering_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True, approved_by__isnull=True)
                | Q(approved_at__isnull=False, approved_by__isnull=False),
                name="care_tapering_approved_has_approver",
            ),
            # A later version says why it changed the plan.
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""), name="care_tapering_new_version_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and self.pk is not None:
            stored = PlanVersion.objects.filter(pk=self.pk).values_list("approved_at", flat=True).first()
            if stored is not None:
                raise ApprovedVersionChanged("En godkjent versjon av nedtrappingsplanen kan ikke endres.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.approved_at is not None or (
            self.pk is not None and PlanVersion.objects.filter(pk=self.pk, approved_at__isnull=False).exists()
        ):
            raise ApprovedVersionChanged("En godkjent versjon av nedtrappingsplanen kan ikke slettes.")
        return super().delete(*args, **kwargs)

    def access_log_subject(self) -> Person:
        return self.plan.course.person

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def status_given(self, latest_approved_number: int | None) -> str:
        if self.approved_at is None:
            return Status.DRAFT
        if latest_approved_number is not None and latest_approved_number > self.number:
            return Status.SUPERSEDED
        return Status.APPROVED

    @property
    def status(self) -> str:
        """Derived: draft, approved, or superseded by a newer approved version of the same plan."""
        if self.approved_at is None:
            return Status.DRAFT
        newer = PlanVersion.objects.filter(
            plan_id=self.plan_id, approved_at__isnull=False, number__gt=self.number
        ).exists()
        return Status.SUPERSEDED if newer else Status.APPROVED

    def get_status_display(self) -> str:
        return str(Status(self.status).label)


APPROVED_IS_FINAL = register(
    immutable_when(
        name="care_tapering_approved_version",
        table="care_tapering_planversion",
        condition="OLD.approved_at IS NOT NULL",
        message="An approved taper plan version cannot be changed or deleted",
    )
)


class StepReminder(models.Model):
    """One gentle email per plan and day a dose changes: the unique row is what makes the job idempotent."""

    plan = models.ForeignKey(
        TaperPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="step_reminders"
    )
    day = models.DateField(_("dag"))
    version = models.ForeignKey(
        PlanVersion, verbose_name=_("versjon"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("lagt i utboksen"))

    class Meta:
        verbose_name = _("påminnelse om endring i planen")
        verbose_name_plural = _("påminnelser om endring i planen")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["plan", "day"], name="care_tapering_one_reminder_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.day}"
