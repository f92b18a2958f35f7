"""The course around the notebooks.

* ``catalogue``: the one list of notebooks (the map in 00, quiz topics, progress, links, README);
* ``bank``: the self-check content kept as data (``data/quiz.json``, ``data/cases.json``), loaded
  and checked; ``quiz`` and ``patient``: the quiz and virtual-patient widgets that show it;
* ``exercises``: answer checks computed from the data; ``solutions``: the stored solutions;
* ``lecture``: the lecture-mode switch and the slides' style sheet;
* ``progress``: a student's saved answers and results (``progress_format`` checks the file).

The notebooks import ``course_map``, ``solution`` and ``lecture_control`` from here.
"""

from .catalogue import NOTEBOOKS, TOPICS, Notebook, course_map
from .lecture import lecture_control, lecture_mode
from .solutions import SOLUTIONS, Solution, solution

__all__ = [
    "NOTEBOOKS",
    "SOLUTIONS",
    "TOPICS",
    "Notebook",
    "Solution",
    "course_map",
    "lecture_control",
    "lecture_mode",
    "solution",
]
