"""Descriptions of the charts over time: pain after a procedure, and a simulated cohort."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .. import style
from ..trajectory import thresholds
from .model import Curve, Key, Level, PathwayChart, Scenario, TrajectoryChart

DASH_CYCLE = ("-", "--", "-.", ":")


def _dash(i: int) -> str:
    return DASH_CYCLE[i % len(DASH_CYCLE)]


def trajectory(
    curves: Mapping[str, pd.DataFrame], baseline: float, diary: pd.DataFrame | None = None
) -> TrajectoryChart:
    """Pain curves over days, the baseline, the sourced thresholds of a clinically important
    change (relative to the baseline) and an optional synthetic diary."""
    thr = thresholds().loc[["immpact_moderate", "immpact_substantial"]]
    title = "Pain after a procedure (illustration, not patient data)"
    common = dict(
        title=title,
        xlabel="days after the procedure",
        ylabel="pain, 0-10",
        baseline=float(baseline),
        ylim=(0.0, 10.5),
        sources=tuple(style.source_ids_of(thr["source_id"])),
    )
    if not curves:
        return TrajectoryChart(
            curves=(),
            levels=(),
            diary=(),
            diary_key=None,
            xlim=(0.0, 1.0),
            empty="No pain curve to show.",
            **common,
        )
    days = pd.concat([c["day"] for c in curves.values()])
    first, last = float(days.min()), float(days.max())
    span = (last - first) or 1.0
    drawn = tuple(
        Curve(
            Key(name, style.color(i), dash=_dash(i)),
            tuple(float(d) for d in curve["day"]),
            tuple(float(p) for p in curve["pain"]),
        )
        for i, (name, curve) in enumerate(curves.items())
    )
    levels = tuple(
        Level(baseline * (1 - pct / 100), f"{pct:g}% below baseline", dash)
        for pct, dash in zip(thr["value"], ("--", ":"), strict=True)
    )
    points = ()
    if diary is not None:
        points = tuple(
            (float(d), float(s)) for d, s in zip(diary["day"], diary["score"], strict=True)
        )
    lowest = min(min(c.y) for c in drawn)
    said = (
        f"Pain over days {first:g} to {last:g} after the procedure, from a baseline of "
        f"{baseline:g}; lowest {lowest:.1f}."
    )
    return TrajectoryChart(
        curves=drawn,
        levels=levels,
        diary=points,
        diary_key=Key("diary score (synthetic)", style.OKABE_ITO["black"], marker="o")
        if diary is not None
        else None,
        xlim=(first - 0.05 * span, last + 0.05 * span),
        said=said,
        **common,
    )


def pathway(
    results: Mapping[str, tuple[pd.DataFrame, pd.DataFrame]],
    max_procedures: int | None = None,
    title: str = "",
) -> PathwayChart:
    """A simulated cohort: mean cumulative procedures per patient over the months, and the share
    of patients by how many procedures they had. ``results`` maps a scenario's name to
    (per-patient result, cumulative frame). ``max_procedures`` fixes the count axis (default: the
    most any patient had); a count beyond it is refused."""
    title = title or "Simulated cohort (synthetic patients)"
    if not results:
        return PathwayChart(title, (), 1.0, 0, empty="No scenario to show.")
    most = max(int(r["procedures"].max()) for r, _ in results.values())
    top = most if max_procedures is None else int(max_procedures)
    horizon = max(float(c["month"].max()) for _, c in results.values())
    scenarios = []
    for i, (name, (per_patient, cumulative)) in enumerate(results.items()):
        shares = per_patient["procedures"].value_counts(normalize=True).sort_index() * 100
        beyond = sorted(int(n) for n in shares.index if not 0 <= n <= top)
        if beyond:
            raise ValueError(f"this chart shows 0-{top} procedures per patient, got {beyond}")
        scenarios.append(
            Scenario(
                Key(name, style.color(i), hatch=style.HATCH_NAMES[i], dash=_dash(i)),
                tuple(float(m) for m in cumulative["month"]),
                tuple(float(v) for v in cumulative["mean_procedures"]),
                tuple((int(n), float(p)) for n, p in shares.items()),
            )
        )
    return PathwayChart(title, tuple(scenarios), horizon, top)
