"""Charts as HTML, for widgets: the browser draws the text.

A text-heavy matplotlib chart takes a few hundred milliseconds to lay out and rasterise on a small
machine, too slow for a button a lecturer clicks. These functions draw the same chart descriptions
as ``plots`` (``ipm_lib.charts``) as HTML whose labels are text and whose marks are small inline
SVG pictures: built in milliseconds, sharp at any zoom or projector size, and readable by a screen
reader (each line says its figures).

Same title, axis labels, series, legend entries (colour with its second cue), sources and empty
message as the matplotlib figure: ``tests/test_chart_parity.py`` checks it for every chart kind.
"""

from __future__ import annotations

import math
from html import escape

from . import charts, rows, style, svg
from .charts import (
    ForestChart,
    IconChart,
    LinesChart,
    PathwayChart,
    TrajectoryChart,
    number,
)
from .ui import message_box

__all__ = [
    "SIZES",
    "draw",
    "forest_html",
    "icon_html",
    "number",
    "pathway_html",
    "range_html",
    "trajectory_html",
]

# sizes in CSS pixels: normal, lecture (projector)
SIZES = {
    False: {"font": 13, "width": 440, "row": 24, "marker": 5.5, "bar": 6, "pad": 14},
    True: {"font": 20, "width": 620, "row": 36, "marker": 8.5, "bar": 9, "pad": 22},
}
CSS = (
    "<style>"
    ".ipm-chart{display:inline-block;background:#fff;padding:8px 12px;color:#111;line-height:1.3;"
    "font-family:'DejaVu Sans',Verdana,sans-serif}"
    ".ipm-chart-title{font-weight:bold;font-size:1.15em}"
    ".ipm-legend{margin:4px 0}.ipm-key{margin-right:1.5em;white-space:nowrap}"
    ".ipm-key svg{vertical-align:middle}"
    ".ipm-caption{font-size:0.85em;color:#333;margin-top:6px;max-width:60em}"
    ".ipm-rows{border-collapse:collapse;margin:4px 0;font-size:inherit;color:#111}"
    ".ipm-rows tr{background:#fff}.ipm-rows tr.ipm-odd{background:#f3f3f3}"
    ".ipm-rows td{padding:0}.ipm-rows td.ipm-label{text-align:right;padding:1px 10px 1px 0;"
    "max-width:28em;line-height:1.2}"
    ".ipm-xlabel-row td{text-align:center;padding-top:4px}"
    ".ipm-panel-title{margin-top:6px}.ipm-favours{display:flex;justify-content:space-between}"
    ".ipm-side{display:inline-block;vertical-align:top;margin:0 2em 0.5em 0}"
    "</style>"
)


def _size() -> dict:
    return SIZES[style.is_lecture()]


def _framed(body: str, caption_parts=(), title: str = "") -> str:
    """The chart in a white box of its own (readable in a dark notebook theme too): its title,
    body and caption (note, then sources)."""
    head = f'<div class="ipm-chart-title">{escape(title)}</div>' if title else ""
    caption = "<br/>".join(escape(t) for t in caption_parts if t)
    if caption:
        body += f'<div class="ipm-caption">{caption}</div>'
    return f'{CSS}<div class="ipm-chart" style="font-size:{_size()["font"]}px">{head}{body}</div>'


def _empty(title: str, message: str) -> str:
    return _framed(message_box(escape(message), "info"), (), title)


def _key(key: charts.Key, light: bool = False) -> str:
    """A legend entry: colour with its second cue, then the words."""
    size = _size()
    if key.marker:
        r = size["marker"]
        box = int(2 * r + 6)
        mark = svg.marker(key.marker, box / 2, box / 2, r, key.colour)
        picture = f'<svg width="{box}" height="{box}" aria-hidden="true">{mark}</svg>'
    elif key.dash and key.hatch == "none":
        picture = svg.dash_line(key.colour, key.dash)
    else:
        picture = svg.swatch(key.colour, key.hatch, 20 if style.is_lecture() else 14, light)
    return f'<span class="ipm-key">{picture} {escape(key.label)}</span>'


