"""Decision aid: options including no procedure, the benefit as a natural frequency per 100
patients, the harms per 1,000 of the unit each study counted, and a values-clarification step that
reorders the summary. Situations and values are course data (``data/decision_scenarios.csv``,
``data/decision_harms.csv``, ``data/explorer_text.csv``)."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import traitlets as t

from .. import data, risk, style, webchart
from .base import ExplorerModel, ExplorerView, bold, course_text, escape, items, para

VALUE_IDS = ("relief", "avoid_harm", "avoid_burden")
HARM_DENOMINATOR = 1000  # whole numbers for rates down to 0.1%


def scenarios() -> dict[str, dict]:
    """The situations of the decision aid by id, each with its list of harms (procedure, risk, source)."""
    table = data.load("decision_scenarios")
    harms = data.load("decision_harms")
    out = {}
    for _, row in table.iterrows():
        mine = harms[harms["scenario_id"] == row["scenario_id"]]
        out[row["scenario_id"]] = {
            **row.to_dict(),
            "harms": list(
                zip(mine["procedure_id"], mine["risk_id"], mine["source_id"], strict=True)
            ),
        }
    return out


def values() -> dict[str, str]:
    """What a patient may weigh, by id: the words of ``explorer_text.csv``."""
    text = course_text("decision")
    return {v: text[f"decision_value_{v}"]["text"] for v in VALUE_IDS}


@dataclass(frozen=True)
class Harm:
    label: str
    frequency: str  # '38 in 1,000'
    unit: str  # what the study counted: 'patients', 'lesion sites'
    citation: str
    population: str
    source_id: str


@dataclass(frozen=True)
class DecisionResult:
    title: str
    procedure_option: str
    control_option: str
    benefit_label: str
    treatment_per_100: float
    control_per_100: float
    trial: str
    timepoint_months: float
    benefit_source: str
    harms: tuple[Harm, ...]
    burden: str
    order: tuple[str, ...]  # value ids, most important first
    lead: str  # 'none', 'tie' or 'one'
    values: tuple[tuple[str, str], ...]  # (id, words)


def harm(procedure: str, risk_id: str, source: str) -> Harm:
    rows = risk.complication_rates(procedure, risk_id)
    rows = rows[(rows["source_id"] == source) & rows["rate_pct"].notna()]
    if rows.empty:
        raise LookupError(
            f"decision_harms.csv names a complication rate that complications.csv does not hold: "
            f"{procedure}, {risk_id}, {source}"
        )
    row = rows.iloc[0]
    return Harm(
        label=str(row["risk"]),
        frequency=risk.natural_frequency(float(row["rate_pct"]), HARM_DENOMINATOR),
        unit=str(row["denominator_unit"]).replace("_", " "),
        citation=data.short_citation(source),
        population=str(row["population"]),
        source_id=source,
    )


class DecisionModel(ExplorerModel):
    scenario = t.Unicode("fbss_scs")
    relief = t.Int(5)
    avoid_harm = t.Int(5)
    avoid_burden = t.Int(5)

    @t.validate("scenario")
    def _known(self, proposal):
        return data.check_name("situation", proposal["value"], scenarios())

    @t.validate(*VALUE_IDS)
    def _scale(self, proposal):
        if not 0 <= proposal["value"] <= 10:
            raise t.TraitError(f"importance must be from 0 to 10, got {proposal['value']}")
        return proposal["value"]

    @t.observe("scenario", *VALUE_IDS)
    def _changed(self, change):
        self.update()

    def compute(self) -> DecisionResult:
        sc = scenarios()[self.scenario]
        out = risk.outcome(sc["benefit_outcome_id"])
        weights = {v: getattr(self, v) for v in VALUE_IDS}
        order = tuple(sorted(VALUE_IDS, key=lambda v: -weights[v]))
        top = weights[order[0]]
        lead = (
            "none" if top == 0 else "tie" if sum(x == top for x in weights.values()) > 1 else "one"
        )
        return DecisionResult(
            title=sc["title"],
            procedure_option=sc["procedure_option"],
            control_option=sc["control_option"],
            benefit_label=sc["benefit_label"],
            treatment_per_100=float(out["treatment_value"]),
            control_per_100=float(out["control_value"]),
            trial=str(out["trial"]),
            timepoint_months=float(out["timepoint_months"]),
            benefit_source=str(out["source_id"]),
            harms=tuple(harm(*h) for h in sc["harms"]),
            burden=sc["burden"],
            order=order,
            lead=lead,
            values=tuple(values().items()),
        )


def summary_words(r: DecisionResult) -> str:
    """The values-ordered summary (HTML)."""
    said = dict(r.values)
    harms = "; ".join(f"{escape(h.label.lower())}: {h.frequency} {escape(h.unit)}" for h in r.harms)
    lines = {
        "relief": f"For {bold(said['relief'])}: about {r.treatment_per_100:.0f} in 100 patients with the "
        f"procedure and {r.control_per_100:.0f} in 100 without it had {escape(r.benefit_label)} ({escape(r.trial)}).",
        "avoid_harm": f"For {bold(said['avoid_harm'])}: with the procedure, {harms}. Without it, none of "
        "these procedure risks.",
        "avoid_burden": f"For {bold(said['avoid_burden'])}: the procedure means {escape(r.burden)}.",
    }
    lead = {
        "none": "You have not said what matters to you yet: move the sliders.",
        "tie": "Several things matter equally to you: weigh each line below.",
        "one": f"What matters most to you is {escape(said[r.order[0]])}: start with that line.",
    }[r.lead]
    return para(lead) + items((lines[k] for k in r.order), ordered=True)


class DecisionAid(ExplorerView):
    """Options including no procedure, the benefit per 100 patients, harms with the unit each study
    counted, and a values-clarification step that reorders the summary by what matters to this patient."""

    title = "Decision aid (synthetic patient; IPDAS-style probabilities)"

    def __init__(self, scenario: str = "fbss_scs"):
        model = DecisionModel(scenario=scenario)
        self.scenario = w.Dropdown(
            options=[(v["title"], k) for k, v in scenarios().items()],
            value=scenario,
            description="Situation",
            layout=w.Layout(width="720px"),
        )
        self.sliders = {
            k: w.IntSlider(
                value=getattr(model, k),
                min=0,
                max=10,
                description=k.replace("_", " "),
                style={"description_width": "110px"},
            )
            for k in VALUE_IDS
        }
        w.link((self.scenario, "value"), (model, "scenario"))
        for k, slider in self.sliders.items():
            w.link((slider, "value"), (model, k))
        prompt = w.HTML(
            "<b>How much does each matter to the patient?</b> (0 = not at all, 10 = very much)"
        )
        super().__init__(model, [self.scenario, prompt, *self.sliders.values()])

    def render(self, r: DecisionResult):
        harms = items(
            f"{escape(h.label)}: {h.frequency} {escape(h.unit)} ({escape(h.citation)}; {escape(h.population)})"
            for h in r.harms
        )
        units = sorted({h.unit for h in r.harms})
        words = (
            para(
                f"{bold(r.title)}. The benefit is counted in patients: both options per 100 patients, "
                f"at {r.timepoint_months:g} months. Harms of the procedure come from other studies and are "
                f"counted per {HARM_DENOMINATOR:,} of what each study counted ({escape(', '.join(units))}), "
                "so they are not on the benefit's denominator:"
            )
            + harms
            + summary_words(r)
            + para(
                "Figures come from groups of trial patients, not from this patient; the ranges and study "
                "designs are in the dataset. A decision aid supports a conversation, it does not decide.",
                small=True,
            )
        )
        options = {r.procedure_option: r.treatment_per_100, r.control_option: r.control_per_100}
        # HTML: the browser draws the words, so a new situation shows in milliseconds
        chart = webchart.icon_html(
            options, 100, 10, style.BENEFIT, r.benefit_label, [r.benefit_source]
        )
        return words, (chart, f"{r.benefit_label}: {options}")
