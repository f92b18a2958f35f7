"""Charts as HTML, for widgets: the browser draws the text.

A text-heavy matplotlib chart (17 sourced labels, say) takes a few hundred milliseconds to lay out
and rasterise on a small machine, too slow for a button a lecturer clicks. ``range_html`` draws the
same ``plots.RangeRows`` as an HTML table whose labels are text and whose marks are small inline SVG
pictures sharing one axis: built in milliseconds, sharp at any zoom or projector size, and readable
by a screen reader (each line says its figures). Hovering a line shows its figures too.

``icon_html`` does the same for icon arrays (the decision aid and the risk explorer), with the
squares and words of ``plots.icon_array``, and ``trajectory_html`` for the course of pain after a
procedure (the follow-up simulator), with what ``plots.pain_trajectory_chart`` draws. Static charts
in the notebooks stay matplotlib figures (``plots.draw_rows``, ``plots.icon_array``,
``plots.pain_trajectory_chart``), drawn from the same rows, options and curves: a notebook viewer
that shows no widgets still shows them.
"""

from __future__ import annotations

import math
from html import escape

import numpy as np
import pandas as pd
from matplotlib.ticker import LogLocator, MaxNLocator

from . import style
from .plots import (
    RangeRows,
    _icon_options,
    _icon_title,
    icon_bounds,
    plain_number,
)  # one parser, wording and rounding

# sizes in CSS pixels: normal, lecture (projector)
SIZES = {
    False: {"font": 13, "width": 440, "row": 24, "marker": 5.5, "bar": 6, "pad": 14},
    True: {"font": 20, "width": 620, "row": 36, "marker": 8.5, "bar": 9, "pad": 22},
}


def number(value: float) -> str:
    """A figure as a reader wants it: '0.0048', '3.8', '1,234', '12,500'."""
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    return f"{value:,.4g}"


class Scale:
    """Positions along a shared x axis (log or linear), with its ticks as (label, value)."""

    def __init__(self, values: pd.Series, log: bool, width: float, pad: float, ticks=()):
        finite = values[np.isfinite(values)]
        self.log, self.width, self.pad = log, width, pad
        positive = finite[finite > 0]
        # on a log axis a 0 (or a range starting at 0) is drawn at a floor left of the smallest figure
        self.floor = float(positive.min()) / 3 if log and len(positive) else None
        shown = positive if log else finite
        if log and (finite <= 0).any() and self.floor is not None:
            shown = pd.concat([shown, pd.Series([self.floor])])
        lo, hi = (float(shown.min()), float(shown.max())) if len(shown) else (1.0, 10.0)
        if log:
            lo, hi = math.log10(lo), math.log10(hi)
        if hi == lo:
            lo, hi = lo - 0.5, hi + 0.5
        margin = (hi - lo) * 0.05
        self.lo, self.hi = lo - margin, hi + margin
        self.ticks = self._ticks(ticks)

    def _ticks(self, named) -> list[tuple[str, float]]:
        lo, hi = (10**self.lo, 10**self.hi) if self.log else (self.lo, self.hi)
        if named:
            return [(name, v) for name, v in named if lo <= v <= hi]
        if self.log:
            values = LogLocator(subs=(1.0, 2.0, 5.0)).tick_values(lo, hi)
            values = [v for v in values if lo <= v <= hi]
            if len(values) > 9:  # a wide range: decades only
                values = [v for v in values if math.isclose(10 ** round(math.log10(v)), v)]
        else:
            values = [v for v in MaxNLocator(nbins=6).tick_values(lo, hi) if lo <= v <= hi]
        return [(plain_number(v), float(v)) for v in values]

    def shown(self, value: float) -> float:
        """Where a figure is drawn: itself, or the floor for a 0 on a log axis."""
        return max(value, self.floor) if self.log and self.floor is not None else value

    def x(self, value: float) -> float:
        v = self.shown(value)
        v = math.log10(v) if self.log else v
        return round(
            self.pad + (v - self.lo) / (self.hi - self.lo) * (self.width - 2 * self.pad), 1
        )


