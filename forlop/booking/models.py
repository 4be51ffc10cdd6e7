"""Consultation types, prices and bookings.

No double booking is guaranteed by the database, not only by Python: a booking occupies
[start_at, blocked_until) where blocked_until = end + the type's buffer, and no two *active* rows of one
therapist may overlap. On PostgreSQL that is an exclusion constraint (btree_gist), on SQLite a trigger that
aborts the insert or update; both are installed by migration 0002 (see `guard.py`). Holds are active too:
an expired hold is flipped to EXPIRED by the booking service, in the same transaction, before it writes.
"""

import hashlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.lib.money import format_nok
from forlop.therapists.models import Therapist


def token_hash(token: str) -> str:
    """Tokens are stored as SHA-256 hashes: a leaked database does not leak working links."""
    return hashlib.sha256(token.encode()).hexdigest()


class ConsultationTypeQuerySet(models.QuerySet["ConsultationType"]):
    def active(self) -> "ConsultationTypeQuerySet":
        return self.filter(active=True)

    def offered_by(self, therapist: Therapist) -> "ConsultationTypeQuerySet":
        qs = self.active().filter(therapists=therapist)
        if not therapist.is_physician:
            qs = qs.filter(doctors_only=False)
        if not therapist.accepting_new_clients:
            # "Tar ikke imot nye klienter nå": no first talk, no other type meant for someone new.
            qs = qs.filter(for_new_clients=False)
        return qs.order_by("position", "pk")


class ConsultationType(models.Model):
    class Mode(models.TextChoices):
        VIDEO = "video", _("Video")
        IN_PERSON = "in_person", _("Oppmøte")

    name = models.CharField(_("navn"), max_length=80)
    slug = models.SlugField(_("adresse (slug)"), max_length=60, unique=True)
    description = models.CharField(_("kort beskrivelse"), max_length=240, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("varighet (minutter)"), validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(
        _("pause etter (minutter)"), default=0, validators=[MaxValueValidator(120)]
    )
    price_ore = models.PositiveIntegerField(
        _("pris fra (øre)"),
        default=0,
        help_text=_(
            "Laveste pris i øre (49500 = 495 kr). 0 betyr gratis. Terapeuter kan sette en høyere pris."
        ),
    )
    mode = models.CharField(_("møteform"), max_length=10, choices=Mode.choices, default=Mode.VIDEO)
    doctors_only = models.BooleanField(_("bare for leger"), default=False)
    # A public booking cannot tell a new client from an existing one, so the *type* says who it is for: the
    # first talk is how someone new starts; a consultation ("med terapeuten din") is how a client goes on.
    for_new_clients = models.BooleanField(
        _("for nye klienter"),
        default=False,
        help_text=_(
            "Kryss av for typer som er for nye klienter, som førstesamtalen. Terapeuter som ikke tar imot "
            "nye klienter, tilbyr dem ikke."
        ),
    )
    therapists = models.ManyToManyField(
        Therapist, verbose_name=_("terapeuter som tilbyr den"), related_name="consultation_types", blank=True
    )
    active = models.BooleanField(_("kan bestilles"), default=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    objects = ConsultationTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("konsultasjonstype")
        verbose_name_plural = _("konsultasjonstyper")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gte=5), name="ctype_duration_min"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_video(self) -> bool:
        return self.mode == self.Mode.VIDEO

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_after_minutes)

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