def _legend(keys) -> str:
    return f'<div class="ipm-legend">{"".join(_key(k) for k in keys)}</div>' if keys else ""


# ------------------------------------------------------------------ lines (comparison, cost, forest)


def _line_svg(line: charts.Line, scale: svg.Scale, panel: charts.Panel) -> str:
    """One line's picture: grid, reference lines, range bar and marker, as inline SVG."""
    size = _size()
    height, width, y = size["row"], size["width"], size["row"] / 2
    parts = [
        f'<line x1="{scale.x(v)}" x2="{scale.x(v)}" y1="0" y2="{height}" stroke="#e3e3e3"/>'
        for _, v in scale.ticks
    ]
    if panel.reference is not None:
        x = scale.x(panel.reference)
        parts.append(f'<line x1="{x}" x2="{x}" y1="0" y2="{height}" stroke="#555555"/>')
    for t in panel.threshold:
        x = scale.x(t)
        parts.append(
            f'<line class="ipm-threshold" x1="{x}" x2="{x}" y1="0" y2="{height}" '
            f'stroke="#444444" stroke-width="1.2" stroke-dasharray="{svg.DASHES["--"]}"/>'
        )
    c = line.key.colour
    if line.low is not None and line.high is not None:
        x0, x1 = scale.x(line.low), scale.x(line.high)
        parts.append(
            f'<line x1="{x0}" x2="{x1}" y1="{y}" y2="{y}" stroke="{c}" stroke-opacity="0.45" '
            f'stroke-width="{size["bar"]}"/>'
        )
    if line.value is not None:
        hollow = line.value == 0
        parts.append(svg.marker(line.key.marker, scale.x(line.value), y, size["marker"], c, hollow))
    elif line.low is None and line.high is None:
        parts.append(
            f'<text x="{scale.pad}" y="{y}" dominant-baseline="middle" font-size="0.85em">'
            "no figure</text>"
        )
    said = escape(line.words)
    return (
        f'<svg width="{width}" height="{height}" role="img" aria-label="{said}" '
        f'style="display:block"><title>{said}</title>{"".join(parts)}</svg>'
    )


def _axis(scale: svg.Scale, panel: charts.Panel) -> str:
    size = _size()
    font = 0.9 * size["font"]
    placed = svg.placed_ticks(scale, font)
    marks = "".join(
        f'<line x1="{scale.x(v)}" x2="{scale.x(v)}" y1="0" y2="5" stroke="#555"/>'
        for _, v in scale.ticks
    )
    labels = "".join(
        f'<text x="{scale.x(v)}" y="{(row + 1) * (font + 4) + 2:.0f}" text-anchor="middle">'
        f"{escape(name)}</text>"
        for name, v, row in placed
    )
    height = (1 + max((row for *_, row in placed), default=0)) * (font + 4) + 6
    line = f'<line x1="{scale.pad}" x2="{size["width"] - scale.pad}" y1="0" y2="0" stroke="#555"/>'
    axis = (
        f'<svg width="{size["width"]}" height="{height:.0f}" style="display:block;overflow:visible"'
        f' font-size="{font:.0f}" fill="#222" aria-hidden="true">{line}{marks}{labels}</svg>'
    )
    under = f'<div class="ipm-xlabel">{escape(panel.xlabel)}</div>'
    if any(panel.favours):
        under += (
            f'<div class="ipm-favours"><span class="ipm-favours-left">\u2190 '
            f'{escape(panel.favours[0])}</span><span class="ipm-favours-right">'
            f"{escape(panel.favours[1])} \u2192</span></div>"
        )
    if panel.threshold_label:
        under += f'<div class="ipm-threshold-label">- - - {escape(panel.threshold_label)}</div>'
    return (
        f"<tr><td></td><td>{axis}</td></tr>"
        f'<tr class="ipm-xlabel-row"><td></td><td>{under}</td></tr>'
    )


