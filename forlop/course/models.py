"""The free email course "5 vanlige tegn på rusmisbruk": its lessons, who signed up, and what was sent.

Data minimisation: an enrollment holds an email address, an optional first name and who the course is for,
nothing else. Unconfirmed sign-ups and finished courses lose the address, the name and the link token
(`anonymise`), keeping only dates and counts for the figures page; the keyed email hash that lets a later
match request or booking be counted as a conversion goes after COURSE_CONVERSION_DAYS.
"""

from datetime import date, datetime, time

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.lib.timezones import OSLO

from .schedule import LESSON_COUNT


class Audience(models.TextChoices):
    SELF = "self", _("Meg selv")
    RELATIVE = "relative", _("En jeg er glad i")


class LessonQuerySet(models.QuerySet["Lesson"]):
    def for_audience(self, audience: str) -> "LessonQuerySet":
        return self.filter(audience=audience).order_by("number")


class Lesson(models.Model):
    """One lesson in one version. There are exactly ten: five numbers times two audiences."""

    number = models.PositiveSmallIntegerField(_("leksjon"))
    audience = models.CharField(_("versjon"), max_length=10, choices=Audience.choices)
    title = models.CharField(
        _("tittel"), max_length=120, help_text=_("Vises i oversikten på kurssiden og øverst i e-posten.")
    )
    subject = models.CharField(
        _("emnefelt"),
        max_length=150,
        help_text=_("Emnefeltet i e-posten. Skriv det slik at det tåler å bli sett av andre i innboksen."),
    )
    body = models.TextField(
        _("tekst (Markdown)"),
        help_text=_(
            "300–600 ord, ett tydelig neste steg til slutt. Lenker til egne sider kan skrives som "
            "/finn-terapeut/; de blir fullstendige adresser i e-posten. Ingen bilder."
        ),
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("kursleksjon")
        verbose_name_plural = _("kursleksjoner")
        ordering = ["audience", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "audience"], name="course_one_lesson_per_version"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=LESSON_COUNT), name="course_lesson_number_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title} ({self.get_audience_display()})"


class EnrollmentQuerySet(models.QuerySet["Enrollment"]):
    def running(self) -> "EnrollmentQuerySet":
        return self.filter(status__in=Enrollment.RUNNING)

    def active(self) -> "EnrollmentQuerySet":
        return self.filter(status=Enrollment.Status.ACTIVE)

    def unconfirmed_since_before(self, cutoff: datetime) -> "EnrollmentQuerySet":
        return self.filter(status=Enrollment.Status.PENDING, created_at__lt=cutoff)

    def ended_before(self, cutoff: datetime) -> "EnrollmentQuerySet":
        return self.filter(ended_at__lt=cutoff)

    def figures(self, *, since: datetime) -> dict[str, int]:
        """Counts for the staff page, all time and since `since`, in one query. "x_recent" counts by the
        date of the event itself (confirmed, ended, converted), not by the date of sign-up."""
        completed = Q(status=Enrollment.Status.COMPLETED)
        unsubscribed = Q(status=Enrollment.Status.UNSUBSCRIBED)
        events = {
            "signups": Q(),
            "confirmed": Q(confirmed_at__isnull=False),
            "completed": completed,
            "unsubscribed": unsubscribed,
            "matched": Q(matched_at__isnull=False),
            "first_talks": Q(first_talk_at__isnull=False),
        }
        recent = {
            "signups": Q(created_at__gte=since),
            "confirmed": Q(confirmed_at__gte=since),
            "completed": completed & Q(ended_at__gte=since),
            "unsubscribed": unsubscribed & Q(ended_at__gte=since),
            "matched": Q(matched_at__gte=since),
            "first_talks": Q(first_talk_at__gte=since),
        }
        counts = {name: Count("pk", filter=condition) for name, condition in events.items()}
        counts |= {f"{name}_recent": Count("pk", filter=condition) for name, condition in recent.items()}
        return self.aggregate(**counts)


class Enrollment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Venter på bekreftelse")
        ACTIVE = "active", _("Får leksjoner")
        COMPLETED = "completed", _("Fullført")
        UNSUBSCRIBED = "unsubscribed", _("Meldt av")
        EXPIRED = "expired", _("Ikke bekreftet")

    RUNNING = (Status.PENDING, Status.ACTIVE)

    email = models.EmailField(_("e-post"), blank=True)  # lower-case; "" once anonymised
    first_name = models.CharField(_("fornavn"), max_length=60, blank=True)
    audience = models.CharField(_("hvem kurset er for"), max_length=10, choices=Audience.choices)
    # The person who signed up (forlop.people); cleared with the address when the enrollment is anonymised.
    # PROTECT: anonymising or deleting an enrollment never touches the person; a person is removed only once
    # nothing points at them.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="course_enrollments",
    )
    # Keyed hash of the address (services.email_hash): lets a later match request or booking be counted
    # without keeping the address or pointing at the request.
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # One random token for the confirm and unsubscribe links; "" once anonymised, so old links stop working.
    token = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    consent_at = models.DateTimeField(_("samtykke gitt"))
    created_at = models.DateTimeField(_("påmeldt"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bekreftet"), null=True, blank=True, db_index=True)
    ended_at = models.DateTimeField(_("avsluttet"), null=True, blank=True, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Set by services.record_conversion when the same address later sends a match request or books a first
    # talk: only that it happened, never which request.
    matched_at = models.DateTimeField(null=True, blank=True)
    first_talk_at = models.DateTimeField(null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("kursdeltaker")
        verbose_name_plural = _("kursdeltakere")
        ordering = ["-created_at"]
        constraints = [
            # The same address is never enrolled twice at once; after it ends, a new sign-up starts over.
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(status__in=["pending", "active"]),
                name="course_one_running_enrollment_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["pending", "active"]) | (~Q(email="") & ~Q(token="")),
                name="course_running_enrollment_has_email_and_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({timezone.localtime(self.created_at):%d.%m.%Y})"


class LessonDeliveryQuerySet(models.QuerySet["LessonDelivery"]):
    def per_local_day(self, *, since_day: date) -> dict[date, int]:
        """Lessons sent on each Oslo date from `since_day` on (days without any are missing)."""
        rows = (
            self.filter(sent_at__gte=datetime.combine(since_day, time.min, tzinfo=OSLO))
            .annotate(day=TruncDate("sent_at", tzinfo=OSLO))
            .values("day")
            .annotate(sent=Count("pk"))
            .order_by()
        )
        return {row["day"]: row["sent"] for row in rows}

    def totals(self, *, since: datetime) -> dict[str, int]:
        return self.aggregate(total=Count("pk"), recent=Count("pk", filter=Q(sent_at__gte=since)))


class LessonDelivery(models.Model):
    """A lesson queued for one enrollment. The unique pair is what makes sending exactly-once."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="deliveries")
    number = models.PositiveSmallIntegerField(_("leksjon"))
    sent_at = models.DateTimeField(_("sendt"), db_index=True)
    # The queued email, while the outbox keeps it (it purges sent mail after 90 days).
    message = models.ForeignKey(
        "outbox.OutboxMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LessonDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("sendt leksjon")
        verbose_name_plural = _("sendte leksjoner")
        ordering = ["enrollment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "number"], name="course_each_lesson_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({timezone.localtime(self.sent_at):%d.%m.%Y %H:%M})"
