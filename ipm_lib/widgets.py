"""Interactive explorations for students and lecturers: the names notebooks import.

The explorers live in ``ipm_lib.explorers`` (one module each: model, result, view) and the virtual
patients and the quiz in ``ipm_lib.course.selfcheck``; they are re-exported here so that
``from ipm_lib import widgets`` keeps working.
"""

from __future__ import annotations

from .course.selfcheck import Quiz, QuizQuestion, VirtualPatient, shuffled_order  # noqa: F401
from .explorers import (  # noqa: F401 - re-exported for notebooks and older imports
    COMPARISONS,
    EDUCATION_ONLY,
    AnticoagulationChecker,
    AnticoagulationModel,
    ComparisonModel,
    ConditionExplorer,
    ConditionModel,
    DecisionAid,
    DecisionModel,
    FollowUpSimulator,
    LazyTabs,
    MMECalculator,
    MMEModel,
    PathwaySimulator,
    ProcedureComparison,
    RiskExplorer,
    RiskModel,
)
from .explorers.base import html_output  # noqa: F401
