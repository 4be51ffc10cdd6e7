from typing import ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, TimestampMixin


class Role(models.TextChoices):
    """The one list of roles an account may hold; every app imports it from here (who may do what with them
    is `forlop.audit.policy`). DOCTOR is a permission (medical review, the doctor's gate); whether a therapist
    profile is a physician is a fact about its profession (`Therapist.is_physician`), not this."""

    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Koordinator")
    THERAPIST = "therapist", _("Terapeut")
    DOCTOR = "doctor", _("Lege")
    CLIENT = "client", _("Klient")


# Every role that makes an account a staff account (is_staff).
STAFF_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.THERAPIST, Role.DOCTOR})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("E-postadresse mangler.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_admin", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def staff(self):
        return self.filter(is_active=True, is_staff=True)


class User(AbstractBaseUser, PermissionsMixin):  # type: ignore[django-manager-missing]  # django-otp devices
    """An account keyed by email. One person may hold several staff roles."""

    email = models.EmailField(_("e-post"), unique=True)
    full_name = models.CharField(_("fullt navn"), max_length=150, blank=True)
    is_admin = models.BooleanField(_("administrator"), default=False)
    is_coordinator = models.BooleanField(_("koordinator"), default=False)
    is_therapist = models.BooleanField(_("terapeut"), default=False)
    is_doctor = models.BooleanField(_("lege"), default=False)
    is_client = models.BooleanField(_("klient"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    # Derived in save(): true when the account holds any staff role. Django admin reads it.
    is_staff = models.BooleanField(_("ansatt"), default=False, editable=False)
    is_demo = models.BooleanField(_("demokonto"), default=False, editable=False)
    date_joined = models.DateTimeField(_("opprettet"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # A client account is never a staff account (forlop.accounts.clients): one or the other.
            models.CheckConstraint(
                condition=~(models.Q(is_client=True) & models.Q(is_staff=True)),
                name="accounts_user_client_or_staff",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        self.is_staff = bool(self.roles & STAFF_ROLES)
        super().save(*args, **kwargs)

    @property
    def roles(self) -> set[Role]:
        flags = {
            Role.ADMIN: self.is_admin,
            Role.COORDINATOR: self.is_coordinator,
            Role.THERAPIST: self.is_therapist,
            Role.DOCTOR: self.is_doctor,
            Role.CLIENT: self.is_client,
        }
        return {role for role, held in flags.items() if held}

    def has_role(self, *roles: Role | str) -> bool:
        return bool(self.roles & {Role(r) for r in roles})

    def has_perm(self, perm: str, obj=None) -> bool:
        # The admin role is the practice owner: everything in Django admin, like a superuser.
        if self.is_active and self.is_admin:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        if self.is_active and self.is_admin:
            return True
        return super().has_module_perms(app_label)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class WebAuthnCredential(TimestampMixin, Device):
    """A passkey or security key. A django-otp device, so `otp_login` and `user.is_verified()` treat a
    passkey ceremony like any other second factor; it has no typed token, so `verify_token` is always
    False."""

    credential_id = models.CharField(_("nøkkel-ID"), max_length=1400, unique=True)  # base64url
    public_key = models.BinaryField(_("offentlig nøkkel"))
    sign_count = models.PositiveBigIntegerField(_("bruksteller"), default=0)
    transports = models.JSONField(_("overføringer"), default=list, blank=True)
    backed_up = models.BooleanField(_("synkronisert passnøkkel"), default=False)

    class Meta(Device.Meta):
        verbose_name = _("passnøkkel")
        verbose_name_plural = _("passnøkler")

    def verify_token(self, token) -> bool:
        return False


class IdPortenLogin(Device):
    """Marks a Min side session as verified by ID-porten (level idporten-loa-high is itself two-factor), so
    `user.is_verified()` holds as after a code or passkey. One per client who has used ID-porten; it takes
    no typed token. Not a factor for the password login: `needs_enrolment` does not count it."""

    class Meta(Device.Meta):
        verbose_name = _("ID-porten-innlogging")
        verbose_name_plural = _("ID-porten-innlogginger")

    def verify_token(self, token) -> bool:
        return False


class LoginEvent(models.Model):
    """Every login attempt, successful or not: for the owner's own overview and for spotting attacks.
    Holds no password and no plain address: the IP is a keyed hash, the browser a short description."""

    class Outcome(models.TextChoices):
        PASSWORD_OK = "password_ok", _("Passord godtatt, venter på andre faktor")
        VERIFIED = "verified", _("Innlogget med andre faktor")
        FAILED = "failed", _("Feil e-post eller passord")
        LOCKED = "locked", _("Stengt etter for mange forsøk")
        FACTOR_FAILED = "factor_failed", _("Feil engangskode eller passnøkkel")

    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    email_tried = models.CharField(_("e-post oppgitt"), max_length=254)
    user = models.ForeignKey(
        User, verbose_name=_("bruker"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip_hash = models.CharField(_("adresse (hash)"), max_length=64)
    user_agent = models.CharField(_("nettleser"), max_length=100, blank=True)
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)

    class Meta:
        verbose_name = _("innloggingsforsøk")
        verbose_name_plural = _("innloggingsforsøk")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email_tried} {self.outcome}"


class UserSession(models.Model):
    """Which sessions belong to whom, so logout, password change and deactivation can end them on the
    server (deleting the session row), not just forget the browser's cookie."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("økt")
        verbose_name_plural = _("økter")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.session_key[:6]}…"


class KnownDevice(models.Model):
    """A browser a staff member has logged in from before (its signed device cookie). A login from a
    browser not in this table sends the owner an email."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="known_devices")
    token_hash = models.CharField(max_length=64)
    description = models.CharField(_("nettleser"), max_length=100, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kjent enhet")
        verbose_name_plural = _("kjente enheter")
        constraints = [models.UniqueConstraint(fields=["user", "token_hash"], name="known_device_unique")]

    def __str__(self) -> str:
        return self.description or self.token_hash[:8]
