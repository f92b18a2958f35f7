"""The course around the notebooks: the map, lecture mode, exercises and their solutions."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import lecture

SOLUTIONS = Path(__file__).resolve().parent.parent / "notebooks" / "solutions"


@dataclass(frozen=True)
class Notebook:
    number: str
    file: str
    title: str
    teaches: str
    minutes: int


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook("00", "00_start_here.ipynb", "Start here", "What the course is, how to use it, the disclaimer", 10),
    Notebook("01", "01_what_is_ipm.ipynb", "What interventional pain management is",
             "Definition and scope; the six conditions and how common they are", 25),
    Notebook("02", "02_techniques.ipynb", "The techniques",
             "The six techniques and their variants: mechanism, target, what the patient experiences", 35),
    Notebook("03", "03_benefits.ipynb", "Benefits, with data",
             "Targeted relief, minimally invasive recovery, less medication, quality of life, versatility, "
             "long-term relief", 35),
    Notebook("04", "04_risks.ipynb", "Risks and limits",
             "Procedure risks, temporary pain increase, limited effectiveness, cost, dependency on repeats", 40),
    Notebook("05", "05_informed_decision.ipynb", "Making an informed decision",
             "Evaluation and diagnostic blocks, talking about risk, alternatives, expectations, after-care", 40),
    Notebook("06", "06_specialist_role.ipynb", "The specialist's role",
             "Expertise, collaboration with other providers, continuous monitoring", 25),
    Notebook("07", "07_contested_evidence.ipynb", "Contested evidence",
             "The 2025 BMJ recommendation and the societies' responses: a critical-appraisal exercise", 35),
    Notebook("08", "08_case_studies.ipynb", "Case studies", "Four branching synthetic patients", 40),
)  # fmt: skip


def course_map() -> pd.DataFrame:
    """The notebooks of the course as a table (number, title, what it teaches, minutes)."""
    return pd.DataFrame(
        [(n.number, n.title, n.teaches, n.minutes, n.file) for n in NOTEBOOKS],
        columns=["notebook", "title", "teaches", "minutes", "file"],
    ).set_index("notebook")


# Lecture mode lives in ipm_lib.lecture; the notebooks import it from here.
lecture_control = lecture.lecture_control
lecture_mode = lecture.lecture_mode


class Solution:
    """A stored solution, shown folded: the student opens it only when they want it."""

    def __init__(self, name: str):
        path = SOLUTIONS / f"{name}.py"
        if not path.is_file():
            known = sorted(p.stem for p in SOLUTIONS.glob("*.py"))
            raise FileNotFoundError(
                f"no solution named {name!r}; solutions are: {', '.join(known)}"
            )
        self.name, self.code = name, path.read_text(encoding="utf-8")

    def _repr_html_(self) -> str:
        return (
            "<details><summary><b>Show a solution</b> (try first)</summary>"
            f"<pre>{html.escape(self.code)}</pre>"
            f"<small>Load it into a cell with <code>%load solutions/{self.name}.py</code>.</small></details>"
        )

    def __repr__(self) -> str:
        return f"Solution {self.name!r}: folded, open it in the notebook"


def solution(name: str) -> Solution:
    """The solution of an exercise, folded until the student opens it."""
    return Solution(name)
