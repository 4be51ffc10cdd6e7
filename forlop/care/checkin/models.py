"""The daily check-in: one row per course and Oslo calendar day (a database constraint), entered by the
person on Min side; today's and yesterday's may be corrected (`forlop.care.checkin.days`). The red flags the
answers raised (`forlop.care.checkin.redflags`) are stored with the row, so the therapist's flag and the
person's help page read the same thing; a clinician on the team marks them as seen.

`DigestSent` is the daily digest's claim: one row per staff account and day, so many workers send it once."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.people.models import Person
from forlop.therapists.vocabulary import SUBSTANCES

from . import redflags


class Amount(models.TextChoices):
    LITTLE = redflags.AMOUNT_LITTLE, _("Litt")
    SOME = redflags.AMOUNT_SOME, _("Noe")
    MUCH = redflags.AMOUNT_MUCH, _("Mye")


class Mood(models.IntegerChoices):
    VERY_LOW = 1, _("Svært tungt")
    LOW = 2, _("Tungt")
    OK = 3, _("Middels")
    GOOD = 4, _("Bra")
    VERY_GOOD = 5, _("Veldig bra")


class Sleep(models.IntegerChoices):
    POOR = 1, _("Dårlig")
    SO_SO = 2, _("Sånn passe")
    GOOD = 3, _("Godt")


class Dose(models.TextChoices):
    YES = redflags.DOSE_YES, _("Ja, som planlagt")
    PARTLY = redflags.DOSE_PARTLY, _("Delvis")
    NO = redflags.DOSE_NO, _("Nei")


class Withdrawal(models.TextChoices):
    NONE = redflags.WITHDRAWAL_NONE, _("Ingen")
    MILD = redflags.WITHDRAWAL_MILD, _("Lette")
    STRONG = redflags.WITHDRAWAL_STRONG, _("Sterke")


class Symptom(models.TextChoices):
    SHAKING = "skjelving", _("Skjelving")
    SWEATING = "svetting", _("Svetting")
    RESTLESS = "uro", _("Uro eller angst")
    NAUSEA = "kvalme", _("Kvalme eller oppkast")
    SLEEPLESS = "sovnloshet", _("Får ikke sove")
    CONFUSION = redflags.CONFUSION, _("Forvirring (vet ikke helt hvor jeg er eller hva som skjer)")
    HALLUCINATIONS = redflags.HALLUCINATIONS, _("Ser eller hører ting som ikke er der")


class CheckIn(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.PROTECT, related_name="checkins"
    )
    day = models.DateField(_("dag"))  # the Oslo calendar day the check-in is about
    craving = models.PositiveSmallIntegerField(_("sug (0-10)"))
    used = models.BooleanField(_("brukt"))
    substances = models.JSONField(_("hva"), default=list, blank=True)  # vocabulary keys
    amount = models.CharField(_("hvor mye"), max_length=8, choices=Amount.choices, blank=True)
    amount_text = models.CharField(_("hvor mye, med egne ord"), max_length=200, blank=True)
    mood = models.PositiveSmallIntegerField(_("humør"), choices=Mood.choices)
    sleep = models.PositiveSmallIntegerField(_("søvn"), choices=Sleep.choices)
    sleep_hours = models.DecimalField(_("timer søvn"), max_digits=3, decimal_places=1, null=True, blank=True)
    suicide_thoughts = models.BooleanField(_("tanker om å ta livet sitt"), default=False)
    seizure = models.BooleanField(_("krampeanfall"), default=False)
    taper = models.BooleanField(_("under nedtrapping"), default=False)  # an approved plan covered the day
    dose = models.CharField(_("dosen som planlagt"), max_length=8, choices=Dose.choices, blank=True)
    withdrawal = models.CharField(_("abstinens"), max_length=8, choices=Withdrawal.choices, blank=True)
    symptoms = models.JSONField(_("abstinenssymptomer"), default=list, blank=True)
    red_flags = models.JSONField(_("røde flagg"), default=list, blank=True)  # redflags.TABLE keys
    late = models.BooleanField(_("ført etterpå"), default=False)
    # Waiting for a clinician on the team to see it: set when the answers raised a red flag or told of use
    # during a taper, cleared when a therapist or doctor marks it seen. The caseload flag lasts until then.
    attention = models.BooleanField(_("venter på å bli sett"), default=False)
    created_at = models.DateTimeField(_("ført"))
    updated_at = models.DateTimeField(_("sist endret"))
    flags_seen_at = models.DateTimeField(_("røde flagg sett"), null=True, blank=True)
    flags_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("røde flagg sett av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("innsjekk")
        verbose_name_plural = _("innsjekker")
        ordering: ClassVar[list[str]] = ["-day"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["course", "day"], name="care_checkin_one_per_day"),
            models.CheckConstraint(condition=Q(craving__lte=10), name="care_checkin_craving_0_10"),
            models.CheckConstraint(condition=Q(mood__gte=1, mood__lte=5), name="care_checkin_mood_1_5"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["course", "-day"]),
            models.Index(fields=["course"], condition=Q(attention=True), name="care_checkin_attention"),
        ]

    def __str__(self) -> str:
        return f"{_('Innsjekk')} {self.day:%d.%m.%Y}"

    def access_log_subject(self) -> Person:
        return self.course.person

    @property
    def has_red_flags(self) -> bool:
        return bool(self.red_flags)

    def substance_labels(self) -> list[str]:
        return [str(SUBSTANCES.get(k, k)) for k in self.substances]

    def symptom_labels(self) -> list[str]:
        labels = dict(Symptom.choices)
        return [str(labels.get(k, k)) for k in self.symptoms]

    def red_flag_rules(self) -> list[redflags.RedFlag]:
        return [redflags.BY_KEY[k] for k in self.red_flags if k in redflags.BY_KEY]


class DigestSent(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ansatt"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("dag"))
    flags = models.PositiveIntegerField(_("antall flagg"))
    sent_at = models.DateTimeField(_("lagt i utboksen"))

    class Meta:
        verbose_name = _("daglig oppsummering")
        verbose_name_plural = _("daglige oppsummeringer")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "day"], name="care_checkin_one_digest_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
