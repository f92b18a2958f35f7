"""Risk explorer: one risk of a procedure as an icon array of 1,000, a natural-frequency sentence,
and an absolute or relative framing of a comparison with another procedure's figure."""

from __future__ import annotations

import math
from dataclasses import dataclass

import ipywidgets as w
import pandas as pd
import traitlets as t

from .. import data, risk, style, webchart
from .base import ExplorerModel, ExplorerView, Refusal, escape, options, para

NONE = -1  # compare_with: no comparison


def unique_labels(frame: pd.DataFrame, parts: list[str], extras: list[str]) -> list[str]:
    """Labels made of ``parts`` columns; where two rows would read the same, the ``extras`` columns
    are added one by one until they differ (never two identical entries in a list)."""
    labels = frame[parts].astype("str").agg(" | ".join, axis=1)
    for extra in extras:
        dup = labels.duplicated(keep=False)
        if not dup.any():
            break
        labels = labels.where(~dup, labels + " | " + frame[extra].astype("str"))
    dup = labels.duplicated(keep=False)
    if dup.any():  # still the same words: number them so a student can tell them apart
        labels = labels.where(
            ~dup, labels + " (" + (labels.groupby(labels).cumcount() + 1).astype("str") + ")"
        )
    return list(labels)


def _prepare(comp: pd.DataFrame) -> pd.DataFrame:
    comp = comp[comp["per_1000"].notna()].reset_index(drop=True)
    return comp.assign(
        citation=comp["source_id"].map(data.short_citation),
        per_unit="per "
        + comp["denominator_unit"].astype("str").str.replace("_", " ").str.rstrip("s"),
        figure=comp["per_1000"].map(lambda v: f"{v:g} per 1,000"),
    )


def icon_spec(row) -> float | tuple[float, float, float]:
    """An icon-array spec: the rate per 1,000, with its range where the source gives one."""
    low, high = row["per_1000_low"], row["per_1000_high"]
    if pd.notna(low) and pd.notna(high):
        return (float(row["per_1000"]), float(low), float(high))
    return float(row["per_1000"])


@dataclass(frozen=True)
class RiskResult:
    panels: tuple[tuple[str, float | tuple[float, float, float]], ...]  # (name, icon spec)
    sources: tuple[str, ...]  # source ids of the panels, in order
    frequency: str  # '38 in 1,000'
    unit: str  # what was counted: 'patients', 'lesion sites', ...
    risk: str
    citation: str
    population: str
    framing: str = ""  # '', 'absolute' or 'relative'
    relative_risk: float = math.nan
    difference_per_1000: float = math.nan
    per_1000: float = math.nan
    comparator_per_1000: float = math.nan


class RiskModel(ExplorerModel):
    procedure = t.Unicode("esi_transforaminal")
    row = t.Int(0)  # which complication row (a procedure x risk x source) of risk_options
    compare_with = t.Int(NONE)  # a row of comparator_options (the same risk elsewhere)
    framing = t.Unicode("absolute")
    risk_options = t.Tuple()  # (label, index) for a dropdown
    comparator_options = t.Tuple()

    def __init__(self, **kwargs):
        self._tables: dict = {}
        self._busy = False
        super().__init__(**kwargs)
        self._fill_risks()

    @t.validate("procedure")
    def _known(self, proposal):
        return data.check_name(
            "procedure", proposal["value"], data.load("procedures")["procedure_id"]
        )

    @t.validate("framing")
    def _framing(self, proposal):
        return data.check_name("framing", proposal["value"], ["absolute", "relative"])

    def rows(self) -> pd.DataFrame:
        """The procedure's complication rows that have a rate, with their labels."""
        key = ("rows", self.procedure)
        if key not in self._tables:
            comp = _prepare(risk.complication_rates(self.procedure))
            comp["label"] = unique_labels(
                comp, ["risk", "citation", "per_unit"], ["population", "figure"]
            )
            self._tables[key] = comp
        return self._tables[key]

    def comparators(self) -> pd.DataFrame:
        """Rows of the chosen risk for other procedures, with their labels."""
        rows = self.rows()
        if not 0 <= self.row < len(rows):
            return rows.iloc[0:0]
        risk_id = rows.iloc[self.row]["risk_id"]
        key = ("comparators", self.procedure, risk_id)
        if key not in self._tables:
            comp = _prepare(risk.complication_rates(risk_id=risk_id))
            comp = comp[comp["procedure_id"] != self.procedure].reset_index(drop=True)
            comp["label"] = unique_labels(
                comp, ["procedure", "citation"], ["per_unit", "population", "figure"]
            )
            self._tables[key] = comp
        return self._tables[key]

    def _fill_comparators(self) -> None:
        self.comparator_options = (("(none)", NONE),) + tuple(
            (label, i) for i, label in enumerate(self.comparators()["label"])
        )
        self.compare_with = NONE

    def _fill_risks(self) -> None:
        self._busy = True  # one result for the whole change, not one per trait reset
        try:
            self.risk_options = tuple((label, i) for i, label in enumerate(self.rows()["label"]))
            self.row = 0
            self._fill_comparators()
        finally:
            self._busy = False
        self.update()

    @t.observe("procedure")
    def _procedure_changed(self, change):
        self._fill_risks()

    @t.observe("row")
    def _row_changed(self, change):
        if not self._busy:
            self._busy = True
            try:
                self._fill_comparators()
            finally:
                self._busy = False
            self.update()

    @t.observe("compare_with", "framing")
    def _changed(self, change):
        if not self._busy:
            self.update()

    def compute(self) -> RiskResult | Refusal:
        rows = self.rows()
        if rows.empty:
            return Refusal("The dataset has no complication rate for this procedure.", "info")
        if not 0 <= self.row < len(rows):
            return Refusal("Choose a risk from the list.", "info")
        r = rows.iloc[self.row]
        panels = [(f"{r['procedure']}: {r['risk']}", icon_spec(r))]
        sources = [r["source_id"]]
        extra = {}
        comparators = self.comparators()
        if 0 <= self.compare_with < len(comparators):
            c = comparators.iloc[self.compare_with]
            panels.append((f"{c['procedure']}: {c['risk']}", icon_spec(c)))
            sources.append(c["source_id"])
            comparison = risk.Comparison(r["rate_pct"] / 100, c["rate_pct"] / 100)
            extra = {
                "framing": self.framing,
                "relative_risk": float(comparison.relative_risk),
                "difference_per_1000": float(comparison.risk_difference * 1000),
                "per_1000": float(r["per_1000"]),
                "comparator_per_1000": float(c["per_1000"]),
            }
        return RiskResult(
            panels=tuple(panels),
            sources=tuple(sources),
            frequency=risk.natural_frequency(r["rate_pct"]),
            unit=str(r["denominator_unit"]).replace("_", " "),
            risk=str(r["risk"]),
            citation=str(r["citation"]),
            population=str(r["population"]),
            **extra,
        )


