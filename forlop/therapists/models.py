"""Therapist profiles: who they are, what they work with, how they meet clients.

Multi-valued facts (focus areas, methods, languages, meeting modes) are small lookup tables joined through
many-to-many relations, seeded by a data migration with exactly the keys of `forlop.therapists.vocabulary`.
Why tables and not a JSON list: filtering "works with alcohol" must behave the same on SQLite and
PostgreSQL. JSON containment (`__contains`) does not exist on SQLite, and `has_key` means different things
for a JSON array on the two backends, whereas a join is a join everywhere. The tables also refuse unknown
keys (a foreign key), give the admin proper widgets, and `prefetch_related` keeps every page at a fixed
number of queries. The cost is a data migration when the vocabulary grows; a test compares the
tables with the vocabulary so that cannot be forgotten.

Publishing: the admin publishes a profile. A therapist's own edits to a *published* profile do not go live
at once: the public text and picture stay as approved, and the proposed values wait in `pending_changes`
until the admin publishes again. Only the availability fields (taking new clients, new clients per week) go
live immediately, because a directory that still says "tar imot nye klienter" after someone is full
would mislead people. See `services.save_own_profile` and `services.publish`.
"""

import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Length, Replace
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forlop.therapists import vocabulary


def _capitalised(label: object) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


