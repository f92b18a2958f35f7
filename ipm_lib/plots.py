"""Charts for the course. Each function returns a matplotlib Figure (never shown here), draws only
from computed frames, prints the sources of what it drew underneath, and is deterministic.

Figures are built with ``matplotlib.figure.Figure`` rather than pyplot, so none is left open in
pyplot's registry: a notebook shows the returned figure once and memory is freed with it.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import LogLocator, NullLocator

from . import data, risk, style
from .render import png_bytes


class CourseFigure(Figure):
    """A course chart: in a notebook it is shown as PNG drawn in one pass (``render.png_bytes``)."""


def _figure(width: float, height: float, **kwargs) -> Figure:
    return CourseFigure(figsize=style.figsize(width, height), layout="constrained", **kwargs)


def show_in_one_pass() -> bool:
    """Under IPython, show course charts with ``render.png_bytes``: one layout and one draw, instead of
    the inline backend's dry run, crop and draw (a third to a half less time per chart). Other
    matplotlib figures are left to the inline backend. Returns whether a shell was found."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the course's Jupyter stack
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.formatters["image/png"].for_type(CourseFigure, png_bytes)
    return True


def plain_number(value: float) -> str:
    """A tick value in plain digits with thousands separators: '0.5', '20', '1,000'."""
    return f"{value:,.10g}"


def _plain_log_axis(ax) -> None:
    """A log x-axis labelled 1, 2, 5, 10, 20, 50, ... in plain numbers ("1,000", not "10^3").

    Plain numbers read better, and they skip matplotlib's mathematical text and minor-tick labels,
    which were a large part of drawing a chart with a log axis.
    """
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(lambda value, _: plain_number(value))
    ax.xaxis.set_minor_locator(NullLocator())


def _wrap(text: str, width: int = 38) -> str:
    return style.escape("\n".join(textwrap.wrap(str(text), width)) or str(text))


def _empty(message: str) -> Figure:
    with style.rc():
        fig = _figure(6, 1.6)
        ax = fig.add_subplot()
        ax.axis("off")
        ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True)
    return fig


