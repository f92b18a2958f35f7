"""The map of the course: which notebook teaches what."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Notebook:
    number: str
    file: str
    title: str
    teaches: str
    minutes: int


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook(
        "00",
        "00_start_here.ipynb",
        "Start here",
        "What the course is, how to use it, the disclaimer",
        10,
    ),
)


def course_map() -> pd.DataFrame:
    """The notebooks of the course as a table (number, title, what it teaches, minutes)."""
    return pd.DataFrame(
        [(n.number, n.title, n.teaches, n.minutes, n.file) for n in NOTEBOOKS],
        columns=["notebook", "title", "teaches", "minutes", "file"],
    ).set_index("notebook")
