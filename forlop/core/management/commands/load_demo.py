"""Load demo data: idempotent, refused in production. Each app may have a `demo.py` with `load(stdout)`."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Laster demodata (artikler, demobrukere …). Kan kjøres flere ganger uten å lage duplikater."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demodata lastes aldri i produksjon (FORLOP_ENV=production).")
        for config in apps.get_app_configs():
            if not config.name.startswith("forlop."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name == f"{config.name}.demo":
                    continue
                raise
            with transaction.atomic():
                module.load(self.stdout)