# ------------------------------------------------------------------ ranges of rates


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

    Rows with only a range show the bar alone; rows with neither are listed as 'no figure'.
    """
    if frame.empty:
        return _empty("Nothing to show for this selection.")
    frame = frame.reset_index(drop=True)
    groups = list(dict.fromkeys(frame[group].astype(str))) if group else [None]
    with style.rc():
        fig = _figure(9, 0.55 * len(frame) + 2.2)
        ax = fig.add_subplot()
        y = np.arange(len(frame))[::-1]
        finite = pd.concat([frame[value], frame[low], frame[high]]).dropna()
        positive = finite[finite > 0]
        floor = positive.min() / 3 if log and len(positive) else 0
        for gi, g in enumerate(groups):
            rows = frame.index if g is None else frame.index[frame[group].astype(str) == g]
            c, m = style.color(gi), style.marker(gi)
            for i in rows:
                lo, hi, v = frame.at[i, low], frame.at[i, high], frame.at[i, value]
                if pd.notna(lo) and pd.notna(hi):
                    ax.plot([max(lo, floor) if log else lo, hi], [y[i]] * 2, color=c, lw=3, alpha=0.45,
                            solid_capstyle="butt")  # fmt: skip
                if pd.notna(v):
                    shown = max(v, floor) if log else v
                    ax.plot([shown], [y[i]], marker=m, color=c, ls="none",
                            markerfacecolor="white" if v == 0 else c)  # fmt: skip
                elif pd.isna(lo) and pd.isna(hi):
                    ax.annotate("no figure", (floor or 0, y[i]), va="center", fontsize="small")
        ax.set_yticks(y, [_wrap(t, 48) for t in frame[label]])
        if log and len(positive):
            _plain_log_axis(ax)
        if ticks:
            ax.set_xticks(list(ticks.values()), list(ticks.keys()))
            ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlabel(xlabel)
        ax.set_title(title, loc="left")
        if group:
            handles = [
                ax.plot([], [], marker=style.marker(i), color=style.color(i), ls="none", label=g)[0]
                for i, g in enumerate(groups)
            ]
            fig.legend(
                handles=handles,
                loc="outside upper center",
                ncols=min(len(groups), 2),
                frameon=False,
            )
        ids = set(frame["source_id"]) if "source_id" in frame else set()
        style.add_caption(fig, ids, note)
    return fig


@dataclass(frozen=True, eq=False)
class RangeRows:
    """The lines of a range chart, worked out once and drawn either as a matplotlib figure
    (``draw_rows``) or as HTML whose text the browser draws (``webchart.range_html``, for widgets).

    ``frame`` has one row per line: ``label``, ``value``, ``low``, ``high`` and ``source_id``, plus
    ``group`` (colour and marker, with a legend) or ``panel`` (an axis of its own, e.g. a currency).
    ``xlabel`` may name the panel as ``{panel}``. ``ticks`` are named axis positions (label, value).
    """

    frame: pd.DataFrame
    title: str
    xlabel: str
    log: bool = False
    note: str = ""
    ticks: tuple[tuple[str, float], ...] = ()
    empty: str = "Nothing to show for this selection."


def _none_for(what: str, chosen: Iterable[str] | None, have: Iterable[str]) -> str:
    """'No <what> in the dataset for the procedures chosen. There are some for: A; B.' (sorted names)"""
    names = data.load("procedures").set_index("procedure_id")["name"]
    with_figures = sorted({names[p] for p in have if p in names.index})
    scope = "this selection" if chosen is None else "the procedures chosen"
    return f"No {what} in the dataset for {scope}. There are some for: {'; '.join(with_figures) or 'none'}."


def draw_rows(rows: RangeRows) -> Figure:
    """A ``RangeRows`` as a matplotlib figure: one axis, or one axis per panel."""
    if rows.frame.empty:
        return _empty(rows.empty)
    if "panel" in rows.frame:
        return _panel_chart(rows)
    return range_chart(
        rows.frame, "value", "low", "high", "label", group="group" if "group" in rows.frame else None,
        xlabel=rows.xlabel, title=rows.title, log=rows.log, note=rows.note, ticks=dict(rows.ticks) or None,
    )  # fmt: skip


def complication_rows(procedure_ids: Iterable[str] | None = None, risk_id: str | None = None,
                      log: bool = True) -> RangeRows:  # fmt: skip
    """Complication rates per 1,000 with their ranges, a line per source: several procedures for
    one risk, or all risks of the chosen procedures."""
    frames = [risk.complication_rates(p, risk_id) for p in (procedure_ids or [None])]
    comp = pd.concat(frames, ignore_index=True)
    comp = comp[comp[["per_1000", "per_1000_low", "per_1000_high"]].notna().any(axis=1)]
    comp = comp.sort_values(["procedure", "risk", "per_1000"]).reset_index(drop=True)
    label = (
        comp["risk"] + " | " + comp["source_id"].map(data.short_citation)
        + " (per " + comp["denominator_unit"].astype(str).str.rstrip("s").str.replace("_", " ") + ")"
    )  # fmt: skip
    frame = pd.DataFrame({"label": label, "value": comp["per_1000"], "low": comp["per_1000_low"],
                          "high": comp["per_1000_high"], "group": comp["procedure"], "source_id": comp["source_id"]})  # fmt: skip
    return RangeRows(
        frame, title="Complication rates reported in the sources",
        xlabel="events per 1,000" + (" (log scale)" if log else ""), log=log,
        note="Each line is one source; definitions, follow-up and denominators differ between lines. "
        "An open marker at the left edge means 0 events were seen.",
        empty=_none_for("complication rates", procedure_ids, data.load("complications")["procedure_id"])
        if frame.empty else "",
    )  # fmt: skip


def complications_chart(procedure_ids: Iterable[str] | None = None, risk_id: str | None = None,
                        log: bool = True) -> Figure:  # fmt: skip
    """Complication rates per 1,000 with their ranges: several procedures for one risk, or all
    risks of the chosen procedures."""
    return draw_rows(complication_rows(procedure_ids, risk_id, log))


# ------------------------------------------------------------------ trials


def forest_plot(outcome_ids: Iterable[str], title: str = "") -> Figure:
    """Reported effects with 95% intervals; one panel per kind of effect (a difference or a ratio)."""
    table = data.load("outcomes").set_index("outcome_id")
    ids = list(outcome_ids)
    for oid in ids:
        data.check_name("outcome", oid, table.index)
    rows = table.loc[ids]
    rows = rows[rows["effect"].notna() & rows["effect_measure"].notna()]
    if rows.empty:
        return _empty("None of these outcomes reports an effect with an interval.")
    # one panel per kind of effect and scale: a difference on 0-10 is not one on 0-100
    rows = rows.assign(
        panel=rows["effect_measure"].astype(str) + " | " + rows["unit"].fillna("").astype(str)
    )
    panels = list(dict.fromkeys(rows["panel"]))
    with style.rc():
        fig = _figure(9, 0.55 * len(rows) + 1.2 * len(panels) + 1.2)
        heights = [int((rows["panel"] == m).sum()) + 1 for m in panels]
        axes = fig.subplots(len(panels), 1, squeeze=False, height_ratios=heights)[:, 0]
        for mi, (ax, panel) in enumerate(zip(axes, panels, strict=True)):
            part = rows[rows["panel"] == panel]
            measure, unit = panel.split(" | ")
            y = np.arange(len(part))[::-1]
            ratio = measure in ("relative_risk", "hazard_ratio", "odds_ratio")
            ax.axvline(1 if ratio else 0, color="#555555", lw=1)
            for yi, (_, r) in zip(y, part.iterrows(), strict=True):
                if pd.notna(r["effect_low"]) and pd.notna(r["effect_high"]):
                    ax.plot(
                        [r["effect_low"], r["effect_high"]], [yi, yi], color=style.color(mi), lw=2.5
                    )
                ax.plot(
                    [r["effect"]], [yi], marker=style.marker(mi), color=style.color(mi), ls="none"
                )
            labels = [
                _wrap(f"{r['trial']}" + (f", {r['timepoint_months']:g} mo" if pd.notna(r["timepoint_months"]) else "")
                      + f": {r['outcome']}", 60)
                for _, r in part.iterrows()
            ]  # fmt: skip
            ax.set_yticks(y, labels)
            if ratio:
                ax.set_xscale("log")
                ticks = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8]
                lo = min(part["effect_low"].min(), part["effect"].min(), 1)
                hi = max(part["effect_high"].max(), part["effect"].max(), 1)
                ax.set_xticks([t for t in ticks if lo / 1.3 <= t <= hi * 1.3])
                ax.xaxis.set_major_formatter("{x:g}")
                ax.xaxis.set_minor_locator(NullLocator())
            scale = f", {unit}" if unit and not ratio and unit != "percent" else ""
            ax.set_xlabel(measure.replace("_", " ") + scale + (" (log scale)" if ratio else ""))
        axes[0].set_title(title or "Reported effects and 95% confidence intervals", loc="left")
        style.add_caption(
            fig, rows["source_id"], "A line without a bar: the source gave no interval."
        )
    return fig


# ------------------------------------------------------------------ icon arrays


def _squares(first: int, last: int, columns: int, rows_n: int) -> np.ndarray:
    """Corner coordinates of icon squares number first..last-1, filled row by row from the top."""
    k = np.arange(first, last)
    r, c = np.divmod(k, columns)
    x0, y0 = c + 0.08, rows_n - 1 - r + 0.08
    corners = np.array([[0, 0], [0.84, 0], [0.84, 0.84], [0, 0.84]])
    return np.stack([x0, y0], axis=1)[:, None, :] + corners[None, :, :]


def _icon_options(options: Mapping[str, float | tuple[float, float, float]],
                  denominator: int) -> dict[str, tuple]:  # fmt: skip
    """Check icon-array options: (value, low, high) per name, within 0-denominator, low <= value <= high."""
    if denominator not in (100, 1000):
        raise ValueError("denominator must be 100 or 1000 (natural frequencies use round numbers)")
    parsed = {}
    for name, spec in options.items():
        v, lo, hi = spec if isinstance(spec, tuple) else (spec, None, None)
        for part in (v, lo, hi):
            if part is not None and not 0 <= part <= denominator:
                raise ValueError(f"{name}: {part} is outside 0-{denominator}")
        if lo is not None and hi is not None and not lo <= v <= hi:
            raise ValueError(f"{name}: the value {v} must lie within its range {lo}-{hi}")
        parsed[name] = (v, lo, hi)
    return parsed


def icon_bounds(spec: tuple, denominator: int) -> list[tuple[int, int]]:
    """Squares first..last-1 of each kind for (value, low, high): sure (up to the low end), more
    at the estimate, more at the upper end of the range, and the rest. Values round to whole squares."""
    v, lo, hi = spec
    filled = round(v)
    sure = round(lo) if lo is not None else filled
    maybe = round(hi) if hi is not None else filled
    return [(0, sure), (sure, filled), (filled, maybe), (max(filled, maybe), denominator)]


def _icon_title(name: str, spec: tuple, denominator: int, event_label: str) -> str:
    v, lo, hi = spec
    text = _wrap(name, 34) + "\n" + _wrap(f"{v:g} in {denominator:,} {event_label}", 34)
    if lo is not None and hi is not None:
        text += f"\n(range {lo:g} to {hi:g})"
    return text


def _icon_width(panels: int) -> float:
    return 3.6 * panels + 0.4 if panels > 1 else 5.0  # one panel: room for its legend


def icon_array(options: Mapping[str, float | tuple[float, float, float]], denominator: int = 1000,
               columns: int = 40, title: str = "", source_ids: Iterable[str] = (),
               event_label: str = "affected", colour: str = style.HARM) -> Figure:  # fmt: skip
    """Part-to-whole pictures on one denominator: for each option, ``denominator`` squares, the
    affected ones filled. A value may be (value, low, high): squares between low and high are
    hatched, showing the uncertainty instead of hiding it. Widgets draw the same squares and words as
    HTML (``webchart.icon_html``), sharing ``icon_bounds``.
    """
    if not options:
        return _empty("Choose at least one option.")
    parsed = _icon_options(options, denominator)
    titles = {
        name: _icon_title(name, spec, denominator, event_label) for name, spec in parsed.items()
    }
    lines = max(text.count("\n") + 1 for text in titles.values())
    rows_n = math.ceil(denominator / columns)
    looks = [dict(facecolor=colour, edgecolor=colour, hatch=""),
             dict(facecolor=colour, edgecolor="white", hatch="...."),
             dict(facecolor="white", edgecolor=colour, hatch="////"),
             dict(facecolor=style.NEUTRAL, edgecolor="white", hatch="")]  # fmt: skip
    with style.rc():
        # equal-aspect squares cannot shrink to make room, so the canvas grows with the titles
        fig = _figure(
            _icon_width(len(parsed)), (3.0 if denominator == 1000 else 2.4) + 0.25 * lines + 0.3
        )
        for ax, (name, spec) in zip(fig.subplots(1, len(parsed), squeeze=False)[0], parsed.items(), strict=True):  # fmt: skip
            ax.set_xlim(0, columns)
            ax.set_ylim(0, rows_n)
            ax.set_aspect("equal")
            ax.axis("off")
            # four kinds of square (sure, more at the estimate, more at the upper end, the rest),
            # each one collection: fast to draw
            for look, (first, last) in zip(looks, icon_bounds(spec, denominator), strict=True):
                if last > first:
                    ax.add_collection(PolyCollection(_squares(first, last, columns, rows_n), lw=0.3, **look))  # fmt: skip
            text = titles[name]  # titles aligned at the bottom, above their squares
            ax.set_title(
                style.escape("\n" * (lines - text.count("\n") - 1) + text), fontsize="medium"
            )
        other = "not affected" if event_label == "affected" else "everyone else"
        handles = [
            Patch(facecolor=colour, label=event_label),
            Patch(facecolor=style.NEUTRAL, label=other),
        ]
        if any(lo is not None for _, lo, _ in parsed.values()):
            ranged = [Patch(facecolor=colour, edgecolor="white", hatch="....", label="more at the estimate"),
                      Patch(facecolor="white", edgecolor=colour, hatch="////", label="more at the upper end of the range")]  # fmt: skip
            # one panel is too narrow for four keys in a row: two rows of two
            handles = [handles[0], *ranged, handles[1]] if len(parsed) > 1 else [*handles, *ranged]
        fig.legend(handles=handles, loc="outside upper center", frameon=False,
                   ncols=len(handles) if len(parsed) > 1 or len(handles) == 2 else 2)  # fmt: skip
        if title:
            fig.suptitle(title, x=0.01, ha="left")
        style.add_caption(fig, source_ids)
    return fig


# ------------------------------------------------------------------ durations


def relief_durations(procedure_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Relief-duration facts converted to months (value, low, high), with labels."""
    facts = data.load("procedure_facts")
    facts = facts[facts["attribute"] == "relief_duration"].copy()
    if procedure_ids is not None:
        known = data.load("procedures")["procedure_id"]
        ids = [data.check_name("procedure", p, known) for p in procedure_ids]
        facts = facts[facts["procedure_id"].isin(ids)]
    factor = facts["unit"].astype(str).map(data.MONTHS_PER)
    names = data.load("procedures").set_index("procedure_id")["name"]
    return facts.assign(
        procedure=facts["procedure_id"].map(names),
        value_months=facts["value"] * factor,
        low_months=facts["low"] * factor,
        high_months=facts["high"] * factor,
    ).reset_index(drop=True)


