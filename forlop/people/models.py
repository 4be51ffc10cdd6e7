"""The person at the centre: a client or help-seeker, whatever they did first (booked, asked to be matched,
sent an enquiry, signed up for the email course).

A person is known by their normalised email address and nothing else: two rows with the same name are never
merged. The name is the one they gave last. Layer 2 ("people", next to accounts): the apps that hold what a
person sent point here, and the access log names the person whose data was read.

Why an app of its own rather than a model in accounts: a person exists without an account (almost everyone
today), accounts is about logging in; the optional link to a User is for the client accounts that come later.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    # Normalised (forlop.lib.emails.normalise_email). "" for someone who left only a phone number (an
    # enquiry): such a person is never found again by address, so each of those enquiries has its own person.
    email = models.EmailField(_("e-post"), blank=True)
    name = models.CharField(
        _("navn"), max_length=120, blank=True, help_text=_("Slik personen skrev det sist.")
    )
    created_at = models.DateTimeField(_("opprettet"))
    # For the client accounts that come later. PROTECT: an account is closed by deactivating it, and what it
    # did stays tied to the person.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brukerkonto"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person",
    )
    # The national identity number ID-porten sends as `pid`, once the person has linked it to their account
    # (forlop.accounts.idporten). Unique: one person per pid. Null, not "", so that unlinked rows never clash.
    idporten_pid = models.CharField(
        _("fødselsnummer fra ID-porten"), max_length=11, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # One person per address; the service's get-or-create relies on it when two forms arrive at once.
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="people_one_person_per_email"
            ),
        ]

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email or f"#{self.pk}"
