from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "forlop.scheduling"
    label = "scheduling"