RELIEF_TICKS = (("1 hour", 1 / 730.5), ("1 day", 1 / 30.44), ("1 week", 7 / 30.44), ("1 month", 1.0),
                ("6 months", 6.0), ("2 years", 24.0))  # fmt: skip


def relief_rows(procedure_ids: Iterable[str] | None = None) -> RangeRows:
    """How long relief lasted in the sources, in months, a line per source."""
    rel = relief_durations(procedure_ids)
    rel = rel.sort_values(["procedure", "value_months"]).reset_index(drop=True)
    frame = pd.DataFrame({"label": rel["measure"] + " | " + rel["source_id"].map(data.short_citation),
                          "value": rel["value_months"], "low": rel["low_months"], "high": rel["high_months"],
                          "group": rel["procedure"], "source_id": rel["source_id"]})  # fmt: skip
    return RangeRows(
        frame, title="How long relief lasted", xlabel="duration of relief (log scale)", log=True,
        ticks=RELIEF_TICKS, note="Dots are medians or means, bars ranges or intervals, as each source reported them.",
        empty=_none_for("relief-duration figures", procedure_ids, relief_durations()["procedure_id"])
        if frame.empty else "",
    )  # fmt: skip


def duration_words(months: float) -> str:
    """A duration in months as words in a fitting unit: '4.1 hours', '3 days', '8.6 months'."""
    for unit, per_month, below in (
        ("hours", 730.5, 48),
        ("days", 30.44, 14),
        ("weeks", 30.44 / 7, 8),
    ):
        if months * per_month < below:
            return f"{months * per_month:,.2g} {unit}"
    return f"{months:,.3g} months" if months < 24 else f"{months / 12:,.2g} years"


