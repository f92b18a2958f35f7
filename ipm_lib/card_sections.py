"""The sections of a patient card (``cards.patient_card``), each built from the course's tables.

Selection rules, in one place: per comparator the most readable result with the longest follow-up,
placebo or sham comparisons first; per harm the procedure's own figure from the largest study, with
other studies of the same unit as a range; one cost per kind; open questions only from sourced rows
(positions that disagree, sources that grade the same evidence differently, evidence gaps named in
repeat rules). Whatever is left out is counted on the card. This module holds the shared helpers,
the benefit and the risks; ``card_context`` the relief, cost, evidence, open questions, repeats and
safety checks.
"""

from __future__ import annotations

import os

import pandas as pd

from . import data, risk
from .cards import NOT_REPORTED, RISK_DENOMINATOR, Line, Section, in_n, whole

MAX_BENEFITS = 4  # results on the card; the card says how many more the course holds
MAX_RISKS = 8
MAX_COSTS = 3
MAX_RELIEF = 3
MAX_EVIDENCE = 6

COST_KINDS = {
    "payment_per_procedure": "payment for one procedure",
    "procedure_cost": "cost of the procedure",
    "annual_cost": "cost per year",
    "complication_cost": "cost of treating a complication",
    "cumulative_cost": "total cost over the follow-up",
    "cost_per_qaly": "cost per quality-adjusted life year gained",
    "difference": "cost difference against the comparator",
    "per_day_cost": "cost per day",
}


def _num(x: float) -> str:
    return f"{x:,g}"


def _months(x: float) -> str:
    return f"{_num(x)} month" + ("" if x == 1 else "s")


