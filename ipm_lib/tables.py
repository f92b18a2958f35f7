"""Reading tables for the notebooks: dataset rows with human headings and short citations, no ids.

Each function returns a DataFrame a notebook shows as it is. Figures come unchanged from ``data/``;
only the headings and the citation text are added here. Any other frame, dict or list is made
readable by ``show`` (in ``ipm_lib.readable``, re-exported here).
"""

from __future__ import annotations

import pandas as pd

from . import data, risk
from .readable import (  # noqa: F401 - the notebooks call tables.show
    FOLD_AFTER,
    HEADINGS,
    MISSING,
    Table,
    heading,
    readable,
    show,
)


def _range(low, high) -> str:
    if pd.isna(low) and pd.isna(high):
        return ""
    if pd.isna(low):
        return f"up to {high:g}"
    if pd.isna(high):
        return f"{low:g} or more"
    return f"{low:g} to {high:g}"


def _cite(source_ids: pd.Series) -> pd.Series:
    return source_ids.map(data.short_citation)


def pain_definitions() -> pd.DataFrame:
    """When pain counts as acute, subacute or chronic, by source (``data/pain_definitions.csv``)."""
    t = data.load("pain_definitions")
    return pd.DataFrame(
        {
            "Term": t["term"].astype(str),
            "Pain it is for": t["context"],
            "Duration": t["wording"],
            "Source": _cite(t["source_id"]),
        }
    )


def pain_burden() -> pd.DataFrame:
    """Chronic and high-impact chronic pain in the population, newest survey year first."""
    t = data.load("pain_burden").sort_values(
        ["year", "measure", "unit"], ascending=[False, True, False]
    )
    names = {"chronic_pain": "Chronic pain", "high_impact_chronic_pain": "High-impact chronic pain"}
    return pd.DataFrame(
        {
            "What is counted": t["measure"].astype(str).map(names),
            "Survey year": t["year"].astype(int),
            "Figure": t["value"].map(lambda v: f"{v:g}"),
            "Unit": t["unit"].astype(str),
            "Who": t["population"],
            "Source": _cite(t["source_id"]),
        }
    ).reset_index(drop=True)


