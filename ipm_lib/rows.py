"""Rows for the charts: data shaped once, between the computations and the chart descriptions.

Each function returns a ``RangeRows`` (or a frame) in the units, order and wording a chart shows;
``ipm_lib.charts`` turns them into renderer-neutral descriptions that ``plots`` (matplotlib) and
``webchart`` (HTML/SVG) draw alike.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from . import data, risk


@dataclass(frozen=True, eq=False)
class RangeRows:
    """The lines of a range chart.

    ``frame`` has one row per line: ``label``, ``value``, ``low``, ``high`` and ``source_id``, plus
    ``group`` (colour and marker, with a legend; ``group_id`` names the procedure whose look it
    takes) or ``panel`` (an axis of its own, e.g. a currency). ``xlabel`` may name the panel as
    ``{panel}``. ``ticks`` are named axis positions (label, value). ``missing`` names the chosen
    procedures that have no figure of this kind.
    """

    frame: pd.DataFrame
    title: str
    xlabel: str
    log: bool = False
    note: str = ""
    ticks: tuple[tuple[str, float], ...] = ()
    empty: str = "Nothing to show for this selection."
    missing: tuple[str, ...] = ()


def _names() -> pd.Series:
    return data.load("procedures").set_index("procedure_id")["name"]


def _checked(procedure_ids: Iterable[str] | None) -> list[str] | None:
    if procedure_ids is None:
        return None
    known = data.load("procedures")["procedure_id"]
    return [data.check_name("procedure", p, known) for p in procedure_ids]


def _none_for(what: str, chosen: Iterable[str] | None, have: Iterable[str]) -> str:
    """'No <what> in the dataset for the procedures chosen. There are some for: A; B.' (sorted names)"""
    names = _names()
    with_figures = sorted({names[p] for p in have if p in names.index})
    scope = "this selection" if chosen is None else "the procedures chosen"
    return f"No {what} in the dataset for {scope}. There are some for: {'; '.join(with_figures) or 'none'}."


def _missing(chosen: list[str] | None, drawn: Iterable[str]) -> tuple[str, ...]:
    """Names of the chosen procedures with no line drawn, in the order chosen."""
    if chosen is None:
        return ()
    names, drawn = _names(), set(drawn)
    return tuple(names[p] for p in dict.fromkeys(chosen) if p not in drawn)


def complication_rows(
    procedure_ids: Iterable[str] | None = None, risk_id: str | None = None, log: bool = True
) -> RangeRows:
    """Complication rates per 1,000 with their ranges, a line per source: several procedures for
    one risk, or all risks of the chosen procedures."""
    chosen = _checked(procedure_ids)
    frames = [risk.complication_rates(p, risk_id) for p in (chosen or [None])]
    comp = pd.concat(frames, ignore_index=True)
    comp = comp[comp[["per_1000", "per_1000_low", "per_1000_high"]].notna().any(axis=1)]
    comp = comp.sort_values(["procedure", "risk", "per_1000"]).reset_index(drop=True)
    unit = comp["denominator_unit"].astype(str).str.rstrip("s").str.replace("_", " ")
    label = (
        comp["risk"] + " | " + comp["source_id"].map(data.short_citation) + " (per " + unit + ")"
    )
    frame = pd.DataFrame(
        {
            "label": label,
            "value": comp["per_1000"],
            "low": comp["per_1000_low"],
            "high": comp["per_1000_high"],
            "group": comp["procedure"],
            "group_id": comp["procedure_id"],
            "source_id": comp["source_id"],
        }
    )
    empty = ""
    if frame.empty:
        have = data.load("complications")["procedure_id"]
        empty = _none_for("complication rates", procedure_ids, have)
    return RangeRows(
        frame,
        title="Complication rates reported in the sources",
        xlabel="events per 1,000" + (" (log scale)" if log else ""),
        log=log,
        note="Each line is one source; definitions, follow-up and denominators differ between "
        "lines. An open marker at the left edge means 0 events were seen.",
        empty=empty,
        missing=_missing(chosen, comp["procedure_id"]),
    )


def relief_durations(procedure_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Relief-duration facts converted to months (value, low, high), with labels."""
    facts = data.load("procedure_facts")
    facts = facts[facts["attribute"] == "relief_duration"].copy()
    chosen = _checked(procedure_ids)
    if chosen is not None:
        facts = facts[facts["procedure_id"].isin(chosen)]
    factor = facts["unit"].astype(str).map(data.MONTHS_PER)
    return facts.assign(
        procedure=facts["procedure_id"].map(_names()),
        value_months=facts["value"] * factor,
        low_months=facts["low"] * factor,
        high_months=facts["high"] * factor,
    ).reset_index(drop=True)


RELIEF_TICKS = (
    ("1 hour", 1 / 730.5),
    ("1 day", 1 / 30.44),
    ("1 week", 7 / 30.44),
    ("1 month", 1.0),
    ("6 months", 6.0),
    ("2 years", 24.0),
)


