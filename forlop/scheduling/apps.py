from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _reinstall_version_triggers(using: str = "default", **kwargs) -> None:
    # SQLite drops a table's triggers when a migration rebuilds the table: put them back after every migrate.
    from django.db import connections

    from . import versioning

    versioning.install(connections[using])


class SchedulingConfig(AppConfig):
    name = "forlop.scheduling"
    label = "scheduling"

    def ready(self) -> None:
        post_migrate.connect(
            _reinstall_version_triggers, sender=self, dispatch_uid="scheduling-version-triggers"
        )