def _marker(kind: str, x: float, y: float, r: float, colour: str, hollow: bool) -> str:
    fill = "white" if hollow else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    if kind == "o":
        return f'<circle cx="{x}" cy="{y}" r="{r}" {paint}/>'
    if kind == "s":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {paint}/>'
    shapes = {
        "D": [(0, -1.25), (1, 0), (0, 1.25), (-1, 0)],
        "^": [(0, -1.2), (1.1, 0.8), (-1.1, 0.8)],
        "v": [(0, 1.2), (1.1, -0.8), (-1.1, -0.8)],
        "P": [(-0.35, -1), (0.35, -1), (0.35, -0.35), (1, -0.35), (1, 0.35), (0.35, 0.35), (0.35, 1),
              (-0.35, 1), (-0.35, 0.35), (-1, 0.35), (-1, -0.35), (-0.35, -0.35)],
        "X": [(-0.75, -1), (0, -0.25), (0.75, -1), (1, -0.75), (0.25, 0), (1, 0.75), (0.75, 1),
              (0, 0.25), (-0.75, 1), (-1, 0.75), (-0.25, 0), (-1, -0.75)],
    }  # fmt: skip
    points = shapes.get(kind) or [
        (
            math.sin(i * math.pi / 5) * (1.2 if i % 2 == 0 else 0.5),
            -math.cos(i * math.pi / 5) * (1.2 if i % 2 == 0 else 0.5),
        )
        for i in range(10)
    ]  # fmt: skip - a star for "*" and anything else
    path = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in points)
    return f'<polygon points="{path}" {paint}/>'


def _described(row, unit) -> str:
    """The figures of one line in words (screen readers, hover). ``unit`` is a word to follow
    each figure, or a function that writes a figure with its unit."""
    words = unit if callable(unit) else (lambda v: f"{number(v)} {unit}".strip())
    value, low, high = row["value"], row["low"], row["high"]
    parts = []
    if pd.notna(value):
        parts.append(words(value))
    if pd.notna(low) and pd.notna(high):
        parts.append(f"range {words(low)} to {words(high)}")
    return f"{row['label']}: " + ("; ".join(parts) if parts else "no figure")


def _line(row, scale: Scale, i: int, size: dict, unit: str) -> str:
    """One line's picture: grid, range bar and marker, as inline SVG."""
    height, width = size["row"], size["width"]
    y = height / 2
    grid = "".join(
        f'<line x1="{scale.x(v)}" x2="{scale.x(v)}" y1="0" y2="{height}" stroke="#e3e3e3"/>'
        for _, v in scale.ticks
    )  # fmt: skip
    colour = style.color(i)
    marks = ""
    if pd.notna(row["low"]) and pd.notna(row["high"]):
        marks += (f'<line x1="{scale.x(row["low"])}" x2="{scale.x(row["high"])}" y1="{y}" y2="{y}" '
                  f'stroke="{colour}" stroke-opacity="0.45" stroke-width="{size["bar"]}"/>')  # fmt: skip
    if pd.notna(row["value"]):
        marks += _marker(
            style.marker(i),
            scale.x(row["value"]),
            y,
            size["marker"],
            colour,
            hollow=row["value"] == 0,
        )
    elif not marks:
        marks = f'<text x="{scale.pad}" y="{y}" dominant-baseline="middle" font-size="0.85em">no figure</text>'
    said = escape(_described(row, unit))
    return (f'<svg width="{width}" height="{height}" role="img" aria-label="{said}" style="display:block">'
            f"<title>{said}</title>{grid}{marks}</svg>")  # fmt: skip


def _placed(scale: Scale, font: float) -> list[tuple[str, float, int]]:
    """Tick labels and the row each goes on: a label that would overlap the one before it drops to
    a second row; one that fits on neither is left out (its grid line stays)."""
    placed, right = [], [-math.inf, -math.inf]
    for name, v in scale.ticks:
        half = len(name) * 0.3 * font  # about half the label's width
        for row in (0, 1):
            if scale.x(v) - half >= right[row] + 4:
                placed.append((name, v, row))
                right[row] = scale.x(v) + half
                break
    return placed


