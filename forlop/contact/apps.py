from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "forlop.contact"
    label = "contact"
