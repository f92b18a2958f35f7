"""Renderer-neutral descriptions of the course charts: frozen dataclasses holding every word,
number, colour and second cue a chart shows. ``plots`` (matplotlib) and ``webchart`` (HTML/SVG)
draw the same description, so the two cannot drift apart.

A description with ``empty`` set has nothing to draw: both renderers show that message instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """A legend entry: what a colour means, with its second cue (a marker for dots, a hatch name of
    ``palette.HATCHES`` for bars and areas, a dash for lines)."""

    label: str
    colour: str
    marker: str = ""
    hatch: str = "none"
    dash: str = ""


@dataclass(frozen=True)
class Line:
    """One labelled line of a range chart: a dot for the value, a bar for its range."""

    label: str
    value: float | None
    low: float | None
    high: float | None
    key: Key
    words: str  # the figures said in words (hover, screen readers)
    source_id: str = ""


@dataclass(frozen=True)
class Panel:
    """One axis of lines. Forest-plot panels add the no-effect line, the clinically important
    difference and which side favours what."""

    lines: tuple[Line, ...]
    xlabel: str
    log: bool = False
    ticks: tuple[tuple[str, float], ...] = ()
    reference: float | None = None
    threshold: tuple[float, ...] = ()
    threshold_label: str = ""
    favours: tuple[str, str] = ("", "")
    scale: str = ""


@dataclass(frozen=True)
class LinesChart:
    title: str
    panels: tuple[Panel, ...]
    legend: tuple[Key, ...]
    note: str
    sources: tuple[str, ...]
    empty: str = ""
    missing: tuple[str, ...] = ()  # chosen procedures with no figure of this kind

    @property
    def missing_text(self) -> str:
        return f"No figure for: {'; '.join(self.missing)}." if self.missing else ""


@dataclass(frozen=True)
class ComparisonChart(LinesChart):
    """Range/comparison chart: lines grouped by procedure (or condition), on one axis."""


@dataclass(frozen=True)
class CostChart(LinesChart):
    """Costs: a panel per currency (never converted), lines in their procedure's look."""


@dataclass(frozen=True)
class ForestChart(LinesChart):
    """Reported effects with 95% intervals: a panel per kind of effect and scale."""


@dataclass(frozen=True)
class IconPanel:
    name: str
    value: float
    low: float | None
    high: float | None
    heading: str  # the words above the squares (lines separated by newlines)
    words: str  # one sentence for screen readers
    bounds: tuple[tuple[int, int], ...]  # squares first..last-1 of each legend key


@dataclass(frozen=True)
class IconChart:
    """Icon arrays on one denominator: for each option a grid, the affected squares filled."""

    title: str
    panels: tuple[IconPanel, ...]
    denominator: int
    columns: int
    legend: tuple[Key, ...]  # sure, more at the estimate, more at the upper end, the rest
    note: str
    sources: tuple[str, ...]
    empty: str = ""


@dataclass(frozen=True)
class Curve:
    key: Key
    x: tuple[float, ...]
    y: tuple[float, ...]


@dataclass(frozen=True)
class Level:
    """A horizontal reference line with its words."""

    y: float
    label: str
    dash: str
    colour: str = "#444444"


@dataclass(frozen=True)
class TrajectoryChart:
    title: str
    xlabel: str
    ylabel: str
    curves: tuple[Curve, ...]
    levels: tuple[Level, ...]
    baseline: float
    diary: tuple[tuple[float, float], ...]
    diary_key: Key | None
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    sources: tuple[str, ...]
    empty: str = ""
    said: str = ""

    @property
    def legend(self) -> tuple[Key, ...]:
        keys = tuple(c.key for c in self.curves)
        return keys + ((self.diary_key,) if self.diary_key else ())


@dataclass(frozen=True)
class Scenario:
    key: Key
    months: tuple[float, ...]
    mean_procedures: tuple[float, ...]
    shares: tuple[tuple[int, float], ...]  # (procedures per patient, % of patients)


@dataclass(frozen=True)
class PathwayChart:
    title: str
    scenarios: tuple[Scenario, ...]
    horizon: float
    max_procedures: int
    left_title: str = "Procedures per patient so far (mean)"
    left_xlabel: str = "months"
    left_ylabel: str = "procedures per patient (mean, cumulative)"
    right_title: str = "How many procedures each patient had"
    right_xlabel: str = "procedures per patient over the whole period"
    right_ylabel: str = "% of patients"
    note: str = ""
    sources: tuple[str, ...] = ()
    empty: str = ""

    @property
    def legend(self) -> tuple[Key, ...]:
        return tuple(s.key for s in self.scenarios)
