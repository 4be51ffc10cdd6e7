from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "forlop.audit"
    label = "audit"