def _panel_scale(panel: charts.Panel, forest: bool) -> svg.Scale:
    size = _size()
    values = [v for ln in panel.lines for v in (ln.value, ln.low, ln.high)]
    values += [*panel.threshold, *([] if panel.reference is None else [panel.reference])]
    return svg.Scale(values, panel.log, size["width"], size["pad"], panel.ticks, floor=not forest)


def _panel(panel: charts.Panel, forest: bool) -> str:
    scale = _panel_scale(panel, forest)
    body = []
    for i, line in enumerate(panel.lines):
        odd = ' class="ipm-odd"' if i % 2 else ""
        body.append(
            f'<tr{odd}><td class="ipm-label">{escape(line.label)}</td>'
            f"<td>{_line_svg(line, scale, panel)}</td></tr>"
        )
    heading = f'<div class="ipm-panel-title">{escape(panel.scale)}</div>' if panel.scale else ""
    return f'{heading}<table class="ipm-rows">{"".join(body)}{_axis(scale, panel)}</table>'


def lines_html(chart: LinesChart) -> str:
    """A comparison, cost or forest description as HTML: a table of labelled lines over one axis
    per panel, a legend, and a caption with the note, the procedures without a figure and the
    sources."""
    if chart.empty:
        return _empty(chart.title, chart.empty)
    forest = isinstance(chart, ForestChart)
    body = _legend(chart.legend) + "".join(_panel(p, forest) for p in chart.panels)
    caption = (chart.note, chart.missing_text, style.source_caption(chart.sources, width=10**6))
    return _framed(body, caption, chart.title)


def range_html(rows_: rows.RangeRows, unit: charts.lines.Unit = "") -> str:
    """A ``RangeRows`` as an HTML chart. ``unit`` follows each figure in the words a screen reader
    or a hover gives ("3.8 per 1,000"); it may be a function writing a figure with its unit
    (``rows.duration_words``). Panels (currencies) name themselves as the unit."""
    return lines_html(charts.comparison(rows_, unit))


def forest_html(outcome_ids, title: str = "") -> str:
    """Reported effects with 95% intervals, as ``plots.forest_plot`` draws them."""
    return lines_html(charts.forest(outcome_ids, title))


# ------------------------------------------------------------------ icon arrays


def _icon_light(key: charts.Key) -> bool:
    """'More at the upper end of the range' is white with coloured stripes, as in matplotlib."""
    return key.hatch == "diagonal"


def _icon_fill(key: charts.Key) -> str:
    if key.hatch == "none":  # plain squares
        return f'fill="{key.colour}"'
    fill = svg.hatched(key.colour, key.hatch, _icon_light(key))
    return fill + (f' stroke="{key.colour}" stroke-width="0.5"' if _icon_light(key) else "")


