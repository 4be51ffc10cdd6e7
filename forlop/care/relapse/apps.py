from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelapseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.care.relapse"
    label = "care_relapse"
    verbose_name = _("Tilbakefallsplaner")
