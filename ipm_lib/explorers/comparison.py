"""Procedure comparison: several procedures side by side (complication rates, relief duration or
payments), with ranges and sources, drawn by ``webchart``."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import traitlets as t

from .. import data, plots, webchart
from .base import ExplorerModel, ExplorerView, Refusal, escape, options, para, procedure_names

COMPARISONS = {
    "complications": "Complication rates",
    "relief": "How long relief lasted",
    "costs": "Payments for one procedure",
}


@dataclass(frozen=True)
class ComparisonResult:
    procedures: tuple[str, ...]  # ids, in the order chosen
    names: tuple[str, ...]  # the names students read
    view: str  # a key of COMPARISONS

    @property
    def title(self) -> str:
        return COMPARISONS[self.view]


class ComparisonModel(ExplorerModel):
    procedures = t.Tuple(("esi_transforaminal", "esi_interlaminar"))
    view = t.Unicode("complications")

    @t.validate("procedures")
    def _known(self, proposal):
        known = data.load("procedures")["procedure_id"]
        return tuple(data.check_name("procedure", p, known) for p in proposal["value"])

    @t.validate("view")
    def _view(self, proposal):
        return data.check_name("comparison", proposal["value"], COMPARISONS)

    @t.observe("procedures", "view")
    def _changed(self, change):
        self.update()

    def compute(self) -> ComparisonResult | Refusal:
        if not self.procedures:
            return Refusal("Choose at least one procedure.", "info")
        names = procedure_names()
        return ComparisonResult(
            self.procedures, tuple(names[p] for p in self.procedures), self.view
        )


def comparison_rows(result: ComparisonResult) -> plots.RangeRows:
    """The rows the chart draws for a result (the chart-description layer)."""
    if result.view == "complications":
        return plots.complication_rows(result.procedures)
    if result.view == "relief":
        return plots.relief_rows(result.procedures)
    return plots.cost_rows(result.procedures)


def missing_names(result: ComparisonResult, rows: plots.RangeRows) -> list[str]:
    """The chosen procedures the chart has no line for (listed, not dropped silently)."""
    frame = rows.frame
    if "group" in frame:
        shown = set(frame["group"].astype("str"))
    else:  # cost lines read 'Procedure name: what the figure is'
        shown = {label.split(": ")[0] for label in frame["label"].astype("str")}
    return [name for name in result.names if name not in shown]


class ProcedureComparison(ExplorerView):
    """Several procedures side by side: complications, relief duration or cost, with ranges and
    sources."""

    title = "Procedure comparison"

    def __init__(
        self, procedures=("esi_transforaminal", "esi_interlaminar"), view: str = "complications"
    ):
        model = ComparisonModel(procedures=tuple(procedures), view=view)
        self.select = w.SelectMultiple(
            options=options(data.load("procedures"), "name", "procedure_id"),
            value=tuple(procedures),
            rows=8,
            description="Procedures",
            layout=w.Layout(width="520px"),
        )
        self.toggle = w.ToggleButtons(
            options=[(v, k) for k, v in COMPARISONS.items()],
            value=view,
            style={"button_width": "auto"},
        )
        w.link((self.select, "value"), (model, "procedures"))
        w.link((self.toggle, "value"), (model, "view"))
        super().__init__(model, [self.select, self.toggle])

    def render(self, r: ComparisonResult):
        unit = {"complications": "per 1,000", "relief": plots.duration_words, "costs": ""}
        rows = comparison_rows(r)
        missing = missing_names(r, rows)
        words = (
            para(f"No figure of this kind in the dataset for: {escape('; '.join(missing))}.")
            if missing and len(missing) < len(r.names)
            else ""  # none at all: the chart itself says so and names the procedures that have some
        )
        return words, (webchart.range_html(rows, unit[r.view]), f"{r.title}: {', '.join(r.names)}")
