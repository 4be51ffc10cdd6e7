from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinsideConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.minside"
    verbose_name = _("Min side")
