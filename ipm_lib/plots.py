"""Charts for the course as matplotlib figures (notebooks, static export). Each function returns a
Figure (never shown here), draws only from computed rows, prints the sources of what it drew
underneath, and is deterministic.

Each chart is first described renderer-neutrally (``ipm_lib.charts``, from the rows of
``ipm_lib.rows``) and then drawn by ``ipm_lib.mpl_render``; widgets draw the same descriptions as
HTML/SVG (``ipm_lib.webchart``). The row functions used to live here and are still importable
from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import charts, data, risk, style
from .charts import icon_bounds, plain_number
from .mpl_render import CourseFigure, draw, figure, wrap
from .render import png_bytes
from .rows import (
    COST_KINDS,
    RELIEF_TICKS,
    RangeRows,
    complication_rows,
    cost_rows,
    duration_words,
    prevalence_rows,
    relief_durations,
    relief_rows,
)

__all__ = [
    "COST_KINDS",
    "RELIEF_TICKS",
    "CourseFigure",
    "RangeRows",
    "benefit_risk_chart",
    "complication_rows",
    "complications_chart",
    "cost_chart",
    "cost_rows",
    "draw",
    "draw_rows",
    "duration_words",
    "forest_plot",
    "icon_array",
    "icon_bounds",
    "pain_trajectory_chart",
    "pathway_chart",
    "plain_number",
    "prevalence_chart",
    "range_chart",
    "relief_durations",
    "relief_rows",
    "relief_timeline",
    "show_in_one_pass",
]


def show_in_one_pass() -> bool:
    """Under IPython, show course charts with ``render.png_bytes``: one layout and one draw, instead
    of the inline backend's dry run, crop and draw (a third to a half less time per chart). Other
    matplotlib figures are left to the inline backend. Returns whether a shell was found.

    Importing this module changes nothing: the notebooks' setup (``lecture.lecture_control``)
    calls this once."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the course's Jupyter stack
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.formatters["image/png"].for_type(CourseFigure, png_bytes)
    return True


# ------------------------------------------------------------------ ranges of rates


def draw_rows(rows: RangeRows, unit: charts.lines.Unit = "") -> Figure:
    """A ``RangeRows`` as a matplotlib figure: one axis, or one axis per panel (a currency)."""
    return draw(charts.comparison(rows, unit))


def range_chart(
    frame: pd.DataFrame,
    value: str,
    low: str,
    high: str,
    label: str,
    group: str | None = None,
    xlabel: str = "",
    title: str = "",
    log: bool = False,
    note: str = "",
    ticks: Mapping[str, float] | None = None,
) -> Figure:
    """One row per line: a dot for the value and a bar for its range; groups get colour + marker.

    Rows with only a range show the bar alone; rows with neither say 'no figure'."""
    columns = {value: "value", low: "low", high: "high", label: "label"}
    if group:
        columns[group] = "group"
    keep = [c for c in (*columns, "source_id", "group_id") if c in frame]
    shaped = frame[keep].rename(columns=columns)
    rows = RangeRows(shaped, title, xlabel, log, note, tuple((ticks or {}).items()))
    return draw_rows(rows)


def complications_chart(
    procedure_ids: Iterable[str] | None = None, risk_id: str | None = None, log: bool = True
) -> Figure:
    """Complication rates per 1,000 with their ranges: several procedures for one risk, or all
    risks of the chosen procedures."""
    return draw_rows(complication_rows(procedure_ids, risk_id, log))


def relief_timeline(procedure_ids: Iterable[str] | None = None) -> Figure:
    """How long relief lasted in the sources, in months, each source on its own line."""
    return draw_rows(relief_rows(procedure_ids))


def cost_chart(
    procedure_ids: Iterable[str] | None = None, kind: str = "payment_per_procedure"
) -> Figure:
    """Costs of one kind (payments, implant costs, ...), one panel per currency; never converted,
    pooled across countries or mixed across kinds. Each procedure keeps its colour and marker."""
    return draw_rows(cost_rows(procedure_ids, kind))


def prevalence_chart() -> Figure:
    """Prevalence figures stored as percentages, with their ranges, by condition."""
    return draw_rows(prevalence_rows())


