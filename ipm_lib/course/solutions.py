"""Stored solutions of the notebook exercises, shown folded until the student opens them.

The solutions are ``notebooks/solutions/*.py`` in the repository; a wheel install ships a copy inside
the package (``ipm_lib/_solutions``, written by the build: see ``setup.py``), found first.
"""

from __future__ import annotations

import html
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_SHIPPED = _PACKAGE / "_solutions"
SOLUTIONS = _SHIPPED if _SHIPPED.is_dir() else _PACKAGE.parent / "notebooks" / "solutions"


class Solution:
    """A stored solution, shown folded: the student opens it only when they want it."""

    def __init__(self, name: str, folder: Path = SOLUTIONS):
        path = Path(folder) / f"{name}.py"
        if not path.is_file():
            known = sorted(p.stem for p in Path(folder).glob("*.py"))
            raise FileNotFoundError(
                f"no solution named {name!r}; solutions are: {', '.join(known) or 'none found'}"
                f" (looked in {Path(folder).name}/)"
            )
        self.name, self.code = name, path.read_text(encoding="utf-8")

    def _repr_html_(self) -> str:
        return (
            "<details><summary><b>Show a solution</b> (try first)</summary>"
            f"<pre>{html.escape(self.code)}</pre>"
            f"<small>Load it into a cell with <code>%load solutions/{self.name}.py</code>.</small>"
            "</details>"
        )

    def __repr__(self) -> str:
        return f"Solution {self.name!r}: folded, open it in the notebook"


def solution(name: str) -> Solution:
    """The solution of an exercise, folded until the student opens it."""
    return Solution(name)
