"""The one catalogue of the course's notebooks.

Everything that lists notebooks reads it: the map in notebook 00 (``course_map``), the quiz topics
(``TOPICS``), the progress table, the nbgitpuller links and the README's table (a test compares them).

A notebook is a *lesson* (numbered, in teaching order, may have a quiz and exercises), an *appendix*
page (reference material such as a glossary: no number, no quiz), or a *tool* (the dashboard).
To add one, add an entry here and a row to the README's table.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

PARTS = ("lesson", "appendix", "tool")


@dataclass(frozen=True)
class Notebook:
    number: str  # "00" to "08" for a lesson; "" for an appendix page or a tool
    file: str  # the file name in notebooks/
    title: str
    teaches: str
    minutes: int | None = None  # rough self-study time of a lesson
    part: str = "lesson"

    def __post_init__(self):
        if self.part not in PARTS:
            raise ValueError(f"notebook {self.file}: part {self.part!r} is not one of {PARTS}")
        if not self.file.endswith(".ipynb"):
            raise ValueError(f"notebook file {self.file!r} must end in .ipynb")
        if (self.part == "lesson") != bool(self.number):
            raise ValueError(f"notebook {self.file}: a lesson has a number, other pages have none")

    @property
    def name(self) -> str:
        """The file name without ``.ipynb`` (the quiz topic of a lesson)."""
        return self.file.removesuffix(".ipynb")


def _lesson(number: str, stem: str, title: str, teaches: str, minutes: int) -> Notebook:
    return Notebook(number, f"{number}_{stem}.ipynb", title, teaches, minutes)


LESSONS: tuple[Notebook, ...] = (
    _lesson(
        "00",
        "start_here",
        "Start here",
        "what the course is, how to use notebooks and widgets, the map",
        10,
    ),
    _lesson(
        "01",
        "what_is_ipm",
        "What interventional pain management is",
        "definition and scope; the six conditions and how common they are",
        25,
    ),
    _lesson(
        "02",
        "techniques",
        "The techniques",
        "the six techniques and their variants; bleeding-risk classes by edition; relief durations",
        35,
    ),
    _lesson(
        "03",
        "benefits",
        "Benefits, with data",
        "the six claimed benefits against trial data; MME calculator",
        35,
    ),
    _lesson(
        "04",
        "risks",
        "Risks and limits",
        "procedure risks as natural frequencies and icon arrays; NNT; cost; "
        "repeat-procedure simulation",
        40,
    ),
    _lesson(
        "05",
        "informed_decision",
        "Making an informed decision",
        "diagnostic blocks; risk communication done right and wrong; alternatives; expectations; "
        "after-care; decision aid",
        40,
    ),
    _lesson(
        "06",
        "specialist_role",
        "The specialist's role",
        "expertise, collaboration, continuous monitoring",
        25,
    ),
    _lesson(
        "07",
        "contested_evidence",
        "Contested evidence",
        "the 2025 BMJ recommendation and the societies' responses, as a critical-appraisal exercise",
        35,
    ),
    _lesson("08", "case_studies", "Case studies", "four branching synthetic patients", 40),
)

# Reference pages after the lessons (a glossary notebook, for instance): Notebook("", "glossary.ipynb",
# "Glossary", "...", part="appendix").
APPENDIX: tuple[Notebook, ...] = (
    Notebook(
        "",
        "glossary.ipynb",
        "Glossary",
        "every abbreviation and trial name the course uses, defined and sourced",
        part="appendix",
    ),
)

TOOLS: tuple[Notebook, ...] = (
    Notebook("", "dashboard.ipynb", "Dashboard", "all explorers in tabs, for Voila", part="tool"),
)

NOTEBOOKS: tuple[Notebook, ...] = LESSONS + APPENDIX + TOOLS

# The lessons that have a quiz: every lesson after the start page.
TOPICS: tuple[str, ...] = tuple(n.name for n in LESSONS if n.number != "00")


def by_file(file: str) -> Notebook:
    """The catalogue entry of a notebook file (``04_risks.ipynb``)."""
    for n in NOTEBOOKS:
        if n.file == file:
            return n
    raise KeyError(f"{file!r} is not in the course catalogue (ipm_lib/course/catalogue.py)")


# Text reads from the left (JupyterLab right-aligns table cells, which suits numbers, not sentences).
MAP_CSS = (
    "<style>table.ipm-course-map th, table.ipm-course-map td "
    "{text-align: left !important; vertical-align: top}</style>"
)


def _minutes(n: Notebook) -> str:
    return "-" if n.minutes is None else str(n.minutes)


class CourseMap:
    """The map of the course: every notebook with a link that opens it, what it teaches, and time.

    In a notebook it shows as an HTML table whose titles link to the notebooks (relative links, which
    JupyterLab opens in a new tab); ``table`` holds the same as a DataFrame. Nothing is cut short.
    """

    def __init__(self, notebooks: tuple[Notebook, ...] = NOTEBOOKS):
        self.notebooks = notebooks
        self.table = pd.DataFrame(
            [(n.number or "-", n.title, n.teaches, _minutes(n), n.file) for n in notebooks],
            columns=["Notebook", "Title", "What it teaches", "Minutes", "File"],
        )

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{h}</th>"
            for h in ("Notebook", "Title (click to open)", "What it teaches", "Minutes")
        )
        rows = "".join(
            "<tr>"
            f"<td>{html.escape(n.number or '-')}</td>"
            f'<td><a href="{html.escape(n.file)}">{html.escape(n.title)}</a></td>'
            f"<td>{html.escape(n.teaches)}</td>"
            f"<td>{_minutes(n)}</td>"
            "</tr>"
            for n in self.notebooks
        )
        return (
            f'{MAP_CSS}<table class="ipm-course-map"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        lines = [
            f"{n.number or '-':>2}  {n.title} ({n.file}): {n.teaches}"
            + (f"; {n.minutes} min" if n.minutes else "")
            for n in self.notebooks
        ]
        return "\n".join(lines)


def course_map() -> CourseMap:
    """The notebooks of the course, each with a link, what it teaches and a rough time."""
    return CourseMap()