def _axis(scale: Scale, size: dict, label: str) -> str:
    font = 0.9 * size["font"]
    marks = "".join(
        f'<line x1="{scale.x(v)}" x2="{scale.x(v)}" y1="0" y2="5" stroke="#555"/>'
        for _, v in scale.ticks
    )
    placed = _placed(scale, font)
    labels = "".join(
        f'<text x="{scale.x(v)}" y="{(row + 1) * (font + 4) + 2:.0f}" text-anchor="middle">{escape(name)}</text>'
        for name, v, row in placed
    )  # fmt: skip
    height = (1 + max((row for *_, row in placed), default=0)) * (font + 4) + 6
    line = f'<line x1="{scale.pad}" x2="{size["width"] - scale.pad}" y1="0" y2="0" stroke="#555"/>'
    axis = (f'<svg width="{size["width"]}" height="{height:.0f}" style="display:block;overflow:visible" '
            f'font-size="{font:.0f}" fill="#222" aria-hidden="true">{line}{marks}{labels}</svg>')  # fmt: skip
    plain = 'style="background:#fff"'  # no stripe from the notebook's table style
    return (f"<tr {plain}><td></td><td>{axis}</td></tr>"
            f'<tr {plain}><td></td><td style="text-align:center;padding-top:4px;color:#111">{escape(label)}</td></tr>')  # fmt: skip


def _table(frame: pd.DataFrame, scale: Scale, colour_of, size: dict, xlabel: str, unit: str) -> str:
    rows = []
    for i, (_, row) in enumerate(frame.iterrows()):
        label = escape(str(row["label"]))
        stripe = (
            "#f3f3f3" if i % 2 else "#fff"
        )  # set here, not left to the notebook theme's table style
        rows.append(
            f'<tr style="background:{stripe}"><td style="text-align:right;padding:1px 10px 1px 0;max-width:28em;line-height:1.2;color:#111">{label}</td>'
            f'<td style="padding:0">{_line(row, scale, colour_of(row), size, unit)}</td></tr>'
        )  # fmt: skip
    return f'<table style="border-collapse:collapse;margin:4px 0;font-size:inherit;color:#111">{"".join(rows)}{_axis(scale, size, xlabel)}</table>'


def _legend(groups: list[str], size: dict) -> str:
    items = []
    for i, g in enumerate(groups):
        r = size["marker"]
        box = int(2 * r + 6)
        mark = _marker(style.marker(i), box / 2, box / 2, r, style.color(i), hollow=False)
        items.append(f'<span style="margin-right:1.5em;white-space:nowrap"><svg width="{box}" height="{box}" '
                     f'style="vertical-align:middle" aria-hidden="true">{mark}</svg> {escape(g)}</span>')  # fmt: skip
    return f'<div style="margin:4px 0">{"".join(items)}</div>'


def _framed(body: str, caption: str, size: dict) -> str:
    """The chart in a white box of its own (readable in a dark notebook theme too), its caption below."""
    if caption:
        body += f'<div style="font-size:0.85em;color:#333;margin-top:6px;max-width:60em">{caption}</div>'
    return (f'<div class="ipm-chart" style="display:inline-block;background:#fff;padding:8px 12px;'
            f'font-family:\'DejaVu Sans\',Verdana,sans-serif;font-size:{size["font"]}px;color:#111;line-height:1.3">'
            f"{body}</div>")  # fmt: skip


