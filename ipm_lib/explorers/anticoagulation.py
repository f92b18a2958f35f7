"""Anticoagulation checker: procedure + drug -> the bleeding-risk class (with its edition) and the
stored stop/restart interval of that edition, labelled education only."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import traitlets as t

from .. import anticoagulation as ac
from .. import data
from .base import (
    ExplorerModel,
    ExplorerView,
    Refusal,
    bold,
    escape,
    message_box,
    options,
    para,
    procedure_names,
)

STOPPING_WARNING = (
    "<b>Education only.</b> Stopping an anticoagulant has its own risk (clot, stroke): the decision "
    "belongs to the prescriber and the team, weighing why the patient takes it."
)


def friendly(text: str) -> str:
    """A library message with the procedure and drug ids ('scs_implant') replaced by their names."""
    names = procedure_names()
    drugs = ac.drugs()
    names.update(zip(drugs["drug_id"], drugs["drug"], strict=True))
    for key in sorted(names, key=len, reverse=True):
        text = text.replace(f"'{key}'", names[key])
        if "_" in key:
            text = text.replace(key, names[key])
    return text


def unknown(kind: str, name: str, known) -> str:
    """'Unknown drug 'apixabn'. Did you mean apixaban?' (names, not the whole list of ids)."""
    error = data.UnknownNameError(kind, name, [str(k) for k in known])
    hint = (
        f" Did you mean {', '.join(friendly(repr(c)) for c in error.suggestions)}?"
        if error.suggestions
        else ""
    )
    return f"Unknown {kind} {name!r}.{hint}"


@dataclass(frozen=True)
class Guidance:
    region: str  # '' or the region where the guideline splits the class
    risk_class: str
    class_edition: str
    class_citation: str
    drug: str
    sourced: bool
    stop_text: str
    restart_text: str
    neuraxial_guideline: str  # '' unless the interval comes from the neuraxial-block guideline
    neuraxial_edition: str
    crcl_ml_min: float | None
    interval_edition: str
    interval_citation: str
    note: str
    disagreeing: tuple[tuple[str, str, str], ...] = ()  # (words, citation, note) of a study


@dataclass(frozen=True)
class AnticoagulationResult:
    procedure: str  # the name the student chose, so every choice shows on the page
    guidance: tuple[Guidance, ...]
    regions_without: tuple[str, ...]  # messages for regions with no interval
    notices: tuple[str, ...]  # names refused when the checker was opened


class AnticoagulationModel(ExplorerModel):
    procedure = t.Unicode("scs_implant")
    drug = t.Unicode("warfarin")
    edition = t.Unicode(ac.CURRENT_EDITION)
    crcl = t.Unicode("")  # creatinine clearance as typed (mL/min); checked in compute()
    notices = t.Tuple()  # what was refused when the checker was opened; cleared by any change

    @t.observe("procedure", "drug", "edition", "crcl")
    def _changed(self, change):
        self.notices = ()
        self.update()

    @t.observe("notices")
    def _noticed(self, change):
        self.update()

    def compute(self) -> AnticoagulationResult | Refusal:
        notices = " ".join(self.notices)
        crcl = None
        if self.drug in ac.CRCL_DRUGS:
            try:
                crcl = ac.check_crcl(self.crcl, self.drug)
            except ValueError as exc:
                return Refusal(" ".join(filter(None, [notices, friendly(str(exc))])))
        rows = ac.bleeding_risk(self.procedure, self.edition)
        found, errors = [], []
        for detail in list(dict.fromkeys(rows["detail"].astype("str"))) or [""]:
            try:
                g = ac.guidance(self.procedure, self.drug, self.edition, detail or None, crcl)
            except (LookupError, ValueError) as exc:
                region = f"{detail}: " if detail else ""
                errors.append(friendly(region + str(exc.args[0] if exc.args else exc)))
                continue
            neuraxial = g["sourced"] and g["interval_guideline"] == ac.NEURAXIAL_GUIDELINE
            found.append(
                Guidance(
                    region=detail,
                    risk_class=str(g["risk_class"]),
                    class_edition=str(g["class_edition"]),
                    class_citation=data.short_citation(g["class_source_id"]),
                    drug=str(g["drug"]),
                    sourced=bool(g["sourced"]),
                    stop_text=str(g.get("stop_text") or ""),
                    restart_text=str(g.get("restart_text") or ""),
                    neuraxial_guideline=str(g["interval_guideline_name"]) if neuraxial else "",
                    neuraxial_edition=str(g["interval_edition"]) if neuraxial else "",
                    crcl_ml_min=g["crcl_ml_min"],
                    interval_edition=ac.interval_edition_text(g),
                    interval_citation=data.short_citation(g["interval_source_id"]),
                    note=str(g["note"]),
                    disagreeing=tuple(
                        (o["words"], data.short_citation(o["source_id"]), str(o["note"]))
                        for o in g["disagreeing"]
                    ),
                )
            )
        if not found:
            return Refusal(" ".join(filter(None, [notices, *errors])), "info")
        name = procedure_names().get(self.procedure, self.procedure)
        return AnticoagulationResult(name, tuple(found), tuple(errors), tuple(self.notices))


def interval_words(g: Guidance) -> str:
    if not g.sourced:
        return (
            f"{escape(g.drug)}: <b>{ac.NO_SOURCED_INTERVAL}</b> (the guideline's recommendation for "
            "this drug could not be read; nothing is guessed)."
        )
    text = f"{escape(g.drug)}: <b>{escape(g.stop_text)}</b>; <b>{escape(g.restart_text)}</b>."
    if g.neuraxial_guideline:
        text += (
            f"<br><i>From the {escape(g.neuraxial_guideline)}, {escape(g.neuraxial_edition)}, not the "
            "pain-procedure guideline (whose interval for this drug could not be read). It is written "
            "for neuraxial blocks, such as an epidural injection or stimulator leads in the epidural "
            "space; it is not the advice for other procedures, whatever their risk class.</i>"
        )
    return text


class AnticoagulationChecker(ExplorerView):
    """Procedure + drug: the bleeding-risk class (with its edition) and the stored stop/restart
    interval of that edition, labelled education only."""

    title = "Anticoagulation checker"

    def __init__(self, procedure: str = "scs_implant", drug: str = "warfarin"):
        bleed = data.load("bleeding_risk")
        all_procs = data.load("procedures")
        procs = all_procs[all_procs["procedure_id"].isin(set(bleed["procedure_id"]))]
        drugs = ac.drugs()
        refused = []  # an unknown name gets a message and the default instead
        names = procedure_names()
        if procedure not in set(procs["procedure_id"]):
            if procedure in names:
                refused.append(f"{names[procedure]} has no bleeding-risk class in the dataset.")
            else:
                refused.append(unknown("procedure", procedure, procs["procedure_id"]))
            procedure = "scs_implant"
            refused[-1] += f" Showing {names[procedure]} instead."
        if drug not in set(drugs["drug_id"]):
            refused.append(unknown("drug", drug, drugs["drug_id"]) + " Showing warfarin instead.")
            drug = "warfarin"
        model = AnticoagulationModel(procedure=procedure, drug=drug)
        model.notices = tuple(refused)
        self.procedure = w.Dropdown(
            options=options(procs, "name", "procedure_id"),
            value=procedure,
            description="Procedure",
            layout=w.Layout(width="520px"),
        )
        self.drug = w.Dropdown(
            options=options(drugs, "drug", "drug_id"),
            value=drug,
            description="Drug",
            layout=w.Layout(width="520px"),
        )
        self.edition = w.ToggleButtons(
            options=ac.EDITIONS, value=ac.CURRENT_EDITION, description="ASRA"
        )
        self.crcl = w.Text(
            value="",
            description="CrCl (mL/min)",
            placeholder="creatinine clearance",
            layout=w.Layout(width="260px"),
        )
        for control, name in (
            (self.procedure, "procedure"),
            (self.drug, "drug"),
            (self.edition, "edition"),
            (self.crcl, "crcl"),
        ):
            w.link((control, "value"), (model, name))
        super().__init__(model, [self.procedure, self.drug, self.crcl, self.edition])
        model.observe(self._show_crcl, "drug")
        self._show_crcl()

    def _show_crcl(self, _change=None) -> None:
        self.crcl.layout.display = None if self.model.drug in ac.CRCL_DRUGS else "none"

    def render(self, r: AnticoagulationResult):
        parts = [message_box(escape(text), "error") for text in r.notices]
        parts.append(para(f"Procedure: {bold(r.procedure)}"))
        for g in r.guidance:
            region = f" ({escape(g.region)})" if g.region else ""
            entered = (
                f" (creatinine clearance entered: {g.crcl_ml_min:g} mL/min)"
                if g.crcl_ml_min is not None
                else ""
            )
            differs = "".join(
                f"<br><b>Sources disagree:</b> {escape(words[:1].upper() + words[1:])} (source: "
                f'{escape(citation)}).<br><span class="ipm-small">{escape(note)}</span>'
                for words, citation, note in g.disagreeing
            )
            parts.append(
                f"<p>Bleeding-risk class{region}: <b>{escape(g.risk_class)}</b> (ASRA pain guideline "
                f"{escape(g.class_edition)}; source: {escape(g.class_citation)}).<br>{interval_words(g)}{entered}<br>"
                f'<span class="ipm-small">Interval: {escape(g.interval_edition)}; source: '
                f"{escape(g.interval_citation)}. Note: {escape(g.note)}</span>{differs}</p>"
            )
        parts.extend(message_box(escape(e)) for e in r.regions_without)
        parts.append(message_box(STOPPING_WARNING, "error"))
        return "".join(parts), None
