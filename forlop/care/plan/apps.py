from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.care.plan"
    label = "care_plan"
    verbose_name = _("Behandlingsplaner")