def relief_timeline(procedure_ids: Iterable[str] | None = None) -> Figure:
    """How long relief lasted in the sources, in months, each source on its own line."""
    return draw_rows(relief_rows(procedure_ids))


# ------------------------------------------------------------------ costs


COST_KINDS = {
    "payment_per_procedure": "Payment for one procedure",
    "procedure_cost": "Cost of the procedure or implant",
    "annual_cost": "Cost per patient per year",
    "complication_cost": "Cost of treating a complication",
    "cumulative_cost": "Cumulative cost per patient",
    "cost_per_qaly": "Cost per quality-adjusted life year (ICER)",
    "difference": "Difference or saving between options",
    "per_day_cost": "Cost per day",
}


def cost_rows(
    procedure_ids: Iterable[str] | None = None, kind: str = "payment_per_procedure"
) -> RangeRows:
    """Costs of one kind (payments, implant costs, ...), a panel per currency: never converted,
    pooled across countries or mixed across kinds."""
    data.check_name("kind of cost", kind, COST_KINDS)
    of_kind = data.load("costs").query("kind == @kind")
    costs = of_kind
    if procedure_ids is not None:
        known = data.load("procedures")["procedure_id"]
        ids = [data.check_name("procedure", p, known) for p in procedure_ids]
        costs = of_kind[of_kind["procedure_id"].isin(ids)]
    names = data.load("procedures").set_index("procedure_id")["name"]
    years = [f"{int(y)}" if pd.notna(y) else "price year not stated" for y in costs["year"]]
    label = [f"{names[p]}: {what} ({year})" for p, what, year in zip(costs["procedure_id"], costs["what"], years, strict=True)]  # fmt: skip
    frame = pd.DataFrame({"label": label, "value": costs["amount"].to_numpy(), "low": costs["low"].to_numpy(),
                          "high": costs["high"].to_numpy(), "panel": costs["currency"].astype(str).to_numpy(),
                          "source_id": costs["source_id"].to_numpy()})  # fmt: skip
    return RangeRows(
        frame, title=COST_KINDS[kind], xlabel="{panel} (log scale; price year in brackets)", log=True,
        note="Countries, years and settings differ: read each label before comparing.",
        empty=_none_for(f"figures of this kind of cost ({COST_KINDS[kind].lower()})", procedure_ids,
                        of_kind["procedure_id"]) if frame.empty else "",
    )  # fmt: skip


