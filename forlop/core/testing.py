"""Test support shared by the apps' race and fault tests (imported by tests only)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent


def run_on_sqlite_file(
    module: str, tmp_path: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 600
) -> Any:
    """Run `python -m module *args` against a fresh SQLite *file* database in `tmp_path` and return the JSON it
    prints. Race and fault tests need their own process: the test database is in memory (one connection),
    while real concurrency and a real lock need a file that several connections share."""
    environment = {
        **os.environ,
        "FORLOP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "PYTHONWARNINGS": "error::RuntimeWarning",
        **(env or {}),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    finished = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout)
