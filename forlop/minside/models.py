"""Min side: what a person asks for about their own data that staff must act on.

Layer: top (next to staff and site). Everything else Min side shows is read from the apps that hold it.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeletionRequest(models.Model):
    """A person asked for their account and data to be deleted. Recorded by
    `forlop.minside.services.request_deletion`; an administrator carries it out (what the law says must be
    kept, such as a journal, is kept) and marks it handled in the admin."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="deletion_requests",
    )
    requested_at = models.DateTimeField(_("bedt om"))
    # Who asked: the person's own account (from Min side), or a staff member on their behalf.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bedt om av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("melding fra personen"), max_length=1000, blank=True)
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)

    class Meta:
        verbose_name = _("ønske om sletting")
        verbose_name_plural = _("ønsker om sletting")
        ordering: ClassVar[list[str]] = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} ({self.requested_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.handled_at is None
