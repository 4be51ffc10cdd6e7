from django.apps import AppConfig


class CoreConfig(AppConfig):
    verbose_name = "Nettsted"
    name = "forlop.core"
    label = "core"
