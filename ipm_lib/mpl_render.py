"""Matplotlib drawing of the chart descriptions (``ipm_lib.charts``): notebooks and static export.

Figures are built with ``matplotlib.figure.Figure`` rather than pyplot, so none is left open in
pyplot's registry: a notebook shows the returned figure once and memory is freed with it.
``webchart`` draws the same descriptions as HTML/SVG.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import LogLocator, NullLocator

from . import palette, style
from .charts import (
    CostChart,
    ForestChart,
    IconChart,
    LinesChart,
    PathwayChart,
    TrajectoryChart,
    plain_number,
)


class CourseFigure(Figure):
    """A course chart: in a notebook it is shown as PNG drawn in one pass (``render.png_bytes``)."""


def figure(width: float, height: float, **kwargs) -> Figure:
    return CourseFigure(figsize=style.figsize(width, height), layout="constrained", **kwargs)


def wrap(text: str, width: int = 38) -> str:
    return style.escape("\n".join(textwrap.wrap(str(text), width)) or str(text))


def plain_log_axis(ax) -> None:
    """A log x-axis labelled 1, 2, 5, 10, 20, 50, ... in plain numbers ("1,000", not "10^3")."""
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(lambda value, _: plain_number(value))
    ax.xaxis.set_minor_locator(NullLocator())


def empty(message: str) -> Figure:
    """A small figure saying why there is nothing to draw."""
    with style.rc():
        fig = figure(6, 1.6)
        ax = fig.add_subplot()
        ax.axis("off")
        ax.text(0.5, 0.5, style.escape(message), ha="center", va="center", wrap=True)
    return fig


def mpl_hatch(name: str) -> str:
    return palette.HATCHES[name]


def key_handle(key) -> Line2D | Patch:
    """A legend handle showing a key's colour with its second cue."""
    if key.marker:
        return Line2D([], [], marker=key.marker, color=key.colour, ls="none", label=key.label)
    if key.dash and key.hatch == "none":
        return Line2D([], [], color=key.colour, ls=key.dash, label=key.label)
    return Patch(
        facecolor=key.colour, edgecolor="white", hatch=mpl_hatch(key.hatch), label=key.label
    )


def caption_note(chart) -> str:
    return " ".join(t for t in (chart.note, getattr(chart, "missing_text", "")) if t)


# ------------------------------------------------------------------ lines (comparison, cost, forest)


def _floor(panel) -> float:
    figures = [v for ln in panel.lines for v in (ln.value, ln.low, ln.high) if v is not None]
    positive = [v for v in figures if v > 0]
    return min(positive) / 3 if panel.log and positive else 0.0


def _draw_panel(ax, panel, label_width: int, forest: bool) -> None:
    y = np.arange(len(panel.lines))[::-1]
    floor = 0.0 if forest else _floor(panel)
    if panel.reference is not None:
        ax.axvline(panel.reference, color="#555555", lw=1)
    for t in panel.threshold:
        ax.axvline(t, color="#444444", lw=1.2, ls="--")
        ax.annotate(
            style.escape(panel.threshold_label),
            (t, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -2),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize="x-small",
        )
    for yi, ln in zip(y, panel.lines, strict=True):
        c = ln.key.colour
        if ln.low is not None and ln.high is not None:
            lo = max(ln.low, floor) if panel.log and floor else ln.low
            ax.plot([lo, ln.high], [yi, yi], color=c, lw=3, alpha=0.45, solid_capstyle="butt")
        if ln.value is not None:
            shown = max(ln.value, floor) if panel.log and floor else ln.value
            face = "white" if ln.value == 0 else c
            ax.plot([shown], [yi], marker=ln.key.marker, color=c, ls="none", markerfacecolor=face)
        elif ln.low is None and ln.high is None:
            ax.annotate("no figure", (floor or 0, yi), va="center", fontsize="small")
    ax.set_yticks(y, [wrap(ln.label, label_width) for ln in panel.lines])
    if forest:  # rows close together, room above the first for the threshold's words
        ax.set_ylim(-0.6, len(panel.lines) - 0.4 + (0.5 if panel.threshold else 0))
    if panel.log and (floor or forest):
        plain_log_axis(ax)
    if panel.ticks:
        ax.set_xticks([v for _, v in panel.ticks], [name for name, _ in panel.ticks])
        ax.xaxis.set_minor_locator(NullLocator())
    label = panel.xlabel
    if any(panel.favours):
        label += f"\n\u2190 {panel.favours[0]}    |    {panel.favours[1]} \u2192"
    ax.set_xlabel(style.escape(label))
    if panel.scale:
        ax.set_title(style.escape(panel.scale), loc="left", fontsize="medium")