def range_html(rows: RangeRows, unit="") -> str:
    """A ``RangeRows`` as an HTML chart: a table of labelled lines over one axis (one per panel),
    a legend for groups, and a caption with the note and the sources. ``unit`` follows each figure
    in the words a screen reader or a hover gives ("3.8 per 1,000"); it may be a function writing a
    figure with its unit (``plots.duration_words``). Panels add their name (a currency) to it."""
    size = SIZES[style.is_lecture()]
    body = f'<div style="font-weight:bold;font-size:1.15em">{escape(rows.title)}</div>'
    frame = rows.frame
    if frame.empty:
        body += f"<p>{escape(rows.empty)}</p>"
    elif "panel" in frame:
        for pi, panel in enumerate(dict.fromkeys(frame["panel"])):
            part = frame[frame["panel"] == panel]
            scale = Scale(pd.concat([part["value"], part["low"], part["high"]]), rows.log, size["width"], size["pad"], rows.ticks)  # fmt: skip
            body += _table(part, scale, lambda _, pi=pi: pi, size, rows.xlabel.format(panel=panel), unit or panel)  # fmt: skip
    else:
        groups = list(dict.fromkeys(frame["group"].astype(str))) if "group" in frame else []
        index = {g: i for i, g in enumerate(groups)}
        if groups:
            body += _legend(groups, size)
        scale = Scale(pd.concat([frame["value"], frame["low"], frame["high"]]), rows.log, size["width"], size["pad"], rows.ticks)  # fmt: skip
        colour_of = (lambda r: index[str(r["group"])]) if groups else (lambda _: 0)
        body += _table(frame, scale, colour_of, size, rows.xlabel, unit)
    caption = "<br>".join(
        escape(t)
        for t in (rows.note, style.source_caption(frame.get("source_id", ()), width=10**6))
        if t
    )
    return _framed(body, caption, size)


# ------------------------------------------------------------------ icon arrays


def icon_html(options, denominator: int = 100, columns: int = 10, colour: str = style.BENEFIT,
              event_label: str = "affected", source_ids=(), note: str = "") -> str:  # fmt: skip
    """Icon arrays as HTML: for each option a grid of ``denominator`` squares, the affected ones
    filled, with the same words and the same squares as ``plots.icon_array`` (a value may be
    (value, low, high): squares between low and high are hatched)."""
    size = SIZES[style.is_lecture()]
    # a square's pitch in pixels: 100 squares a panel get bigger ones than 1,000 (400 px wide)
    cell = (14, 20) if denominator <= 100 else (10, 14)
    cell = cell[style.is_lecture()]
    rows_n = math.ceil(denominator / columns)
    parsed = _icon_options(options, denominator)
    ids = colour.strip("#")  # pattern ids per colour: several charts on one page must not mix them
    hatch = (f'<defs><pattern id="ipm-dots-{ids}" width="4" height="4" patternUnits="userSpaceOnUse">'
             f'<rect width="4" height="4" fill="{colour}"/><circle cx="2" cy="2" r="0.8" fill="white"/></pattern>'
             f'<pattern id="ipm-lines-{ids}" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
             f'<rect width="4" height="4" fill="white"/><line x1="0" y1="0" x2="0" y2="4" stroke="{colour}" stroke-width="1.5"/>'
             "</pattern></defs>")  # fmt: skip
    looks = [f'fill="{colour}"', f'fill="url(#ipm-dots-{ids})"', f'fill="url(#ipm-lines-{ids})" stroke="{colour}" stroke-width="0.5"',
             f'fill="{style.NEUTRAL}"']  # fmt: skip
    words_of = {
        name: _icon_title(name, spec, denominator, event_label).replace("\\$", "$")
        for name, spec in parsed.items()
    }
    lines = max(w.count("\n") + 1 for w in words_of.values()) if words_of else 1
    panels = []
    for name, spec in parsed.items():
        squares = []
        for look, (first, last) in zip(looks, icon_bounds(spec, denominator), strict=True):
            if first == last:
                continue
            squares.append(f"<g {look}>")  # one group per kind of square keeps the markup small
            for i in range(first, last):  # filled row by row from the top, as plots.icon_array
                x, y = (i % columns) * cell, (i // columns) * cell
                squares.append(
                    f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}"/>'
                )
            squares.append("</g>")
        words = words_of[name]
        title = "<br>".join(escape(line) for line in words.split("\n"))
        v, lo, hi = spec
        ranged = f" (range {lo:g} to {hi:g})" if lo is not None and hi is not None else ""
        said = escape(f"{name}: {v:g} in {denominator:,} {event_label}{ranged}")
        panels.append(
            f'<div style="display:inline-block;vertical-align:top;margin:0 2em 0.5em 0">'
            f'<div style="min-height:{lines * 1.3:.1f}em;margin-bottom:4px">{title}</div>'
            f'<svg width="{columns * cell}" height="{rows_n * cell}" role="img" aria-label="{said}">'
            f"<title>{said}</title>{hatch}{''.join(squares)}</svg></div>"
        )  # fmt: skip
    has_range = any(lo is not None for _, lo, _ in parsed.values())
    other = "not affected" if event_label == "affected" else "everyone else"
    keys = [(looks[0], event_label)]
    if has_range:
        keys += [
            (looks[1], "more at the estimate"),
            (looks[2], "more at the upper end of the range"),
        ]
    keys.append((looks[3], other))
    legend = "".join(
        f'<span style="margin-right:1.5em;white-space:nowrap"><svg width="{cell}" height="{cell}" '
        f'style="vertical-align:middle" aria-hidden="true">{hatch}<rect x="1" y="1" width="{cell - 2}" '
        f'height="{cell - 2}" {look}/></svg> {escape(text)}</span>'
        for look, text in keys
    )  # fmt: skip
    caption = "<br>".join(
        escape(t) for t in (note, style.source_caption(source_ids, width=10**6)) if t
    )
    body = f'<div style="margin:4px 0">{legend}</div><div>{"".join(panels)}</div>'
    return _framed(body, caption, size)


