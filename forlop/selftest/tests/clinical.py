"""The clinical reference data the tests are checked against.

The tests read the copy vendored in `data/`, so they always run. `shared_file()` finds the lead's master
copy beside the repository (`../shared/clinical/`, as in CI); a test asserts that the vendored copy still
equals it. When the master copy is absent the comparison is skipped, except in CI (CI=true) where it fails.
"""

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED_CLINICAL = REPO.parent / "shared" / "clinical"
VENDORED = Path(__file__).resolve().parent / "data"
IN_CI = os.environ.get("CI", "").lower() == "true"


def vendored(name: str):
    return json.loads((VENDORED / name).read_text(encoding="utf-8"))


def shared_file(name: str) -> Path:
    path = SHARED_CLINICAL / name
    if not path.exists():
        message = f"{path} not found: cannot compare the vendored copy with the shared clinical data"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def vectors(instrument: str) -> list[dict]:
    return [v for v in vendored("test-vectors.json") if v["instrument"] == instrument]


def valid_vectors(instrument: str) -> list[dict]:
    return [v for v in vectors(instrument) if not v.get("invalid")]


def invalid_vectors(instrument: str) -> list[dict]:
    return [v for v in vectors(instrument) if v.get("invalid")]
