"""The description of icon arrays: part-to-whole pictures on one denominator."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

from .. import risk, style
from .model import IconChart, IconPanel, Key

Spec = float | tuple[float, float, float]


def icon_options(options: Mapping[str, Spec], denominator: int) -> dict[str, tuple]:
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


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def icon_heading(name: str, spec: tuple, denominator: int, event_label: str) -> str:
    """The words above one option's squares (plain text: each renderer escapes what it must)."""
    v, lo, hi = spec
    text = _wrap(name, 34) + "\n" + _wrap(f"{risk.count_in(v, denominator)} {event_label}", 34)
    if lo is not None and hi is not None:
        text += "\n" + _range_words(lo, hi, denominator)
    return text


def _range_words(lo: float, hi: float, denominator: int) -> str:
    """A range in whole people: '(range: about 3 in 100 to 8 in 100)'."""
    return f"(range: {risk.count_in(lo, denominator)} to {risk.count_in(hi, denominator)})"


def icons(
    options: Mapping[str, Spec],
    denominator: int = 1000,
    columns: int = 40,
    title: str = "",
    source_ids: Iterable[str] = (),
    event_label: str = "affected",
    colour: str = style.HARM,
    note: str = "",
) -> IconChart:
    """Icon arrays: for each option ``denominator`` squares, the affected ones filled; squares
    between the low end and the high end of a range are dotted or hatched (the second cue)."""
    parsed = icon_options(options, denominator)
    panels = []
    for name, spec in parsed.items():
        v, lo, hi = spec
        ranged = (
            " " + _range_words(lo, hi, denominator) if lo is not None and hi is not None else ""
        )
        panels.append(
            IconPanel(
                name,
                v,
                lo,
                hi,
                icon_heading(name, spec, denominator, event_label),
                f"{name}: {risk.count_in(v, denominator)} {event_label}{ranged}",
                tuple(icon_bounds(spec, denominator)),
            )
        )
    other = "not affected" if event_label == "affected" else "everyone else"
    legend = [Key(event_label, colour), Key(other, style.NEUTRAL)]
    if any(p.low is not None for p in panels):
        legend[1:1] = [
            Key("more at the estimate", colour, hatch="dots"),
            Key("more at the upper end of the range", colour, hatch="diagonal"),
        ]
    return IconChart(
        title=title,
        panels=tuple(panels),
        denominator=denominator,
        columns=columns,
        legend=tuple(legend),
        note=note,
        sources=tuple(style.source_ids_of(source_ids)),
        empty="" if panels else "Choose at least one option.",
    )
