"""Re-execute notebooks in place, top to bottom in a fresh kernel, and store their outputs.

    python -m tools.execute_notebooks notebooks            # every notebook
    python -m tools.execute_notebooks notebooks/03_*.ipynb # some

Run it after changing data, the library or a pinned version: nbval compares against what this stores.
Kernels save course progress in a fresh temporary file (IPM_PROGRESS_FILE), never in the home folder,
so notebook 00's progress table is stored as it is on every machine when the tests run.
Each notebook also gets its slide metadata (``tools.slides``): before executing, so a notebook that fails
to run still has it, and again after, because where slides are cut depends on the fresh outputs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools import slides


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    slides.apply(nb)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    slides.apply(nb)
    nbformat.write(nb, path)
    slides.write_css(path.parent)


def main(argv: list[str]) -> int:
    targets: list[Path] = []
    for arg in argv or ["notebooks"]:
        p = Path(arg)
        targets.extend(sorted(p.glob("*.ipynb")) if p.is_dir() else [p])
    with tempfile.TemporaryDirectory(prefix="ipm-progress-") as folder:
        os.environ["IPM_PROGRESS_FILE"] = str(Path(folder) / "progress.json")
        for path in targets:
            print(f"executing {path}", flush=True)
            execute(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