def icon_chart_html(chart: IconChart) -> str:
    if chart.empty:
        return _empty(chart.title, chart.empty)
    lecture = style.is_lecture()
    # a square's pitch in pixels: 100 squares a panel get bigger ones than 1,000
    cell = ((14, 20) if chart.denominator <= 100 else (10, 14))[lecture]
    rows_n = math.ceil(chart.denominator / chart.columns)
    sure, *ranged, rest = chart.legend
    looks = [sure, *(ranged or [sure, sure]), rest]
    defs = "".join(
        svg.pattern(k.colour, k.hatch, _icon_light(k)) for k in chart.legend if k.hatch != "none"
    )
    lines = max(p.heading.count("\n") + 1 for p in chart.panels)
    panels = []
    for panel in chart.panels:
        squares = []
        for key, (first, last) in zip(looks, panel.bounds, strict=True):
            if first == last:
                continue
            # One path per kind of square (filled row by row from the top): a browser parses and
            # lays out one element instead of up to a thousand, which keeps a click fast.
            side = cell - 2
            d = "".join(
                f"M{(i % chart.columns) * cell + 1} {(i // chart.columns) * cell + 1}"
                f"h{side}v{side}h-{side}z"
                for i in range(first, last)
            )
            squares.append(f'<path {_icon_fill(key)} d="{d}"/>')
        heading = "<br/>".join(escape(t) for t in panel.heading.split("\n"))
        said = escape(panel.words)
        panels.append(
            f'<div class="ipm-side"><div style="min-height:{lines * 1.3:.1f}em;margin-bottom:4px">'
            f'{heading}</div><svg width="{chart.columns * cell}" height="{rows_n * cell}" '
            f'role="img" aria-label="{said}"><title>{said}</title><defs>{defs}</defs>'
            f"{''.join(squares)}</svg></div>"
        )
    keys = "".join(_key(k, _icon_light(k)) for k in chart.legend)
    body = f'<div class="ipm-legend">{keys}</div><div>{"".join(panels)}</div>'
    caption = (chart.note, style.source_caption(chart.sources, width=10**6))
    return _framed(body, caption, chart.title)


def icon_html(
    options,
    denominator: int = 100,
    columns: int = 10,
    colour: str = style.BENEFIT,
    event_label: str = "affected",
    source_ids=(),
    note: str = "",
) -> str:
    """Icon arrays as HTML: for each option a grid of ``denominator`` squares, the affected ones
    filled, as ``plots.icon_array`` draws them (a value may be (value, low, high): squares between
    low and high are dotted or hatched)."""
    chart = charts.icons(
        options, denominator, columns, "", source_ids, event_label, colour, note=note
    )
    return icon_chart_html(chart)


# ------------------------------------------------------------------ pain over time


def trajectory_chart_html(chart: TrajectoryChart) -> str:
    if chart.empty:
        return _empty(chart.title, chart.empty)
    size = _size()
    xticks = svg.ticks(*chart.xlim, integer=True)
    plot = svg.Plot(
        size["width"] + 240,
        size["width"] // 2 + 100,
        chart.xlim,
        chart.ylim,
        xticks,
        range(0, 11, 2),
        chart.xlabel,
        chart.ylabel,
        size["font"],
    )
    x0, x1 = plot.left, plot.width - plot.right
    y = plot.y(chart.baseline)
    parts = [f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="#888888"/>']
    for level in chart.levels:
        y = plot.y(level.y)
        parts.append(
            f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="{level.colour}" '
            f'stroke-width="1.2" stroke-dasharray="{svg.DASHES[level.dash]}"/>'
            f'<text x="{x1 - 2}" y="{y - 4}" text-anchor="end" font-size="0.85em">'
            f"{escape(level.label)}</text>"
        )
    for curve in chart.curves:
        k = curve.key
        points = " ".join(f"{plot.x(d)},{plot.y(p)}" for d, p in zip(curve.x, curve.y, strict=True))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{k.colour}" stroke-width="2.5" '
            f'stroke-dasharray="{svg.DASHES[k.dash]}" data-dash="{escape(k.dash)}"/>'
        )
    if chart.diary_key is not None:
        k = chart.diary_key
        parts += [
            svg.marker(k.marker, plot.x(d), plot.y(s), 3.5, k.colour, hollow=True)
            for d, s in chart.diary
        ]
    body = _legend(chart.legend) + plot.svg("".join(parts), chart.said)
    return _framed(body, (style.source_caption(chart.sources, width=10**6),), chart.title)


def trajectory_html(curves, baseline: float, diary=None) -> str:
    """Pain curves over days as an SVG line chart, as ``plots.pain_trajectory_chart`` draws them."""
    return trajectory_chart_html(charts.trajectory(curves, baseline, diary))


# ------------------------------------------------------------------ a simulated cohort


