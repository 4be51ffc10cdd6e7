from typing import ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Koordinator")
    THERAPIST = "therapist", _("Terapeut")
    DOCTOR = "doctor", _("Lege")
    CLIENT = "client", _("Klient")


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


class User(AbstractBaseUser, PermissionsMixin):
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

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
