from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forlop.care.assessment"
    label = "care_assessment"
    verbose_name = _("Kartlegging")