def pathway_chart_html(chart: PathwayChart) -> str:
    if chart.empty:
        return _empty(chart.title, chart.empty)
    size = _size()
    width, height = size["width"] - 20, size["width"] // 2 + 100
    top, most, horizon = chart.max_procedures * 1.05, chart.max_procedures, chart.horizon
    left = svg.Plot(
        width,
        height,
        (-0.05 * horizon, 1.05 * horizon),
        (0, top),
        svg.ticks(0, horizon, True),
        svg.ticks(0, top, True),
        chart.left_xlabel,
        chart.left_ylabel,
        size["font"],
    )
    right = svg.Plot(
        width,
        height,
        (-0.6, most + 0.6),
        (0, 105),
        range(most + 1),
        svg.ticks(0, 100),
        chart.right_xlabel,
        chart.right_ylabel,
        size["font"],
    )
    lines, bars, said, defs = [], [], [], []
    band = 0.8 / len(chart.scenarios)
    for i, s in enumerate(chart.scenarios):
        k = s.key
        points = " ".join(
            f"{left.x(m)},{left.y(v)}" for m, v in zip(s.months, s.mean_procedures, strict=True)
        )
        lines.append(
            f'<polyline points="{points}" fill="none" stroke="{k.colour}" stroke-width="2.5" '
            f'stroke-dasharray="{svg.DASHES[k.dash]}" data-dash="{escape(k.dash)}"/>'
        )
        if k.hatch != "none":
            defs.append(svg.pattern(k.colour, k.hatch))
        offset = (i - (len(chart.scenarios) - 1) / 2) * band
        for count, pct in s.shares:
            x0, x1 = right.x(count + offset - band / 2), right.x(count + offset + band / 2)
            bars.append(
                f'<rect x="{x0}" y="{right.y(pct)}" width="{round(x1 - x0, 1)}" '
                f'height="{round(right.y(0) - right.y(pct), 1)}" {svg.hatched(k.colour, k.hatch)}>'
                f"<title>{escape(k.label)}: {pct:.0f}% had {count}</title></rect>"
            )
        said.append(
            f"{k.label}: {s.mean_procedures[-1]:.1f} procedures per patient by month "
            f"{s.months[-1]:g}"
        )
    legend = "".join(
        f'<span class="ipm-key">{svg.dash_line(s.key.colour, s.key.dash)}'
        f"{svg.swatch(s.key.colour, s.key.hatch, 14)} {escape(s.key.label)}</span>"
        for s in chart.scenarios
    )
    shares = "Share of patients by number of procedures"
    body = (
        f'<div class="ipm-legend">{legend}</div>'
        f'<div class="ipm-side"><div>{escape(chart.left_title)}</div>'
        f"{left.svg(''.join(lines), '; '.join(said))}</div>"
        f'<div class="ipm-side"><div>{escape(chart.right_title)}</div>'
        f"{right.svg(''.join(bars), shares, ''.join(defs))}</div>"
    )
    caption = (chart.note, style.source_caption(chart.sources, width=10**6))
    return _framed(body, caption, chart.title)


def pathway_html(results, max_procedures: int, title: str = "") -> str:
    """A simulated cohort as two SVG panels, as ``plots.pathway_chart`` draws it. The axes are fixed
    by ``max_procedures`` and the horizon, so moving a slider moves the marks and not the axes."""
    return pathway_chart_html(charts.pathway(results, max_procedures, title))


def draw(chart) -> str:
    """Any chart description as HTML."""
    if isinstance(chart, LinesChart):
        return lines_html(chart)
    if isinstance(chart, IconChart):
        return icon_chart_html(chart)
    if isinstance(chart, TrajectoryChart):
        return trajectory_chart_html(chart)
    if isinstance(chart, PathwayChart):
        return pathway_chart_html(chart)
    raise TypeError(f"not a chart description: {type(chart).__name__}")
