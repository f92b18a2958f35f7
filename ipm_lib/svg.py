"""Small SVG building blocks for the HTML charts of ``webchart``: a shared x scale, markers, hatch
patterns, dashes and a plotting area. No chart knowledge lives here."""

from __future__ import annotations

import math
from html import escape

import numpy as np
import pandas as pd
from matplotlib.ticker import LogLocator, MaxNLocator

from .charts import plain_number

DASHES = {"-": "", "--": "7 4", "-.": "7 3 2 3", ":": "2 3"}
_SHAPES = {
    "D": [(0, -1.25), (1, 0), (0, 1.25), (-1, 0)],
    "^": [(0, -1.2), (1.1, 0.8), (-1.1, 0.8)],
    "v": [(0, 1.2), (1.1, -0.8), (-1.1, -0.8)],
    "P": [
        (-0.35, -1),
        (0.35, -1),
        (0.35, -0.35),
        (1, -0.35),
        (1, 0.35),
        (0.35, 0.35),
        (0.35, 1),
        (-0.35, 1),
        (-0.35, 0.35),
        (-1, 0.35),
        (-1, -0.35),
        (-0.35, -0.35),
    ],
    "X": [
        (-0.75, -1),
        (0, -0.25),
        (0.75, -1),
        (1, -0.75),
        (0.25, 0),
        (1, 0.75),
        (0.75, 1),
        (0, 0.25),
        (-0.75, 1),
        (-1, 0.75),
        (-0.25, 0),
        (-1, -0.75),
    ],
    "*": [
        (
            math.sin(i * math.pi / 5) * (1.2 if i % 2 == 0 else 0.5),
            -math.cos(i * math.pi / 5) * (1.2 if i % 2 == 0 else 0.5),
        )
        for i in range(10)
    ],
}
# hatch name -> the SVG strokes of one 6x6 pattern tile
_TILES = {
    "none": "",
    "diagonal": '<path d="M0,6 L6,0" stroke="white" stroke-width="1.2"/>',
    "backdiagonal": '<path d="M0,0 L6,6" stroke="white" stroke-width="1.2"/>',
    "dots": '<circle cx="3" cy="3" r="0.9" fill="white"/>',
    "cross": '<path d="M0,6 L6,0 M0,0 L6,6" stroke="white" stroke-width="1"/>',
    "plus": '<path d="M3,0 L3,6 M0,3 L6,3" stroke="white" stroke-width="1"/>',
    "circles": '<circle cx="3" cy="3" r="1.8" fill="none" stroke="white" stroke-width="0.8"/>',
    "horizontal": '<path d="M0,3 L6,3" stroke="white" stroke-width="1.2"/>',
}


def marker(kind: str, x: float, y: float, r: float, colour: str, hollow: bool = False) -> str:
    """A marker of matplotlib's symbol ``kind`` (o s D ^ v P X *), tagged with ``data-marker``."""
    fill = "white" if hollow else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="1.5" data-marker="{escape(kind)}"'
    if kind == "o":
        return f'<circle cx="{x}" cy="{y}" r="{r}" {paint}/>'
    if kind == "s":
        side = f'width="{2 * r:.1f}" height="{2 * r:.1f}"'
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" {side} {paint}/>'
    points = _SHAPES.get(kind, _SHAPES["*"])
    path = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in points)
    return f'<polygon points="{path}" {paint}/>'


def pattern_id(colour: str, hatch: str, light: bool = False) -> str:
    return f"ipm-hatch-{hatch}{'-light' if light else ''}-{colour.strip('#')}"


def pattern(colour: str, hatch: str, light: bool = False) -> str:
    """A ``<pattern>``: ``colour`` with the white strokes of ``hatch``, or (``light``) white with
    strokes of ``colour``, as matplotlib draws a white patch with a coloured hatch."""
    ground, ink = ("white", colour) if light else (colour, "white")
    tile = _TILES[hatch].replace('"white"', f'"{ink}"')
    return (
        f'<pattern id="{pattern_id(colour, hatch, light)}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{ground}"/>'
        f"{tile}</pattern>"
    )


