from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "forlop.booking"
    label = "booking"
    verbose_name = "Timebestilling"

    def ready(self) -> None:
        from forlop.course import conversions

        conversions.track(conversions.FIRST_TALK)
