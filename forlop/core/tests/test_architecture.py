"""The architecture contract (import-linter, `[tool.importlinter]` in pyproject.toml): the tree keeps it, and a
copy of the tree with one wrong-way import added breaks it, named by the contract and the import.

The copies are Python files only (tests and migrations included, so the contract's ignore rules still match),
and import-linter reads them without importing anything, so each run takes about a second."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """import-linter in `cwd`, which it puts first on the path, so it reads `cwd/forlop`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def python_files_only(directory: str, names: list[str]) -> list[str]:
    return [
        name
        for name in names
        if name == "__pycache__" or (not name.endswith(".py") and not Path(directory, name).is_dir())
    ]


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "forlop", tmp_path / "forlop", ignore=python_files_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(tree: Path, module: str, line: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text() + f"\n{line}\n")


def test_the_tree_keeps_the_architecture_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_unchanged_copy_of_the_tree_keeps_the_contract(tree_copy):
    # The control for the tests below: the copy itself is sound, so what breaks them is the added import.
    result = lint_imports(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken", "named"),
    [
        # The profile vocabulary's old home: therapists importing the matching engine again.
        (
            "forlop.therapists.models",
            "from forlop.matching.engine import rank",
            ["Apps import only from the layers below them", "No two apps import each other"],
            "forlop.therapists.models -> forlop.matching.engine",
        ),
        # Platform knowing the domain: core reading articles (what the page cache once did).
        (
            "forlop.core.jobs",
            "from forlop.content.models import Article",
            ["Apps import only from the layers below them", "No two apps import each other"],
            "forlop.core.jobs -> forlop.content.models",
        ),
        # Two pages apps are independent siblings: the staff frame may not use the public site's views.
        (
            "forlop.staff.views",
            "from forlop.site.views import home",
            ["Apps import only from the layers below them"],
            "forlop.staff.views -> forlop.site.views",
        ),
        # A pure module reaching for the ORM, or for the clock.
        (
            "forlop.scheduling.availability",
            "from django.db import models",
            ["Pure modules import no ORM and no clock"],
            "forlop.scheduling.availability -> django.db",
        ),
        (
            "forlop.matching.engine",
            "from django.utils import timezone",
            ["Pure modules import no ORM and no clock"],
            "forlop.matching.engine -> django.utils.timezone",
        ),
    ],
)
def test_a_wrong_way_import_breaks_the_contract(tree_copy, module, wrong_import, broken, named):
    add_import(tree_copy, module, wrong_import)

    result = lint_imports(tree_copy)

    assert result.returncode == 1, result.stdout + result.stderr
    for contract in broken:
        assert f"{contract} BROKEN" in result.stdout
    assert named in result.stdout
