"""Loaded by pytest before any test or notebook: the whole test session, and every kernel that nbval
starts (kernels inherit the environment), saves course progress in a fresh temporary file, never in
the home folder. Notebook 00's progress table is then the same on every machine."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def pytest_configure(config):
    folder = tempfile.mkdtemp(prefix="ipm-progress-")
    os.environ["IPM_PROGRESS_FILE"] = str(Path(folder) / "progress.json")
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
