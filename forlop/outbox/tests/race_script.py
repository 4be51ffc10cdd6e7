"""Run the worker races against a fresh SQLite *file* database (WAL, IMMEDIATE transactions, busy timeout:
the real settings) in its own process, and print the results as JSON. Used by test_races.py.

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/race.sqlite3 python -m forlop.outbox.tests.race_script
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlop.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    from forlop.outbox.tests import races
    from forlop.outbox.tests.conftest import SmtpServer, free_port, smtp_mailer

    server = SmtpServer(port=free_port())
    server.start()
    settings.MAILERS = smtp_mailer(server.port)
    try:
        results = {
            "claims": races.claim_race(),
            "control": races.naive_claim_race(),
            "delivery": races.delivery_race(),
            "jobs": races.job_race(),
            "received": sorted(r.recipients[0] for r in server.received),
        }
    finally:
        server.stop()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
