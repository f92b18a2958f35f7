"""Interactive explorers for students and lecturers, one module per explorer.

Each module holds a model (``traitlets.HasTraits`` whose ``result`` is a frozen dataclass of figures
and words, recomputed when an input changes) and a view (controls linked to the model, and
``render`` turning a result into HTML). ``base`` holds what they share: the one render path and its
cache, the refusal result, HTML helpers and ``LazyTabs``.
"""

from .anticoagulation import AnticoagulationChecker, AnticoagulationModel
from .base import EDUCATION_ONLY, ExplorerModel, ExplorerView, LazyTabs, Refusal
from .comparison import COMPARISONS, ComparisonModel, ProcedureComparison
from .condition import ConditionExplorer, ConditionModel
from .decision import DecisionAid, DecisionModel
from .followup import FollowUpModel, FollowUpSimulator
from .mme import MMECalculator, MMEModel
from .pathway import PathwayModel, PathwaySimulator
from .risk import RiskExplorer, RiskModel

__all__ = [
    "COMPARISONS",
    "EDUCATION_ONLY",
    "AnticoagulationChecker",
    "AnticoagulationModel",
    "ComparisonModel",
    "ConditionExplorer",
    "ConditionModel",
    "DecisionAid",
    "DecisionModel",
    "ExplorerModel",
    "ExplorerView",
    "FollowUpModel",
    "FollowUpSimulator",
    "LazyTabs",
    "MMECalculator",
    "MMEModel",
    "PathwayModel",
    "PathwaySimulator",
    "ProcedureComparison",
    "Refusal",
    "RiskExplorer",
    "RiskModel",
]
