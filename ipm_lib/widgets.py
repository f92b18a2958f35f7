"""Interactive explorations for students and lecturers.

Each explorer is a model (a traitlets object that holds the state and calls the computations and
charts) and a view (a VBox of controls linked to the model, plus an output area). Changing a
control changes the model; the model recomputes; the view shows the new chart and text.

Charts reach the page as HTML set directly on an Output widget (``out.outputs = (...)``): this
works in JupyterLab, Voila, under nbval and in plain pytest, where ``with out: display(...)`` does not.
They are drawn by ``ipm_lib.webchart`` with the same rows, figures, words and sources as the
notebooks' matplotlib charts, but the browser draws their text, so a change takes milliseconds, not
the hundreds a text-heavy matplotlib figure takes to lay out and rasterise on a small machine.
Bad input never raises into the notebook: the view shows a message saying what to change.
Drawn outputs are cached per state, so flipping back to an earlier choice is instant.
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections import OrderedDict

import ipywidgets as w
import pandas as pd
import traitlets as t

from . import (
    anticoagulation,
    data,
    opioids,
    pathway,
    plots,
    risk,
    style,
    trajectory,
    webchart,
)
from .course.selfcheck import Quiz, QuizQuestion, VirtualPatient, shuffled_order  # noqa: F401

EDUCATION_ONLY = "Education only, not clinical advice."


# ------------------------------------------------------------------ shared pieces


def html_output(markup: str, summary: str) -> dict:
    """An Output-widget output holding an HTML chart (``webchart``), with a text summary."""
    return {
        "output_type": "display_data",
        "data": {"text/html": markup, "text/plain": summary},
        "metadata": {},
    }


class OutputCache:
    """Outputs of recently drawn states (a lecture flips back and forth between choices)."""

    def __init__(self, size: int = 32):
        self.size, self.items = size, OrderedDict()

    def get(self, key, draw):
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        chart, summary = draw()  # an HTML chart (webchart) and the words that say what it shows
        value = html_output(chart, summary)
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return value


def message(text: str, kind: str = "info") -> str:
    colours = {"info": "#0072B2", "error": "#D55E00", "ok": "#009E73"}
    return (f'<div style="border-left:4px solid {colours[kind]};padding:4px 10px;margin:4px 0">'
            f"{text}</div>")  # fmt: skip


def table_html(frame: pd.DataFrame, columns: dict[str, str]) -> str:
    """A small HTML table of chosen columns with readable headings (escaped)."""
    if frame.empty:
        return "<p><em>No rows in the dataset for this choice.</em></p>"
    head = "".join(
        f"<th style='text-align:left;padding:2px 8px'>{html.escape(h)}</th>"
        for h in columns.values()
    )
    rows = []
    for _, r in frame.iterrows():
        cells = "".join(
            f"<td style='padding:2px 8px;vertical-align:top'>{'' if pd.isna(r[c]) else html.escape(str(r[c]))}</td>"
            for c in columns
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(rows)}</table>"


def _options(frame: pd.DataFrame, label: str, value: str) -> list[tuple[str, str]]:
    return [(str(a), str(b)) for a, b in zip(frame[label], frame[value], strict=True)]


class Explorer(w.VBox):
    """Base view: a title, controls, a chart area and a text area; subclasses fill them."""

    title = ""

    def __init__(self, controls: list[w.Widget], **kwargs):
        self.out = w.Output(layout=w.Layout(min_height="120px"))
        self.text = w.HTML()
        header = w.HTML(f"<b>{html.escape(self.title)}</b> <small>({EDUCATION_ONLY})</small>")
        super().__init__([header, *controls, self.text, self.out], **kwargs)

    def show(self, output: dict | None, text: str) -> None:
        self.text.value = text
        self.out.outputs = (output,) if output else ()

    def __repr__(self) -> str:
        # What a page without a live kernel (slides, static HTML) shows instead of the controls.
        return f"{self.title}: an interactive explorer (run the notebook to use it)"


# ------------------------------------------------------------------ 1. condition explorer


class ConditionModel(t.HasTraits):
    condition = t.Unicode("chronic_back_pain")

    @t.validate("condition")
    def _known(self, proposal):
        return data.check_name(
            "condition", proposal["value"], data.load("conditions")["condition_id"]
        )

    def result(self) -> dict:
        cid = self.condition
        procs = data.load("procedures").set_index("procedure_id")["name"]
        ind = data.load("indications")
        ind = ind[ind["condition_id"] == cid].assign(
            procedure=lambda d: d["procedure_id"].map(procs)
        )
        out = data.load("outcomes")
        out = out[out["condition_id"] == cid].assign(
            procedure=lambda d: d["procedure_id"].map(procs)
        )
        alt = data.load("alternatives")
        alt = alt[alt["condition_id"] == cid]
        cond = data.load("conditions").set_index("condition_id").loc[cid]
        return {"condition": cond, "indications": ind, "outcomes": out, "alternatives": alt}


class ConditionExplorer(Explorer):
    """Pick a condition: the procedures used for it, how strong the evidence is, trial results and
    the alternatives, each with its source."""

    title = "Condition explorer"

    def __init__(self, condition: str = "chronic_back_pain"):
        self.model = ConditionModel(condition=condition)
        conditions = data.load("conditions")
        self.dropdown = w.Dropdown(options=_options(conditions, "name", "condition_id"), value=condition,
                                   description="Condition")  # fmt: skip
        w.link((self.dropdown, "value"), (self.model, "condition"))
        super().__init__([self.dropdown])
        self.model.observe(lambda _: self.refresh(), "condition")
        self.refresh()

    def refresh(self) -> None:
        r = self.model.result()
        c = r["condition"]
        parts = [
            f"<h4>{html.escape(c['name'])}</h4><p>{html.escape(c['description'])} "
            f"<em>Includes: {html.escape(c['includes'])}.</em></p>",
            "<b>Procedures and the strength of evidence</b>",
            table_html(
                r["indications"],
                {
                    "procedure": "Procedure",
                    "evidence_strength": "Evidence (as the source states it)",
                    "source_id": "Source",
                },
            ),  # fmt: skip
            "<b>Trial and review results</b>",
            table_html(
                r["outcomes"],
                {
                    "trial": "Study",
                    "procedure": "Procedure",
                    "comparator": "Compared with",
                    "outcome": "Outcome",
                    "source_id": "Source",
                },
            ),  # fmt: skip
            "<b>Alternatives</b>",
            table_html(
                r["alternatives"],
                {
                    "name": "Option",
                    "role": "Role",
                    "evidence_summary": "Evidence",
                    "source_id": "Source",
                },
            ),  # fmt: skip
        ]
        self.show(None, "".join(parts))


# ------------------------------------------------------------------ 2. procedure comparison


COMPARISONS = {"complications": "Complication rates", "relief": "How long relief lasted",
               "costs": "Payments for one procedure"}  # fmt: skip


class ComparisonModel(t.HasTraits):
    procedures = t.Tuple(("esi_transforaminal", "esi_interlaminar"))
    view = t.Unicode("complications")

    @t.validate("procedures")
    def _known(self, proposal):
        known = data.load("procedures")["procedure_id"]
        return tuple(data.check_name("procedure", p, known) for p in proposal["value"])

    @t.validate("view")
    def _view(self, proposal):
        return data.check_name("comparison", proposal["value"], COMPARISONS)

    def rows(self) -> plots.RangeRows:
        if self.view == "complications":
            return plots.complication_rows(self.procedures)
        if self.view == "relief":
            return plots.relief_rows(self.procedures)
        return plots.cost_rows(self.procedures)

    def chart(self) -> tuple[str, str]:
        """The chart as HTML (text drawn by the browser: switching views takes milliseconds, not
        the hundreds a text-heavy matplotlib figure takes), and a one-line summary."""
        unit = {"complications": "per 1,000", "relief": plots.duration_words, "costs": ""}
        summary = f"{COMPARISONS[self.view]}: {', '.join(self.procedures)}"
        return webchart.range_html(self.rows(), unit[self.view]), summary


class ProcedureComparison(Explorer):
    """Several procedures side by side: complications, relief duration or cost, with ranges and
    sources."""

    title = "Procedure comparison"

    def __init__(
        self, procedures=("esi_transforaminal", "esi_interlaminar"), view: str = "complications"
    ):
        self.model = ComparisonModel(procedures=tuple(procedures), view=view)
        procs = data.load("procedures")
        self.select = w.SelectMultiple(options=_options(procs, "name", "procedure_id"), value=tuple(procedures),
                                       rows=8, description="Procedures", layout=w.Layout(width="520px"))  # fmt: skip
        self.toggle = w.ToggleButtons(options=[(v, k) for k, v in COMPARISONS.items()], value=view,
                                      style={"button_width": "auto"})  # fmt: skip
        w.link((self.select, "value"), (self.model, "procedures"))
        w.link((self.toggle, "value"), (self.model, "view"))
        self.cache = OutputCache()
        super().__init__([self.select, self.toggle])
        self.model.observe(lambda _: self.refresh(), ["procedures", "view"])
        self.refresh()

    def refresh(self) -> None:
        if not self.model.procedures:
            self.show(None, message("Choose at least one procedure."))
            return
        key = (self.model.procedures, self.model.view, style.is_lecture())
        self.show(self.cache.get(key, self.model.chart), "")  # builds only on a cache miss


# ------------------------------------------------------------------ 3. risk explorer


class RiskModel(t.HasTraits):
    procedure = t.Unicode("esi_transforaminal")
    row = t.Int(0)  # which complication row (a procedure x risk x source)
    compare_with = t.Int(-1)  # another row of the same risk, or -1 for none
    framing = t.Unicode("absolute")

    def rows(self) -> pd.DataFrame:
        return self._memo(("rows", self.procedure), self._rows)

    def comparators(self) -> pd.DataFrame:
        return self._memo(("comparators", self.procedure, self.row), self._comparators)

    def _memo(self, key, compute) -> pd.DataFrame:
        # the dataset does not change while a widget lives: work each table out once
        memo = self.__dict__.setdefault("_tables", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def _rows(self) -> pd.DataFrame:
        comp = risk.complication_rates(self.procedure)
        comp = comp[comp["per_1000"].notna()].reset_index(drop=True)
        comp["label"] = (comp["risk"] + " | " + comp["source_id"].map(data.short_citation)
                         + " | per " + comp["denominator_unit"].astype(str).str.rstrip("s"))  # fmt: skip
        return comp

    def _comparators(self) -> pd.DataFrame:
        rows = self.rows()
        if rows.empty or not 0 <= self.row < len(rows):
            return rows.iloc[0:0]
        chosen = rows.iloc[self.row]
        comp = risk.complication_rates(risk_id=chosen["risk_id"])
        comp = comp[
            comp["per_1000"].notna() & (comp["procedure_id"] != self.procedure)
        ].reset_index(drop=True)
        comp["label"] = comp["procedure"] + " | " + comp["source_id"].map(data.short_citation)
        return comp

    def result(self) -> dict:
        rows = self.rows()
        if rows.empty:
            return {"error": "The dataset has no complication rate for this procedure."}
        if not 0 <= self.row < len(rows):
            return {"error": "Choose a risk from the list."}
        r = rows.iloc[self.row]
        options = {f"{r['procedure']}: {r['risk']}": _icon_spec(r)}
        sentence = (f"<b>{risk.natural_frequency(r['rate_pct'])}</b> {r['denominator_unit']} were followed by "
                    f"{r['risk'].lower()} in {html.escape(data.short_citation(r['source_id']))} "
                    f"({html.escape(r['population'])}).")  # fmt: skip
        sources = [r["source_id"]]
        comparators = self.comparators()
        framing = ""
        if 0 <= self.compare_with < len(comparators):
            c = comparators.iloc[self.compare_with]
            options[f"{c['procedure']}: {c['risk']}"] = _icon_spec(c)
            sources.append(c["source_id"])
            comparison = risk.Comparison(r["rate_pct"] / 100, c["rate_pct"] / 100)
            if self.framing == "relative":
                rel = comparison.relative_risk
                framing = ("Relative framing: the risk is <b>" + ("infinitely" if math.isinf(rel) else f"{rel:.1f} times")
                           + "</b> that of the comparison. Sounds large or small? Without the absolute numbers you "
                           "cannot tell.")  # fmt: skip
            else:
                diff = comparison.risk_difference * 1000
                more = "more" if diff >= 0 else "fewer"
                framing = (f"Absolute framing: <b>{abs(diff):.1f} {more} per 1,000</b> than the comparison "
                           f"({r['per_1000']:.1f} vs {c['per_1000']:.1f} per 1,000).")  # fmt: skip
            framing += (
                " The two figures come from different studies: definitions and follow-up differ."
            )
        return {"options": options, "sentence": sentence, "framing": framing, "sources": sources}


def _icon_spec(r):
    low, high = r["per_1000_low"], r["per_1000_high"]
    if pd.notna(low) and pd.notna(high):
        return (float(r["per_1000"]), float(low), float(high))
    return float(r["per_1000"])


class RiskExplorer(Explorer):
    """A procedure and one of its risks as an icon array of 1,000, a natural-frequency sentence and
    an absolute vs relative framing of a comparison."""

    title = "Risk explorer"

    def __init__(self, procedure: str = "esi_transforaminal"):
        self.model = RiskModel(procedure=procedure)
        procs = data.load("procedures")
        with_rates = set(data.load("complications").dropna(subset=["rate_pct"])["procedure_id"])
        procs = procs[procs["procedure_id"].isin(with_rates)]
        self.procedure = w.Dropdown(options=_options(procs, "name", "procedure_id"), value=procedure,
                                    description="Procedure", layout=w.Layout(width="520px"))  # fmt: skip
        self.row = w.Dropdown(description="Risk", layout=w.Layout(width="620px"))
        self.compare = w.Dropdown(description="Compare", layout=w.Layout(width="620px"))
        self.framing = w.ToggleButtons(
            options=[("Absolute", "absolute"), ("Relative", "relative")], value="absolute"
        )
        self.cache = OutputCache()
        super().__init__([self.procedure, self.row, self.compare, self.framing])
        self.procedure.observe(self._procedure_changed, "value")
        self.row.observe(self._row_changed, "value")
        self.compare.observe(lambda ch: self._set(compare_with=ch["new"]), "value")
        self.framing.observe(lambda ch: self._set(framing=ch["new"]), "value")
        self._fill_rows()
        self.refresh()

    def _set(self, **values):
        with self.model.hold_trait_notifications():
            for k, v in values.items():
                setattr(self.model, k, -1 if v is None else v)
        self.refresh()

    def _fill_rows(self):
        rows = self.model.rows()
        self.row.unobserve(self._row_changed, "value")
        self.row.options = [(lab, i) for i, lab in enumerate(rows["label"])]
        self.row.value = 0 if len(rows) else None
        self.row.observe(self._row_changed, "value")
        self.model.row = 0
        self._fill_comparators()

    def _fill_comparators(self):
        comps = self.model.comparators()
        self.compare.options = [("(none)", -1)] + [(lab, i) for i, lab in enumerate(comps["label"])]
        self.compare.value = -1
        self.model.compare_with = -1

    def _procedure_changed(self, change):
        self.model.procedure = change["new"]
        self._fill_rows()
        self.refresh()

    def _row_changed(self, change):
        if change["new"] is None:
            return
        self.model.row = change["new"]
        self._fill_comparators()
        self.refresh()

    def refresh(self) -> None:
        r = self.model.result()
        if "error" in r:
            self.show(None, message(r["error"], "error"))
            return
        key = (tuple(r["options"].items()), style.is_lecture())
        summary = "; ".join(f"{k}: {v}" for k, v in r["options"].items()) + " per 1,000"

        def draw():
            # HTML, as plots.icon_array draws it: the browser draws the words, so a change shows at once
            return webchart.icon_html(
                r["options"], 1000, 40, style.HARM, "affected", r["sources"]
            ), summary

        output = self.cache.get(key, draw)
        self.show(
            output,
            "<p>" + r["sentence"] + "</p>" + (f"<p>{r['framing']}</p>" if r["framing"] else ""),
        )


# ------------------------------------------------------------------ 4. MME calculator


class MMEModel(t.HasTraits):
    lines = t.List()  # [(opioid, dose, per_day)], None for an empty slot

    def result(self) -> dict:
        regimen = [x for x in self.lines if x is not None]
        try:
            table = opioids.breakdown(regimen)
        except opioids.RegimenError as exc:
            return {"error": str(exc)}
        return {"table": table, "total": float(table["mme_per_day"].sum())}


class MMECalculator(Explorer):
    """Daily morphine milligram equivalents of a regimen of up to three opioids (CDC 2022 factors)."""

    title = "MME calculator (CDC 2022 conversion factors)"

    def __init__(self, lines=(("oxycodone", 10.0, 2), None, None)):
        factors = opioids.factors()
        names = [("(none)", "")] + [(o.replace("_", " "), o) for o in factors.index]
        self.rows = []
        for line in lines:
            drug = w.Dropdown(
                options=names, value=line[0] if line else "", layout=w.Layout(width="220px")
            )
            dose = w.FloatText(
                value=line[1] if line else 0.0, description="dose", layout=w.Layout(width="170px")
            )
            per_day = w.IntText(
                value=line[2] if line else 1, description="per day", layout=w.Layout(width="150px")
            )
            unit = w.Label()
            self.rows.append((drug, dose, per_day, unit))
        self.model = MMEModel()
        super().__init__([w.HBox(list(r)) for r in self.rows])
        for r in self.rows:
            for control in r[:3]:
                control.observe(lambda _: self._update_model(), "value")
        self.model.observe(lambda _: self.refresh(), "lines")
        self._update_model()

    def _update_model(self):
        lines = []
        for drug, dose, per_day, unit in self.rows:
            unit.value = (
                ""
                if not drug.value
                else opioids.factors().loc[drug.value, "unit"].split("/")[0] + " per dose"
            )
            if drug.value == "fentanyl_transdermal":
                unit.value = "mcg/hr patch (per day = 1)"
            lines.append((drug.value, dose.value, per_day.value) if drug.value else None)
        self.model.lines = lines
        self.refresh()

    def refresh(self) -> None:
        r = self.model.result()
        if "error" in r:
            self.show(None, message("Cannot compute: " + html.escape(r["error"]), "error"))
            return
        table = r["table"].assign(mme_per_day=lambda d: d["mme_per_day"].round(1))
        context = opioids.cdc_context().set_index("threshold_id")
        text = (
            f"<p>Total: <b>{r['total']:.1f} MME/day</b>.</p>"
            + table_html(
                table,
                {
                    "opioid": "Opioid",
                    "daily_dose": "Daily dose",
                    "unit": "Unit",
                    "mme_factor": "Factor",
                    "mme_per_day": "MME/day",
                },
            )  # fmt: skip
            + "<p><small>CDC 2022 context: recommendation 4 asks clinicians to avoid increasing dosage above "
            "levels likely to yield diminishing returns; it states no single number. The 2016 guideline's "
            f"{context.loc['cdc2016_mme_50', 'value']:g} and {context.loc['cdc2016_mme_90', 'value']:g} MME/day "
            "thresholds are superseded. MMEs measure exposure: the CDC table warns not to use them to pick "
            f"the dose when switching opioids. Source: {html.escape(data.short_citation('dowell2022_cdc'))}. "
            f"{EDUCATION_ONLY}</small></p>"
        )
        self.show(None, text)


# ------------------------------------------------------------------ 5. anticoagulation checker


class AnticoagulationModel(t.HasTraits):
    procedure = t.Unicode("scs_implant")
    drug = t.Unicode("warfarin")
    edition = t.Unicode(anticoagulation.CURRENT_EDITION)
    crcl = t.Unicode("")  # creatinine clearance as typed (mL/min); checked in result()

    def result(self) -> dict:
        """Guidance for the procedure, one entry per region where the guideline splits it."""
        crcl = None
        if self.drug in anticoagulation.CRCL_DRUGS:
            try:
                crcl = anticoagulation.check_crcl(self.crcl, self.drug)
            except ValueError as exc:
                return {"error": str(exc), "kind": "input"}
        rows = anticoagulation.bleeding_risk(self.procedure, self.edition)
        details = list(dict.fromkeys(rows["detail"].astype("str"))) or [""]
        found, errors = [], []
        for detail in details:
            try:
                found.append(
                    (
                        detail,
                        anticoagulation.guidance(
                            self.procedure, self.drug, self.edition, detail or None, crcl
                        ),
                    )
                )
            except (LookupError, ValueError) as exc:
                region = f"{detail}: " if detail else ""
                errors.append(region + str(exc.args[0] if exc.args else exc))
        if not found:
            return {"error": " ".join(errors), "kind": "data"}
        return {"guidance": found, "errors": errors}


def _interval_html(g: dict) -> str:
    if not g["sourced"]:
        return (
            f"{html.escape(g['drug'])}: <b>{anticoagulation.NO_SOURCED_INTERVAL}</b> "
            "(the guideline's recommendation for this drug could not be read; nothing is guessed)."
        )
    text = f"{html.escape(g['drug'])}: <b>{g['stop_text']}</b>; <b>{g['restart_text']}</b>."
    if g["interval_guideline"] == anticoagulation.NEURAXIAL_GUIDELINE:
        text += (
            f"<br><i>From the {html.escape(g['interval_guideline_name'])}, "
            f"{html.escape(g['interval_edition'])}, not the pain-procedure guideline (whose interval "
            "for this drug could not be read). It is written for neuraxial blocks, such as an "
            "epidural injection or stimulator leads in the epidural space; it is not the advice for "
            "other procedures, whatever their risk class.</i>"
        )
    return text


class AnticoagulationChecker(Explorer):
    """Procedure + drug: the bleeding-risk class (with its edition) and the stored stop/restart
    interval of that edition, labelled education only."""

    title = "Anticoagulation checker"

    def __init__(self, procedure: str = "scs_implant", drug: str = "warfarin"):
        bleed = data.load("bleeding_risk")
        procs = data.load("procedures")
        procs = procs[procs["procedure_id"].isin(set(bleed["procedure_id"]))]
        drugs = anticoagulation.drugs()
        refused = []  # an unknown name gets the library's "did you mean" and the default instead
        for kind, name, known, default in (
            ("procedure", procedure, procs["procedure_id"], "scs_implant"),
            ("drug", drug, drugs["drug_id"], "warfarin"),
        ):
            try:
                data.check_name(kind, name, known)
            except data.UnknownNameError as exc:
                refused.append(f"{exc} Showing {default!r} instead.")
                if kind == "procedure":
                    procedure = default
                else:
                    drug = default
        self.refused = refused
        self.model = AnticoagulationModel(procedure=procedure, drug=drug)
        self.procedure = w.Dropdown(options=_options(procs, "name", "procedure_id"), value=procedure,
                                    description="Procedure", layout=w.Layout(width="520px"))  # fmt: skip
        self.drug = w.Dropdown(options=_options(drugs, "drug", "drug_id"), value=drug, description="Drug",
                               layout=w.Layout(width="520px"))  # fmt: skip
        self.edition = w.ToggleButtons(
            options=anticoagulation.EDITIONS,
            value=anticoagulation.CURRENT_EDITION,
            description="ASRA",
        )
        self.crcl = w.Text(value="", description="CrCl (mL/min)", placeholder="creatinine clearance",
                           layout=w.Layout(width="260px"))  # fmt: skip
        for control, name in (
            (self.procedure, "procedure"),
            (self.drug, "drug"),
            (self.edition, "edition"),
            (self.crcl, "crcl"),
        ):
            w.link((control, "value"), (self.model, name))
        super().__init__([self.procedure, self.drug, self.crcl, self.edition])
        self.model.observe(self._changed, ["procedure", "drug", "edition", "crcl"])
        self.refresh()

    def _changed(self, _change) -> None:
        self.refused = []  # the notice about a refused name is stale once a control is used
        self.refresh()

    def refresh(self) -> None:
        renal = self.model.drug in anticoagulation.CRCL_DRUGS
        self.crcl.layout.display = None if renal else "none"
        notices = "".join(message(html.escape(text), "error") for text in self.refused)
        r = self.model.result()
        if "error" in r:
            kind = "error" if r["kind"] == "input" else "info"
            self.show(None, notices + message(html.escape(r["error"]), kind))
            return
        parts = [notices]
        for detail, g in r["guidance"]:
            region = f" ({html.escape(detail)})" if detail else ""
            entered = (
                f" (creatinine clearance entered: {g['crcl_ml_min']:g} mL/min)"
                if g["crcl_ml_min"] is not None
                else ""
            )
            parts.append(
                f"<p>Bleeding-risk class{region}: <b>{g['risk_class']}</b> (ASRA pain guideline {g['class_edition']}; "
                f"source: {html.escape(data.short_citation(g['class_source_id']))}).<br>"
                f"{_interval_html(g)}{entered}<br>"
                f"<small>Interval: {html.escape(anticoagulation.interval_edition_text(g))}; source: "
                f"{html.escape(data.short_citation(g['interval_source_id']))}. Note: {html.escape(g['note'])}</small></p>"
            )
        parts.extend(message(html.escape(e)) for e in r["errors"])
        parts.append(
            message(
                "<b>Education only.</b> Stopping an anticoagulant has its own risk (clot, stroke): the decision "
                "belongs to the prescriber and the team, weighing why the patient takes it.",
                "error",
            )
        )
        self.show(None, "".join(parts))


# ------------------------------------------------------------------ 7. pathway and follow-up


class PathwaySimulator(Explorer):
    """Response rate, relief duration and repeat policy -> procedures, time in relief and cost over
    the period (synthetic cohort)."""

    title = "Treatment-pathway simulator (synthetic patients)"

    def __init__(self, params: pathway.PathwayParams | None = None):
        p = params or pathway.PathwayParams(n_patients=500)
        self.params = p
        self.response = w.FloatSlider(
            value=p.response_rate, min=0, max=1, step=0.05, description="response"
        )
        self.median = w.FloatSlider(
            value=p.relief_median_months, min=0.5, max=24, step=0.5, description="relief (mo)"
        )
        self.policy = w.Dropdown(options=[(v, k) for k, v in pathway.POLICIES.items()], value=p.policy,
                                 description="policy", layout=w.Layout(width="520px"))  # fmt: skip
        self.cost = w.FloatText(value=p.cost_per_procedure, description="cost each")
        self.cache = OutputCache()
        super().__init__([self.response, self.median, self.policy, self.cost])
        for control in (self.response, self.median, self.policy, self.cost):
            control.observe(lambda _: self.refresh(), "value")
        self.refresh()

    def refresh(self) -> None:
        try:
            params = pathway.PathwayParams(
                response_rate=self.response.value, relief_median_months=self.median.value,
                relief_spread=self.params.relief_spread, policy=self.policy.value,
                max_procedures=self.params.max_procedures, wait_months=self.params.wait_months,
                cost_per_procedure=self.cost.value, horizon_months=self.params.horizon_months,
                n_patients=self.params.n_patients, seed=self.params.seed,
            )  # fmt: skip
        except ValueError as exc:
            self.show(None, message(html.escape(str(exc).split(" (got")[0]), "error"))
            return
        result, times = pathway.simulate(params)
        s = pathway.summary(result, params)
        cum = pathway.cumulative_procedures(times, params.horizon_months)
        # the cost changes the text only: the picture depends on the other parameters
        key = (dataclasses.replace(params, cost_per_procedure=0.0), style.is_lecture())
        name = pathway.POLICIES[params.policy]
        # HTML with fixed axes for every setting (up to max_procedures per patient, 0-100 % of patients)
        output = self.cache.get(key, lambda: (webchart.pathway_html({name: (result, cum)}, params.max_procedures),
                                              f"mean {s['mean_procedures']:.1f} procedures"))  # fmt: skip
        text = (f"<p>Over {s['horizon_months']:g} months: <b>{s['mean_procedures']:.1f}</b> procedures per patient on "
                f"average; <b>{s['share_3_or_more_pct']:.0f}%</b> had three or more; time in relief "
                f"<b>{s['mean_fraction_in_relief_pct']:.0f}%</b> of the period; <b>{s['share_never_relieved_pct']:.0f}%</b> "
                "never had relief; " + (f"mean cost {s['mean_cost']:,.0f} per patient." if params.cost_per_procedure
                else "enter a cost per procedure (<i>cost each</i>) to see the cost per patient.") + "</p>")  # fmt: skip
        self.show(output, text)


class FollowUpSimulator(Explorer):
    """Baseline pain, relief and its duration -> a pain curve and a synthetic diary, with the
    clinically important change marked and named."""

    title = "Follow-up: pain after a procedure (illustration)"

    def __init__(self, baseline: float = 7.0, relief_pct: float = 50.0, duration_days: int = 120):
        self.baseline = w.FloatSlider(
            value=baseline, min=1, max=9, step=0.5, description="baseline"
        )
        self.relief = w.FloatSlider(
            value=relief_pct, min=0, max=100, step=5, description="relief %"
        )
        self.duration = w.IntSlider(
            value=duration_days, min=14, max=180, step=7, description="lasts (days)"
        )
        self.cache = OutputCache()
        super().__init__([self.baseline, self.relief, self.duration])
        for control in (self.baseline, self.relief, self.duration):
            control.observe(lambda _: self.refresh(), "value")
        self.refresh()

    def refresh(self) -> None:
        b, rel, dur = self.baseline.value, self.relief.value, self.duration.value
        try:
            curve = trajectory.pain_curve(baseline=b, relief_pct=rel, duration_days=dur,
                                          flare_rise=min(1.0, 10 - b))  # fmt: skip
        except ValueError as exc:
            self.show(None, message(html.escape(str(exc)), "error"))
            return
        lowest = float(curve["pain"].min())
        change = trajectory.change_category(b, lowest)
        key = (b, rel, dur, style.is_lecture())
        diary = trajectory.pain_diary(curve)
        # HTML, with what plots.pain_trajectory_chart draws: the browser draws the words
        output = self.cache.get(key, lambda: (webchart.trajectory_html({"expected course": curve}, b, diary),
                                              f"lowest pain {lowest:.1f}"))  # fmt: skip
        self.show(output, f"<p>From {b:g} to {lowest:.1f}: a fall of {change['points']:.1f} points "
                          f"({change['percent']:.0f}%), a <b>{change['category']}</b>.</p>")  # fmt: skip


# ------------------------------------------------------------------ 6. decision aid

# Each scenario is one trial's population: the benefit comes from its outcome row, the harms from
# complication rows (procedure, risk, source). Every figure is read from the dataset at run time.
SCENARIOS = {
    "fbss_scs": {
        "title": "Leg pain that persists after back surgery (the population of the PROCESS trial)",
        "benefit": "c_o01",
        "benefit_label": "at least 50% less leg pain at 6 months",
        "procedure": "Spinal cord stimulation with conventional medical management",
        "control": "No procedure: conventional medical management alone",
        "harms": [
            ("scs_implant", "infection", "blackburn2021_complications"),
            ("scs_implant", "lead_migration", "blackburn2021_complications"),
            ("scs_implant", "explant", "rauck2023_registry"),
        ],  # fmt: skip
        "burden": "a screening trial, an implanted device, follow-up visits and programming",
    },
    "facet_rfa": {
        "title": "Chronic low back pain thought to come from the facet joints (the MINT facet trial)",
        "benefit": "mint_facet_30pct_3mo",
        "benefit_label": "more than 30% less pain at 3 months",
        "procedure": "Radiofrequency denervation with a standardised exercise programme",
        "control": "No procedure: the standardised exercise programme alone",
        "harms": [
            ("rfa_lumbar_medial_branch", "neuritis", "kornick2004_rfacomplications"),
            ("rfa_lumbar_medial_branch", "temporary_pain_increase", "kornick2004_rfacomplications"),
        ],  # fmt: skip
        "burden": "a diagnostic block first, then the procedure; relief, when it comes, wears off and may be repeated",
    },
}
VALUES = {
    "relief": "getting pain relief",
    "avoid_harm": "avoiding complications of a procedure",
    "avoid_burden": "avoiding procedures, devices and repeat visits",
}


class DecisionModel(t.HasTraits):
    scenario = t.Unicode("fbss_scs")
    relief = t.Int(5)
    avoid_harm = t.Int(5)
    avoid_burden = t.Int(5)

    @t.validate("scenario")
    def _known(self, proposal):
        return data.check_name("scenario", proposal["value"], SCENARIOS)

    @t.validate("relief", "avoid_harm", "avoid_burden")
    def _scale(self, proposal):
        if not 0 <= proposal["value"] <= 10:
            raise t.TraitError("importance must be from 0 to 10")
        return proposal["value"]

    def facts(self) -> dict:
        # read from the dataset once per scenario (the values sliders only reorder the summary)
        memo = self.__dict__.setdefault("_facts_memo", {})
        if self.scenario not in memo:
            memo[self.scenario] = self._facts()
        return memo[self.scenario]

    def _facts(self) -> dict:
        sc = SCENARIOS[self.scenario]
        out = risk.outcome(sc["benefit"])
        harms = []
        for procedure, risk_id, source in sc["harms"]:
            rows = risk.complication_rates(procedure, risk_id)
            row = rows[(rows["source_id"] == source) & rows["rate_pct"].notna()].iloc[0]
            harms.append({"label": row["risk"], "rate_pct": float(row["rate_pct"]), "source_id": source,
                          "per": str(row["denominator_unit"]).replace("_", " "), "population": row["population"]})  # fmt: skip
        return {"scenario": sc, "outcome": out, "harms": harms}

    def summary(self) -> str:
        f = self.facts()
        sc, out = f["scenario"], f["outcome"]
        treat, control = float(out["treatment_value"]), float(out["control_value"])
        weights = {
            "relief": self.relief,
            "avoid_harm": self.avoid_harm,
            "avoid_burden": self.avoid_burden,
        }
        order = sorted(weights, key=lambda k: -weights[k])
        lines = {
            "relief": (f"For <b>{VALUES['relief']}</b>: about {treat:.0f} in 100 people with the procedure and "
                       f"{control:.0f} in 100 without it had {sc['benefit_label']} ({html.escape(out['trial'])})."),
            "avoid_harm": ("For <b>" + VALUES["avoid_harm"] + "</b>: with the procedure, "
                           + "; ".join(f"{h['label'].lower()} in about {risk.natural_frequency(h['rate_pct'], 100)} "
                                       f"{h['per']}" for h in f["harms"])
                           + ". Without it, none of these procedure risks."),
            "avoid_burden": f"For <b>{VALUES['avoid_burden']}</b>: the procedure means {sc['burden']}.",
        }  # fmt: skip
        top = order[0]
        if weights[top] == 0:
            lead = "You have not said what matters to you yet: move the sliders."
        elif sum(weights[k] == weights[top] for k in weights) > 1:
            lead = "Several things matter equally to you: weigh each line below."
        else:
            lead = f"What matters most to you is {VALUES[top]}: start with that line."
        return "<p>" + lead + "</p><ol>" + "".join(f"<li>{lines[k]}</li>" for k in order) + "</ol>"


class DecisionAid(Explorer):
    """Options including no procedure, outcomes as natural frequencies on one denominator (100),
    and a values-clarification step that reorders the summary by what matters to this patient."""

    title = "Decision aid (synthetic patient; IPDAS-style probabilities)"

    def __init__(self, scenario: str = "fbss_scs"):
        self.model = DecisionModel(scenario=scenario)
        self.scenario = w.Dropdown(options=[(v["title"], k) for k, v in SCENARIOS.items()], value=scenario,
                                   description="Situation", layout=w.Layout(width="720px"))  # fmt: skip
        self.sliders = {k: w.IntSlider(value=5, min=0, max=10, description=k.replace("_", " "),
                                       style={"description_width": "110px"}) for k in VALUES}  # fmt: skip
        w.link((self.scenario, "value"), (self.model, "scenario"))
        for k, slider in self.sliders.items():
            w.link((slider, "value"), (self.model, k))
        prompt = w.HTML(
            "<b>How much does each matter to the patient?</b> (0 = not at all, 10 = very much)"
        )
        self.cache = OutputCache()
        super().__init__([self.scenario, prompt, *self.sliders.values()])
        self.model.observe(lambda _: self.refresh(), ["scenario", *VALUES])
        self.refresh()

    def refresh(self) -> None:
        f = self.model.facts()
        sc, out = f["scenario"], f["outcome"]

        def draw():
            options = {
                sc["procedure"]: float(out["treatment_value"]),
                sc["control"]: float(out["control_value"]),
            }
            label = sc["benefit_label"]
            # HTML: the browser draws the words, so a new situation shows in milliseconds
            chart = webchart.icon_html(options, 100, 10, style.BENEFIT, label, [out["source_id"]])
            return chart, f"{label}: {options}"

        output = self.cache.get((self.model.scenario, style.is_lecture()), draw)
        harms = "".join(
            f"<li>{html.escape(h['label'])}: {risk.natural_frequency(h['rate_pct'], 100)} {h['per']} "
            f"({html.escape(data.short_citation(h['source_id']))}; {html.escape(h['population'])})</li>"
            for h in f["harms"]
        )
        text = (
            f"<p><b>{html.escape(sc['title'])}</b>. Both options are on the same denominator (100 people) and "
            f"the same time frame ({out['timepoint_months']:g} months for the benefit). Harms of the procedure, "
            f"from other studies:</p><ul>{harms}</ul>" + self.model.summary()
            + "<p><small>Figures come from groups of trial patients, not from this patient; the ranges and "
            "study designs are in the dataset. A decision aid supports a conversation, it does not decide.</small></p>"
        )  # fmt: skip
        self.show(output, text)


# ------------------------------------------------------------------ 7. dashboard


class LazyTabs(w.Tab):
    """Tabs whose explorers are built the first time each tab is opened.

    Building all eight explorers of the dashboard at once draws eight charts before anything shows
    (3-4 s on a small machine); the first tab is built at once, each other one when it is chosen.
    """

    def __init__(self, panels):
        self.makers = list(panels.values())
        self.built = [False] * len(self.makers)
        super().__init__(children=[w.VBox() for _ in self.makers])
        self.titles = tuple(panels)
        self.observe(lambda change: self.build_tab(change["new"]), "selected_index")
        self.build_tab(0)

    def build_tab(self, index) -> None:
        """Build the explorer of tab ``index`` if it has not been built yet."""
        if index is None or self.built[index]:
            return
        self.children[index].children = (self.makers[index](),)
        self.built[index] = True
