"""Bleeding-risk class of a procedure and what a guideline says about a blood thinner around it.

Education only: the answer names its edition and source, and a real decision also weighs the reason
the patient takes the drug (stopping it has its own risk) and involves the prescriber.
"""

from __future__ import annotations

import pandas as pd

from . import data

CURRENT_EDITION = "2018 (2nd edition)"
CLASS_ORDER = ["low", "intermediate", "high"]


def bleeding_risk(procedure_id: str, edition: str = CURRENT_EDITION) -> pd.DataFrame:
    """The bleeding-risk rows of a procedure for one guideline edition (several if by region)."""
    table = data.load("bleeding_risk")
    data.check_name("procedure", procedure_id, data.load("procedures")["procedure_id"])
    editions = [str(e) for e in table["edition"].cat.categories]
    data.check_name("edition", edition, editions)
    rows = table[(table["procedure_id"] == procedure_id) & (table["edition"] == edition)]
    return rows.reset_index(drop=True)


def risk_class(procedure_id: str, edition: str = CURRENT_EDITION, detail: str | None = None) -> str:
    """The single class of a procedure; where rows differ by region, ``detail`` picks one.

    Raises LookupError when the dataset has no class for the procedure in that edition, and
    ValueError when several regions differ and no ``detail`` was given.
    """
    rows = bleeding_risk(procedure_id, edition)
    if detail is not None:
        data.check_name("detail", detail, rows["detail"].astype("str"))
        rows = rows[rows["detail"] == detail]
    elif (rows["detail"] == "").any():  # the general row, not a special case such as a replacement
        rows = rows[rows["detail"] == ""]
    classes = sorted(set(rows["risk_class"].astype("str")), key=CLASS_ORDER.index)
    if not classes:
        raise LookupError(
            f"no {edition} bleeding-risk class for {procedure_id!r} in the dataset: "
            "the guideline reproductions read did not name it"
        )
    if len(classes) > 1:
        details = ", ".join(f"{d!r}" for d in rows["detail"].astype("str").unique() if d)
        raise ValueError(
            f"{procedure_id!r} has different classes by region ({', '.join(classes)}): "
            f"choose a detail ({details})"
        )
    return classes[0]


def drugs() -> pd.DataFrame:
    """Drugs the dataset holds intervals for (one row per drug)."""
    table = data.load("anticoagulants")
    return table.drop_duplicates("drug_id")[["drug_id", "drug", "drug_class"]].reset_index(
        drop=True
    )


def _days_text(days: float) -> str:
    if pd.isna(days):
        return "no fixed interval in the source (see the note)"
    if days == 0:
        return "do not stop"
    if days < 1:
        return f"stop {days * 24:g} hours before"
    return f"stop {days:g} day{'s' if days != 1 else ''} before"


def _hours_text(hours: float) -> str:
    if pd.isna(hours):
        return "restart interval not given in the source"
    return f"restart {hours:g} hours after"


def guidance(
    procedure_id: str, drug_id: str, edition: str = CURRENT_EDITION, detail: str | None = None
) -> dict:
    """What the stored guideline says for this drug before this procedure, with its provenance."""
    table = data.load("anticoagulants")
    data.check_name("drug", drug_id, table["drug_id"].unique())
    klass = risk_class(procedure_id, edition, detail)
    row = table[(table["drug_id"] == drug_id) & (table["bleeding_risk_class"] == klass)]
    if row.empty:
        raise LookupError(
            f"the dataset has no {klass}-risk interval for {drug_id!r}: it was not in the sources read"
        )
    row = row.iloc[0]
    bleed = bleeding_risk(procedure_id, edition)
    bleed_source = bleed["source_id"].iloc[0]
    stop = row["stop_before_days"]
    restart = row["restart_after_hours"]
    return {
        "procedure_id": procedure_id,
        "drug_id": drug_id,
        "drug": row["drug"],
        "risk_class": klass,
        "class_edition": edition,
        "class_source_id": bleed_source,
        "stop_before_days": None if pd.isna(stop) else float(stop),
        "restart_after_hours": None if pd.isna(restart) else float(restart),
        "stop_text": _days_text(stop),
        "restart_text": _hours_text(restart),
        "interval_edition": row["edition"],
        "interval_source_id": row["source_id"],
        "note": row["note"],
        "education_only": True,
    }


def summary(g: dict) -> str:
    """One plain sentence from a guidance() result."""
    return (
        f"{g['drug']} before a {g['risk_class']}-risk procedure: {g['stop_text']}; "
        f"{g['restart_text']}. "
        f"Class: ASRA pain guideline {g['class_edition']}; interval: {g['interval_edition']}. "
        "Education only: the prescriber and the reason for the drug decide."
    )
