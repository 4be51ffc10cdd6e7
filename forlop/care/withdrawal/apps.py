from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WithdrawalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.care.withdrawal"
    label = "care_withdrawal"
    verbose_name = _("Abstinensskårer")
