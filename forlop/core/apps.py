from django.apps import AppConfig


class CoreConfig(AppConfig):
    verbose_name = "Nettsted"
    name = "forlop.core"
    label = "core"

    def ready(self) -> None:
        from . import health

        health.autodiscover()  # each app's health.py adds its part to /healthz
