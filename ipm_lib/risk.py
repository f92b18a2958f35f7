"""Risk communication: natural frequencies, absolute and relative risk, NNT/NNH, combined risks.

Pure functions. Proportions are fractions (0-1) unless a name says ``pct`` (0-100).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import data

Z95 = 1.959963984540054


def _check_proportion(p: float, name: str = "proportion") -> float:
    if isinstance(p, bool) or not isinstance(p, (int, float)) or math.isnan(p):
        raise ValueError(f"{name} must be a number between 0 and 1, got {p!r}")
    if not 0 <= p <= 1:
        raise ValueError(f"{name} must lie between 0 and 1 (a fraction, not a percent), got {p}")
    return float(p)


def _check_count(n: int, name: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n <= 0:
        raise ValueError(f"{name} must be a positive whole number, got {n!r}")
    return n


def per(rate_pct: float, denominator: int = 1000) -> float:
    """How many of ``denominator`` people a percentage is: per(3.8) == 38.0 (in 1,000).

    A number for charts and sums, not for reading: text goes through ``natural_frequency``, which
    says it in whole people.
    """
    if isinstance(rate_pct, bool) or not isinstance(rate_pct, (int, float)) or math.isnan(rate_pct):
        raise ValueError(f"rate_pct must be a percentage from 0 to 100, got {rate_pct!r}")
    if not 0 <= rate_pct <= 100:
        raise ValueError(f"rate_pct must be a percentage from 0 to 100, got {rate_pct}")
    _check_count(denominator, "denominator")
    return rate_pct * denominator / 100


def whole_people(count: float) -> int:
    """A count rounded to whole people, halves up (2.5 -> 3; Python's round would give 2)."""
    # the 1e-9 nudge absorbs float noise such as 0.35 * 1000 / 100 == 3.4999999999999996
    return math.floor(count + 0.5 + 1e-9)


def natural_frequency(rate_pct: float, denominator: int = 1000, unit: str | None = None) -> str:
    """A rate as a natural frequency in whole people on a fixed denominator (IPDAS).

    natural_frequency(3.8) == '38 in 1,000'; natural_frequency(0.35) == 'about 4 in 1,000';
    natural_frequency(0.01) == 'fewer than 1 in 1,000'; with ``unit`` ('patients', 'procedures',
    'lesion sites') the unit counted is said: 'about 4 in 100 patients'. A count that is not whole
    is rounded (halves up) and said with 'about'; a count that would round to 0 is said as
    'fewer than 1 in ...', never as 0. Callers write 'in about ...' nowhere: the 'about' is here.
    """
    count = per(rate_pct, denominator)
    if unit is not None and (not isinstance(unit, str) or not unit.strip()):
        raise ValueError(f"unit must name what is counted (e.g. 'patients'), got {unit!r}")
    tail = f" in {denominator:,}" + (f" {unit.strip()}" if unit else "")
    if count == 0:
        return "0" + tail
    whole = whole_people(count)
    if whole == 0:
        return "fewer than 1" + tail
    exact = math.isclose(count, whole, rel_tol=0, abs_tol=1e-9)
    return ("" if exact else "about ") + f"{whole:,}" + tail


def count_in(count: float, denominator: int, unit: str | None = None) -> str:
    """A count already on a denominator (as icon arrays hold them), said in whole people:
    count_in(45.61, 100, 'patients') == 'about 46 in 100 patients' (``natural_frequency``)."""
    if isinstance(count, bool) or not isinstance(count, (int, float)) or math.isnan(count):
        raise ValueError(f"count must be a number from 0 to the denominator, got {count!r}")
    _check_count(denominator, "denominator")
    if not 0 <= count <= denominator:
        raise ValueError(
            f"count must lie between 0 and the denominator {denominator:,}, got {count}"
        )
    return natural_frequency(count * 100 / denominator, denominator, unit)


@dataclass(frozen=True)
class Comparison:
    """Two event proportions and the measures derived from them."""

    treatment: float
    control: float

    def __post_init__(self):
        _check_proportion(self.treatment, "treatment proportion")
        _check_proportion(self.control, "control proportion")

    @property
    def risk_difference(self) -> float:
        """Absolute difference, treatment minus control (a fraction)."""
        return self.treatment - self.control

    @property
    def relative_risk(self) -> float:
        """Treatment over control; infinite when the control proportion is 0."""
        if self.control == 0:
            return math.inf if self.treatment > 0 else math.nan
        return self.treatment / self.control

    @property
    def relative_change_pct(self) -> float:
        """The relative framing: '+X% more' (or less) than control, in percent."""
        return (self.relative_risk - 1) * 100

    @property
    def number_needed(self) -> float:
        """1 / |risk difference|: NNT for a benefit outcome, NNH for a harm (infinite if equal)."""
        diff = abs(self.risk_difference)
        return math.inf if diff == 0 else 1 / diff


def risk_difference_ci(
    events_t: int, n_t: int, events_c: int, n_c: int, z: float = Z95
) -> tuple[float, float, float]:
    """Risk difference (treatment minus control) with Newcombe's hybrid score interval.

    Newcombe (method 10) combines two Wilson intervals; it behaves at 0 and 100% where the Wald
    interval does not.
    """
    for k, n, label in ((events_t, n_t, "treatment"), (events_c, n_c, "control")):
        _check_count(n, f"{label} n")
        if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= n:
            raise ValueError(f"{label} events must be a whole number from 0 to {n}, got {k!r}")
    p1, p2 = events_t / n_t, events_c / n_c
    l1, u1 = wilson(events_t, n_t, z)
    l2, u2 = wilson(events_c, n_c, z)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, max(-1.0, low), min(1.0, high)  # rounding can step a hair past +-1


def wilson(events: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion."""
    _check_count(n, "n")
    if not 0 <= events <= n:
        raise ValueError(f"events must lie between 0 and n={n}, got {events}")
    p = events / n
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class NumberNeeded:
    """NNT (benefit) with its 95% interval, following Altman (BMJ 1998) for intervals that cross 0."""

    risk_difference: float
    rd_low: float
    rd_high: float

    @property
    def value(self) -> float:
        return math.inf if self.risk_difference == 0 else 1 / abs(self.risk_difference)

    @property
    def significant(self) -> bool:
        return self.rd_low > 0 or self.rd_high < 0

    def describe(self) -> str:
        """'NNT 3 (95% CI 2 to 5)'; when the interval crosses no effect, both ends are named."""
        kind = "NNT" if self.risk_difference >= 0 else "NNH"
        if math.isinf(self.value):
            return "no difference between the groups (NNT infinite)"
        value = math.ceil(self.value)
        if self.significant:
            a, b = sorted((1 / abs(self.rd_low), 1 / abs(self.rd_high)))
            return f"{kind} {value} (95% CI {math.ceil(a)} to {math.ceil(b)})"
        benefit = f"NNT {math.ceil(1 / self.rd_high)}" if self.rd_high > 0 else "infinity"
        harm = f"NNH {math.ceil(1 / abs(self.rd_low))}" if self.rd_low < 0 else "infinity"
        return f"{kind} {value} (CI: {benefit} to {harm}, includes no effect)"


def number_needed(events_t: int, n_t: int, events_c: int, n_c: int) -> NumberNeeded:
    """NNT/NNH with interval from counts in two arms."""
    d, low, high = risk_difference_ci(events_t, n_t, events_c, n_c)
    return NumberNeeded(d, low, high)


def combine_independent(probabilities) -> float:
    """Chance of at least one of several independent events: 1 - prod(1 - p)."""
    result = 1.0
    for p in probabilities:
        result *= 1 - _check_proportion(p)
    return 1 - result


def positive_predictive_value(
    prevalence: float, sensitivity: float, false_positive_rate: float
) -> float:
    """Chance that a positive test is a true positive, from the pre-test probability (prevalence),
    the sensitivity and the false-positive rate (1 - specificity). All are fractions (0-1).

    PPV = prevalence * sensitivity / (prevalence * sensitivity + (1 - prevalence) * false_positive_rate)
    """
    prevalence = _check_proportion(prevalence, "prevalence")
    sensitivity = _check_proportion(sensitivity, "sensitivity")
    false_positive_rate = _check_proportion(false_positive_rate, "false_positive_rate")
    true_pos = prevalence * sensitivity
    false_pos = (1 - prevalence) * false_positive_rate
    if true_pos + false_pos == 0:
        raise ValueError(
            "no one would test positive (sensitivity or prevalence is 0 and the false-positive rate is 0): "
            "the positive predictive value is undefined"
        )
    return true_pos / (true_pos + false_pos)


# ---------------------------------------------------------------- from the dataset


def complication_rates(procedure_id: str | None = None, risk_id: str | None = None) -> pd.DataFrame:
    """Complication rows, optionally for one procedure and/or one risk, with names and per-1,000.

    Unknown names raise UnknownNameError with suggestions. Rows without a rate (counts only) keep
    an empty ``per_1000``; nothing is dropped. Worked out once per choice (widgets ask often);
    each call returns an independent copy.
    """
    return _complication_rates(data.data_dir().resolve(), procedure_id, risk_id).copy()


@data.derived_cache
def _complication_rates(
    folder: Path, procedure_id: str | None, risk_id: str | None
) -> pd.DataFrame:
    comp = data.load("complications", folder)
    if procedure_id is not None:
        data.check_name("procedure", procedure_id, data.load("procedures", folder)["procedure_id"])
        comp = comp[comp["procedure_id"] == procedure_id]
    if risk_id is not None:
        data.check_name("risk", risk_id, data.load("risks", folder)["risk_id"])
        comp = comp[comp["risk_id"] == risk_id]
    names = data.load("procedures", folder).set_index("procedure_id")["name"]
    risks = data.load("risks", folder).set_index("risk_id")
    comp = comp.assign(
        procedure=comp["procedure_id"].map(names),
        risk=comp["risk_id"].map(risks["name"]),
        seed_risk=comp["risk_id"].map(risks["seed_risk"]).astype("str"),
        per_1000=comp["rate_pct"] * 10,
        per_1000_low=comp["rate_low_pct"] * 10,
        per_1000_high=comp["rate_high_pct"] * 10,
    )
    return comp.reset_index(drop=True)


def rate_pct(procedure_id: str, risk_id: str, source_id: str) -> float:
    """The complication rate (percent) one source reports for one risk of one procedure.

    Raises UnknownNameError for an unknown name, and LookupError when the dataset has no such row
    or the row has counts but no rate, saying what the dataset does have.
    """
    rows = complication_rates(procedure_id, risk_id)
    row = rows[rows["source_id"] == source_id]
    if row.empty:
        have = ", ".join(rows["source_id"]) or "none"
        raise LookupError(
            f"complications.csv has no row for {procedure_id} / {risk_id} from source "
            f"'{source_id}'; sources with a row: {have}"
        )
    value = row["rate_pct"].iloc[0]
    if pd.isna(value):
        raise LookupError(
            f"complications.csv: {procedure_id} / {risk_id} from '{source_id}' has no rate_pct; "
            "add the rate (or counts and a denominator) to that row"
        )
    return float(value)


def outcome(outcome_id: str) -> pd.Series:
    """One row of outcomes.csv."""
    table = data.load("outcomes").set_index("outcome_id")
    data.check_name("outcome", outcome_id, table.index)
    return table.loc[outcome_id]


def outcome_comparison(outcome_id: str) -> dict:
    """Absolute and relative framing, and NNT with interval, for a proportion outcome with both arms.

    Event counts are rebuilt from the reported percentages and arm sizes (rounded to whole people),
    which the result says; the reported effect, when there is one, is returned beside it.
    """
    row = outcome(outcome_id)
    if row["measure"] != "proportion":
        raise ValueError(
            f"outcome {outcome_id!r} is a {row['measure']}, not a proportion: NNT needs proportions"
        )
    if pd.isna(row["treatment_value"]) or pd.isna(row["control_value"]):
        raise ValueError(f"outcome {outcome_id!r} lacks a value for one arm: NNT needs both")
    comp = Comparison(row["treatment_value"] / 100, row["control_value"] / 100)
    result = {
        "outcome_id": outcome_id,
        "trial": row["trial"],
        "outcome": row["outcome"],
        "treatment_pct": float(row["treatment_value"]),
        "control_pct": float(row["control_value"]),
        "risk_difference_pct": comp.risk_difference * 100,
        "relative_risk": comp.relative_risk,
        "nnt": comp.number_needed,
        "nnt_text": None,
        "source_id": row["source_id"],
    }
    reported = (
        row["effect_measure"] == "risk_difference_pct"
        and pd.notna(row["effect"])
        and pd.notna(row["effect_low"])
        and pd.notna(row["effect_high"])
    )
    if reported:  # the trial's own interval, not one recomputed from rounded percentages
        nnt = NumberNeeded(row["effect"] / 100, row["effect_low"] / 100, row["effect_high"] / 100)
        result["nnt_text"] = nnt.describe() + ", from the trial's reported interval"
    if pd.notna(row["treatment_n"]) and pd.notna(row["control_n"]):
        n_t, n_c = int(row["treatment_n"]), int(row["control_n"])
        e_t = round(row["treatment_value"] / 100 * n_t)
        e_c = round(row["control_value"] / 100 * n_c)
        if not reported:
            result["nnt_text"] = (
                number_needed(e_t, n_t, e_c, n_c).describe()
                + ", recomputed from the percentages and arm sizes"
            )
        result["counts_rebuilt"] = (e_t, n_t, e_c, n_c)
    return result


def compare_outcomes(outcome_ids) -> pd.DataFrame:
    """Proportion outcomes side by side: both arms, the absolute difference, the relative risk and
    the NNT (with interval where arm sizes are known). Rows keep their source_id."""
    rows = []
    for oid in outcome_ids:
        r = outcome_comparison(oid)
        row = outcome(oid)
        rows.append(
            {
                "trial": r["trial"],
                "outcome": r["outcome"],
                "months": row["timepoint_months"],
                "comparator": row["comparator"],
                "with procedure %": r["treatment_pct"],
                "comparator %": r["control_pct"],
                "difference (points)": round(r["risk_difference_pct"], 1),
                "relative risk": round(r["relative_risk"], 2),
                "NNT": r["nnt_text"]
                or (
                    f"about {math.ceil(r['nnt'])} (arm sizes not stored)"
                    if math.isfinite(r["nnt"])
                    else "no difference"
                ),
                "source_id": r["source_id"],
            }
        )
    return pd.DataFrame(rows)


def zero_events(denominator: float, unit: str) -> str:
    """No event seen is not no risk: 'none of 616 lesion sites; the true rate could still be up to
    about 5 in 1,000' (the rule of three: the upper 95% bound of a rate with 0 events in n is about
    3 / n). Without a stated denominator the bound cannot be given, and the text says so."""
    if pd.isna(denominator) or denominator <= 0:
        return f"none seen (the number of {unit} is not stated)"
    scale = 1000
    while per(300 / denominator, scale) < 1:  # 'up to about 2 in 10,000', not 'up to fewer than 1'
        scale *= 10
    bound = natural_frequency(300 / denominator, scale, unit)
    return f"none of {int(denominator):,} {unit}; the true rate could still be up to {bound}"


# Below this many counted, the counts themselves are shown first: '2 of 27 patients (about 74 in
# 1,000)' does not dress two events up as a precise rate.
SMALL_STUDY = 100


def _per_thousand(rate_pct: float, events: float, denominator: float, unit: str) -> str:
    if rate_pct == 0:
        return zero_events(denominator, unit)
    if not pd.isna(events) and not pd.isna(denominator) and denominator < SMALL_STUDY:
        rate = natural_frequency(100 * events / denominator, 1000)  # from the counts shown
        return f"{int(events)} of {int(denominator)} {unit} ({rate})"
    return natural_frequency(rate_pct, 1000, unit)


def seed_risk_table() -> pd.DataFrame:
    """Every complication rate of the dataset grouped under the seed article's risk headings, as a
    natural frequency per 1,000 with its denominator and source."""
    comp = complication_rates()
    comp = comp[comp["rate_pct"].notna()].copy()
    comp["per"] = comp["denominator_unit"].astype(str).str.replace("_", " ")
    comp["per 1,000"] = [
        _per_thousand(r, e, n, u)
        for r, e, n, u in zip(
            comp["rate_pct"], comp["events"], comp["denominator"], comp["per"], strict=True
        )
    ]
    order = [
        "infection",
        "bleeding",
        "nerve_damage",
        "allergic_reaction",
        "procedure_failure",
        "temporary_pain_increase",
        "procedure_specific",
        "any",
    ]
    comp["seed_risk"] = pd.Categorical(comp["seed_risk"], categories=order, ordered=True)
    comp = comp.sort_values(["seed_risk", "risk", "procedure", "rate_pct"])
    return comp[
        ["seed_risk", "risk", "procedure", "per 1,000", "per", "population", "source_id"]
    ].reset_index(drop=True)