# ------------------------------------------------------------------ trials


def forest_plot(outcome_ids: Iterable[str], title: str = "") -> Figure:
    """Reported effects with 95% intervals; one panel per kind of effect and scale, each saying
    which side favours what, with the sourced clinically important difference where it applies."""
    return draw(charts.forest(outcome_ids, title))


# ------------------------------------------------------------------ icon arrays


def icon_array(
    options: Mapping[str, float | tuple[float, float, float]],
    denominator: int = 1000,
    columns: int = 40,
    title: str = "",
    source_ids: Iterable[str] = (),
    event_label: str = "affected",
    colour: str = style.HARM,
) -> Figure:
    """Part-to-whole pictures on one denominator: for each option, ``denominator`` squares, the
    affected ones filled. A value may be (value, low, high): squares between low and high are
    hatched, showing the uncertainty instead of hiding it."""
    return draw(charts.icons(options, denominator, columns, title, source_ids, event_label, colour))


# ------------------------------------------------------------------ pain after a procedure


def pain_trajectory_chart(
    curves: Mapping[str, pd.DataFrame], baseline: float, diary: pd.DataFrame | None = None
) -> Figure:
    """Pain curves over days with the sourced thresholds of a clinically important change (drawn
    relative to the baseline) and an optional synthetic diary."""
    return draw(charts.trajectory(curves, baseline, diary))


# ------------------------------------------------------------------ pathway simulation


def pathway_chart(
    results: Mapping[str, tuple[pd.DataFrame, pd.DataFrame]], title: str = ""
) -> Figure:
    """Cumulative procedures per patient over time, and how many procedures patients had.
    ``results`` maps a scenario label to (per-patient result, cumulative frame)."""
    return draw(charts.pathway(results, title=title))


# ------------------------------------------------------------------ benefit and risk together


def benefit_risk_chart(outcome_id: str, harms: Mapping[str, tuple[str, str, str]]) -> Figure:
    """Benefit (responders with and without the procedure) and harms, all per 1,000 people.

    ``harms`` maps a label to the complication row to show: (procedure_id, risk_id, source_id);
    the rate is read from the dataset (``risk.rate_pct``), never typed into a notebook.
    """
    out = data.load("outcomes").set_index("outcome_id")
    data.check_name("outcome", outcome_id, out.index)
    row = out.loc[outcome_id]
    if row["measure"] != "proportion":
        raise ValueError(f"{outcome_id!r} is not a proportion outcome")
    labels = [
        f"{row['trial']}: responders with the procedure",
        f"responders with {row['comparator']}",
    ]
    values = [row["treatment_value"] * 10, row["control_value"] * 10]
    colors = [style.BENEFIT, style.NEUTRAL]
    hatches = ["", "//"]
    for i, (label, (procedure_id, risk_id, source_id)) in enumerate(harms.items()):
        labels.append(label)
        values.append(risk.rate_pct(procedure_id, risk_id, source_id) * 10)
        colors.append(style.HARM)
        hatches.append(style.HATCHES[(i + 2) % len(style.HATCHES)])
    with style.rc():
        fig = figure(9, 0.55 * len(values) + 1.8)
        ax = fig.add_subplot()
        y = np.arange(len(values))[::-1]
        bars = ax.barh(y, values, color=colors, hatch=hatches, edgecolor="#333333")
        for bar, v in zip(bars, values, strict=True):
            middle = bar.get_y() + bar.get_height() / 2
            ax.annotate(
                f" {v:,.1f}" if v < 10 else f" {v:,.0f}", (bar.get_width(), middle), va="center"
            )
        ax.set_yticks(y, [wrap(t, 44) for t in labels])
        ax.set_xlim(0, 1000)
        ax.set_xlabel("people per 1,000")
        ax.set_title(wrap(f"Benefit and harm on one denominator: {row['outcome']}", 60), loc="left")
        ids = [row["source_id"], *[source for *_, source in harms.values()]]
        style.add_caption(
            fig, ids, "Benefit and harms come from different studies and populations."
        )
    return fig
