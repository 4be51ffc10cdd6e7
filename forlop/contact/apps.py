from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "forlop.contact"
    label = "contact"

    def ready(self) -> None:
        from .reply_times import configured_hours

        configured_hours()  # a wrong PRACTICE_HOURS stops the start with a plain message, not the first visitor