class TherapistPrice(models.Model):
    """A therapist's own price for a type, at or above the type's floor."""

    therapist = models.ForeignKey(Therapist, verbose_name=_("terapeut"), on_delete=models.CASCADE)
    consultation_type = models.ForeignKey(
        ConsultationType, verbose_name=_("konsultasjonstype"), on_delete=models.CASCADE, related_name="prices"
    )
    price_ore = models.PositiveIntegerField(_("pris (øre)"))

    class Meta:
        verbose_name = _("terapeutens pris")
        verbose_name_plural = _("terapeutenes priser")
        constraints = [
            models.UniqueConstraint(fields=["therapist", "consultation_type"], name="therapistprice_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.therapist} – {self.consultation_type}: {format_nok(self.price_ore)}"

    def clean(self) -> None:
        super().clean()
        if self.consultation_type_id and self.price_ore is not None:
            floor = self.consultation_type.price_ore
            if self.price_ore < floor:
                raise ValidationError(
                    {
                        "price_ore": _("Prisen kan ikke være lavere enn %(floor)s.")
                        % {"floor": format_nok(floor)}
                    }
                )


def price_for(consultation_type: ConsultationType, prices: dict[int, int]) -> int:
    """The therapist's price for a type (from {type id: øre}), never below the floor."""
    return max(consultation_type.price_ore, prices.get(consultation_type.pk, 0))


class BookingQuerySet(models.QuerySet["Booking"]):
    def active(self) -> "BookingQuerySet":
        return self.filter(status__in=Booking.ACTIVE)

    def occupying(self, *, now) -> "BookingQuerySet":
        """Rows that make time busy right now: active, and holds only while they last."""
        return self.active().exclude(status=Booking.Status.HELD, hold_expires_at__lte=now)

    def by_manage_token(self, token: str) -> "BookingQuerySet":
        return self.filter(manage_token_hash=token_hash(token))

    def by_checkout_token(self, token: str) -> "BookingQuerySet":
        return self.filter(checkout_token_hash=token_hash(token))


class Booking(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("Reservert (ikke bekreftet)")
        CONFIRMED = "confirmed", _("Bekreftet")
        CANCELLED = "cancelled", _("Avbestilt")
        LATE_CANCELLED = "late_cancelled", _("Avbestilt for sent")
        HELD_DONE = "held_done", _("Gjennomført")
        NO_SHOW = "no_show", _("Ikke møtt")
        EXPIRED = "expired", _("Reservasjonen gikk ut")

    # Time these rows occupy. A consultation that took place (or was missed) keeps its time.
    ACTIVE = (Status.HELD, Status.CONFIRMED, Status.HELD_DONE, Status.NO_SHOW)
    CANCELLED_STATUSES = (Status.CANCELLED, Status.LATE_CANCELLED)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    therapist = models.ForeignKey(
        Therapist, verbose_name=_("terapeut"), on_delete=models.PROTECT, related_name="bookings"
    )
    consultation_type = models.ForeignKey(
        ConsultationType, verbose_name=_("konsultasjonstype"), on_delete=models.PROTECT, related_name="+"
    )
    start_at = models.DateTimeField(_("starter"))
    end_at = models.DateTimeField(_("slutter"))
    blocked_until = models.DateTimeField(_("opptatt til"), help_text=_("Slutt pluss pause etter timen."))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.HELD)
    hold_expires_at = models.DateTimeField(_("reservasjonen gjelder til"), null=True, blank=True)
    price_ore = models.PositiveIntegerField(_("pris (øre)"), default=0)

    client_name = models.CharField(_("navn"), max_length=120, blank=True)
    client_email = models.EmailField(_("e-post"), blank=True)
    client_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    # The person who booked (forlop.people). Null for rows from before persons existed that had no address, and for holds not yet confirmed.
    # PROTECT: deleting this row (retention) never touches the person; a person is removed only once nothing
    # points at them, so a booking or a request can never silently lose whose it is.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    note = models.TextField(_("melding til terapeuten"), max_length=1000, blank=True)
    consent_at = models.DateTimeField(_("samtykke gitt"), null=True, blank=True)

    checkout_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    manage_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # The manage link is an HMAC of this salt (see tokens.py), so emails sent later (reminders, moves) can
    # carry it again although only its hash is stored. A new salt revokes the old link.
    manage_salt = models.CharField(max_length=32, blank=True, editable=False)
    video_room = models.CharField(max_length=64, blank=True, editable=False)
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)
    idempotency_key = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    reminder_sent_for_start = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("opprettet"))
    confirmed_at = models.DateTimeField(_("bekreftet"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("avbestilt"), null=True, blank=True)
    cancel_reason = models.CharField(_("årsak til avbestilling"), max_length=300, blank=True)
    cancelled_by_practice = models.BooleanField(default=False)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("bestilling")
        verbose_name_plural = _("bestillinger")
        ordering = ["start_at", "pk"]
        indexes = [
            models.Index(fields=["therapist", "start_at"]),
            models.Index(fields=["status", "start_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_at__gt=models.F("start_at")), name="booking_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(blocked_until__gte=models.F("end_at")), name="booking_blocked_after_end"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="held") | models.Q(hold_expires_at__isnull=False),
                name="booking_hold_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_type} {self.start_at:%Y-%m-%d %H:%M} UTC ({self.get_status_display()})"

    def access_log_subject(self):
        from forlop.audit.services import Ref

        return Ref("booking.client", self.client_email, self.client_name)

    @property
    def video_url(self) -> str:
        return settings.VIDEO_BASE_URL + self.video_room if self.video_room else ""

    @property
    def is_cancelled(self) -> bool:
        return self.status in self.CANCELLED_STATUSES

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED


class CalendarFeed(models.Model):
    """A therapist's private iCalendar subscription. The URL's token is an HMAC of `salt` (see tokens.py):
    only its hash is stored and looked up, and a new salt ("Lag ny lenke") revokes the old URL."""

    therapist = models.OneToOneField(
        Therapist, verbose_name=_("terapeut"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    salt = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("opprettet"))

    class Meta:
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnementer")

    def __str__(self) -> str:
        return str(self.therapist)
