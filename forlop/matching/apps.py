from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "forlop.matching"
    label = "matching"

    def ready(self) -> None:
        from forlop.course import conversions

        conversions.track(conversions.MATCH_REQUEST)
