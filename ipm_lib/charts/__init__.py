"""One renderer-neutral description per chart kind, built once from the rows (``ipm_lib.rows``)
and drawn alike by matplotlib (``ipm_lib.plots``: notebooks, static export) and by HTML/SVG
(``ipm_lib.webchart``: widgets).

Kinds: icon array (``IconChart``), range/comparison (``ComparisonChart``), pain trajectory
(``TrajectoryChart``), cohort/pathway (``PathwayChart``), forest plot (``ForestChart``) and cost
(``CostChart``).
"""

from .icons import icon_bounds, icon_heading, icon_options, icons
from .lines import comparison, described, forest, number, plain_number, series_keys
from .model import (
    ComparisonChart,
    CostChart,
    Curve,
    ForestChart,
    IconChart,
    IconPanel,
    Key,
    Level,
    Line,
    LinesChart,
    Panel,
    PathwayChart,
    Scenario,
    TrajectoryChart,
)
from .over_time import pathway, trajectory

__all__ = [
    "ComparisonChart",
    "CostChart",
    "Curve",
    "ForestChart",
    "IconChart",
    "IconPanel",
    "Key",
    "Level",
    "Line",
    "LinesChart",
    "Panel",
    "PathwayChart",
    "Scenario",
    "TrajectoryChart",
    "comparison",
    "described",
    "forest",
    "icon_bounds",
    "icon_heading",
    "icon_options",
    "icons",
    "number",
    "pathway",
    "plain_number",
    "series_keys",
    "trajectory",
]