def relief_rows(procedure_ids: Iterable[str] | None = None) -> RangeRows:
    """How long relief lasted in the sources, in months, a line per source."""
    rel = relief_durations(procedure_ids)
    rel = rel.sort_values(["procedure", "value_months"]).reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "label": rel["measure"] + " | " + rel["source_id"].map(data.short_citation),
            "value": rel["value_months"],
            "low": rel["low_months"],
            "high": rel["high_months"],
            "group": rel["procedure"],
            "group_id": rel["procedure_id"],
            "source_id": rel["source_id"],
        }
    )
    empty = ""
    if frame.empty:
        empty = _none_for(
            "relief-duration figures", procedure_ids, relief_durations()["procedure_id"]
        )
    return RangeRows(
        frame,
        title="How long relief lasted",
        xlabel="duration of relief (log scale)",
        log=True,
        ticks=RELIEF_TICKS,
        note="Dots are medians or means, bars ranges or intervals, as each source reported them.",
        empty=empty,
        missing=_missing(_checked(procedure_ids), rel["procedure_id"]),
    )


def duration_words(months: float) -> str:
    """A duration in months as words in a fitting unit: '4.1 hours', '3 days', '8.6 months'."""
    for unit, per_month, below in (
        ("hours", 730.5, 48),
        ("days", 30.44, 14),
        ("weeks", 30.44 / 7, 8),
    ):
        if months * per_month < below:
            return f"{months * per_month:,.2g} {unit}"
    return f"{months:,.3g} months" if months < 24 else f"{months / 12:,.2g} years"


COST_KINDS = {
    "payment_per_procedure": "Payment for one procedure",
    "procedure_cost": "Cost of the procedure or implant",
    "annual_cost": "Cost per patient per year",
    "complication_cost": "Cost of treating a complication",
    "cumulative_cost": "Cumulative cost per patient",
    "cost_per_qaly": "Cost per quality-adjusted life year (ICER)",
    "difference": "Difference or saving between options",
    "per_day_cost": "Cost per day",
}


def cost_rows(
    procedure_ids: Iterable[str] | None = None, kind: str = "payment_per_procedure"
) -> RangeRows:
    """Costs of one kind (payments, implant costs, ...), a panel per currency: never converted,
    pooled across countries or mixed across kinds. Each line takes its procedure's look."""
    data.check_name("kind of cost", kind, COST_KINDS)
    of_kind = data.load("costs").query("kind == @kind")
    chosen = _checked(procedure_ids)
    costs = of_kind if chosen is None else of_kind[of_kind["procedure_id"].isin(chosen)]
    names = _names()
    years = [f"{int(y)}" if pd.notna(y) else "price year not stated" for y in costs["year"]]
    label = [
        f"{names[p]}: {what} ({year})"
        for p, what, year in zip(costs["procedure_id"], costs["what"], years, strict=True)
    ]
    frame = pd.DataFrame(
        {
            "label": label,
            "value": costs["amount"].to_numpy(),
            "low": costs["low"].to_numpy(),
            "high": costs["high"].to_numpy(),
            "group": costs["procedure_id"].map(names).to_numpy(),
            "group_id": costs["procedure_id"].to_numpy(),
            "panel": costs["currency"].astype(str).to_numpy(),
            "source_id": costs["source_id"].to_numpy(),
        }
    )
    empty = ""
    if frame.empty:
        what = f"figures of this kind of cost ({COST_KINDS[kind].lower()})"
        empty = _none_for(what, procedure_ids, of_kind["procedure_id"])
    return RangeRows(
        frame,
        title=COST_KINDS[kind],
        xlabel="{panel} (log scale; price year in brackets)",
        log=True,
        note="Countries, years and settings differ: read each label before comparing.",
        empty=empty,
        missing=_missing(chosen, costs["procedure_id"]),
    )


def prevalence_rows() -> RangeRows:
    """Prevalence figures stored as percentages, with their ranges, by condition."""
    prev = data.load("prevalence")
    prev = prev[prev["unit"] == "percent"].copy()
    # How often a joint is the source among back-pain patients is a pre-test probability (taught in
    # notebook 05), not how common a condition is in a population.
    prev = prev[~prev["measure"].str.endswith("_joint_pain_prevalence")]
    names = data.load("conditions").set_index("condition_id")["name"]
    prev["condition"] = prev["condition_id"].map(names)
    measure = prev["measure"].str.replace("_", " ").str.replace(" pct global population", "")
    # the year tells an older estimate from its update (the 2007 and 2016 cancer-pain reviews)
    year = prev["year"].map(lambda y: "" if pd.isna(y) else f" ({int(y)})")
    prev["label"] = (measure + year + ": " + prev["population"]).map(
        lambda t: textwrap.shorten(t, 110, placeholder="...")
    )
    prev = prev.sort_values(["condition", "value"]).reset_index(drop=True)
    frame = prev[["label", "value", "low", "high", "condition", "source_id"]].rename(
        columns={"condition": "group"}
    )
    return RangeRows(
        frame,
        title="How common: prevalence figures as reported",
        xlabel="percent",
        note="Populations and definitions differ between lines.",
    )