def cost_chart(
    procedure_ids: Iterable[str] | None = None, kind: str = "payment_per_procedure"
) -> Figure:
    """Costs of one kind (payments, implant costs, ...), one panel per currency; never converted,
    pooled across countries or mixed across kinds."""
    return draw_rows(cost_rows(procedure_ids, kind))


def _panel_chart(rows: RangeRows) -> Figure:
    """One axis per panel (currency), its lines coloured by panel."""
    frame = rows.frame
    panels = list(dict.fromkeys(frame["panel"]))
    with style.rc():
        fig = _figure(10, 0.75 * len(frame) + 1.0 * len(panels) + 1.2)
        heights = [max(1, (frame["panel"] == c).sum()) for c in panels]
        axes = fig.subplots(len(panels), 1, squeeze=False, height_ratios=heights)[:, 0]
        for ci, (ax, panel) in enumerate(zip(axes, panels, strict=True)):
            part = frame[frame["panel"] == panel].reset_index(drop=True)
            y = np.arange(len(part))[::-1]
            for yi, (_, r) in zip(y, part.iterrows(), strict=True):
                if pd.notna(r["low"]):
                    ax.plot([r["low"], r["high"]], [yi, yi], color=style.color(ci), lw=4, alpha=0.5)
                if pd.notna(r["value"]):
                    ax.plot(
                        [r["value"]],
                        [yi],
                        marker=style.marker(ci),
                        color=style.color(ci),
                        ls="none",
                    )
            ax.set_yticks(y, [_wrap(t, 60) for t in part["label"]], fontsize="small")
            if rows.log:
                _plain_log_axis(ax)
            ax.set_xlabel(rows.xlabel.format(panel=panel))
        axes[0].set_title(rows.title, loc="left")
        style.add_caption(fig, frame["source_id"], rows.note)
    return fig


