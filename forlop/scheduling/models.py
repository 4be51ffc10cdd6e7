"""A therapist's working rules as rows: weekly hours, date overrides and booking settings.

All times are Europe/Oslo wall-clock times (naive `TimeField`s): "09:00 on Mondays" stays 09:00 across the
daylight-saving change. `forlop.scheduling.services.working_rules` turns the rows into the pure module's
`WorkingRules`.
"""

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.therapists.models import Therapist

WEEKDAYS = [
    (0, _("mandag")),
    (1, _("tirsdag")),
    (2, _("onsdag")),
    (3, _("torsdag")),
    (4, _("fredag")),
    (5, _("lørdag")),
    (6, _("søndag")),
]
MIDNIGHT = time(0)
WINDOW_ORDER_MESSAGE = _("Sluttidspunktet må være etter starttidspunktet (00:00 betyr midnatt).")


def _window_is_ordered() -> models.Q:
    # An end of 00:00 means midnight at the end of the day (as in the pure module).
    return models.Q(end__gt=models.F("start")) | models.Q(end=MIDNIGHT)


class WorkingHours(models.Model):
    """One weekly window. Several per weekday are fine (e.g. 09-11:30 and 12-16)."""

    therapist = models.ForeignKey(
        Therapist, verbose_name=_("terapeut"), on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(
        _("ukedag"), choices=WEEKDAYS, validators=[MaxValueValidator(6)]
    )
    start = models.TimeField(_("fra"))
    end = models.TimeField(_("til"))

    class Meta:
        verbose_name = _("arbeidstid")
        verbose_name_plural = _("arbeidstider")
        ordering = ["therapist", "weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="workinghours_weekday_0_6"),
            models.CheckConstraint(
                condition=_window_is_ordered(),
                name="workinghours_end_after_start",
                violation_error_message=WINDOW_ORDER_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class DateOverride(models.Model):
    """Hours for one date that replace the weekly ones. A row without times closes the day; several rows
    with times on one date are that date's windows (also on a public holiday)."""

    therapist = models.ForeignKey(
        Therapist, verbose_name=_("terapeut"), on_delete=models.CASCADE, related_name="date_overrides"
    )
    day = models.DateField(_("dato"))
    start = models.TimeField(_("fra"), null=True, blank=True)
    end = models.TimeField(_("til"), null=True, blank=True)
    note = models.CharField(_("merknad"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("avvik fra arbeidstid")
        verbose_name_plural = _("avvik fra arbeidstid")
        ordering = ["therapist", "day", "start"]
        indexes = [models.Index(fields=["therapist", "day"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(start__isnull=True) & models.Q(end__isnull=True))
                | (models.Q(start__isnull=False) & models.Q(end__isnull=False) & _window_is_ordered()),
                name="dateoverride_closed_or_ordered_window",
                violation_error_message=WINDOW_ORDER_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        if self.is_day_off:
            return f"{self.day:%Y-%m-%d} {_('fri')}"
        assert self.start is not None and self.end is not None
        return f"{self.day:%Y-%m-%d} {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def is_day_off(self) -> bool:
        return self.start is None

    def clean(self) -> None:
        super().clean()
        if (self.start is None) != (self.end is None):
            raise ValidationError(_("Fyll inn både fra og til, eller la begge stå tomme for å stenge dagen."))


class BookingSettings(models.Model):
    """Per-therapist limits. A therapist without a row gets the defaults below."""

    DEFAULT_MIN_NOTICE_HOURS = 12
    DEFAULT_HORIZON_WEEKS = 8

    therapist = models.OneToOneField(
        Therapist, verbose_name=_("terapeut"), on_delete=models.CASCADE, related_name="booking_settings"
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        _("minste varsel (timer)"),
        default=DEFAULT_MIN_NOTICE_HOURS,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("Hvor lang tid før en time den senest kan bestilles."),
    )
    horizon_weeks = models.PositiveSmallIntegerField(
        _("hvor langt frem (uker)"),
        default=DEFAULT_HORIZON_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Hvor mange uker frem i tid klienter kan bestille."),
    )
    max_per_day = models.PositiveSmallIntegerField(
        _("høyst antall timer per dag"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("La stå tomt for ingen grense."),
    )
    close_on_holidays = models.BooleanField(_("stengt på helligdager"), default=True)

    class Meta:
        verbose_name = _("bestillingsinnstillinger")
        verbose_name_plural = _("bestillingsinnstillinger")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(horizon_weeks__gte=1), name="bookingsettings_horizon_min"
            ),
            models.CheckConstraint(
                condition=models.Q(max_per_day__isnull=True) | models.Q(max_per_day__gte=1),
                name="bookingsettings_max_per_day_min",
            ),
        ]

    def __str__(self) -> str:
        return str(self.therapist)


class ScheduleVersion(models.Model):
    """One row, bumped by database triggers on every edit a free-slot answer depends on (see versioning.py)."""

    epoch = models.CharField(max_length=32)
    version = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="scheduleversion_single_row")]

    def __str__(self) -> str:
        return f"{self.epoch}:{self.version}"
