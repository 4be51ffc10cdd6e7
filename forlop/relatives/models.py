"""Relatives (pårørende): who a person in a course shares something with, what, and the summary they approved.

A relative is a person too (`forlop.people.Person`) with an ordinary client-type account: the same login
rules as every client (password, second factor, lockout). What makes them someone's relative is a `Consent`
row that the person — and only the person — created from their own Min side. Without such a row a relative
still has their own area (the CRAFT course and the pårørendesamtale, built in `craft/` and `content/`),
and the person need not know about it.

The dial (`Consent.dial`) says what the relative may see of the person: nothing, the person's upcoming
appointments, or those and the latest progress summary the person has written and approved (`Summary`).
Never check-ins, journal notes, scores or doses: nothing here points at them. Who may read what is asked of
the one access policy (`forlop.audit.policy.relative_may_see`), and the read holds the consent row locked in
the transaction that reads the data (`services.read_shared`), so a revocation that committed is never
followed by a read that shows data.
"""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from forlop.audit.policy import RelativeShare
from forlop.people.models import Person


class Dial(models.TextChoices):
    NOTHING = RelativeShare.NOTHING, _("Ingenting")
    APPOINTMENTS = RelativeShare.APPOINTMENTS, _("Bare timene mine")
    SUMMARY = RelativeShare.SUMMARY, _("Timene mine og en oppsummering jeg har godkjent")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def current(self) -> "ConsentQuerySet":
        return self.filter(ended_at__isnull=True)


class Consent(models.Model):
    """The person shares `dial` with `relative`. Ended (never deleted) when the person removes the relative:
    the log rows about the relative's reads point at it by id."""

    person = models.ForeignKey(
        Person, verbose_name=_("personen som deler"), on_delete=models.PROTECT, related_name="relatives_given"
    )
    relative = models.ForeignKey(
        Person, verbose_name=_("pårørende"), on_delete=models.PROTECT, related_name="relatives_received"
    )
    # The relative's name as the person wrote it: what the person sees in their list and in "who has read
    # my data". Not written to the relative's Person, whose name is their own.
    relative_name = models.CharField(_("navn på pårørende"), max_length=120)
    dial = models.CharField(
        _("hva pårørende kan se"), max_length=16, choices=Dial.choices, default=Dial.NOTHING
    )
    created_at = models.DateTimeField(_("lagt til"))
    changed_at = models.DateTimeField(_("sist endret"))
    ended_at = models.DateTimeField(_("fjernet"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("deling med pårørende")
        verbose_name_plural = _("delinger med pårørende")
        ordering: ClassVar[list[str]] = ["relative_name", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["person", "relative"],
                condition=Q(ended_at__isnull=True),
                name="relatives_one_current_consent_per_pair",
            ),
            models.CheckConstraint(condition=~Q(person=F("relative")), name="relatives_not_oneself"),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(dial="nothing"), name="relatives_ended_shares_nothing"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relative_name} ({self.get_dial_display()})"


class Summary(models.Model):
    """A short progress summary the person writes for their relatives. A draft until approved; the relatives
    with the summary dial see the latest approved one and its date. Editing after approval starts a new
    draft, so what a relative saw stays as it was."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="relatives_summaries"
    )
    text = models.TextField(_("oppsummering"), max_length=2000)
    written_at = models.DateTimeField(_("skrevet"))
    approved_at = models.DateTimeField(_("godkjent"), null=True, blank=True)

    class Meta:
        verbose_name = _("oppsummering for pårørende")
        verbose_name_plural = _("oppsummeringer for pårørende")
        ordering: ClassVar[list[str]] = ["-written_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(approved_at__isnull=True),
                name="relatives_one_draft_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.written_at:%Y-%m-%d}"


# The relative's own course work (forlop/relatives/craft/): imported here so Django registers the models.
from .craft.models import ExerciseAnswer, LessonDone  # noqa: E402, F401
