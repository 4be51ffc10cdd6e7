from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "forlop.booking"
    label = "booking"
    verbose_name = "Timebestilling"
