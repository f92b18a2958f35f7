"""Treatment-pathway simulator: response rate, relief duration and repeat policy -> procedures, time
in relief and cost over the period, in a synthetic cohort. The model runs the simulation."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import ipywidgets as w
import pandas as pd
import traitlets as t

from .. import pathway, webchart
from .base import ExplorerModel, ExplorerView, Refusal, bold, para

# What a student reads for each parameter of pathway.PathwayParams (errors name these, not ids)
PARAMETER_NAMES = {
    "response_rate": "response rate",
    "relief_median_months": "relief (months)",
    "relief_spread": "spread of relief durations",
    "policy": "repeat policy",
    "max_procedures": "most procedures per patient",
    "wait_months": "wait between procedures (months)",
    "cost_per_procedure": "cost per procedure",
    "horizon_months": "period (months)",
    "n_patients": "number of patients",
}


def friendly(message: str) -> str:
    """A PathwayParams refusal without its dump of every field, with the fields' plain names."""
    message = message.split(" (got")[0]
    for key in sorted(PARAMETER_NAMES, key=len, reverse=True):
        message = message.replace(key, PARAMETER_NAMES[key])
    return message[:1].upper() + message[1:] + "."


@dataclass(frozen=True)
class PathwayResult:
    params: pathway.PathwayParams
    policy_name: str
    procedures: tuple[int, ...]  # per patient
    months: tuple[float, ...]  # the grid of the cumulative curve
    mean_cumulative: tuple[float, ...]  # mean procedures per patient by each month
    mean_procedures: float
    share_3_or_more_pct: float
    mean_fraction_in_relief_pct: float
    share_never_relieved_pct: float
    mean_cost: float
    capped_pct: float  # patients who reached the cap of procedures


class PathwayModel(ExplorerModel):
    response_rate = t.Float(0.5)
    relief_median_months = t.Float(6.0)
    policy = t.Unicode("repeat_on_return")
    cost_per_procedure = t.Float(0.0)
    base = t.Instance(
        pathway.PathwayParams, kw={"n_patients": 500}
    )  # the settings without controls

    @t.observe("response_rate", "relief_median_months", "policy", "cost_per_procedure", "base")
    def _changed(self, change):
        self.update()

    def compute(self) -> PathwayResult | Refusal:
        try:
            params = dataclasses.replace(
                self.base,
                response_rate=self.response_rate,
                relief_median_months=self.relief_median_months,
                policy=self.policy,
                cost_per_procedure=self.cost_per_procedure,
            )
        except ValueError as exc:
            return Refusal(friendly(str(exc)))
        per_patient, times = pathway.simulate(params)
        s = pathway.summary(per_patient, params)
        cumulative = pathway.cumulative_procedures(times, params.horizon_months)
        return PathwayResult(
            params=params,
            policy_name=pathway.POLICIES[params.policy],
            procedures=tuple(int(n) for n in per_patient["procedures"]),
            months=tuple(float(m) for m in cumulative["month"]),
            mean_cumulative=tuple(float(v) for v in cumulative["mean_procedures"]),
            mean_procedures=s["mean_procedures"],
            share_3_or_more_pct=s["share_3_or_more_pct"],
            mean_fraction_in_relief_pct=s["mean_fraction_in_relief_pct"],
            share_never_relieved_pct=s["share_never_relieved_pct"],
            mean_cost=s["mean_cost"],
            capped_pct=float((per_patient["procedures"] >= params.max_procedures).mean() * 100),
        )


class PathwaySimulator(ExplorerView):
    """Response rate, relief duration and repeat policy -> procedures, time in relief and cost over
    the period (synthetic cohort)."""

    title = "Treatment-pathway simulator (synthetic patients)"

    def __init__(self, params: pathway.PathwayParams | None = None):
        p = params or pathway.PathwayParams(n_patients=500)
        self.params = p
        model = PathwayModel(
            base=p,
            response_rate=p.response_rate,
            relief_median_months=p.relief_median_months,
            policy=p.policy,
            cost_per_procedure=p.cost_per_procedure,
        )
        self.response = w.FloatSlider(
            value=p.response_rate, min=0, max=1, step=0.05, description="response"
        )
        self.median = w.FloatSlider(
            value=p.relief_median_months, min=0.5, max=24, step=0.5, description="relief (mo)"
        )
        self.policy = w.Dropdown(
            options=[(v, k) for k, v in pathway.POLICIES.items()],
            value=p.policy,
            description="policy",
            layout=w.Layout(width="520px"),
        )
        self.cost = w.FloatText(value=p.cost_per_procedure, description="cost each")
        for control, name in (
            (self.response, "response_rate"),
            (self.median, "relief_median_months"),
            (self.policy, "policy"),
            (self.cost, "cost_per_procedure"),
        ):
            w.link((control, "value"), (model, name))
        super().__init__(model, [self.response, self.median, self.policy, self.cost])

    def render(self, r: PathwayResult):
        p = r.params
        cost = (
            f"mean cost {r.mean_cost:,.0f} per patient."
            if p.cost_per_procedure
            else "enter a cost per procedure (<i>cost each</i>) to see the cost per patient."
        )
        words = para(
            f"Over {p.horizon_months:g} months: {bold(f'{r.mean_procedures:.1f}')} procedures per patient on "
            f"average; {bold(f'{r.share_3_or_more_pct:.0f}%')} had three or more; time in relief "
            f"{bold(f'{r.mean_fraction_in_relief_pct:.0f}%')} of the period; "
            f"{bold(f'{r.share_never_relieved_pct:.0f}%')} never had relief; {cost}"
        ) + para(
            f"The simulation stops each synthetic patient at {p.max_procedures} procedures "
            f"({r.capped_pct:.0f}% of patients reached this cap); real patients have no such cap.",
            small=True,
        )
        per_patient = pd.DataFrame({"procedures": r.procedures})
        cumulative = pd.DataFrame({"month": r.months, "mean_procedures": r.mean_cumulative})
        # fixed axes for every setting (up to max_procedures per patient, 0-100 % of patients)
        chart = webchart.pathway_html({r.policy_name: (per_patient, cumulative)}, p.max_procedures)
        return words, (chart, f"mean {r.mean_procedures:.1f} procedures")