# ------------------------------------------------------------------ pain after a procedure


def pain_trajectory_chart(curves: Mapping[str, pd.DataFrame], baseline: float,
                          diary: pd.DataFrame | None = None) -> Figure:  # fmt: skip
    """Pain curves over days with the sourced thresholds of a clinically important change (drawn
    relative to the baseline) and an optional synthetic diary. Widgets draw the same chart as HTML
    (``webchart.trajectory_html``)."""
    from .trajectory import thresholds

    thr = thresholds().loc[["immpact_moderate", "immpact_substantial"]]
    days = pd.concat([c["day"] for c in curves.values()])
    first, last = float(days.min()), float(days.max())
    with style.rc():
        fig = _figure(9, 4.6)
        ax = fig.add_subplot()
        for i, (name, curve) in enumerate(curves.items()):
            ax.plot(curve["day"], curve["pain"], color=style.color(i), ls=style.LINESTYLES[i], label=name)  # fmt: skip
        for pct, ls in zip(thr["value"], ("--", ":"), strict=True):
            level = baseline * (1 - pct / 100)
            ax.axhline(level, color="#444444", ls=ls, lw=1.2)
            ax.annotate(f"{pct:g}% below baseline", (1.0, level), xycoords=("axes fraction", "data"),
                        ha="right", va="bottom", fontsize="small")  # fmt: skip
        ax.axhline(baseline, color="#888888", lw=1)
        if diary is not None:
            ax.plot(diary["day"], diary["score"], "o", color=style.OKABE_ITO["black"], mfc="white",
                    label="diary score (synthetic)")  # fmt: skip
        span = last - first
        ax.set_xlim(first - 0.05 * span, last + 0.05 * span)
        ax.set_ylim(0, 10.5)
        ax.set_xlabel("days after the procedure")
        ax.set_ylabel("pain, 0-10")
        ax.set_title("Pain after a procedure (illustration, not patient data)", loc="left")
        ax.legend(frameon=False, loc="lower right")
        style.add_caption(fig, thr["source_id"])
    return fig


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
        fig = _figure(9, 0.55 * len(values) + 1.8)
        ax = fig.add_subplot()
        y = np.arange(len(values))[::-1]
        bars = ax.barh(y, values, color=colors, hatch=hatches, edgecolor="#333333")
        for bar, v in zip(bars, values, strict=True):
            ax.annotate(f" {v:,.1f}" if v < 10 else f" {v:,.0f}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                        va="center")  # fmt: skip
        ax.set_yticks(y, [_wrap(t, 44) for t in labels])
        ax.set_xlim(0, 1000)
        ax.set_xlabel("people per 1,000")
        ax.set_title(
            _wrap(f"Benefit and harm on one denominator: {row['outcome']}", 60), loc="left"
        )
        ids = [row["source_id"], *[source for *_, source in harms.values()]]
        style.add_caption(
            fig, ids, "Benefit and harms come from different studies and populations."
        )
    return fig


# ------------------------------------------------------------------ pathway simulation


def pathway_chart(
    results: Mapping[str, tuple[pd.DataFrame, pd.DataFrame]], title: str = ""
) -> Figure:
    """Cumulative procedures per patient over time, and how many procedures patients had.

    ``results`` maps a scenario label to (per-patient result, cumulative frame). Widgets draw the
    same chart as HTML (``webchart.pathway_html``).
    """
    if not results:
        return _empty("No scenario to show.")
    counts = np.arange(max(int(r["procedures"].max()) for r, _ in results.values()) + 1)
    horizon = max(float(c["month"].max()) for _, c in results.values())
    with style.rc():
        fig = _figure(11, 4.4)
        left, right = fig.subplots(1, 2)
        width = 0.8 / len(results)
        lines = []
        for i, (name, (per_patient, cumulative)) in enumerate(results.items()):
            lines += left.plot(cumulative["month"], cumulative["mean_procedures"], color=style.color(i),
                               ls=style.LINESTYLES[i], label=name)  # fmt: skip
            shares = per_patient["procedures"].value_counts(normalize=True) * 100
            shown = counts[np.isin(counts, shares.index)]  # a count nobody had gets no bar
            offset = (i - (len(results) - 1) / 2) * width
            right.bar(shown + offset, shares.reindex(shown).to_numpy(), width=width, color=style.color(i),
                      hatch=style.HATCHES[i], edgecolor="white", label=name)  # fmt: skip
        left.set_xlim(-0.05 * horizon, 1.05 * horizon)
        left.set_ylim(bottom=0)
        right.set_xlim(-0.6, counts[-1] + 0.6)
        right.set_ylim(bottom=0)
        left.set_xlabel("months")
        left.set_ylabel("procedures per patient (mean, cumulative)")
        # one legend for both panels (same colours), below them: inside the left panel it hid lines
        fig.legend(
            handles=lines, loc="outside lower center", frameon=False, ncols=min(len(results), 2)
        )
        right.set_xlabel("procedures per patient over the whole period")
        right.set_ylabel("% of patients")
        right.xaxis.get_major_locator().set_params(integer=True)
        fig.suptitle(title or "Simulated cohort (synthetic patients)", x=0.01, ha="left")
    return fig


# ------------------------------------------------------------------ prevalence


def prevalence_chart() -> Figure:
    """Prevalence figures stored as percentages, with their ranges, by condition."""
    prev = data.load("prevalence")
    prev = prev[prev["unit"] == "percent"].copy()
    # How often a joint is the source among back-pain patients is a pre-test probability (taught in
    # notebook 05), not how common a condition is in a population.
    prev = prev[~prev["measure"].str.endswith("_joint_pain_prevalence")]
    names = data.load("conditions").set_index("condition_id")["name"]
    prev["condition"] = prev["condition_id"].map(names)
    measure = prev["measure"].str.replace("_", " ").str.replace(" pct global population", "")
    prev["label"] = (measure + ": " + prev["population"]).map(
        lambda t: textwrap.shorten(t, 110, placeholder="...")
    )
    prev = prev.sort_values(["condition", "value"]).reset_index(drop=True)
    return range_chart(
        prev, "value", "low", "high", "label", group="condition", xlabel="percent",
        title="How common: prevalence figures as reported", note="Populations and definitions differ between lines.",
    )  # fmt: skip


show_in_one_pass()