class _Plot:
    """An SVG plotting area: limits, a light grid with tick labels, axis labels; ``x``/``y`` map data
    to pixels (y upwards, as on paper)."""

    def __init__(self, width: float, height: float, xlim, ylim, xticks, yticks, xlabel: str,
                 ylabel: str, font: float):  # fmt: skip
        self.width, self.height, self.font = width, height, font
        self.xlim, self.ylim = xlim, ylim
        self.left, self.right, self.top, self.bottom = 3.4 * font, 12, 8, 3.0 * font
        self.xticks, self.yticks, self.xlabel, self.ylabel = xticks, yticks, xlabel, ylabel

    def x(self, value: float) -> float:
        (lo, hi), span = self.xlim, self.width - self.left - self.right
        return round(self.left + (value - lo) / (hi - lo) * span, 1)

    def y(self, value: float) -> float:
        (lo, hi), span = self.ylim, self.height - self.top - self.bottom
        return round(self.top + (hi - value) / (hi - lo) * span, 1)

    def axes(self) -> str:
        font, x0, x1 = self.font, self.left, self.width - self.right
        y0, y1 = self.y(self.ylim[0]), self.top
        parts = []
        for tick in self.xticks:
            parts.append(f'<line x1="{self.x(tick)}" y1="{y1}" x2="{self.x(tick)}" y2="{y0}" stroke="#e6e6e6"/>'
                         f'<text x="{self.x(tick)}" y="{y0 + font + 2}" text-anchor="middle">{plain_number(tick)}</text>')  # fmt: skip
        for tick in self.yticks:
            parts.append(f'<line x1="{x0}" y1="{self.y(tick)}" x2="{x1}" y2="{self.y(tick)}" stroke="#e6e6e6"/>'
                         f'<text x="{x0 - 6}" y="{self.y(tick) + font * 0.35:.1f}" text-anchor="end">{plain_number(tick)}</text>')  # fmt: skip
        parts.append(f'<text x="{(x0 + x1) / 2}" y="{self.height - 4}" text-anchor="middle">{escape(self.xlabel)}</text>'
                     f'<text transform="translate({font}, {(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">{escape(self.ylabel)}</text>')  # fmt: skip
        return "".join(parts)

    def svg(self, marks: str, said: str) -> str:
        said = escape(said)
        return (f'<svg width="{self.width}" height="{self.height}" role="img" aria-label="{said}" '
                f'font-size="{self.font}" fill="#111"><title>{said}</title>{self.axes()}{marks}</svg>')  # fmt: skip


