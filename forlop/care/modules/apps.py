from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModulesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.care.modules"
    label = "care_modules"
    verbose_name = _("Moduler")
