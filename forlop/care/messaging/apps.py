from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.care.messaging"
    label = "care_messaging"
    verbose_name = _("Meldinger")
