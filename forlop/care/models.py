"""The treatment course (forløp): one person, a team, phases with a dated history, and emergency accesses.

What happens inside a course lives in the sub-apps beside this one, each with its own tables pointing here:
`assessment` (kartlegging and the setting decision), `withdrawal` (CIWA-Ar, COWS, PAWSS series), `tapering`
(taper plans a doctor approves), `journal` (signed notes, the treatment plan and its evaluations).

Who may see a course is `forlop.audit.policy` (Data.TREATMENT): its team, and anyone else on staff only
through an emergency access (`EmergencyAccess`), which asks why, is logged as such and is reviewed by the
privacy officer. `forlop.care.access` is the view class that asks.
"""

from datetime import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.people.models import Person


class Phase(models.TextChoices):
    KARTLEGGING = "kartlegging", _("Kartlegging")
    AVRUSNING = "avrusning", _("Avrusning")
    BEHANDLING = "behandling", _("Behandling")
    OPPFOLGING = "oppfolging", _("Oppfølging")
    AVSLUTTET = "avsluttet", _("Avsluttet")


class TeamRole(models.TextChoices):
    THERAPIST = "therapist", _("Ansvarlig terapeut")
    DOCTOR = "doctor", _("Lege")
    COORDINATOR = "coordinator", _("Koordinator")


class CourseQuerySet(models.QuerySet["Course"]):
    def open(self) -> "CourseQuerySet":
        return self.exclude(phase=Phase.AVSLUTTET)

    def for_team_member(self, user_id: int) -> "CourseQuerySet":
        return self.filter(team__user_id=user_id).distinct()


class Course(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="care_courses"
    )
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.KARTLEGGING)
    # The substances the course is about (forlop.therapists.vocabulary keys), checked by the clinician when
    # the course started; the assessment holds the details per substance.
    substances = models.JSONField(_("rusmidler"), default=list, blank=True)
    # Where it started: a match request, or a first talk (a booking). Kept for the history; SET_NULL so that
    # deleting a request under the retention rules never touches the course.
    match_request = models.ForeignKey(
        "matching.MatchRequest",
        verbose_name=_("matchforespørsel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="care_courses",
    )
    booking = models.ForeignKey(
        "booking.Booking",
        verbose_name=_("førstesamtale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="care_courses",
    )
    # What the person told us before the course (the request's answers, self-test result), as the clinician
    # checked and carried it over when starting the course: a copy, so later retention of the request does not
    # empty the course.
    carried_over = models.JSONField(_("overført fra forespørselen"), default=dict, blank=True)
    started_at = models.DateTimeField(_("startet"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("startet av"), on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    closing_summary = models.TextField(_("avslutningsoppsummering"), blank=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("behandlingsforløp")
        verbose_name_plural = _("behandlingsforløp")
        ordering: ClassVar[list[str]] = ["-started_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # One open course per person: a second one would split the record and the team.
            models.UniqueConstraint(
                fields=["person"], condition=~Q(phase="avsluttet"), name="care_one_open_course_per_person"
            ),
            # A closed course has its date and its summary; an open one has neither.
            models.CheckConstraint(
                condition=(Q(phase="avsluttet") & Q(closed_at__isnull=False) & ~Q(closing_summary=""))
                | (~Q(phase="avsluttet") & Q(closed_at__isnull=True)),
                name="care_closed_course_has_summary",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Forløp')} #{self.pk} – {self.person}"

    def team_user_ids(self) -> frozenset[int]:
        """The staff accounts on the team (from the prefetched `team` when there is one)."""
        return frozenset(member.user_id for member in self.team.all())

    def member(self, role: str) -> "TeamMember | None":
        return next((m for m in self.team.all() if m.role == role), None)

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.AVSLUTTET


class TeamMember(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.CASCADE, related_name="team"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansatt"),
        on_delete=models.PROTECT,
        related_name="care_team_memberships",
    )
    role = models.CharField(_("rolle i teamet"), max_length=12, choices=TeamRole.choices)
    added_at = models.DateTimeField(_("lagt til"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lagt til av"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("teammedlem")
        verbose_name_plural = _("team")
        ordering: ClassVar[list[str]] = ["role", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["course", "role"], name="care_one_member_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user}"

    def access_log_subject(self) -> Person:
        return self.course.person


class PhaseChange(models.Model):
    """The dated status history: every phase a course has been in, who moved it and why. Append-only."""

    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.CASCADE, related_name="phase_changes"
    )
    from_phase = models.CharField(_("fra fase"), max_length=12, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("til fase"), max_length=12, choices=Phase.choices)
    at = models.DateTimeField(_("tidspunkt"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("merknad"), blank=True)

    class Meta:
        verbose_name = _("faseendring")
        verbose_name_plural = _("faseendringer")
        ordering: ClassVar[list[str]] = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.from_phase or '–'} → {self.to_phase}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Fasehistorikken kan ikke endres.")
        super().save(*args, **kwargs)


class EmergencyAccess(models.Model):
    """Staff outside a course's team opened it: who, when, why. Valid for a limited time
    (`CARE_EMERGENCY_ACCESS_MINUTES`), listed for the privacy officer until reviewed."""

    course = models.ForeignKey(
        Course, verbose_name=_("forløp"), on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansatt"),
        on_delete=models.PROTECT,
        related_name="care_emergency_accesses",
    )
    reason = models.TextField(_("begrunnelse"))
    at = models.DateTimeField(_("tidspunkt"))
    expires_at = models.DateTimeField(_("gjelder til"))
    reviewed_at = models.DateTimeField(_("gjennomgått"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gjennomgått av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_note = models.TextField(_("merknad fra gjennomgangen"), blank=True)

    class Meta:
        verbose_name = _("akuttilgang")
        verbose_name_plural = _("akuttilganger")
        ordering: ClassVar[list[str]] = ["-at", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["user", "course", "expires_at"], name="care_emergency_lookup"),
            models.Index(fields=["reviewed_at", "at"], name="care_emergency_review"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} → #{self.course_id}"

    def access_log_subject(self) -> Person:
        return self.course.person

    def in_force(self, now: datetime) -> bool:
        return self.at <= now < self.expires_at
