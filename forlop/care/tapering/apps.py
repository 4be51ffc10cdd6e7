from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaperingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.care.tapering"
    label = "care_tapering"
    verbose_name = _("Nedtrappingsplaner")
