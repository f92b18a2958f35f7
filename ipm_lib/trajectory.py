"""Pain after a procedure: flare, onset, relief, return; and who counts as a responder.

The curves are illustrations (synthetic, shaped by the parameters given), not data of any patient;
the thresholds that mark a clinically important change come from ``data/thresholds.csv``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import data


def _check_scale(value: float, name: str) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 10:
        raise ValueError(f"{name} must be a pain score from 0 to 10, got {value!r}")
    return float(value)


def pain_curve(
    baseline: float = 7.0,
    relief_pct: float = 60.0,
    flare_rise: float = 1.0,
    flare_days: int = 3,
    onset_days: int = 7,
    duration_days: int = 120,
    return_days: int = 30,
    days: int = 210,
) -> pd.DataFrame:
    """Daily pain (0-10) after a procedure on day 0.

    A flare of ``flare_rise`` points for ``flare_days``, a fall to ``relief_pct`` % below baseline
    by ``onset_days``, relief held until ``duration_days``, then a return to baseline over
    ``return_days``. Parameters that would leave the 0-10 scale are refused, not clamped.
    """
    _check_scale(baseline, "baseline")
    if not 0 <= relief_pct <= 100:
        raise ValueError(f"relief_pct must be from 0 to 100, got {relief_pct}")
    _check_scale(baseline + flare_rise, "baseline + flare_rise")
    if flare_rise < 0:
        raise ValueError(f"flare_rise must not be negative, got {flare_rise}")
    for name, value in (
        ("flare_days", flare_days),
        ("onset_days", onset_days),
        ("duration_days", duration_days),
        ("return_days", return_days),
        ("days", days),
    ):
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a whole number of days, 0 or more; got {value!r}")
    if not flare_days <= onset_days <= duration_days:
        raise ValueError("days must be ordered: flare_days <= onset_days <= duration_days")
    day = np.arange(days + 1)
    relieved = baseline * (1 - relief_pct / 100)
    pain = np.full(day.shape, baseline)
    pain = np.where(day < flare_days, baseline + flare_rise, pain)
    ramp = (day >= flare_days) & (day < onset_days)
    if onset_days > flare_days:
        frac = (day - flare_days) / (onset_days - flare_days)
        pain = np.where(ramp, baseline + (relieved - baseline) * frac, pain)
    pain = np.where((day >= onset_days) & (day <= duration_days), relieved, pain)
    back = day > duration_days
    frac = np.clip((day - duration_days) / max(return_days, 1), 0, 1)
    pain = np.where(back, relieved + (baseline - relieved) * frac, pain)
    return pd.DataFrame({"day": day, "pain": pain})


def thresholds() -> pd.DataFrame:
    """The pain-change thresholds of the dataset (Farrar 2001, IMMPACT 2008) indexed by id."""
    return data.load("thresholds").set_index("threshold_id")


def change_category(baseline: float, current: float) -> dict:
    """How large a fall from baseline is, in the terms of the sourced thresholds."""
    _check_scale(baseline, "baseline")
    _check_scale(current, "current")
    if baseline == 0:
        raise ValueError("baseline pain is 0: a percentage change cannot be computed")
    thr = thresholds()
    fall = baseline - current
    pct = fall / baseline * 100
    moderate = thr.loc["immpact_moderate", "value"]
    substantial = thr.loc["immpact_substantial", "value"]
    raw = thr.loc["farrar_raw_2pt", "value"]
    if pct >= substantial:
        label = "substantial improvement"
    elif pct >= moderate:
        label = "moderately important improvement"
    elif pct >= thr.loc["immpact_min", "low"]:
        label = "minimally important improvement"
    elif pct > 0:
        label = "less than a minimally important change"
    else:
        label = "no improvement"
    return {
        "points": fall,
        "percent": pct,
        "category": label,
        "responder_30pct": bool(pct >= moderate),
        "responder_50pct": bool(pct >= substantial),
        "clinically_important_2pt": bool(fall >= raw),
        "source_ids": sorted(set(thr.loc[["immpact_moderate", "farrar_raw_2pt"], "source_id"])),
    }


def pain_diary(
    curve: pd.DataFrame, noise_sd: float = 0.8, every: int = 7, seed: int = 0
) -> pd.DataFrame:
    """A synthetic weekly pain diary: whole-number scores drawn around the curve.

    Scores are rounded and kept on the 0-10 scale a diary allows.
    """
    if noise_sd < 0:
        raise ValueError(f"noise_sd must not be negative, got {noise_sd}")
    if not isinstance(every, int) or every < 1:
        raise ValueError(f"every must be a whole number of days, 1 or more; got {every!r}")
    rng = np.random.default_rng(seed)
    sample = curve.iloc[::every].reset_index(drop=True)
    noisy = sample["pain"].to_numpy() + rng.normal(0, noise_sd, len(sample))
    scores = np.rint(np.clip(noisy, 0, 10)).astype(int)
    return pd.DataFrame({"day": sample["day"].to_numpy(), "score": scores})


def diary_response(diary: pd.DataFrame, baseline: float, first_day: int, last_day: int) -> dict:
    """How large the fall from baseline is, judged on the MEAN diary score over a defined window
    (days ``first_day`` to ``last_day``, both included), never on the single best day: the best of
    many noisy scores is lower than the typical one, so judging on it overstates the response.

    Returns ``change_category`` of the mean score, plus ``mean_score``, the window and the number of
    diary entries in it. Refuses an empty or reversed window.
    """
    if first_day > last_day:
        raise ValueError(
            f"the window must run forwards: first_day {first_day} > last_day {last_day}"
        )
    window = diary[(diary["day"] >= first_day) & (diary["day"] <= last_day)]
    if window.empty:
        raise ValueError(
            f"no diary entry from day {first_day} to day {last_day}: choose a window that holds some"
        )
    mean = float(window["score"].mean())
    result = change_category(baseline, mean)
    result.update(mean_score=mean, first_day=first_day, last_day=last_day, entries=int(len(window)))
    return result
