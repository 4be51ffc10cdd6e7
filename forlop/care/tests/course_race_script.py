"""Run the course-start race scenarios against a fresh SQLite *file* database (WAL, IMMEDIATE transactions, the
real settings) in its own process, and print the results as JSON. Used by test_races.py.

    FORLOP_VAR_DIR=/tmp/x DATABASE_URL=sqlite:////tmp/x/race.sqlite3 python -m forlop.care.tests.course_race_script
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
    from forlop.care.tests import course_races

    course_races.setup_world()
    rounds = int(os.environ.get("RACE_ROUNDS", str(course_races.ROUNDS)))
    results = {
        "with_service": course_races.with_service(rounds),
        "database_alone": course_races.database_alone(rounds),
        "control": course_races.control(rounds),
        "phase_race": course_races.phase_race(rounds),
        "phase_control": course_races.phase_control(rounds),
        "team_race": course_races.team_race(rounds),
        "index_restored": course_races.index_is_installed(),
    }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
