from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "forlop.people"
    label = "people"
    verbose_name = "Personer"
