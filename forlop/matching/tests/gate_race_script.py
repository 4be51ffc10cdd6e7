"""Run the doctor-gate race scenarios against a fresh SQLite *file* database (WAL, IMMEDIATE transactions, the
real settings) in its own process, and print the results as JSON. Used by test_doctor_gate_races.py.

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/race.sqlite3 python -m forlop.matching.tests.gate_race_script
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
    from forlop.matching.tests import gate_races

    gate_races.setup_world()
    rounds = int(os.environ.get("RACE_ROUNDS", str(gate_races.ROUNDS)))
    results = {
        "with_gate": gate_races.with_gate(rounds),
        "database_alone": gate_races.database_alone(rounds),
        "control": gate_races.without_gate(rounds),
        "gate_restored": gate_races.gate_is_installed(),
    }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
