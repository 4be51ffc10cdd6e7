"""Match requests: what a person told us in "Match meg med en terapeut", and what the practice did with it.

Everything here is health information. It is shown only through the access-logged staff views in this app
(coordinators and admins see all; a therapist only what is assigned to them; a doctor what is flagged for
medical assessment), and MatchRequest is deliberately not in Django admin: the admin has no per-object
rules and no access log, and nothing here needs editing outside the queue's own actions.

Multi-valued answers (substances, languages, …) are JSON lists of vocabulary keys: they are stored and shown,
never filtered on, so a join table would only add queries.
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.lib import triage


class DoctorDecision(models.TextChoices):
    """What the doctor decided about a request flagged for medical assessment (triage.md: the software flags
    and advises, a doctor decides)."""

    OUTPATIENT = "outpatient", _("Kan vurderes poliklinisk her")
    RESIDENTIAL = "residential", _("Døgnavrusning anbefales")
    REFER_TSB = "refer_tsb", _("Henvises via fastlege til TSB")
    EMERGENCY = "emergency", _("Akutt hjelp nå")


# The doctor gate as a condition on the row: the service's status change to "suggested" requires it, and a
# database constraint refuses any other write that would break it.
SENDABLE = models.Q(medical_assessment=False) | models.Q(doctor_decided_at__isnull=False)


class MatchRequestQuerySet(models.QuerySet["MatchRequest"]):
    def open(self) -> "MatchRequestQuerySet":
        return self.filter(status__in=MatchRequest.OPEN_STATUSES)

    def waiting(self) -> "MatchRequestQuerySet":
        """Waiting for the practice: new, or a question answered by email (still "question sent" here)."""
        return self.filter(status__in=[MatchRequest.Status.NEW, MatchRequest.Status.QUESTION_SENT])

    def queue_order(self) -> "MatchRequestQuerySet":
        """Urgent first, then whoever has waited longest."""
        return self.order_by("-urgent", "created_at", "pk")

    def for_list(self) -> "MatchRequestQuerySet":
        return self.select_related("assigned_therapist").queue_order()

    def assigned_to(self, user: Any) -> "MatchRequestQuerySet":
        return self.filter(assigned_therapist__user=user)

    def flagged_for_doctor(self) -> "MatchRequestQuerySet":
        return self.filter(medical_assessment=True)

    def awaiting_doctor(self) -> "MatchRequestQuerySet":
        """Open, flagged for medical assessment, and no doctor has decided yet: nothing may be sent."""
        return self.open().flagged_for_doctor().filter(doctor_decided_at__isnull=True)

    def sendable(self) -> "MatchRequestQuerySet":
        """Where the doctor gate lets a suggestion through: not flagged, or a doctor has decided."""
        return self.filter(SENDABLE)

    def expired(self, cutoff: datetime) -> "MatchRequestQuerySet":
        """Received before `cutoff` and never led to a booking."""
        return self.filter(created_at__lt=cutoff).exclude(status=MatchRequest.Status.BOOKED)


class MatchRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        SUGGESTED = "suggested", _("Forslag sendt")
        QUESTION_SENT = "question_sent", _("Spørsmål sendt")
        CLOSED = "closed", _("Lukket")
        BOOKED = "booked", _("Time bestilt")

    OPEN_STATUSES = (Status.NEW, Status.SUGGESTED, Status.QUESTION_SENT)

    class WhoFor(models.TextChoices):
        SELF = "self", _("Meg selv")
        LOVED_ONE = "loved_one", _("En jeg er glad i")

    created_at = models.DateTimeField(_("mottatt"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    urgent = models.BooleanField(_("haster"), default=False)
    medical_assessment = models.BooleanField(_("til legevurdering"), default=False)
    acute_signs = models.JSONField(_("akutt fare"), default=list, blank=True)  # triage.ACUTE_SIGNS keys
    # Keys of the triage rules that flagged the request (forlop.lib.triage.RULES), most serious first.
    medical_reasons = models.JSONField(_("grunner til legevurdering"), default=list, blank=True)
    residential_likely = models.BooleanField(_("døgnavrusning sannsynlig"), default=False)
    coordinator_review = models.BooleanField(_("til koordinatorvurdering"), default=False)
    # Drug names and seizure words read from the medication and health fields (shown back to the person).
    recognised = models.JSONField(_("gjenkjent i fritekst"), default=list, blank=True)
    # The doctor gate: a flagged request is sent nothing until a doctor has recorded a decision here
    # (services.record_doctor_decision; the database refuses "suggested" without one).
    doctor_decision = models.CharField(
        _("legens vurdering"), max_length=12, choices=DoctorDecision.choices, blank=True
    )
    doctor_reason = models.CharField(_("legens begrunnelse"), max_length=500, blank=True)
    doctor_decided_at = models.DateTimeField(_("legevurdert"), null=True, blank=True)
    # PROTECT: who decided is part of the clinical record; a doctor who leaves is deactivated, not deleted.
    doctor_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vurdert av lege"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # About the person and what they want.
    who_for = models.CharField(_("gjelder"), max_length=10, choices=WhoFor.choices)
    age_group = models.CharField(_("aldersgruppe"), max_length=10)
    goals = models.JSONField(_("ønsker"), default=list)

    # Use.
    substances = models.JSONField(_("rusmidler og vaner"), default=list)
    duration = models.CharField(_("hvor lenge"), max_length=10)
    frequency = models.CharField(_("hvor ofte"), max_length=10)
    amount = models.CharField(_("hvor mye"), max_length=10)
    earlier_treatment = models.CharField(_("tidligere behandling"), max_length=12)
    earlier_seizures = models.CharField(_("tidligere kramper eller delirium"), max_length=10)
    # How often each substance is used ({substance: triage.FREQUENCIES key}); `frequency` keeps the highest.
    frequencies = models.JSONField(_("hvor ofte, per rusmiddel"), default=dict, blank=True)
    alcohol_morning = models.CharField(_("morgendrikking eller skjelving"), max_length=10, blank=True)

    # Health.
    mental_health = models.JSONField(_("psykisk helse"), default=list, blank=True)
    physical_health = models.TextField(_("fysisk helse"), blank=True)
    medication = models.TextField(_("medisiner"), blank=True)
    pregnant = models.CharField(_("gravid"), max_length=12)
    benzo_use = models.CharField(_("benzodiazepiner eller z-medisiner"), max_length=16, blank=True)
    opioid_use = models.CharField(_("opioider"), max_length=16, blank=True)
    epilepsy = models.CharField(_("epilepsi eller andre krampeanfall"), max_length=10, blank=True)

    # Preferences.
    gender_preference = models.CharField(_("ønsket kjønn på terapeut"), max_length=10, blank=True)
    gender_required = models.BooleanField(_("kjønn er et krav"), default=False)
    languages = models.JSONField(_("språk"), default=list, blank=True)
    methods = models.JSONField(_("metoder"), default=list, blank=True)
    meeting_modes = models.JSONField(_("møteformer"), default=list, blank=True)
    place = models.CharField(_("sted for oppmøte"), max_length=80, blank=True)
    days = models.JSONField(_("dager som passer"), default=list, blank=True)  # engine.WEEKDAYS keys
    times = models.JSONField(_("tider som passer"), default=list, blank=True)  # engine.PARTS_OF_DAY keys
    budget = models.CharField(_("pris"), max_length=10)

    # Contact. A first name or a nickname is enough until booking.
    name = models.CharField(_("navn eller kallenavn"), max_length=120)
    email = models.EmailField(_("e-post"))
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    message = models.TextField(_("fritekst"), blank=True)
    # The person who sent it (forlop.people). Null for rows from before persons existed that had no address.
    # PROTECT: deleting this row (retention) never touches the person; a person is removed only once nothing
    # points at them, so a booking or a request can never silently lose whose it is.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="match_requests",
    )
    consent_at = models.DateTimeField(_("samtykke gitt"))
    # An attached self-test: instrument, total and zone only, never the answers.
    selftest = models.JSONField(_("selvtest"), null=True, blank=True)

    # The engine's top suggestions: [{"therapist_id", "name", "slug", "score", "reasons"}], best first.
    suggestions = models.JSONField(_("forslag"), default=list, blank=True)
    suggestions_at = models.DateTimeField(_("forslag beregnet"), null=True, blank=True)
    assigned_therapist = models.ForeignKey(
        "therapists.Therapist",
        verbose_name=_("foreslått terapeut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="match_requests",
    )

    objects = MatchRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("matchforespørsel")
        verbose_name_plural = _("matchforespørsler")
        ordering = ["-urgent", "created_at", "pk"]
        indexes = [models.Index(fields=["status", "urgent", "created_at"], name="matching_queue_idx")]
        constraints = [
            # What must never happen, whatever code runs: a flagged request sent without a doctor's decision.
            models.CheckConstraint(
                condition=~models.Q(status="suggested") | SENDABLE, name="matching_suggested_needs_doctor"
            ),
            # A decision is whole: what, why, when and who, or nothing at all.
            models.CheckConstraint(
                condition=models.Q(
                    doctor_decided_at__isnull=True,
                    doctor_decision="",
                    doctor_reason="",
                    doctor_decided_by__isnull=True,
                )
                | (
                    models.Q(
                        doctor_decided_at__isnull=False,
                        doctor_decision__in=DoctorDecision.values,
                        doctor_decided_by__isnull=False,
                    )
                    & ~models.Q(doctor_reason="")
                ),
                name="matching_doctor_decision_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def awaiting_doctor(self) -> bool:
        """Open, flagged for medical assessment and not yet decided by a doctor (the queue's "Venter på
        lege"); the same rows as `MatchRequest.objects.awaiting_doctor()`."""
        return self.is_open and self.medical_assessment and self.doctor_decided_at is None

    @property
    def acute_labels(self) -> list[str]:
        return [str(triage.ACUTE_SIGNS[key]) for key in self.acute_signs if key in triage.ACUTE_SIGNS]

    @property
    def medical_labels(self) -> list[str]:
        return [
            str(LEGACY_REASONS[key]) if key in LEGACY_REASONS else triage.label_of(key)
            for key in self.medical_reasons
        ]

    @property
    def flagged(self) -> bool:
        """Anything the triage flagged: such a request is never sent a suggestion without a person looking."""
        return self.urgent or self.medical_assessment or self.coordinator_review


# Rule keys written before forlop.lib.triage existed (rows from the first version of the form).
LEGACY_REASONS = {
    "alcohol_seizures": _(
        "Mye alkohol daglig, og tidligere abstinenskramper eller delirium (eller vet ikke)"
    ),
    "pregnancy": _("Gravid og bruker alkohol eller andre rusmidler"),
    "benzo_opioid_daily": _("Bruker benzodiazepiner eller opioider daglig"),
}


class CloseReason(models.TextChoices):
    NO_ANSWER = "no_answer", _("Fikk ikke svar")
    HELP_ELSEWHERE = "elsewhere", _("Har fått hjelp et annet sted")
    NOT_SUITABLE = "not_suitable", _("Vi har ikke et tilbud som passer")
    WITHDRAWN = "withdrawn", _("Personen trakk forespørselen")
    DUPLICATE = "duplicate", _("Dobbel forespørsel")
    OTHER = "other", _("Annet")


class MatchRequestEvent(models.Model):
    """One step in a request's history. Written by the services only, never changed."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Mottatt")
        SUGGESTION_SENT = "suggestion_sent", _("Forslag sendt")
        AUTO_SUGGESTION_SENT = "auto_suggestion", _("Forslag sendt automatisk")
        QUESTION_SENT = "question_sent", _("Spørsmål sendt")
        CLOSED = "closed", _("Lukket")
        BOOKED = "booked", _("Time bestilt")
        DOCTOR_DECISION = "doctor_decision", _("Legevurdering")
        # Only migration 0002 writes it: a flagged request sent before the doctor gate existed goes back
        # to the doctor instead of staying "suggested" without a decision.
        HELD_FOR_DOCTOR = "held_for_doctor", _("Tilbake til legevurdering")

    request = models.ForeignKey(MatchRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    kind = models.CharField(_("hendelse"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utført av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(
        _("fra status"), max_length=16, choices=MatchRequest.Status.choices, blank=True
    )
    to_status = models.CharField(_("til status"), max_length=16, choices=MatchRequest.Status.choices)
    therapist = models.ForeignKey(
        "therapists.Therapist",
        verbose_name=_("terapeut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the coordinator wrote: the note on a pick, the question asked, the reason for closing.
    note = models.TextField(_("notat"), blank=True)
    reason = models.CharField(_("årsak"), max_length=20, choices=CloseReason.choices, blank=True)
    # On a DOCTOR_DECISION event: what the doctor decided (the note holds why).
    doctor_decision = models.CharField(
        _("legens vurdering"), max_length=12, choices=DoctorDecision.choices, blank=True
    )

    class Meta:
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.at):%d.%m.%Y %H:%M}"