def _ticks(lo: float, hi: float, integer: bool = False) -> list[float]:
    return [
        float(v) for v in MaxNLocator(nbins=6, integer=integer).tick_values(lo, hi) if lo <= v <= hi
    ]


# ------------------------------------------------------------------ pain over time

DASHES = {"-": "", "--": "7 4", "-.": "7 3 2 3", ":": "2 3"}


def trajectory_html(curves, baseline: float, diary: pd.DataFrame | None = None) -> str:
    """Pain curves over days as an SVG line chart whose words the browser draws: the curves, the
    baseline, the sourced thresholds of a clinically important change (which follow the baseline),
    a synthetic diary and the caption of sources, as ``plots.pain_trajectory_chart`` draws them."""
    from .trajectory import thresholds

    size = SIZES[style.is_lecture()]
    thr = thresholds().loc[["immpact_moderate", "immpact_substantial"]]
    days = pd.concat([c["day"] for c in curves.values()])
    first, last = float(days.min()), float(days.max())
    span = (last - first) or 1.0
    xlim = (first - 0.05 * span, last + 0.05 * span)
    plot = _Plot(size["width"] + 240, size["width"] // 2 + 100, xlim, (0, 10.5), _ticks(*xlim, integer=True),
                 range(0, 11, 2), "days after the procedure", "pain, 0-10", size["font"])  # fmt: skip
    x0, x1 = plot.left, plot.width - plot.right
    parts = [
        f'<line x1="{x0}" y1="{plot.y(baseline)}" x2="{x1}" y2="{plot.y(baseline)}" stroke="#888888"/>'
    ]
    for pct, dash in zip(
        thr["value"], (DASHES["--"], DASHES[":"]), strict=True
    ):  # as the notebook chart
        level = plot.y(baseline * (1 - pct / 100))
        parts.append(f'<line x1="{x0}" y1="{level}" x2="{x1}" y2="{level}" stroke="#444444" stroke-width="1.2" '
                     f'stroke-dasharray="{dash}"/><text x="{x1 - 2}" y="{level - 4}" text-anchor="end" '
                     f'font-size="0.85em">{pct:g}% below baseline</text>')  # fmt: skip
    legend = []
    for i, (name, curve) in enumerate(curves.items()):
        colour, dash = style.color(i), DASHES.get(style.LINESTYLES[i], "")
        points = " ".join(
            f"{plot.x(d)},{plot.y(p)}" for d, p in zip(curve["day"], curve["pain"], strict=True)
        )
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5" '
                     f'stroke-dasharray="{dash}"/>')  # fmt: skip
        legend.append(_line_key(name, colour, dash))
    if diary is not None:
        parts += [f'<circle cx="{plot.x(d)}" cy="{plot.y(s)}" r="3.5" fill="white" stroke="#000000" stroke-width="1.3"/>'
                  for d, s in zip(diary["day"], diary["score"], strict=True)]  # fmt: skip
        legend.append('<span style="white-space:nowrap"><svg width="12" height="12" aria-hidden="true"><circle cx="6" '
                      'cy="6" r="3.5" fill="white" stroke="#000000" stroke-width="1.3"/></svg> diary score (synthetic)</span>')  # fmt: skip
    lowest = min(float(c["pain"].min()) for c in curves.values())
    said = (f"Pain over days {first:g} to {last:g} after the procedure, from a baseline of {baseline:g}; "
            f"lowest {lowest:.1f}.")  # fmt: skip
    body = (
        '<div style="font-weight:bold;font-size:1.15em">Pain after a procedure (illustration, not patient data)</div>'
        f'<div style="margin:4px 0">{"".join(legend)}</div>{plot.svg("".join(parts), said)}'
    )  # fmt: skip
    return _framed(body, escape(style.source_caption(thr["source_id"], width=10**6)), size)


