"""Run the web server (gunicorn) and the worker together; Ctrl-C stops both cleanly."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Starter nettstedet (gunicorn) og bakgrunnsarbeideren i én kommando."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))

    def handle(self, *args, bind: str, web_workers: int, **options):
        python = sys.executable
        web = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
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
            ]
        )
        worker = subprocess.Popen([python, "manage.py", "worker"])  # noqa: S603
        children = [web, worker]
        self.stdout.write(self.style.SUCCESS(f"\nForløp kjører på http://{bind}/  (Ctrl-C stopper alt)"))
        self._print_demo_logins()

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.3)
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 10
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
            self.stdout.write("Forløp er stoppet.")
        failed = [c for c in children if c.returncode not in (0, -signal.SIGTERM, None)]
        if failed and not stopping:
            sys.exit(1)

    def _print_demo_logins(self) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            return
        try:
            from forlop.accounts.demo import describe_logins
        except ImportError:
            return
        self.stdout.write(describe_logins())
