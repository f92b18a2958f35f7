"""Follow-up simulator: baseline pain, relief and its duration -> the expected pain curve and a
synthetic diary, with the clinically important change marked and named. The model computes."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import pandas as pd
import traitlets as t

from .. import trajectory, webchart
from .base import ExplorerModel, ExplorerView, Refusal, bold, para


@dataclass(frozen=True)
class FollowUpResult:
    baseline: float
    relief_pct: float
    duration_days: int
    days: tuple[int, ...]  # the expected course, day by day
    pain: tuple[float, ...]
    diary_days: tuple[int, ...]  # the synthetic weekly diary
    diary_scores: tuple[int, ...]
    relieved: float  # expected pain while relief lasts (the lowest point of the expected course)
    points: float
    percent: float
    category: str  # in the words of the sourced thresholds


class FollowUpModel(ExplorerModel):
    baseline = t.Float(7.0)
    relief_pct = t.Float(50.0)
    duration_days = t.Int(120)

    @t.observe("baseline", "relief_pct", "duration_days")
    def _changed(self, change):
        self.update()

    def compute(self) -> FollowUpResult | Refusal:
        b = self.baseline
        try:
            curve = trajectory.pain_curve(
                baseline=b,
                relief_pct=self.relief_pct,
                duration_days=self.duration_days,
                flare_rise=max(0.0, min(1.0, 10 - b)),
            )
        except ValueError as exc:
            return Refusal(str(exc).replace("_", " "))
        relieved = float(curve["pain"].min())
        change = trajectory.change_category(b, relieved)
        diary = trajectory.pain_diary(curve)
        return FollowUpResult(
            baseline=b,
            relief_pct=self.relief_pct,
            duration_days=self.duration_days,
            days=tuple(int(d) for d in curve["day"]),
            pain=tuple(float(p) for p in curve["pain"]),
            diary_days=tuple(int(d) for d in diary["day"]),
            diary_scores=tuple(int(s) for s in diary["score"]),
            relieved=relieved,
            points=float(change["points"]),
            percent=float(change["percent"]),
            category=change["category"],
        )


def change_words(r: FollowUpResult) -> str:
    """'From 7 to 3.5 ...: a fall of 3.5 points (50%), which counts as: substantial improvement'.
    The category is named, not given an article ('a no improvement' reads wrong)."""
    return (
        f"Expected pain while relief lasts: from {r.baseline:g} to {r.relieved:.1f}, a fall of "
        f"{r.points:.1f} points ({r.percent:.0f}%), which counts as: {bold(r.category)}."
    )


class FollowUpSimulator(ExplorerView):
    """Baseline pain, relief and its duration -> a pain curve and a synthetic diary, with the
    clinically important change marked and named."""

    title = "Follow-up: pain after a procedure (illustration)"

    def __init__(self, baseline: float = 7.0, relief_pct: float = 50.0, duration_days: int = 120):
        model = FollowUpModel(baseline=baseline, relief_pct=relief_pct, duration_days=duration_days)
        self.baseline = w.FloatSlider(
            value=baseline, min=1, max=9, step=0.5, description="baseline"
        )
        self.relief = w.FloatSlider(
            value=relief_pct, min=0, max=100, step=5, description="relief %"
        )
        self.duration = w.IntSlider(
            value=duration_days, min=14, max=180, step=7, description="lasts (days)"
        )
        for control, name in (
            (self.baseline, "baseline"),
            (self.relief, "relief_pct"),
            (self.duration, "duration_days"),
        ):
            w.link((control, "value"), (model, name))
        super().__init__(model, [self.baseline, self.relief, self.duration])

    def render(self, r: FollowUpResult):
        curve = pd.DataFrame({"day": r.days, "pain": r.pain})
        diary = pd.DataFrame({"day": r.diary_days, "score": r.diary_scores})
        # HTML, with what plots.pain_trajectory_chart draws: the browser draws the words
        chart = webchart.trajectory_html({"expected course": curve}, r.baseline, diary)
        return para(change_words(r)), (chart, f"lowest pain {r.relieved:.1f}")
