"""A patient card per procedure: what it may give, what it may cost the patient, and how sure we are.

``patient_card(procedure_id)`` gathers, from the course's tables, the benefit against a comparator,
the main risks, how long relief lasts, the cost, the strength of the evidence, the open questions,
repeat rules and the safety checks, each line with a short citation. Counts of people (or procedures,
implants, lesion sites: the unit each source counted) are whole numbers in natural frequencies. What
the course's sources do not report is said, never left out. The HTML page is ``card_view``.

The sections are built in ``card_sections``, which only selects and words figures: rates come from
``risk.complication_rates``, relief durations from ``procedure_facts.csv``, repeat rules from
``data.repeat_rules``, the checklist from ``safety.checklist``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from . import data, risk

NOT_REPORTED = "Not reported in the course's sources."
RISK_DENOMINATOR = 1000  # one denominator for every harm on a card (finer only below 1 in 1,000)


@dataclass(frozen=True)
class Line:
    """One statement of the card and the source it comes from."""

    text: str
    citation: str = ""
    source_id: str = ""


@dataclass(frozen=True)
class Section:
    """A part of the card under a plain-language heading; ``note`` says what is missing or left out."""

    key: str
    heading: str
    lines: tuple[Line, ...]
    note: str = ""

    @property
    def missing(self) -> bool:
        return not self.lines


@dataclass(frozen=True)
class PatientCard:
    """Everything a patient card shows for one procedure, in the order it is shown."""

    procedure_id: str
    name: str
    what_is_done: str
    description_citation: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(
            f"a patient card has no section {key!r}; it has {[s.key for s in self.sections]}"
        )

    def text(self) -> str:
        """The card as plain text (for a terminal, a test, or a screen reader check)."""
        out = [self.name, self.what_is_done]
        for s in self.sections:
            out.append(f"\n{s.heading}")
            out += [f"- {ln.text}" + (f" ({ln.citation})" if ln.citation else "") for ln in s.lines]
            if s.note:
                out.append(s.note)
        return "\n".join(out)


class UnknownProcedureError(data.UnknownNameError):
    """A procedure the course has no card for; the message names close matches by their human names."""

    def __init__(self, name: object, names: dict[str, str]):
        super().__init__("procedure", name, list(names.values()))
        by_id = {pid: human for human, pid in names.items()}
        close = [f"{by_id[c]} ({c})" for c in self.suggestions]
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        self.args = (
            f"There is no patient card for {name!r}: it is not a procedure of data/procedures.csv.{hint} "
            f"Choose one of: {'; '.join(names)}.",
        )


# ------------------------------------------------------------------ numbers in whole people


def whole(x: float) -> int:
    """Round half up to a whole number (Python's round() sends 84.5 to 84)."""
    return int(math.floor(x + 0.5))


def in_n(rate_pct: float, denominator: int) -> str:
    """'25 in 1,000': a percentage as a whole count on ``denominator`` (``risk.per`` computes it);
    a count under one is 'fewer than 1 in ...' and a finer denominator is added where it helps."""
    count = risk.per(rate_pct, denominator)
    if count == 0:
        return f"none in {denominator:,}"
    if whole(count) >= 1:
        return f"{whole(count):,} in {denominator:,}"
    finer = next(
        (d for d in (10_000, 100_000, 1_000_000) if whole(risk.per(rate_pct, d)) >= 1), None
    )
    rough = f" (about {whole(risk.per(rate_pct, finer)):,} in {finer:,})" if finer else ""
    return f"fewer than 1 in {denominator:,}{rough}"


# ------------------------------------------------------------------ the card


def procedure_names(path: str | os.PathLike | None = None) -> dict[str, str]:
    """Human name -> procedure_id, in the order of procedures.csv (for a dropdown)."""
    table = data.load("procedures", path)
    return dict(zip(table["name"], table["procedure_id"], strict=True))


def patient_card(procedure_id: str, path: str | os.PathLike | None = None) -> PatientCard:
    """The patient card of one procedure of ``procedures.csv``; an unknown id raises
    UnknownProcedureError naming close matches by their human names. Worked out once per procedure
    (the card is immutable); ``data.clear_cache()`` forgets it. Complication rates come from
    ``risk.complication_rates`` (the default data folder)."""
    folder = data.data_dir(path).resolve()
    names = procedure_names(folder)
    if not isinstance(procedure_id, str) or procedure_id not in names.values():
        raise UnknownProcedureError(procedure_id, names)
    return _card(folder, procedure_id)


@data.derived_cache
def _card(folder, procedure_id: str) -> PatientCard:
    procedures = data.load("procedures", folder).set_index("procedure_id")
    row = procedures.loc[procedure_id]
    # the section builders use this module's dataclasses
    from . import card_context as context
    from . import card_sections as build

    sections = (
        build.benefits(procedure_id, procedures, folder),
        build.risks(procedure_id, procedures, folder),
        context.relief(procedure_id, procedures, folder),
        context.costs(procedure_id, folder),
        context.evidence(procedure_id, procedures, folder),
        context.open_questions(procedure_id, procedures, folder),
        context.repeats(procedure_id, procedures, folder),
        context.checks(procedure_id, procedures, folder),
    )
    return PatientCard(
        procedure_id,
        row["name"],
        row["what_is_done"],
        build.cite(row["description_source_id"], folder),
        sections,
    )
