from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _repair_search_index(sender, using: str, **kwargs) -> None:
    from forlop.content.fts import repair_sqlite_index

    repair_sqlite_index(connections[using])


class ContentConfig(AppConfig):
    name = "forlop.content"
    label = "content"

    def ready(self) -> None:
        post_migrate.connect(_repair_search_index, sender=self, dispatch_uid="content-repair-search-index")
