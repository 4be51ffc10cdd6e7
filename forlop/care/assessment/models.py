"""The kartlegging (assessment) of a treatment course, and the setting decision.

One current `Assessment` per course, filled in by the clinician with the person and edited while the course
is open (every save goes through `services.save_assessment`, which writes the change to the access log), with
one `SubstanceUse` row per substance. The clinician's decision on the level of care (`SettingDecision`) is
append-only: a new decision is a new row with who, when and why, and the old ones stay (model and database
refuse changes).
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.core.triggers import immutable_when, register
from forlop.lib import triage
from forlop.people.models import Person
from forlop.therapists.vocabulary import SUBSTANCES

from . import setting


class Answer(models.TextChoices):
    YES = triage.YES, _("Ja")
    NO = triage.NO, _("Nei")
    UNKNOWN = triage.UNKNOWN, _("Vet ikke")


class Pregnancy(models.TextChoices):
    YES = triage.YES, _("Ja")
    NO = triage.NO, _("Nei")
    NOT_RELEVANT = triage.NOT_RELEVANT, _("Ikke aktuelt")


class Housing(models.TextChoices):
    STABLE = setting.STABLE, _("Stabil bolig")
    UNSTABLE = setting.UNSTABLE, _("Ustabil (midlertidig, hos andre, hospits)")
    NONE = setting.HOMELESS, _("Uten bolig")


class Frequency(models.TextChoices):
    RARELY = triage.RARELY, _("Sjeldnere enn hver uke")
    WEEKLY = triage.WEEKLY, _("En eller flere ganger i uken")
    DAILY = triage.DAILY, _("Daglig eller nesten daglig")


class Route(models.TextChoices):
    DRINK = "drikke", _("Drikke")
    SMOKE = "royke", _("Røyke")
    SNIFF = "sniffe", _("Sniffe")
    INJECT = "injisere", _("Injisere")
    TABLETS = "svelge", _("Svelge tabletter")
    OTHER = "annet", _("Annet")


class Setting(models.TextChoices):
    OUTPATIENT = setting.OUTPATIENT, _("Poliklinisk avrusning og oppfølging")
    RESIDENTIAL = setting.RESIDENTIAL, _("Døgnavrusning (døgnenhet)")
    TSB = setting.TSB, _("Henvise via fastlege til spesialisthelsetjenesten (TSB)")
    EMERGENCY = setting.EMERGENCY, _("Akutt nå: 113 eller legevakt")


class Assessment(models.Model):
    course = models.OneToOneField(
        Course, verbose_name=_("forløp"), on_delete=models.CASCADE, related_name="assessment"
    )
    # Acute signs now (forlop.lib.triage.ACUTE_SIGNS keys).
    acute_signs = models.JSONField(_("akutte tegn nå"), default=list, blank=True)
    alcohol_morning = models.CharField(
        _("morgendrikking eller skjelving uten alkohol"), max_length=8, choices=Answer.choices, blank=True
    )
    earlier_detox_times = models.PositiveSmallIntegerField(
        _("tidligere avrusninger (antall)"), null=True, blank=True
    )
    earlier_seizures = models.CharField(
        _("tidligere abstinenskramper"), max_length=8, choices=Answer.choices, blank=True
    )
    earlier_delirium = models.CharField(
        _("tidligere delirium (delirium tremens)"), max_length=8, choices=Answer.choices, blank=True
    )
    epilepsy = models.CharField(_("epilepsi"), max_length=8, choices=Answer.choices, blank=True)
    somatic_health = models.TextField(_("somatisk helse"), blank=True)
    severe_somatic = models.BooleanField(_("alvorlig somatisk sykdom"), default=False)
    oral_intake_problem = models.BooleanField(
        _("kan ikke ta medisiner, drikke og spise, eller mistanke om alvorlig væsketap"), default=False
    )
    mental_health = models.TextField(_("psykisk helse"), blank=True)
    severe_psychiatric = models.BooleanField(_("alvorlig psykisk lidelse eller selvmordsfare"), default=False)
    medication = models.TextField(_("faste medisiner nå"), blank=True)
    pregnant = models.CharField(_("gravid"), max_length=16, choices=Pregnancy.choices, blank=True)
    age = models.PositiveSmallIntegerField(_("alder"), null=True, blank=True)
    housing = models.CharField(_("bosituasjon"), max_length=10, choices=Housing.choices, blank=True)
    housing_note = models.TextField(_("om bosituasjonen"), blank=True)
    work_school = models.TextField(_("arbeid eller skole"), blank=True)
    network = models.TextField(_("nettverk"), blank=True)
    sober_support = models.CharField(
        _("edru støtteperson som kan være til stede under avrusningen"),
        max_length=8,
        choices=Answer.choices,
        blank=True,
    )
    # Children under 18 (helsepersonelloven § 10 a).
    children_count = models.PositiveSmallIntegerField(_("barn under 18 år (antall)"), null=True, blank=True)
    children_ages = models.CharField(_("barnas alder"), max_length=100, blank=True)
    children_needs_at = models.DateTimeField(_("snakket om barnas behov"), null=True, blank=True)
    children_needs_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    children_info_at = models.DateTimeField(_("tilbudt informasjon"), null=True, blank=True)
    children_info_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    children_followup_at = models.DateTimeField(
        _("tilbudt oppfølging eller kontakt med andre tjenester"), null=True, blank=True
    )
    children_followup_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    children_note = models.TextField(_("merknad om barna"), blank=True)
    own_goals = models.TextField(_("personens egne mål og ønsker"), blank=True)
    completed_at = models.DateTimeField(_("fullført"), null=True, blank=True)
    created_at = models.DateTimeField(_("opprettet"))
    updated_at = models.DateTimeField(_("sist endret"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sist endret av"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("kartlegging")
        verbose_name_plural = _("kartlegginger")

    def __str__(self) -> str:
        return f"{_('Kartlegging')} #{self.course_id}"

    def access_log_subject(self) -> Person:
        return self.course.person

    @property
    def has_children(self) -> bool:
        return bool(self.children_count)

    @property
    def children_tasks_left(self) -> bool:
        """§ 10 a: with children under 18, each of the three tasks must be ticked."""
        return self.has_children and not (
            self.children_needs_at and self.children_info_at and self.children_followup_at
        )


class SubstanceUse(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("kartlegging"), on_delete=models.CASCADE, related_name="substances"
    )
    substance = models.CharField(_("rusmiddel"), max_length=24, choices=list(SUBSTANCES.items()))
    amount = models.CharField(_("mengde"), max_length=200, blank=True)
    units_per_day = models.DecimalField(
        _("alkoholenheter per dag"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    frequency = models.CharField(_("hyppighet"), max_length=8, choices=Frequency.choices, blank=True)
    route = models.CharField(_("inntaksmåte"), max_length=10, choices=Route.choices, blank=True)
    duration = models.CharField(_("hvor lenge"), max_length=100, blank=True)
    last_use = models.DateTimeField(_("sist brukt"), null=True, blank=True)

    class Meta:
        verbose_name = _("rusmiddelbruk")
        verbose_name_plural = _("rusmiddelbruk")
        ordering: ClassVar[list[str]] = ["pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["assessment", "substance"], name="care_assessment_one_row_per_substance"
            ),
        ]

    def __str__(self) -> str:
        return self.get_substance_display()

    def access_log_subject(self) -> Person:
        return self.assessment.course.person


class SettingDecision(models.Model):
    """The clinician's decision on the level of care, with why. Append-only: a new decision is a new row."""

    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.PROTECT, related_name="setting_decisions"
    )
    setting = models.CharField(_("behandlingsnivå"), max_length=12, choices=Setting.choices)
    suggested = models.CharField(_("forslaget da"), max_length=12, choices=Setting.choices)
    reason = models.TextField(_("begrunnelse"))
    at = models.DateTimeField(_("tidspunkt"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("avgjørelse om behandlingsnivå")
        verbose_name_plural = _("avgjørelser om behandlingsnivå")
        ordering: ClassVar[list[str]] = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.setting}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("En avgjørelse om behandlingsnivå kan ikke endres; registrer en ny.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("En avgjørelse om behandlingsnivå kan ikke slettes.")

    def access_log_subject(self) -> Person:
        return self.course.person

    @property
    def differs(self) -> bool:
        return self.setting != self.suggested


DECISION_TRIGGERS = register(
    immutable_when(
        name="care_assessment_decision",
        table="care_assessment_settingdecision",
        condition="OLD.id IS NOT NULL",
        message="A setting decision cannot be changed or deleted",
    )
)
