"""Run the rate-limit races against a fresh SQLite *file* database (WAL, IMMEDIATE transactions, the real
settings) in its own process, and print the results as JSON. Used by test_rate_limit_races.py.

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/race.sqlite3 python -m forlop.core.tests.rate_limit_race_script
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlop.settings")

import django  # noqa: E402

django.setup()

import time_machine  # noqa: E402
from django.core.management import call_command  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    from forlop.core.tests import rate_limit_races as races

    with time_machine.travel(races.NOW, tick=True):
        results = {name: getattr(races, name)() for name in sys.argv[1:]}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
