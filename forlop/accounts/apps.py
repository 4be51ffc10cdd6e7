from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "forlop.accounts"
    label = "accounts"
    verbose_name = "Brukere og innlogging"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system check