def _lower_first(text: str) -> str:
    """'Chronic back pain' -> 'chronic back pain' inside a sentence; 'CRPS' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _unit(unit: object) -> str:
    return str(unit).replace("_", " ") if isinstance(unit, str) and unit else "people"


# ------------------------------------------------------------------ reading the tables


def _related_ids(procedure_id: str, procedures: pd.DataFrame) -> list[str]:
    """The procedure and its family's 'approach mixed or not stated' row (e.g. esi_any for every
    epidural variant): figures of that row apply to the family and are labelled as such."""
    family = procedures.loc[procedure_id, "family"]
    general = [
        p for p in procedures.index if p.endswith("_any") and procedures.loc[p, "family"] == family
    ]
    return [procedure_id] + [p for p in general if p != procedure_id]


def _label(row_pid: str, procedure_id: str, procedures: pd.DataFrame) -> str:
    """'' for the procedure's own rows; '[approach mixed or not stated] ' for its family's."""
    if row_pid == procedure_id:
        return ""
    name = str(procedures.loc[row_pid, "name"])
    inner = (
        name[name.find("(") + 1 : name.rfind(")")] if "(" in name and name.endswith(")") else name
    )
    return f"[{inner}] "


def cite(source_id: str, path) -> str:
    return data.short_citation(source_id, path) if source_id else ""


def _section(key: str, heading: str, lines: list[Line], left_out: str = "") -> Section:
    if not lines:
        return Section(key, heading, (), NOT_REPORTED)
    return Section(key, heading, tuple(lines), left_out)


# ------------------------------------------------------------------ benefit


def _benefit_kind(r) -> int:
    """0: both arms as proportions (natural frequencies); 1: a mean difference or both arms' means;
    2: a relative figure only; 3: one arm only."""
    both = pd.notna(r["treatment_value"]) and pd.notna(r["control_value"])
    if r["measure"] == "proportion" and both:
        return 0
    if r["measure"] != "proportion" and (both or pd.notna(r["effect"])):
        return 1
    if pd.notna(r["effect"]):
        return 2
    return 3


_EFFECTS = {
    "mean_difference": "average difference",
    "standardized_mean_difference": "standardised mean difference",
    "relative_risk": "relative risk",
    "hazard_ratio": "hazard ratio",
    "risk_difference_pct": "difference in percentage points",
}


def _benefit_text(r) -> str:
    when = "" if pd.isna(r["timepoint_months"]) else f", at {_months(r['timepoint_months'])}"
    what = str(r["outcome"]).replace(">=", "at least ")
    kind = _benefit_kind(r)
    if kind == 3:
        lead = f"{r['trial']} (one group only; comparison: {r['comparator']}){when}: {what}: "
        if r["measure"] == "proportion":
            n = (
                f" of {int(r['treatment_n']):,} patients studied"
                if pd.notna(r["treatment_n"])
                else " patients"
            )
            return lead + f"{in_n(r['treatment_value'], 100)}{n}"
        return lead + f"{_num(r['treatment_value'])} {r['unit']}"
    lead = f"{r['trial']}, against {r['comparator']}{when}: {what}: "
    if kind == 0:
        return lead + (
            f"{in_n(r['treatment_value'], 100)} patients with the procedure, "
            f"{in_n(r['control_value'], 100)} with the comparison"
        )
    parts = []
    if pd.notna(r["treatment_value"]) and pd.notna(r["control_value"]):
        parts.append(
            f"{_num(r['treatment_value'])} with the procedure, {_num(r['control_value'])} "
            f"with the comparison ({r['unit']})"
        )
    if pd.notna(r["effect"]):
        measure = _EFFECTS.get(str(r["effect_measure"]), str(r["effect_measure"]).replace("_", " "))
        ci = (
            f" (95% CI {_num(r['effect_low'])} to {_num(r['effect_high'])})"
            if pd.notna(r["effect_low"]) and pd.notna(r["effect_high"])
            else ""
        )
        unit = (
            f" {r['unit']}"
            if r["effect_measure"] == "mean_difference" and isinstance(r["unit"], str)
            else ""
        )
        parts.append(f"{measure} {_num(r['effect'])}{unit}{ci}")
    if kind == 2:
        parts.append(
            "a relative figure: the absolute numbers are not reported in the course's sources"
        )
    return lead + "; ".join(parts)


def benefits(pid, procedures, path) -> Section:
    table = data.load("outcomes", path)
    rows = table[table["procedure_id"].isin(_related_ids(pid, procedures))].copy()
    heading = "How much it may help, compared with another option"
    if rows.empty:
        return _section("benefit", heading, [])
    rows["_kind"] = [_benefit_kind(r) for _, r in rows.iterrows()]
    rows["_sham"] = ~rows["comparator"].str.contains("placebo|sham", case=False)
    rows["_time"] = -rows["timepoint_months"].fillna(-1)
    rows["_other"] = ~rows["outcome"].str.contains("pain|relief|responder", case=False)
    rows["_order"] = range(len(rows))
    # a trial's own counts before another body's restatement of them (labelled in `trial`)
    rows["_secondary"] = rows["trial"].str.contains("secondary", case=False)
    # one result per comparator: the trial's own report, a pain outcome first (not survival,
    # disability or toxicity), the most readable kind, then the longest follow-up
    best = rows.sort_values(["_secondary", "_other", "_kind", "_time", "_order"]).drop_duplicates(
        "comparator"
    )
    # placebo or sham comparisons first (they answer "does it work beyond the needle?")
    best = best.sort_values(["_sham", "_other", "_kind", "_time", "_order"]).head(MAX_BENEFITS)
    lines = [
        Line(
            _label(r["procedure_id"], pid, procedures) + _benefit_text(r),
            cite(r["source_id"], path),
            r["source_id"],
        )
        for _, r in best.iterrows()
    ]
    more = len(rows) - len(best)
    note = (
        (
            f"Whole numbers of patients are the trials' percentages rounded. {more} more "
            f"{'result' if more == 1 else 'results'} in the course's data (notebook 03)."
        )
        if more
        else ("Whole numbers of patients are the trials' percentages rounded.")
    )
    return _section("benefit", heading, lines, note)


# ------------------------------------------------------------------ risks


def _people(rate_pct: float) -> str:
    """A whole count per RISK_DENOMINATOR for a span; a rate under one is 'fewer than 1', not 0."""
    count = risk.per(rate_pct, RISK_DENOMINATOR)
    return "fewer than 1" if count > 0 and whole(count) == 0 else f"{whole(count):,}"


def _risk_text(r) -> str:
    unit = _unit(r["denominator_unit"])
    low, high = r["rate_low_pct"], r["rate_high_pct"]
    if pd.notna(r["rate_pct"]) and r["rate_pct"] == 0 and pd.notna(r["denominator"]):
        return f"{r['risk']}: none of {int(r['denominator']):,} {unit} studied"
    if pd.notna(r["rate_pct"]):
        figure = f"{in_n(r['rate_pct'], RISK_DENOMINATOR)} {unit}"
        if pd.notna(low) and pd.notna(high):
            figure += f" (range {_people(low)} to {_people(high)})"
    elif pd.notna(low) and pd.notna(high):
        figure = f"between {_people(low)} and {_people(high)} in {RISK_DENOMINATOR:,} {unit}"
    elif pd.notna(high):
        figure = f"up to {_people(high)} in {RISK_DENOMINATOR:,} {unit}"
    elif pd.notna(low):
        figure = f"at least {_people(low)} in {RISK_DENOMINATOR:,} {unit}"
    elif pd.notna(r["events"]) and pd.notna(r["denominator"]):
        figure = f"{int(r['events']):,} of {int(r['denominator']):,} {unit}"
    elif pd.notna(r["events"]):
        figure = f"{int(r['events']):,} reported (how many were at risk is not reported)"
    else:
        figure = NOT_REPORTED
    if pd.notna(r["rate_pct"]) and pd.notna(r["denominator"]):
        figure += f"; {int(r['denominator']):,} {unit} studied"
    return f"{r['risk']}: {figure}"


def _other_studies(chosen, rows: pd.DataFrame) -> str:
    """'; other figures ...: 149 to 400 in 1,000' from the other rates of the same harm, procedure and
    unit; where the chosen study split its cohort (by time frame or reason: the same population text
    up to its last clause), that clause is named so the figure keeps its time frame."""
    same = rows[
        (rows["risk_id"] == chosen["risk_id"])
        & (rows["procedure_id"] == chosen["procedure_id"])
        & (rows["denominator_unit"].astype(str) == str(chosen["denominator_unit"]))
        & (rows["_order"] != chosen["_order"])
    ]
    population = str(chosen["population"])
    split = any(len(os.path.commonprefix([population, str(p)])) >= 40 for p in same["population"])
    context = f" ({population.rsplit(';', 1)[-1].strip()})" if split and ";" in population else ""
    # each study's estimate; a study that gave only a range gives its range (a confidence interval
    # around an estimate is not another study's figure)
    values = [
        v
        for _, r in same.iterrows()
        for v in (
            [r["rate_pct"]] if pd.notna(r["rate_pct"]) else [r["rate_low_pct"], r["rate_high_pct"]]
        )
        if pd.notna(v)
    ]
    if not values:
        return context
    low, high = (_people(v) for v in (min(values), max(values)))
    span = low if low == high else f"{low} to {high}"
    return f"{context}; other figures: {span} in {RISK_DENOMINATOR:,}"


def risks(pid, procedures, path) -> Section:
    ids = _related_ids(pid, procedures)
    rows = pd.concat([risk.complication_rates(p) for p in ids], ignore_index=True)
    heading = "Main risks"
    if rows.empty:
        return _section("risks", heading, [])
    rows["_own"] = rows["procedure_id"] != pid
    rows["_figure"] = rows["rate_pct"].isna() & rows["rate_low_pct"].isna()
    rows["_n"] = -rows["denominator"].astype("Float64").fillna(0)
    rows["_order"] = range(len(rows))
    # per harm, the procedure's own figure from the largest study (then the family's)
    best = rows.sort_values(["_own", "_figure", "_n", "_order"]).drop_duplicates("risk_id")
    # serious harms are never crowded out by common minor ones: the seed article's headings in the
    # order notebook 04 uses (risk.seed_risk_table), death first, then the most frequent
    rank = {
        "any": 0,
        "infection": 2,
        "bleeding": 3,
        "nerve_damage": 4,
        "allergic_reaction": 5,
        "procedure_failure": 6,
        "temporary_pain_increase": 7,
        "procedure_specific": 8,
    }
    best = best.assign(
        _rank=[
            1 if r == "death" else rank.get(h, 9)
            for r, h in zip(best["risk_id"], best["seed_risk"], strict=True)
        ],
        _rate=-best["rate_pct"].fillna(best["rate_high_pct"]).fillna(0),
    )
    best = best.sort_values(["_rank", "_own", "_rate", "_order"])
    shown, rest = best.head(MAX_RISKS), best.iloc[MAX_RISKS:]
    lines = [
        Line(
            _label(r["procedure_id"], pid, procedures) + _risk_text(r) + _other_studies(r, rows),
            cite(r["source_id"], path),
            r["source_id"],
        )
        for _, r in shown.iterrows()
    ]
    note = [
        "Each figure counts what its study counted (patients, procedures, implants). Per harm, the "
        "largest study is cited; other figures of the same unit (other studies, time frames or groups) are given as a span (all in notebook 04). "
        "Serious harms are listed first, then the most frequent."
    ]
    if len(rest):
        note.append("Also reported: " + ", ".join(rest["risk"].str.lower()) + ".")
    return _section("risks", heading, lines, " ".join(note))
