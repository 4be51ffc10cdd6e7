from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "forlop.content"
    label = "content"
