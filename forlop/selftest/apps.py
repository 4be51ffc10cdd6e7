from django.apps import AppConfig


class SelftestConfig(AppConfig):
    name = "forlop.selftest"
    label = "selftest"