def lines_figure(chart: LinesChart) -> Figure:
    """A comparison, cost or forest chart: one axis per panel, a line per row."""
    if chart.empty:
        return empty(chart.empty)
    forest = isinstance(chart, ForestChart)
    n = sum(len(p.lines) for p in chart.panels)
    if isinstance(chart, CostChart):
        width, height, label_width = 10, 0.75 * n + 1.0 * len(chart.panels) + 1.2, 60
    elif forest:
        width, height, label_width = 9, 0.45 * n + 1.5 * len(chart.panels) + 1.2, 60
    else:
        width, height, label_width = 9, 0.55 * n + 2.2, 48
    with style.rc():
        fig = figure(width, height)
        heights = [len(p.lines) + (1.2 if forest else 0) for p in chart.panels]
        axes = fig.subplots(len(chart.panels), 1, squeeze=False, height_ratios=heights)[:, 0]
        for ax, panel in zip(axes, chart.panels, strict=True):
            _draw_panel(ax, panel, label_width, forest)
        if (len(chart.panels) == 1 or chart.legend) and not forest:  # a legend goes above it
            axes[0].set_title(style.escape(chart.title), loc="left")
        else:
            fig.suptitle(style.escape(chart.title), x=0.01, ha="left")
        if chart.legend:
            fig.legend(
                handles=[key_handle(k) for k in chart.legend],
                loc="outside upper center",
                ncols=min(len(chart.legend), 2),
                frameon=False,
            )
        style.add_caption(fig, chart.sources, caption_note(chart))
    return fig


# ------------------------------------------------------------------ icon arrays


def _squares(first: int, last: int, columns: int, rows_n: int) -> np.ndarray:
    """Corner coordinates of icon squares number first..last-1, filled row by row from the top."""
    k = np.arange(first, last)
    r, c = np.divmod(k, columns)
    x0, y0 = c + 0.08, rows_n - 1 - r + 0.08
    corners = np.array([[0, 0], [0.84, 0], [0.84, 0.84], [0, 0.84]])
    return np.stack([x0, y0], axis=1)[:, None, :] + corners[None, :, :]


def icon_look(key) -> dict:
    """Face, edge and hatch of an icon square of this legend key (dense hatches: small squares)."""
    if key.hatch == "dots":
        return dict(facecolor=key.colour, edgecolor="white", hatch="....")
    if key.hatch == "diagonal":
        return dict(facecolor="white", edgecolor=key.colour, hatch="////")
    return dict(
        facecolor=key.colour,
        edgecolor=key.colour if key.colour != style.NEUTRAL else "white",
        hatch="",
    )


