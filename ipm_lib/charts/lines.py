"""Descriptions of the charts made of labelled lines: comparisons, costs and forest plots."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from .. import palette, rows, style
from .model import ComparisonChart, CostChart, ForestChart, Key, Line, Panel

Unit = str | Callable[[float], str]
RATIO_TICKS = (0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8)


def number(value: float) -> str:
    """A figure as a reader wants it: '0.0048', '3.8', '1,234', '12,500'."""
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    return f"{value:,.4g}"


def plain_number(value: float) -> str:
    """A tick value in plain digits with thousands separators: '0.5', '20', '1,000'."""
    return f"{value:,.10g}"


def _float(value) -> float | None:
    return None if pd.isna(value) else float(value)


def described(label: str, value, low, high, unit: Unit = "") -> str:
    """The figures of one line in words (screen readers, hover). ``unit`` is a word to follow
    each figure, or a function that writes a figure with its unit."""
    words = unit if callable(unit) else (lambda v: f"{number(v)} {unit}".strip())
    parts = []
    if pd.notna(value):
        parts.append(words(value))
    if pd.notna(low) and pd.notna(high):
        parts.append(f"range {words(low)} to {words(high)}")
    return f"{label}: " + ("; ".join(parts) if parts else "no figure")


def series_keys(frame: pd.DataFrame) -> dict[str, Key]:
    """A legend key per group, in order of appearance: a procedure keeps its own look (from
    ``data/chart_styles.csv``); other groups (conditions, say) take the palette in turn."""
    if "group" not in frame:
        return {}
    keys: dict[str, Key] = {}
    ids = frame["group_id"] if "group_id" in frame else [None] * len(frame)
    for group, gid in zip(frame["group"].astype(str), ids, strict=True):
        if group in keys:
            continue
        if gid is not None and pd.notna(gid):
            look = palette.look(str(gid))
            keys[group] = Key(group, look.colour, look.marker, look.hatch)
        else:
            i = len(keys)
            keys[group] = Key(group, style.color(i), style.marker(i), style.HATCH_NAMES[i])
    return keys


def _lines(frame: pd.DataFrame, keys: dict[str, Key], fallback: Key, unit: Unit) -> tuple:
    out = []
    for _, r in frame.iterrows():
        key = keys[str(r["group"])] if keys else fallback
        out.append(
            Line(
                label=str(r["label"]),
                value=_float(r["value"]),
                low=_float(r["low"]),
                high=_float(r["high"]),
                key=key,
                words=described(str(r["label"]), r["value"], r["low"], r["high"], unit),
                source_id=str(r.get("source_id", "")),
            )
        )
    return tuple(out)


def _sources(frame: pd.DataFrame) -> tuple[str, ...]:
    return tuple(style.source_ids_of(frame["source_id"])) if "source_id" in frame else ()


def comparison(data: rows.RangeRows, unit: Unit = "") -> ComparisonChart | CostChart:
    """The description of a ``RangeRows``: one axis of lines (a comparison), or one axis per panel
    (a currency: a ``CostChart``)."""
    frame = data.frame.reset_index(drop=True)
    keys = series_keys(frame)
    fallback = Key("", style.color(0), style.marker(0))
    common = dict(
        title=data.title,
        legend=tuple(keys.values()),
        note=data.note,
        sources=_sources(frame),
        empty=(data.empty or "Nothing to show for this selection.") if frame.empty else "",
        missing=data.missing,
    )
    if "panel" not in frame:
        panel = Panel(_lines(frame, keys, fallback, unit), data.xlabel, data.log, data.ticks)
        return ComparisonChart(panels=(panel,) if len(frame) else (), **common)
    panels = []
    for name in dict.fromkeys(frame["panel"]):
        part = frame[frame["panel"] == name]
        panels.append(
            Panel(
                _lines(part, keys, fallback, unit or str(name)),
                data.xlabel.format(panel=name),
                data.log,
                data.ticks,
            )
        )
    return CostChart(panels=tuple(panels), **common)


def forest(outcome_ids: Iterable[str], title: str = "") -> ForestChart:
    """Reported effects with 95% intervals, a panel per kind of effect, scale and direction, each
    with its 'favours' sides, its no-effect line, its scale explained and, for pain on a 0-10 or
    0-100 scale, the sourced clinically important difference."""
    frame, extra = rows.forest_rows(outcome_ids)
    panels = []
    for mi, name in enumerate(dict.fromkeys(frame["panel"])):
        part = frame[frame["panel"] == name]
        first = part.iloc[0]
        key = Key("", style.color(mi), style.marker(mi))
        lines = tuple(
            Line(
                str(r["label"]),
                _float(r["effect"]),
                _float(r["effect_low"]),
                _float(r["effect_high"]),
                key,
                described(str(r["label"]), r["effect"], r["effect_low"], r["effect_high"]),
                str(r["source_id"]),
            )
            for _, r in part.iterrows()
        )
        ticks = ()
        if first["ratio"]:  # a ratio axis: plain ticks around 1
            shown = [v for ln in lines for v in (ln.value, ln.low, ln.high) if v is not None]
            lo, hi = min([*shown, 1.0]), max([*shown, 1.0])
            ticks = tuple((f"{t:g}", float(t)) for t in RATIO_TICKS if lo / 1.3 <= t <= hi * 1.3)
        panels.append(
            Panel(
                lines,
                str(first["xlabel"]),
                log=bool(first["ratio"]),
                ticks=ticks,
                reference=1.0 if first["ratio"] else 0.0,
                threshold=tuple(t for t in [_float(first["threshold"])] if t is not None),
                threshold_label=str(first["threshold_label"]),
                favours=(str(first["favours_left"]), str(first["favours_right"])),
                scale=str(first["scale"]),
            )
        )
    empty = "" if len(frame) else "None of these outcomes reports an effect with an interval."
    ids = list(frame["source_id"]) + list(extra)
    return ForestChart(
        title=title or "Reported effects and 95% confidence intervals",
        panels=tuple(panels),
        legend=(),
        note="A dot without a bar: the source gave no interval. Each panel has its own scale.",
        sources=tuple(style.source_ids_of(ids)),
        empty=empty,
    )
