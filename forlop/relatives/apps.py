from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelativesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.relatives"
    verbose_name = _("Pårørende")
