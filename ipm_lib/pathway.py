"""A seeded cohort simulation of repeat procedures over time.

It teaches three points of the seed article with numbers a student can vary: long-term relief,
cost, and dependency on repeated interventions. Inputs are assumptions chosen by the user (the
notebooks start from sourced values and say which); outputs are per synthetic patient.
Vectorised over patients with numpy; the loop runs over procedure number only.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

POLICIES = {
    "single": "one procedure only",
    "repeat_on_return": "repeat whenever pain returns or the procedure failed",
    "stop_after_failure": "repeat when pain returns, stop after a procedure that failed",
}


@dataclass(frozen=True)
class PathwayParams:
    response_rate: float = 0.5  # chance that one procedure gives meaningful relief (0-1)
    relief_median_months: float = 6.0  # median relief in responders
    relief_spread: float = 0.5  # log-normal sigma of relief duration (0 = everyone the same)
    policy: str = "repeat_on_return"
    max_procedures: int = 8
    wait_months: float = 1.0  # from pain returning (or a failed procedure) to the next procedure
    cost_per_procedure: float = 0.0
    horizon_months: float = 24.0
    n_patients: int = 1000
    seed: int = 0

    def __post_init__(self):
        checks = [
            (0 <= self.response_rate <= 1, "response_rate must be between 0 and 1"),
            (self.relief_median_months > 0, "relief_median_months must be above 0"),
            (0 <= self.relief_spread <= 3, "relief_spread must be from 0 to 3"),
            (self.policy in POLICIES, f"policy must be one of {', '.join(POLICIES)}"),
            (1 <= self.max_procedures <= 100, "max_procedures must be from 1 to 100"),
            (self.wait_months >= 0, "wait_months must not be negative"),
            (self.cost_per_procedure >= 0, "cost_per_procedure must not be negative"),
            (0 < self.horizon_months <= 600, "horizon_months must be above 0 and at most 600"),
            (1 <= self.n_patients <= 1_000_000, "n_patients must be from 1 to 1,000,000"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(f"{message} (got {asdict(self)})")
        for name in (
            "response_rate",
            "relief_median_months",
            "relief_spread",
            "wait_months",
            "cost_per_procedure",
            "horizon_months",
        ):
            if not math.isfinite(getattr(self, name)):
                raise ValueError(f"{name} must be a finite number")


def simulate(params: PathwayParams) -> tuple[pd.DataFrame, np.ndarray]:
    """Per-patient results and the (patients x procedures) array of procedure times (NaN = none).

    Columns: procedures, months_in_relief, fraction_in_relief, cost.
    """
    rng = np.random.default_rng(params.seed)
    n, k_max = params.n_patients, params.max_procedures
    t = np.zeros(n)
    active = np.ones(n, dtype=bool)
    relief = np.zeros(n)
    count = np.zeros(n, dtype=int)
    times = np.full((n, k_max), np.nan)
    mu = math.log(params.relief_median_months)
    for k in range(k_max):
        active &= t < params.horizon_months
        if not active.any():
            break
        times[active, k] = t[active]
        count[active] += 1
        responded = rng.random(n) < params.response_rate
        duration = (
            rng.lognormal(mu, params.relief_spread, n)
            if params.relief_spread
            else np.full(n, params.relief_median_months)
        )
        gained = np.minimum(duration, params.horizon_months - t)
        relief += np.where(active & responded, gained, 0.0)
        t = np.where(active & responded, t + duration + params.wait_months, t)
        t = np.where(active & ~responded, t + params.wait_months, t)
        if params.policy == "single":
            active[:] = False
        elif params.policy == "stop_after_failure":
            active &= responded
    result = pd.DataFrame(
        {
            "procedures": count,
            "months_in_relief": relief,
            "fraction_in_relief": relief / params.horizon_months,
            "cost": count * params.cost_per_procedure,
        }
    )
    return result, times


def summary(result: pd.DataFrame, params: PathwayParams) -> dict:
    """Cohort averages a lecture can quote, as plain Python numbers."""
    return {
        "patients": int(len(result)),
        "mean_procedures": float(result["procedures"].mean()),
        "share_3_or_more_pct": float((result["procedures"] >= 3).mean() * 100),
        "mean_months_in_relief": float(result["months_in_relief"].mean()),
        "mean_fraction_in_relief_pct": float(result["fraction_in_relief"].mean() * 100),
        "share_never_relieved_pct": float((result["months_in_relief"] == 0).mean() * 100),
        "mean_cost": float(result["cost"].mean()),
        "horizon_months": params.horizon_months,
    }


def cumulative_procedures(
    times: np.ndarray, horizon_months: float, step: float = 1.0
) -> pd.DataFrame:
    """Mean cumulative number of procedures per patient at each month."""
    grid = np.arange(0, horizon_months + step / 2, step)
    done = np.nan_to_num(times, nan=np.inf)
    mean = (done[:, :, None] <= grid[None, None, :]).sum(axis=1).mean(axis=0)
    return pd.DataFrame({"month": grid, "mean_procedures": mean})
