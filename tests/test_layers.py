"""The layers contract (pyproject.toml, docs/architecture.md) holds, and it does catch a violation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_library_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 kept, 0 broken" in result.stdout


def test_a_computation_that_imports_the_course_breaks_the_contract(tmp_path):
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "ipm_lib", tmp_path / "ipm_lib", ignore=shutil.ignore_patterns("__pycache__")
    )
    risk = tmp_path / "ipm_lib" / "risk.py"
    risk.write_text(risk.read_text() + "\nfrom .course import catalogue  # noqa: E402\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "ipm_lib.risk is not allowed to import ipm_lib.course" in result.stdout
