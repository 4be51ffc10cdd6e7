from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "forlop.outbox"
    label = "outbox"