RATIOS = ("relative_risk", "hazard_ratio", "odds_ratio")
# Which way is better for the patient, from the outcome's words: the first pattern that matches
# decides. Fewer points of pain or disability, fewer deaths or operations are better; more
# responders, more relief are better. An outcome none of these fits gets no 'favours' labels.
_BETTER = (
    (r"responder|reduction >|relief|free of pain|>=\s*50%", "higher"),
    (r"pain|disability|rmdq|death|surgery", "lower"),
)


def better_direction(outcome: str) -> str:
    """'lower' or 'higher' (which way favours the procedure), or '' if the words do not say."""
    for pattern, direction in _BETTER:
        if re.search(pattern, outcome, re.IGNORECASE):
            return direction
    return ""


def _scale(measure: str, unit: str) -> tuple[str, str]:
    """(axis label, a sentence explaining the panel's scale)."""
    what = measure.replace("_pct", "").replace("_", " ")
    if measure in RATIOS:
        return f"{what} (log scale)", f"{what.capitalize()}: 1 means no difference."
    if measure == "risk_difference_pct":
        return (
            f"{what}, percentage points",
            "Difference in the share of patients, in percentage points.",
        )
    found = re.search(r"\(0-(\d+)\)", unit or "")
    if found:
        top = found.group(1)
        extra = " (ten times a 0-10 score)" if top == "100" else ""
        return f"{what}, points on a 0-{top} scale", f"Scores on a 0-{top} scale{extra}."
    return f"{what}, {unit}" if unit else what, f"Unit as reported: {unit or 'not stated'}."


def forest_rows(outcome_ids: Iterable[str]) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The effects to draw, a row each with its panel (effect measure, unit and which way is
    better), labels, the panel's scale in words, its 'favours' sides and, for pain on a 0-10 or
    0-100 scale, the clinically important difference of ``thresholds.csv`` (``farrar_raw_2pt``).
    Also returns the source ids of the thresholds drawn."""
    table = data.load("outcomes").set_index("outcome_id")
    ids = [data.check_name("outcome", oid, table.index) for oid in outcome_ids]
    out = table.loc[ids]
    out = out[out["effect"].notna() & out["effect_measure"].notna()].copy()
    mcid = data.load("thresholds").set_index("threshold_id").loc["farrar_raw_2pt"]
    records = []
    for oid, r in out.iterrows():
        measure, unit = str(r["effect_measure"]), "" if pd.isna(r["unit"]) else str(r["unit"])
        better = better_direction(str(r["outcome"]))
        xlabel, scale = _scale(measure, unit)
        good, bad = "favours the procedure", "favours the comparator"
        left, right = ("", "") if not better else (good, bad) if better == "lower" else (bad, good)
        months = f", {r['timepoint_months']:g} mo" if pd.notna(r["timepoint_months"]) else ""
        threshold, threshold_label = None, ""
        pain = "pain" in str(r["outcome"]).lower() and better == "lower"
        if measure == "mean_difference" and pain and unit in ("points (0-10)", "points (0-100)"):
            factor = 10 if unit == "points (0-100)" else 1
            threshold = -float(mcid["value"]) * factor
            threshold_label = (
                f"clinically important difference: {mcid['value']:g} points on 0-10"
                + (f" = {mcid['value'] * factor:g} on 0-100" if factor > 1 else "")
            )
        records.append(
            {
                "outcome_id": oid,
                "panel": f"{measure} | {unit} | {better}",
                "label": f"{r['trial']}{months}: {r['outcome']}",
                "effect": r["effect"],
                "effect_low": r["effect_low"],
                "effect_high": r["effect_high"],
                "source_id": r["source_id"],
                "ratio": measure in RATIOS,
                "xlabel": xlabel,
                "scale": scale,
                "favours_left": left,
                "favours_right": right,
                "threshold": threshold,
                "threshold_label": threshold_label,
            }
        )
    columns = ["outcome_id", "panel", "label", "effect", "effect_low", "effect_high", "source_id"]
    frame = pd.DataFrame(records) if records else pd.DataFrame(columns=columns)
    if len(frame):  # a panel's threshold holds only if every line in it is pain
        same = frame.groupby("panel")["threshold"].transform(lambda s: s.notna().all())
        frame.loc[~same, ["threshold", "threshold_label"]] = [None, ""]
    drawn = len(frame) and frame["threshold"].notna().any()
    return frame, (str(mcid["source_id"]),) if drawn else ()
