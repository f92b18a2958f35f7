from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True)
def progress_file(tmp_path, monkeypatch) -> Path:
    """Each test saves course progress in its own temporary file (see also ../conftest.py)."""
    from ipm_lib.course import progress

    file = tmp_path / "ipm_course" / "progress.json"
    monkeypatch.setenv(progress.ENV, str(file))
    monkeypatch.setattr(progress, "_memory", None)
    monkeypatch.setattr(progress, "_notices", [])
    return file
