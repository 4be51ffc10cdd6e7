from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Pages that gather from many apps for the staff: the start page and the staff menu's counts."""

    name = "forlop.staff"
    label = "staff"
    verbose_name = "Ansattsider"