def framing_words(r: RiskResult) -> str:
    """The comparison in the chosen framing (HTML), or '' without a comparison."""
    if not r.framing:
        return ""
    if r.framing == "relative":
        rel = "infinitely" if math.isinf(r.relative_risk) else f"{r.relative_risk:.1f} times"
        words = (
            f"Relative framing: the risk is <b>{rel}</b> that of the comparison. Sounds large or "
            "small? Without the absolute numbers you cannot tell."
        )
    else:
        # whole people: "about 2 more in 1,000", never "2.3 more per 1,000"
        more = "more" if r.difference_per_1000 >= 0 else "fewer"
        difference = risk.natural_frequency(abs(r.difference_per_1000) / 10).split(" in ")[0]
        words = (
            f"Absolute framing: <b>{difference} {more} in 1,000</b> than the comparison "
            f"({risk.natural_frequency(r.per_1000 / 10)} against "
            f"{risk.natural_frequency(r.comparator_per_1000 / 10)})."
        )
    return words + " The two figures come from different studies: definitions and follow-up differ."


class RiskExplorer(ExplorerView):
    """A procedure and one of its risks as an icon array of 1,000, a natural-frequency sentence and
    an absolute vs relative framing of a comparison."""

    title = "Risk explorer"

    def __init__(self, procedure: str = "esi_transforaminal"):
        model = RiskModel(procedure=procedure)
        with_rates = set(data.load("complications").dropna(subset=["rate_pct"])["procedure_id"])
        procs = data.load("procedures")
        procs = procs[procs["procedure_id"].isin(with_rates)]
        wide = w.Layout(width="620px")
        self.procedure = w.Dropdown(
            options=options(procs, "name", "procedure_id"),
            value=procedure,
            description="Procedure",
            layout=w.Layout(width="520px"),
        )
        self.row = w.Dropdown(
            options=model.risk_options, value=model.row, description="Risk", layout=wide
        )
        self.compare = w.Dropdown(
            options=model.comparator_options,
            value=model.compare_with,
            description="Compare",
            layout=wide,
        )
        self.framing = w.ToggleButtons(
            options=[("Absolute", "absolute"), ("Relative", "relative")], value=model.framing
        )
        # the model owns the lists; the dropdowns show them and send the choice back
        t.dlink((model, "risk_options"), (self.row, "options"))
        t.dlink((model, "comparator_options"), (self.compare, "options"))
        for control, name in (
            (self.procedure, "procedure"),
            (self.row, "row"),
            (self.compare, "compare_with"),
            (self.framing, "framing"),
        ):
            w.link((control, "value"), (model, name))
        super().__init__(model, [self.procedure, self.row, self.compare, self.framing])

    def render(self, r: RiskResult):
        sentence = (
            f"<b>{escape(r.frequency)}</b> {escape(r.unit)} were followed by {escape(r.risk.lower())} "
            f"in {escape(r.citation)} ({escape(r.population)})."
        )
        framing = framing_words(r)
        words = para(sentence) + (para(framing) if framing else "")
        # HTML, as plots.icon_array draws it: the browser draws the words, so a change shows at once
        chart = webchart.icon_html(
            dict(r.panels), 1000, 40, style.HARM, "affected", list(r.sources)
        )
        summary = "; ".join(f"{name}: {spec}" for name, spec in r.panels) + " per 1,000"
        return words, (chart, summary)
