from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "forlop.matching"
    label = "matching"