def hatched(colour: str, hatch: str, light: bool = False) -> str:
    """Fill attributes of a hatched area (a plain fill for 'none'), tagged with ``data-hatch``."""
    fill = colour if hatch == "none" else f"url(#{pattern_id(colour, hatch, light)})"
    return f'fill="{fill}" data-hatch="{hatch}"'


def swatch(colour: str, hatch: str, size: float, light: bool = False) -> str:
    defs = f"<defs>{pattern(colour, hatch, light)}</defs>" if hatch != "none" else ""
    edge = f' stroke="{colour}" stroke-width="0.5"' if light else ""
    area = hatched(colour, hatch, light)
    return (
        f'<svg width="{size}" height="{size}" aria-hidden="true">{defs}'
        f'<rect x="1" y="1" width="{size - 2}" height="{size - 2}" {area}{edge}/></svg>'
    )


def dash_line(colour: str, dash: str, width: float = 30) -> str:
    return (
        f'<svg width="{width}" height="10" aria-hidden="true"><line x1="0" y1="5" x2="{width}" '
        f'y2="5" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{DASHES.get(dash, "")}" '
        f'data-dash="{escape(dash)}"/></svg>'
    )


class Scale:
    """Positions along a shared x axis (log or linear), with its ticks as (label, value)."""

    def __init__(self, values, log: bool, width: float, pad: float, ticks=(), floor=True):
        values = pd.Series([v for v in values if v is not None], dtype=float)
        finite = values[np.isfinite(values)]
        self.log, self.width, self.pad = log, width, pad
        positive = finite[finite > 0]
        # on a log axis a 0 (or a range starting at 0) is drawn at a floor left of the smallest figure
        self.floor = float(positive.min()) / 3 if floor and log and len(positive) else None
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
        span = self.width - 2 * self.pad
        return round(self.pad + (v - self.lo) / (self.hi - self.lo) * span, 1)


class Plot:
    """An SVG plotting area: limits, a light grid with tick labels, axis labels; ``x``/``y`` map data
    to pixels (y upwards, as on paper)."""

    def __init__(self, width, height, xlim, ylim, xticks, yticks, xlabel, ylabel, font):
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
            x = self.x(tick)
            parts.append(
                f'<line x1="{x}" y1="{y1}" x2="{x}" y2="{y0}" stroke="#e6e6e6"/>'
                f'<text x="{x}" y="{y0 + font + 2}" text-anchor="middle">{plain_number(tick)}</text>'
            )
        for tick in self.yticks:
            y = self.y(tick)
            parts.append(
                f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="#e6e6e6"/>'
                f'<text x="{x0 - 6}" y="{y + font * 0.35:.1f}" text-anchor="end">'
                f"{plain_number(tick)}</text>"
            )
        parts.append(
            f'<text class="ipm-xlabel" x="{(x0 + x1) / 2}" y="{self.height - 4}" '
            f'text-anchor="middle">{escape(self.xlabel)}</text>'
            f'<text class="ipm-ylabel" transform="translate({font}, {(y0 + y1) / 2}) rotate(-90)" '
            f'text-anchor="middle">{escape(self.ylabel)}</text>'
        )
        return "".join(parts)

    def svg(self, marks: str, said: str, defs: str = "") -> str:
        said = escape(said)
        return (
            f'<svg width="{self.width}" height="{self.height}" role="img" aria-label="{said}" '
            f'font-size="{self.font}" fill="#111"><title>{said}</title>'
            f"<defs>{defs}</defs>{self.axes()}{marks}</svg>"
        )


def ticks(lo: float, hi: float, integer: bool = False) -> list[float]:
    locator = MaxNLocator(nbins=6, integer=integer)
    return [float(v) for v in locator.tick_values(lo, hi) if lo <= v <= hi]


def placed_ticks(scale: Scale, font: float) -> list[tuple[str, float, int]]:
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
