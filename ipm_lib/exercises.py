"""Checks for the notebook exercises. Expected answers are computed from the dataset and the
library at run time, so a data update never leaves a stale answer key."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from . import anticoagulation, data, opioids, pathway, risk, trajectory


def _cancer_pain() -> float:
    prev = data.load("prevalence")
    row = prev[
        (prev["source_id"] == "vandenbeuken2016_cancer")
        & prev["population"].str.contains("advanced")
    ]
    return float(row["value"].iloc[0])


def _edition_changes() -> set[str]:
    bleed = data.load("bleeding_risk")
    # rows for the whole procedure that give a class ("not classified" says the edition is silent)
    bleed = bleed[(bleed["detail"] == "") & (bleed["risk_class"] != "not classified")]
    by = bleed.groupby(["procedure_id", "edition"], observed=True)["risk_class"].agg(
        lambda s: set(s.astype(str))
    )
    by = by.unstack("edition")
    both = by.dropna(subset=["2015 (1st edition)", "2018 (2nd edition)"])
    return {p for p, r in both.iterrows() if r["2015 (1st edition)"] != r["2018 (2nd edition)"]}


def _taper() -> float:
    change = opioids.taper_change(
        [("oxycodone", 20, 2), ("tramadol", 50, 2)], [("oxycodone", 10, 2)]
    )
    return change["change_pct"]


def _nnt() -> int:
    out = risk.outcome("c_o01")
    return math.ceil(
        risk.Comparison(out["treatment_value"] / 100, out["control_value"] / 100).number_needed
    )


def _change() -> str:
    return trajectory.change_category(8, 5)["category"]


def _policies() -> float:
    means = {}
    for policy in ("repeat_on_return", "stop_after_failure"):
        p = pathway.PathwayParams(response_rate=0.5, relief_median_months=6, policy=policy, seed=1)
        means[policy] = float(pathway.simulate(p)[0]["procedures"].mean())
    return means["repeat_on_return"] - means["stop_after_failure"]


def _mint() -> bool:
    out = risk.outcome("mint_facet_pain_3mo")
    two_points = trajectory.thresholds().loc["farrar_raw_2pt", "value"]
    return bool(abs(out["effect"]) < two_points)


def _warfarin_scs_trial() -> float:
    return anticoagulation.guidance("scs_trial", "warfarin")["stop_before_days"]


EXERCISES: dict[str, tuple[Callable[[], object], str]] = {
    "01_cancer_pain": (
        _cancer_pain,
        "a percentage: filter prevalence for source vandenbeuken2016_cancer",
    ),
    "02_edition_changes": (_edition_changes, "a set of procedure_id values"),
    "03_taper": (_taper, "a percentage change (negative for a fall)"),
    "04_nnt": (_nnt, "a whole number: round up 1 / risk difference"),
    "05_change": (_change, "the category name that trajectory.change_category returns"),
    "06_policies": (_policies, "a difference in mean procedures per patient"),
    "07_mint": (_mint, "True or False"),
    "08_warfarin": (_warfarin_scs_trial, "a number of days"),
}


class Feedback:
    def __init__(self, text: str, correct: bool | None):
        self.text, self.correct = text, correct

    def _repr_html_(self) -> str:
        colour = {True: "#009E73", False: "#D55E00", None: "#0072B2"}[self.correct]
        return f'<div style="border-left:4px solid {colour};padding:4px 10px">{self.text}</div>'

    def __repr__(self) -> str:
        return self.text


def check(name: str, answer) -> Feedback:
    """Compare an answer with the value computed from the current data."""
    data.check_name("exercise", name, EXERCISES)
    compute, kind = EXERCISES[name]
    if answer is None:
        return Feedback(
            f"Not answered yet: replace None with your answer ({html.escape(kind)}).", None
        )
    expected = compute()
    if (
        isinstance(expected, float)
        and isinstance(answer, (int, float))
        and not isinstance(answer, bool)
    ):
        correct = math.isclose(answer, expected, rel_tol=0.01, abs_tol=0.05)
    else:
        correct = answer == expected
    if correct:
        return Feedback("Correct.", True)
    return Feedback(
        f"Not yet: expected {html.escape(kind)}. Look again, then compare with the solution.", False
    )
