"""Run the web server (gunicorn) and the worker together, restarting either if it crashes.

Ctrl-C or SIGTERM stops both cleanly. See forlop/core/supervisor.py for the restart rules; in production run
the two as separate systemd services instead (README, "Processes"). It lives in the site app, the top layer,
because it also prints the demo logins from forlop.accounts; the supervisor itself is platform (core).
"""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections

from forlop.accounts.demo import describe_logins
from forlop.core.supervisor import Child, Supervisor


class Command(BaseCommand):
    help = "Starter nettstedet (gunicorn) og bakgrunnsarbeideren i én kommando, og starter dem på nytt om de stopper."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))

    def handle(self, *args, bind: str, web_workers: int, **options):
        python = sys.executable
        web = Child(
            "web",
            [
                python,
                "-m",
                "gunicorn",
                "forlop.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(web_workers),
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
                "--no-control-socket",  # serve needs none, and several instances would share its one path
            ],
        )
        worker = Child("worker", [python, str(settings.BASE_DIR / "manage.py"), "worker"])
        self.stdout.write(self.style.SUCCESS(f"\nForløp kjører på http://{bind}/  (Ctrl-C stopper alt)"))
        self._print_demo_logins()
        connections.close_all()  # the supervisor itself needs no database
        Supervisor([web, worker]).run()
        self.stdout.write("Forløp er stoppet.")

    def _print_demo_logins(self) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            return
        self.stdout.write(describe_logins())
