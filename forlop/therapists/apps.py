from django.apps import AppConfig


class TherapistsConfig(AppConfig):
    name = "forlop.therapists"
    label = "therapists"
    verbose_name = "Terapeuter"
