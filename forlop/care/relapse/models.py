"""The relapse-prevention plan (tilbakefallsplan): written together in session, in the person's own words.

Every save is a new `PlanVersion` (who, when, all five sections), so the history shows how the plan grew; the
person sees the latest. Versions are never changed or deleted once written (refused in `save`/`delete`)."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.care.models import Course
from forlop.people.models import Person


@dataclass(frozen=True)
class Contact:
    """Someone the person calls: a name and a phone number, with a tel: link."""

    name: str
    phone: str

    @property
    def tel(self) -> str:
        return "tel:" + self.phone.replace(" ", "")


class RelapsePlan(models.Model):
    course = models.OneToOneField(
        Course, verbose_name=_("forløp"), on_delete=models.CASCADE, related_name="relapse_plan"
    )
    created_at = models.DateTimeField(_("laget"))

    class Meta:
        verbose_name = _("tilbakefallsplan")
        verbose_name_plural = _("tilbakefallsplaner")

    def __str__(self) -> str:
        return f"Tilbakefallsplan {self.pk}"

    def access_log_subject(self) -> Person:
        return self.course.person


class PlanVersion(models.Model):
    plan = models.ForeignKey(
        RelapsePlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versjon"))
    at = models.DateTimeField(_("lagret"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lagret av"), on_delete=models.PROTECT, related_name="+"
    )
    by_person = models.BooleanField(_("skrevet av personen selv"), default=False)
    warning_signs = models.TextField(_("varselsignaler"), blank=True)
    triggers = models.TextField(_("utløsere"), blank=True)
    actions = models.TextField(_("det jeg gjør"), blank=True)
    contacts = models.JSONField(_("folk jeg ringer"), default=list, blank=True)  # [{"name", "phone"}]
    reasons = models.TextField(_("grunnene mine"), blank=True)

    class Meta:
        verbose_name = _("versjon av tilbakefallsplan")
        verbose_name_plural = _("versjoner av tilbakefallsplan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="care_relapse_one_version_number")
        ]
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Tilbakefallsplan {self.plan_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("a saved version of a relapse plan is never changed; save a new version")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("versions of a relapse plan are kept")

    def access_log_subject(self) -> Person:
        return self.plan.course.person

    @property
    def contact_list(self) -> list[Contact]:
        return [Contact(c.get("name", ""), c.get("phone", "")) for c in self.contacts]