def complication_table(procedure_id: str, risk_id: str) -> pd.DataFrame:
    """One harm of one procedure, every source's figure with what was counted, as a reading table.

    Unknown names raise UnknownNameError (from ``risk.complication_rates``).
    """
    c = risk.complication_rates(procedure_id, risk_id)
    counts = [
        ""
        if pd.isna(e)
        else (f"{int(e)} of {int(n)}" if not pd.isna(n) else f"{int(e)} (denominator not stated)")
        for e, n in zip(c["events"], c["denominator"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Rate (%)": c["rate_pct"].map(lambda v: "" if pd.isna(v) else f"{v:g}"),
            "Range (%)": [
                _range(lo, hi) for lo, hi in zip(c["rate_low_pct"], c["rate_high_pct"], strict=True)
            ],
            "Events": counts,
            "Counted per": c["denominator_unit"].astype(str),
            "Who and when": c["population"],
            "Source": _cite(c["source_id"]),
        }
    )


def explant_reasons() -> pd.DataFrame:
    """Why stimulators were removed: share of explants by reason (``procedure_facts.csv``)."""
    f = data.load("procedure_facts")
    f = f[f["attribute"] == "explant_reason_share"]
    return pd.DataFrame(
        {
            "Share of explants (%)": f["value"].map(lambda v: f"{v:g}"),
            "Reason and cohort": f["measure"],
            "Source": _cite(f["source_id"]),
        }
    ).reset_index(drop=True)


def pretest_probabilities(
    measure: str = "facet_joint_pain_prevalence",
    false_positive_rate: float | None = None,
    sensitivity: float = 1.0,
) -> pd.DataFrame:
    """Every estimate of how often a joint is the source of chronic low back pain, with the block
    paradigm behind it; with ``false_positive_rate`` (a fraction), the positive predictive value a
    single block would have at each estimate (``risk.positive_predictive_value``).

    A range without a point estimate is shown at both ends. ``sensitivity`` defaults to 1, the most
    favourable case for the block, so the PPV shown is an upper bound.
    """
    prev = data.load("prevalence")
    known = sorted(set(prev["measure"]))
    data.check_name("prevalence measure", measure, known)
    rows = prev[prev["measure"] == measure]
    out = pd.DataFrame(
        {
            "Joint is the source (%)": [
                f"{v:g}" if not pd.isna(v) else _range(lo, hi)
                for v, lo, hi in zip(rows["value"], rows["low"], rows["high"], strict=True)
            ],
            "Range (%)": [
                "" if pd.isna(v) else _range(lo, hi)
                for v, lo, hi in zip(rows["value"], rows["low"], rows["high"], strict=True)
            ],
            "Who was studied, and the block paradigm": rows["population"],
            "Source": _cite(rows["source_id"]),
        }
    )
    if false_positive_rate is not None:

        def ppv_text(v, lo, hi) -> str:
            points = [v] if not pd.isna(v) else [x for x in (lo, hi) if not pd.isna(x)]
            values = [
                risk.positive_predictive_value(p / 100, sensitivity, false_positive_rate) * 100
                for p in points
            ]
            return " to ".join(f"{x:.0f}" for x in values)

        out.insert(
            1,
            "A positive single block is right (%)",
            [
                ppv_text(v, lo, hi)
                for v, lo, hi in zip(rows["value"], rows["low"], rows["high"], strict=True)
            ],
        )
    return out.reset_index(drop=True)


def immpact_benchmarks() -> pd.DataFrame:
    """IMMPACT 2008 benchmarks for every outcome domain (``thresholds.csv`` rows of that source)."""
    t = data.load("thresholds")
    t = t[t["source_id"] == "dworkin2008_immpact"]
    return pd.DataFrame(
        {
            "Measure": t["measure"],
            "Change": [
                f"{v:g}" if not pd.isna(v) else _range(lo, hi)
                for v, lo, hi in zip(t["value"], t["low"], t["high"], strict=True)
            ],
            "Unit": t["unit"],
            "Meaning": t["meaning"].str.split(". Table 1").str[0],
            "Source": _cite(t["source_id"]),
        }
    ).reset_index(drop=True)


_DOSE_MEASURES = {
    "hazard_ratio": "hazard ratio: times the comparator's risk",
    "odds_ratio": "odds ratio: times the comparator's odds",
    "annual_rate_pct": "patients with the outcome per year",
}


def per_thousand(percent: float, unit: str | None = None) -> str:
    """A percentage as whole people per 1,000: 0.7 -> '7 in 1,000', 2.45 -> 'about 25 in 1,000'
    (``risk.natural_frequency``). Refuses what is not a percentage."""
    if isinstance(percent, bool) or not isinstance(percent, int | float) or pd.isna(percent):
        raise ValueError(f"percent must be a number, got {percent!r}")
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must lie between 0 and 100, got {percent!r}")
    return risk.natural_frequency(percent, 1000, unit)


def opioid_dose_risk() -> pd.DataFrame:
    """How overdose risk rises with the daily opioid dose, study by study (``opioid_dose_risk.csv``).

    Ratios are shown as 'n times' the comparator band's risk (or odds); an annual rate also as whole
    people per 1,000 patients a year. Bands are the sources' own words.
    """
    t = data.load("opioid_dose_risk")
    figures = [
        f"{v:g}% a year ({per_thousand(v, 'patients')} a year)"
        if m == "annual_rate_pct"
        else f"{v:g} times"
        for v, m in zip(t["value"], t["measure"].astype(str), strict=True)
    ]
    return pd.DataFrame(
        {
            "Daily dose": t["dose_band"],
            "Compared with": t["comparator_band"].where(
                t["comparator_band"] != "", "(no comparison)"
            ),
            "Measure": t["measure"].astype(str).map(_DOSE_MEASURES),
            "Figure": figures,
            "95% CI": [_range(lo, hi) for lo, hi in zip(t["low"], t["high"], strict=True)],
            "What was counted": t["outcome"],
            "Study": t["edition"].str.split(" \\(").str[0],
            "Source": _cite(t["source_id"]),
        }
    ).reset_index(drop=True)