class Vocabulary(models.Model):
    """A key from `vocabulary.py`. Labels come from there (translated), not the row."""

    LABELS: Mapping[str, object] = {}

    key = models.CharField(_("nøkkel"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _capitalised(self.LABELS.get(self.key, self.key))

    @property
    def label_lower(self) -> str:
        return str(self.LABELS.get(self.key, self.key))


class FocusArea(Vocabulary):
    """A substance or behaviour (vocabulary.SUBSTANCES) or a theme (vocabulary.THEMES)."""

    class Kind(models.TextChoices):
        SUBSTANCE = "substance", _("Rusmiddel eller avhengighet")
        THEME = "theme", _("Tema")

    LABELS = {**vocabulary.SUBSTANCES, **vocabulary.THEMES}

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)

    class Meta(Vocabulary.Meta):
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområder")


class Method(Vocabulary):
    LABELS = vocabulary.METHODS

    class Meta(Vocabulary.Meta):
        verbose_name = _("metode")
        verbose_name_plural = _("metoder")


class Language(Vocabulary):
    """`key` is the vocabulary's language code (ISO 639-1 style)."""

    LABELS = vocabulary.LANGUAGES

    class Meta(Vocabulary.Meta):
        verbose_name = _("språk")
        verbose_name_plural = _("språk")


class MeetingMode(Vocabulary):
    LABELS = vocabulary.MEETING_MODES

    class Meta(Vocabulary.Meta):
        verbose_name = _("møteform")
        verbose_name_plural = _("møteformer")


class Profession(models.TextChoices):
    PSYKOLOG = "psykolog", _("Psykolog")
    PSYKOLOGSPESIALIST = "psykologspesialist", _("Psykologspesialist")
    LEGE = "lege", _("Lege")
    RUSMEDISIN = "rusmedisin", _("Lege, spesialist i rus- og avhengighetsmedisin")
    PSYKIATER = "psykiater", _("Psykiater")
    KLINISK_SOSIONOM = "klinisk_sosionom", _("Klinisk sosionom")
    SYKEPLEIER = "sykepleier", _("Sykepleier")
    SERTIFISERT_TERAPEUT = "sertifisert_terapeut", _("Sertifisert terapeut (ikke autorisert helsepersonell)")


# Professions with authorisation under helsepersonelloven § 48, and so a number in Helsepersonellregisteret
# (HPR). Sosionom is not among them (klinisk sosionom is a specialist approval from FO), nor is a certified
# therapist: for those an HPR number is optional.
AUTHORIZED_PROFESSIONS = frozenset(
    {
        Profession.PSYKOLOG,
        Profession.PSYKOLOGSPESIALIST,
        Profession.LEGE,
        Profession.RUSMEDISIN,
        Profession.PSYKIATER,
        Profession.SYKEPLEIER,
    }
)

# Physicians (lege): a fact about a profile's profession, which doctors-only consultation types need. Not the
# same as the "doctor" role of a staff account (forlop.accounts.models.Role.DOCTOR), which is a permission.
PHYSICIAN_PROFESSIONS = frozenset({Profession.LEGE, Profession.RUSMEDISIN, Profession.PSYKIATER})


# Titles that only authorised health personnel may use (helsepersonelloven § 74), and the professions that
# may use each. A free-text profile title that claims one must match the profile's profession.
PROTECTED_TITLES: dict[str, frozenset[str]] = {
    "psykologspesialist": frozenset({Profession.PSYKOLOGSPESIALIST}),
    "psykolog": frozenset({Profession.PSYKOLOG, Profession.PSYKOLOGSPESIALIST}),
    "psykiater": frozenset({Profession.PSYKIATER}),
    "lege": frozenset({Profession.LEGE, Profession.RUSMEDISIN, Profession.PSYKIATER}),
    "sykepleier": frozenset({Profession.SYKEPLEIER}),
}
_PROTECTED_TITLE_RE = re.compile(r"(?<!\w)(" + "|".join(PROTECTED_TITLES) + r")(?!\w)", re.IGNORECASE)


def protected_title_in(title: str) -> str | None:
    """The first protected title a free-text title claims ("Psykolog med fordypning …" → "psykolog")."""
    match = _PROTECTED_TITLE_RE.search(title or "")
    return match.group(1).casefold() if match else None


GENDER_CHOICES = [(key, _capitalised(label)) for key, label in vocabulary.GENDERS.items()]

HPR_REQUIRED_MESSAGE = _("HPR-nummer må fylles ut for autorisert helsepersonell.")
hpr_validator = RegexValidator(
    r"^[0-9]{7,9}$", _("HPR-nummeret skal bare inneholde sifre, og være 7 til 9 sifre langt.")
)

MAX_NEW_CLIENTS_PER_WEEK = 40


def _without_digits(expression: Any) -> Any:
    # Portable "only digits": remove every digit and see whether anything is left. A regex lookup would
    # need Django's REGEXP function inside an SQLite CHECK, which breaks any other client of the database.
    for digit in "0123456789":
        expression = Replace(expression, models.Value(digit), models.Value(""))
    return expression


def photo_path(instance: "Therapist", filename: str) -> str:
    """A random name: the file name people uploaded never reaches disk or URLs."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"therapists/{secrets.token_urlsafe(16)}.{suffix}"


class TherapistQuerySet(models.QuerySet["Therapist"]):
    def published(self) -> "TherapistQuerySet":
        return self.filter(status=Therapist.Status.PUBLISHED)

    def for_directory(self) -> "TherapistQuerySet":
        return (
            self.published()
            .prefetch_related("focus_areas", "languages", "meeting_modes")
            .order_by("name", "pk")
        )

    def for_profile_page(self) -> "TherapistQuerySet":
        return self.published().prefetch_related("focus_areas", "methods", "languages", "meeting_modes")

    def with_everything(self) -> "TherapistQuerySet":
        return self.prefetch_related("focus_areas", "methods", "languages", "meeting_modes")

    def filter_directory(
        self,
        *,
        focus: str | None = None,
        method: str | None = None,
        language: str | None = None,
        gender: str | None = None,
        meeting_mode: str | None = None,
    ) -> "TherapistQuerySet":
        """Each given filter must hold (AND). One key per relation, so each join matches at most one row
        per therapist and no DISTINCT is needed."""
        qs = self
        if focus:
            qs = qs.filter(focus_areas__key=focus)
        if method:
            qs = qs.filter(methods__key=method)
        if language:
            qs = qs.filter(languages__key=language)
        if gender:
            qs = qs.filter(gender=gender)
        if meeting_mode:
            qs = qs.filter(meeting_modes__key=meeting_mode)
        return qs


class Therapist(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        REVIEW = "review", _("Til godkjenning")
        PUBLISHED = "published", _("Publisert")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brukerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="therapist_profile",
        limit_choices_to=models.Q(is_therapist=True) | models.Q(is_doctor=True),
    )
    name = models.CharField(_("navn"), max_length=120)
    slug = models.SlugField(_("adresse (slug)"), max_length=80, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    photo = models.ImageField(_("portrett"), upload_to=photo_path, blank=True, max_length=200)
    title = models.CharField(
        _("tittel"),
        max_length=120,
        blank=True,
        help_text=_("Slik du vil presentere deg, for eksempel «Psykolog med fordypning i rus og traumer»."),
    )
    profession = models.CharField(_("profesjon"), max_length=30, choices=Profession.choices)
    hpr_number = models.CharField(
        _("HPR-nummer"),
        max_length=9,
        blank=True,
        validators=[hpr_validator],
        help_text=_(
            "Nummeret i Helsepersonellregisteret, 7 til 9 sifre. Må fylles ut for autorisert helsepersonell."
        ),
    )
    bio_short = models.CharField(
        _("kort presentasjon"),
        max_length=300,
        help_text=_("Én eller to setninger som vises i oversikten over terapeuter."),
    )
    bio_long = models.TextField(
        _("om meg"),
        help_text=_("Vises på profilsiden din. Skriv vanlig tekst; en tom linje gir nytt avsnitt."),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("fokusområder"), related_name="therapists", blank=True
    )
    methods = models.ManyToManyField(Method, verbose_name=_("metoder"), related_name="therapists", blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("språk"), related_name="therapists")
    gender = models.CharField(_("kjønn"), max_length=10, choices=GENDER_CHOICES, blank=True)
    meeting_modes = models.ManyToManyField(
        MeetingMode, verbose_name=_("møteformer"), related_name="therapists"
    )
    place = models.CharField(
        _("sted for oppmøte"),
        max_length=80,
        blank=True,
        help_text=_("Byen eller stedet der du tar imot klienter, for eksempel «Bergen»."),
    )
    medical_detox = models.BooleanField(_("tilbyr medisinsk støttet avrusning"), default=False)
    accepting_new_clients = models.BooleanField(_("tar imot nye klienter"), default=True)
    new_clients_per_week = models.PositiveSmallIntegerField(
        _("nye klienter per uke"),
        default=2,
        validators=[MaxValueValidator(MAX_NEW_CLIENTS_PER_WEEK)],
        help_text=_("Hvor mange nye klienter du kan ta imot i løpet av en uke."),
    )
    pending_changes = models.JSONField(
        _("endringer som venter på godkjenning"), default=dict, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("sendt til godkjenning"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("publisert"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = TherapistQuerySet.as_manager()

    class Meta:
        verbose_name = _("terapeut")
        verbose_name_plural = _("terapeuter")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hpr_number="")
                | models.Q(
                    GreaterThanOrEqual(Length("hpr_number"), 7),
                    LessThanOrEqual(Length("hpr_number"), 9),
                    Exact(_without_digits(models.F("hpr_number")), models.Value("")),
                ),
                name="therapist_hpr_7_to_9_digits",
                violation_error_message=_(
                    "HPR-nummeret skal bare inneholde sifre, og være 7 til 9 sifre langt."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(new_clients_per_week__lte=MAX_NEW_CLIENTS_PER_WEEK),
                name="therapist_new_clients_per_week_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("therapists:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.profession in AUTHORIZED_PROFESSIONS and not self.hpr_number:
            raise ValidationError({"hpr_number": HPR_REQUIRED_MESSAGE})
        claimed = protected_title_in(self.title)
        if claimed is not None and self.profession not in PROTECTED_TITLES[claimed]:
            raise ValidationError(
                {
                    "title": _(
                        "«%(title)s» er en beskyttet tittel (helsepersonelloven § 74). Bruk den bare når den "
                        "passer med profesjonen du har valgt."
                    )
                    % {"title": claimed}
                }
            )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_physician(self) -> bool:
        """Doctors-only types (e.g. medically supported detox) need a physician's profession."""
        return self.profession in PHYSICIAN_PROFESSIONS

    @property
    def is_authorized(self) -> bool:
        return self.profession in AUTHORIZED_PROFESSIONS and bool(self.hpr_number)

    @property
    def initials(self) -> str:
        parts = [part for part in self.name.replace("-", " ").split() if part[:1].isalpha()]
        if not parts:
            return "?"
        if len(parts) == 1:
            return parts[0][:1].upper()
        return (parts[0][:1] + parts[-1][:1]).upper()

    @property
    def photo_name(self) -> str:
        return (self.photo.name or "").rsplit("/", 1)[-1]

    @property
    def photo_url(self) -> str:
        return reverse("therapists:photo", kwargs={"name": self.photo_name}) if self.photo else ""

    @property
    def photo_alt(self) -> str:
        return str(_("Portrett av %(name)s")) % {"name": self.name}

    @property
    def display_title(self) -> str:
        return self.title or self.get_profession_display()

    @property
    def gender_label(self) -> str:
        return str(vocabulary.GENDERS[self.gender]) if self.gender else ""

    def focus_of_kind(self, kind: str) -> list[FocusArea]:
        return [area for area in self.focus_areas.all() if area.kind == kind]

    @property
    def substances(self) -> list[FocusArea]:
        return self.focus_of_kind(FocusArea.Kind.SUBSTANCE)

    @property
    def themes(self) -> list[FocusArea]:
        return self.focus_of_kind(FocusArea.Kind.THEME)

    @property
    def offers_in_person(self) -> bool:
        return any(mode.key == vocabulary.IN_PERSON for mode in self.meeting_modes.all())

    @property
    def bio_paragraphs(self) -> list[str]:
        """Plain-text paragraphs (blank line between); the template escapes them."""
        text = self.bio_long.replace("\r\n", "\n").strip()
        return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
