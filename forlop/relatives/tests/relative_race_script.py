"""Run the relative-read race against a fresh SQLite *file* database (WAL, IMMEDIATE transactions, the real
settings) in its own process, and print the results as JSON. Used by test_races.py.

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/race.sqlite3 python -m forlop.relatives.tests.relative_race_script
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
    from forlop.relatives.tests import relative_races

    relative_races.setup_world()
    rounds = int(os.environ.get("RACE_ROUNDS", str(relative_races.ROUNDS)))
    json.dump(
        {"guarded": relative_races.guarded(rounds), "control": relative_races.control(rounds)}, sys.stdout
    )


if __name__ == "__main__":
    main()