def _line_key(name: str, colour: str, dash: str) -> str:
    return (f'<span style="margin-right:1.5em;white-space:nowrap"><svg width="30" height="10" aria-hidden="true">'
            f'<line x1="0" y1="5" x2="30" y2="5" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}"/>'
            f"</svg> {escape(name)}</span>")  # fmt: skip


# ------------------------------------------------------------------ a simulated cohort


def pathway_html(results, max_procedures: int, title: str = "") -> str:
    """A simulated cohort as two SVG panels whose words the browser draws, as ``plots.pathway_chart``
    draws them: mean cumulative procedures per patient over the months, and the share of patients by
    how many procedures they had. ``results`` maps a scenario's name to (per-patient result,
    cumulative frame). The axes are fixed by ``max_procedures`` and the horizon, so moving a slider
    moves the marks and not the axes."""
    if not results:
        raise ValueError("No scenario to show: give at least one (name: (result, cumulative)).")
    size = SIZES[style.is_lecture()]
    horizon = max(float(c["month"].max()) for _, c in results.values())
    width, height = size["width"] - 20, size["width"] // 2 + 100
    top = max_procedures * 1.05
    left = _Plot(width, height, (-0.05 * horizon, 1.05 * horizon), (0, top), _ticks(0, horizon, True),
                 _ticks(0, top, True), "months", "procedures per patient", size["font"])  # fmt: skip
    right = _Plot(width, height, (-0.6, max_procedures + 0.6), (0, 105), range(max_procedures + 1),
                  _ticks(0, 100), "procedures over the whole period", "% of patients", size["font"])  # fmt: skip
    lines, bars, legend, said = [], [], [], []
    band = 0.8 / len(results)
    for i, (name, (per_patient, cumulative)) in enumerate(results.items()):
        colour, dash = style.color(i), DASHES.get(style.LINESTYLES[i], "")
        points = " ".join(f"{left.x(m)},{left.y(v)}" for m, v in
                          zip(cumulative["month"], cumulative["mean_procedures"], strict=True))  # fmt: skip
        lines.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}"/>'
        )
        shares = per_patient["procedures"].value_counts(normalize=True) * 100
        beyond = sorted(int(n) for n in set(shares.index) - set(range(max_procedures + 1)))
        if beyond:
            raise ValueError(
                f"this chart shows 0-{max_procedures} procedures per patient, got {beyond}"
            )
        offset = (i - (len(results) - 1) / 2) * band
        for count, pct in shares.sort_index().items():
            x0, x1 = right.x(count + offset - band / 2), right.x(count + offset + band / 2)
            bars.append(f'<rect x="{x0}" y="{right.y(pct)}" width="{round(x1 - x0, 1)}" height="{round(right.y(0) - right.y(pct), 1)}" '
                        f'fill="{colour}"><title>{escape(name)}: {pct:.0f}% had {count}</title></rect>')  # fmt: skip
        legend.append(_line_key(name, colour, dash))
        said.append(f"{name}: {float(cumulative['mean_procedures'].iloc[-1]):.1f} procedures per patient by month "
                    f"{float(cumulative['month'].iloc[-1]):g}")  # fmt: skip

    def panel(heading: str, svg: str) -> str:
        return f'<div style="display:inline-block;vertical-align:top;margin-right:1em"><div>{heading}</div>{svg}</div>'

    body = (
        f'<div style="font-weight:bold;font-size:1.15em">{escape(title or "Simulated cohort (synthetic patients)")}</div>'
        f'<div style="margin:4px 0">{"".join(legend)}</div>'
        + panel("Procedures per patient so far (mean)", left.svg("".join(lines), "; ".join(said)))
        + panel("How many procedures each patient had", right.svg("".join(bars), "Share of patients by number of procedures"))
    )  # fmt: skip
    return _framed(body, "", size)
