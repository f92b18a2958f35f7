"""One look for every chart: a colour-blind-safe palette with a second cue, a lecture mode, and a
caption of sources under each figure."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from contextlib import contextmanager

import matplotlib as mpl

from . import data, palette

# Okabe & Ito's colour-blind-safe palette; every series also gets a marker, hatch or line style.
# A procedure or a family keeps its own colour and cue everywhere (``palette.look``); the series
# below are for other groups (conditions, scenarios).
OKABE_ITO = palette.OKABE_ITO
SERIES = ["blue", "vermillion", "green", "orange", "purple", "sky_blue", "black", "yellow"]
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]
HATCH_NAMES = list(palette.HATCHES)
HATCHES = list(palette.HATCHES.values())
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (8, 3))]
HARM = OKABE_ITO["vermillion"]
BENEFIT = OKABE_ITO["blue"]
NEUTRAL = "#BBBBBB"

NORMAL = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "lines.linewidth": 1.8,
    "lines.markersize": 7,
}
LECTURE = {
    "font.size": 16,
    "axes.titlesize": 19,
    "axes.labelsize": 16,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 14,
    "lines.linewidth": 3.0,
    "lines.markersize": 11,
}
BASE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.axisbelow": True,
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "ipm",
}

_state = {"lecture": False}
_followers: list = []  # called with the new setting (the lecture-mode switch of ipm_lib.course)


def lecture_mode(on: bool = True) -> None:
    """Projector-size fonts, thicker lines and larger figures for every chart drawn afterwards.

    The course's lecture-mode switch follows (``follow_lecture_mode``), so this one function switches
    charts, page style and button together, from code or from the button."""
    _state["lecture"] = bool(on)
    for follow in list(_followers):
        follow(_state["lecture"])


def follow_lecture_mode(callback) -> None:
    """Call ``callback(on)`` whenever lecture mode is switched (registered once per callback)."""
    if callback not in _followers:
        _followers.append(callback)


def is_lecture() -> bool:
    return _state["lecture"]


def color(i: int) -> str:
    return OKABE_ITO[SERIES[i % len(SERIES)]]


def marker(i: int) -> str:
    return MARKERS[i % len(MARKERS)]


def figsize(width: float, height: float) -> tuple[float, float]:
    """Figure size in inches, larger in lecture mode (fonts grow, so the canvas must too)."""
    scale = 1.45 if _state["lecture"] else 1.0
    return (width * scale, height * scale)


@contextmanager
def rc():
    """Matplotlib settings for one chart, restored afterwards."""
    params = {**BASE, **(LECTURE if _state["lecture"] else NORMAL)}
    with mpl.rc_context(params):
        yield


def source_ids_of(source_ids: Iterable[str]) -> list[str]:
    """The distinct source ids among these, sorted; blanks and missing values dropped."""
    return sorted({str(s) for s in source_ids if s and str(s) != "nan"})


def source_caption(source_ids: Iterable[str], width: int = 120) -> str:
    """'Sources: A (2001); B (2018)' for the sources of the rows a chart drew, in a stable order."""
    ids = source_ids_of(source_ids)
    if not ids:
        return ""
    text = "Sources: " + "; ".join(data.short_citation(s) for s in ids)
    return "\n".join(textwrap.wrap(text, width))


def escape(text: str) -> str:
    """Keep '$' literal: matplotlib would read '$...$' as mathematical text."""
    return str(text).replace("$", r"\$")


def caption_text(width_inches: float, source_ids: Iterable[str], note: str = "") -> str:
    """The caption a figure this wide gets: the note, then the sources, wrapped."""
    chars_per_inch = 8.5 if _state["lecture"] else 12.5
    width = int(width_inches * chars_per_inch)
    caption = source_caption(source_ids, width)
    note = "\n".join(textwrap.wrap(note, width))
    return escape("\n".join(t for t in (note, caption) if t))


def add_caption(fig, source_ids: Iterable[str], note: str = "") -> str:
    """Write the source caption (and an optional note) under a figure; return the text. The
    figure keeps nothing else: the sources drawn are those its chart description lists."""
    ids = source_ids_of(source_ids)
    text = caption_text(fig.get_figwidth(), ids, note)
    if text:
        size = "small" if not _state["lecture"] else "medium"
        fig.supxlabel(text, x=0.01, ha="left", fontsize=size, color="#333333")
    return text
