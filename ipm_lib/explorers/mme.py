"""MME calculator: daily morphine milligram equivalents of a regimen of up to three opioids, with
the CDC 2022 conversion factors and the guideline's context (``data/explorer_text.csv``)."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import traitlets as t

from .. import data, opioids
from .base import (
    EDUCATION_ONLY,
    ExplorerModel,
    ExplorerView,
    Refusal,
    bold,
    course_text,
    escape,
    para,
    table,
)


@dataclass(frozen=True)
class MMELine:
    opioid: str  # the name students read
    daily_dose: float
    unit: str
    factor: float
    mme_per_day: float


@dataclass(frozen=True)
class MMEResult:
    lines: tuple[MMELine, ...]
    total: float
    context: tuple[str, ...]  # the CDC context, sentence by sentence
    citation: str


def per_day_value(value: float) -> float | int:
    """Doses per day as typed: a whole number becomes an int; 2.5 stays 2.5 (and is refused by
    the calculator with its reason), never 25."""
    return int(value) if float(value).is_integer() else float(value)


def cdc_context() -> tuple[str, ...]:
    text = course_text("mme")
    thresholds = opioids.cdc_context().set_index("threshold_id")["value"]
    old = f" (they were {thresholds['cdc2016_mme_50']:g} and {thresholds['cdc2016_mme_90']:g} MME/day)."
    return (
        text["mme_cdc2022_rec4"]["text"],
        text["mme_cdc2016_superseded"]["text"] + old,
        text["mme_exposure_caution"]["text"],
    )


class MMEModel(ExplorerModel):
    lines = t.Tuple()  # ((opioid id, dose, doses per day) or None for an empty slot, ...)

    @t.observe("lines")
    def _changed(self, change):
        self.update()

    def compute(self) -> MMEResult | Refusal:
        regimen = [x for x in self.lines if x is not None]
        try:
            frame = opioids.breakdown(regimen)
        except opioids.RegimenError as exc:
            return Refusal("Cannot compute: " + str(exc).replace("_", " "))
        lines = tuple(
            MMELine(
                str(r["opioid"]).replace("_", " "),
                float(r["daily_dose"]),
                str(r["unit"]),
                float(r["mme_factor"]),
                round(float(r["mme_per_day"]), 1),
            )
            for _, r in frame.iterrows()
        )
        return MMEResult(
            lines,
            float(frame["mme_per_day"].sum()),
            cdc_context(),
            data.short_citation("dowell2022_cdc"),
        )


class MMECalculator(ExplorerView):
    """Daily morphine milligram equivalents of a regimen of up to three opioids (CDC 2022 factors)."""

    title = "MME calculator (CDC 2022 conversion factors)"

    def __init__(self, lines=(("oxycodone", 10.0, 2), None, None)):
        factors = opioids.factors()
        self._units = factors["unit"]
        names = [("(none)", "")] + [(o.replace("_", " "), o) for o in factors.index]
        self.rows = []
        for line in lines:
            drug = w.Dropdown(
                options=names, value=line[0] if line else "", layout=w.Layout(width="220px")
            )
            dose = w.FloatText(
                value=line[1] if line else 0.0, description="dose", layout=w.Layout(width="170px")
            )
            # FloatText, not IntText: typing 2.5 must not become 25; the calculator says why 2.5 is refused
            per_day = w.FloatText(
                value=line[2] if line else 1, description="per day", layout=w.Layout(width="150px")
            )
            self.rows.append((drug, dose, per_day, w.Label()))
        model = MMEModel(lines=self._lines())
        super().__init__(model, [w.HBox(list(r)) for r in self.rows])
        for control in (c for r in self.rows for c in r[:3]):
            control.observe(self._edited, "value")
        self._label_units()

    def _lines(self) -> tuple:
        return tuple(
            (drug.value, dose.value, per_day_value(per_day.value)) if drug.value else None
            for drug, dose, per_day, _ in self.rows
        )

    def _label_units(self) -> None:
        for drug, _, _, unit in self.rows:
            if drug.value == "fentanyl_transdermal":
                unit.value = "mcg/hr patch (per day = 1)"
            else:
                unit.value = (
                    self._units[drug.value].split("/")[0] + " per dose" if drug.value else ""
                )

    def _edited(self, _change) -> None:
        self._label_units()
        self.model.lines = self._lines()  # one new result, one redraw

    def render(self, r: MMEResult):
        rows = [
            (x.opioid, f"{x.daily_dose:g}", x.unit, f"{x.factor:g}", f"{x.mme_per_day:.1f}")
            for x in r.lines
        ]
        context = " ".join(escape(s) for s in r.context)
        words = (
            para(f"Total: {bold(f'{r.total:.1f} MME/day')}.")
            + table(rows, ["Opioid", "Daily dose", "Unit", "Factor", "MME/day"])
            + para(f"{context} Source: {escape(r.citation)}. {EDUCATION_ONLY}", small=True)
        )
        return words, None
