"""Run the race scenarios against a fresh SQLite *file* database (WAL, IMMEDIATE transactions, the real
settings) in its own process, and print the results as JSON. Used by test_races.py.

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/race.sqlite3 python -m forlop.booking.tests.race_script
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
    from forlop.booking.tests import races

    races.setup_world()
    results = {
        "same_slot": races.same_slot(rounds=int(os.environ.get("RACE_ROUNDS", "5"))),
        "partial_overlap": races.partial_overlap(),
        "back_to_back": races.back_to_back(),
        "control": races.naive_without_guard(),
        "idempotency": races.same_idempotency_key(),
        "idempotency_control": races.idempotency_key_checked_only_before_the_lock(),
    }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
