"""Run the scheduler races against a fresh SQLite *file* database (WAL, IMMEDIATE transactions, the real
settings) in its own process, and print the results as JSON. Used by test_races.py.

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/race.sqlite3 python -m forlop.course.tests.race_script
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlop.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    from forlop.course.tests import races

    races.setup_world()
    results = {"schedulers": races.schedulers_at_once(), "control": races.naive_without_guard()}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
