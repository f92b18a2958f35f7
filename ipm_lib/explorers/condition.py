"""Condition explorer: the procedures used for a condition, the strength of their evidence, the
trial and review results (with their numbers) and the alternatives, each with its source."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import pandas as pd
import traitlets as t

from .. import data
from .base import ExplorerModel, ExplorerView, bold, escape, options, procedure_names, table

UNIT_WORDS = {"percent": "%", "SMD": "(SMD)"}
EFFECT_WORDS = {
    "mean_difference": "mean difference",
    "risk_difference_pct": "risk difference, percentage points",
    "relative_risk": "relative risk",
    "hazard_ratio": "hazard ratio",
    "standardized_mean_difference": "standardised mean difference",
}


def _num(value) -> str:
    return f"{float(value):g}"


def result_figures(row: pd.Series) -> str:
    """The numbers of one outcome row in words: the arms' values, the effect with its 95% CI, the
    time point. 'not reported' where the dataset holds none."""
    unit = "" if pd.isna(row["unit"]) else str(row["unit"])
    shown = UNIT_WORDS.get(unit, f" {unit}" if unit else "")
    parts = []
    if pd.notna(row["treatment_value"]) and pd.notna(row["control_value"]):
        arms = f"{_num(row['treatment_value'])}{shown} vs {_num(row['control_value'])}{shown}"
        if pd.notna(row["treatment_n"]) and pd.notna(row["control_n"]):
            arms += f" (n = {int(row['treatment_n'])} vs {int(row['control_n'])})"
        parts.append(arms)
    elif pd.notna(row["treatment_value"]):
        parts.append(f"{_num(row['treatment_value'])}{shown}")
    if pd.notna(row["effect"]):
        measure = EFFECT_WORDS.get(str(row["effect_measure"]), "effect")
        effect = f"{measure} {_num(row['effect'])}"
        if pd.notna(row["effect_low"]) and pd.notna(row["effect_high"]):
            effect += f" (95% CI {_num(row['effect_low'])} to {_num(row['effect_high'])})"
        parts.append(effect)
    figures = "; ".join(parts) or "no figure in the dataset"
    if pd.notna(row["timepoint_months"]):
        figures += f"; at {_num(row['timepoint_months'])} months"
    return figures


@dataclass(frozen=True)
class ConditionResult:
    name: str
    description: str
    includes: str
    # (procedure, evidence as the source states it, citation)
    indications: tuple[tuple[str, str, str], ...]
    # (study, procedure, compared with, outcome, result in figures, citation)
    outcomes: tuple[tuple[str, str, str, str, str, str], ...]
    # (option, role, evidence, citation)
    alternatives: tuple[tuple[str, str, str, str], ...]


def _text(value) -> str:
    return "not reported" if pd.isna(value) else str(value)


class ConditionModel(ExplorerModel):
    condition = t.Unicode("chronic_back_pain")

    @t.validate("condition")
    def _known(self, proposal):
        return data.check_name(
            "condition", proposal["value"], data.load("conditions")["condition_id"]
        )

    @t.observe("condition")
    def _changed(self, change):
        self.update()

    def compute(self) -> ConditionResult:
        cid, names = self.condition, procedure_names()
        cite = data.short_citation
        ind = data.load("indications")
        ind = ind[ind["condition_id"] == cid]
        out = data.load("outcomes")
        out = out[out["condition_id"] == cid]
        alt = data.load("alternatives")
        alt = alt[alt["condition_id"] == cid]
        cond = data.load("conditions").set_index("condition_id").loc[cid]
        return ConditionResult(
            name=str(cond["name"]),
            description=str(cond["description"]),
            includes=str(cond["includes"]),
            indications=tuple(
                (names[r["procedure_id"]], _text(r["evidence_strength"]), cite(r["source_id"]))
                for _, r in ind.iterrows()
            ),
            outcomes=tuple(
                (
                    _text(r["trial"]),
                    names[r["procedure_id"]],
                    _text(r["comparator"]),
                    _text(r["outcome"]),
                    result_figures(r),
                    cite(r["source_id"]),
                )
                for _, r in out.iterrows()
            ),
            alternatives=tuple(
                (
                    _text(r["name"]),
                    _text(r["role"]),
                    _text(r["evidence_summary"]),
                    cite(r["source_id"]),
                )
                for _, r in alt.iterrows()
            ),
        )


class ConditionExplorer(ExplorerView):
    """Pick a condition: the procedures used for it, how strong the evidence is, trial results and
    the alternatives, each with its source."""

    title = "Condition explorer"

    def __init__(self, condition: str = "chronic_back_pain"):
        model = ConditionModel(condition=condition)
        conditions = data.load("conditions")
        self.dropdown = w.Dropdown(
            options=options(conditions, "name", "condition_id"),
            value=condition,
            description="Condition",
        )
        w.link((self.dropdown, "value"), (model, "condition"))
        super().__init__(model, [self.dropdown])

    def render(self, r: ConditionResult):
        words = "".join(
            [
                f"<h4>{escape(r.name)}</h4><p>{escape(r.description)} "
                f"<em>Includes: {escape(r.includes)}.</em></p>",
                bold("Procedures and the strength of evidence"),
                table(r.indications, ["Procedure", "Evidence (as the source states it)", "Source"]),
                bold("Trial and review results"),
                table(
                    r.outcomes,
                    ["Study", "Procedure", "Compared with", "Outcome", "Result", "Source"],
                ),
                bold("Alternatives"),
                table(r.alternatives, ["Option", "Role", "Evidence", "Source"]),
            ]
        )
        return words, None