def icon_figure(chart: IconChart) -> Figure:
    if chart.empty:
        return empty(chart.empty)
    rows_n = -(-chart.denominator // chart.columns)
    lines = max(p.heading.count("\n") + 1 for p in chart.panels)
    sure, *ranged, rest = chart.legend
    looks = [sure, *(ranged or [sure, sure]), rest]
    n = len(chart.panels)
    with style.rc():
        # equal-aspect squares cannot shrink to make room, so the canvas grows with the titles
        width = 3.6 * n + 0.4 if n > 1 else 5.0  # one panel: room for its legend
        fig = figure(width, (3.0 if chart.denominator == 1000 else 2.4) + 0.25 * lines + 0.3)
        for ax, panel in zip(fig.subplots(1, n, squeeze=False)[0], chart.panels, strict=True):
            ax.set_xlim(0, chart.columns)
            ax.set_ylim(0, rows_n)
            ax.set_aspect("equal")
            ax.axis("off")
            for key, (first, last) in zip(looks, panel.bounds, strict=True):
                if last > first:
                    squares = _squares(first, last, chart.columns, rows_n)
                    ax.add_collection(PolyCollection(squares, lw=0.3, **icon_look(key)))
            heading = "\n" * (lines - panel.heading.count("\n") - 1) + panel.heading
            ax.set_title(style.escape(heading), fontsize="medium")
        handles = [Patch(label=k.label, **icon_look(k)) for k in chart.legend]
        # The title heads the legend: constrained layout places an outside legend at the top edge
        # whatever the suptitle, so a suptitle would be drawn over the legend.
        fig.legend(
            handles=handles,
            loc="outside upper center",
            frameon=False,
            ncols=len(handles) if n > 1 or len(handles) == 2 else 2,
            title=style.escape(chart.title) if chart.title else None,
            title_fontproperties={"size": "large"},
        )
        style.add_caption(fig, chart.sources, chart.note)
    return fig


# ------------------------------------------------------------------ pain over time


def trajectory_figure(chart: TrajectoryChart) -> Figure:
    if chart.empty:
        return empty(chart.empty)
    with style.rc():
        fig = figure(9, 4.6)
        ax = fig.add_subplot()
        for curve in chart.curves:
            k = curve.key
            ax.plot(curve.x, curve.y, color=k.colour, ls=k.dash, label=style.escape(k.label))
        for level in chart.levels:
            ax.axhline(level.y, color=level.colour, ls=level.dash, lw=1.2)
            ax.annotate(
                level.label,
                (1.0, level.y),
                xycoords=("axes fraction", "data"),
                ha="right",
                va="bottom",
                fontsize="small",
            )
        ax.axhline(chart.baseline, color="#888888", lw=1)
        if chart.diary_key is not None:
            days, scores = zip(*chart.diary, strict=True) if chart.diary else ((), ())
            k = chart.diary_key
            ax.plot(days, scores, k.marker, color=k.colour, mfc="white", label=k.label)
        ax.set_xlim(*chart.xlim)
        ax.set_ylim(*chart.ylim)
        ax.set_xlabel(chart.xlabel)
        ax.set_ylabel(chart.ylabel)
        ax.set_title(chart.title, loc="left")
        ax.legend(frameon=False, loc="lower right")
        style.add_caption(fig, chart.sources)
    return fig


# ------------------------------------------------------------------ a simulated cohort


def pathway_figure(chart: PathwayChart) -> Figure:
    if chart.empty:
        return empty(chart.empty)
    counts = np.arange(chart.max_procedures + 1)
    with style.rc():
        fig = figure(11, 4.4)
        left, right = fig.subplots(1, 2)
        width = 0.8 / len(chart.scenarios)
        for i, s in enumerate(chart.scenarios):
            k = s.key
            label = style.escape(k.label)
            left.plot(s.months, s.mean_procedures, color=k.colour, ls=k.dash, label=label)
            shown = [n for n, _ in s.shares]  # a count nobody had gets no bar
            offset = (i - (len(chart.scenarios) - 1) / 2) * width
            right.bar(
                np.array(shown) + offset,
                [p for _, p in s.shares],
                width=width,
                color=k.colour,
                hatch=mpl_hatch(k.hatch),
                edgecolor="white",
                label=label,
            )
        left.set_xlim(-0.05 * chart.horizon, 1.05 * chart.horizon)
        left.set_ylim(bottom=0)
        right.set_xlim(-0.6, counts[-1] + 0.6)
        right.set_ylim(bottom=0)
        for ax, title, xlabel, ylabel in (
            (left, chart.left_title, chart.left_xlabel, chart.left_ylabel),
            (right, chart.right_title, chart.right_xlabel, chart.right_ylabel),
        ):
            ax.set_title(title, loc="left", fontsize="medium")
            ax.set_xlabel(xlabel)
            ax.set_ylabel(ylabel)
        right.xaxis.get_major_locator().set_params(integer=True)
        # one legend for both panels (same colours, line style and hatch), below them
        handles = [
            (
                Line2D([], [], color=s.key.colour, ls=s.key.dash),
                Patch(facecolor=s.key.colour, edgecolor="white", hatch=mpl_hatch(s.key.hatch)),
            )
            for s in chart.scenarios
        ]
        fig.legend(
            handles=handles,
            labels=[style.escape(s.key.label) for s in chart.scenarios],
            loc="outside lower center",
            frameon=False,
            ncols=min(len(chart.scenarios), 2),
        )
        fig.suptitle(style.escape(chart.title), x=0.01, ha="left")
        if chart.note or chart.sources:
            style.add_caption(fig, chart.sources, chart.note)
    return fig


def draw(chart) -> Figure:
    """Any chart description as a matplotlib figure."""
    if isinstance(chart, LinesChart):
        return lines_figure(chart)
    if isinstance(chart, IconChart):
        return icon_figure(chart)
    if isinstance(chart, TrajectoryChart):
        return trajectory_figure(chart)
    if isinstance(chart, PathwayChart):
        return pathway_figure(chart)
    raise TypeError(f"not a chart description: {type(chart).__name__}")
