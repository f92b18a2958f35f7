"""Bleeding-risk class of a procedure and what a guideline says about a blood thinner around it.

Education only: the answer names its edition and source, and a real decision also weighs the reason
the patient takes the drug (stopping it has its own risk) and involves the prescriber.

Both the class and the interval follow the chosen edition of the ASRA pain-procedure guideline
(2018 second or 2015 first). Where the only interval read comes from a reproduction whose edition
was not visible, it is shown with that said. Where the pain-procedure guideline's interval for a
drug could not be read but the ASRA regional-anaesthesia (neuraxial block) guideline published the
same year could, that interval is shown, named as that guideline's (it is for neuraxial procedures
and does not split by the pain guideline's risk classes). For the direct oral anticoagulants at
treatment dose, whose pain-guideline intervals could not be read, the European regional-anaesthesia
guideline (ESAIC/ESRA 2022, neuraxial and deep blocks) is shown the same way, by creatinine
clearance; for the P2Y12 inhibitors, the UK Clinical Pharmacy Association's perioperative handbook
(its figure for surgery under neuraxial anaesthesia where it gives one, else its figure for
surgery). A study whose figure disagrees with the interval shown (clopidogrel: Benzon 2011, 5 days
against the guidelines' 7) is never shown instead of it, only beside it, named as a study (STUDIES).
A drug with none is listed with "no sourced interval", never with a guessed one. Ranges
(restart 12-24 hours) are kept as ranges.
"""

from __future__ import annotations

import math
import numbers

import pandas as pd

from . import data

CURRENT_EDITION = "2018 (2nd edition)"
EDITIONS = ["2018 (2nd edition)", "2015 (1st edition)"]
UNSTATED_EDITION = "not stated (UpToDate reproduction)"
CLASS_ORDER = ["low", "intermediate", "high"]
NOT_CLASSIFIED = "not classified"
NO_SOURCED_INTERVAL = "no sourced interval"
PAIN_GUIDELINE = "ASRA pain procedures"
NEURAXIAL_GUIDELINE = "ASRA regional anaesthesia (neuraxial)"
EUROPEAN_GUIDELINE = "ESAIC/ESRA regional anaesthesia (neuraxial and deep blocks)"
UK_HANDBOOK = "UKCPA perioperative handbook (neuraxial anaesthesia)"
# Stand-in sources (regional-anaesthesia guidelines, and a surgical handbook's neuraxial figures), not
# split by pain-procedure class; offered for a neuraxial procedure only, where the pain guideline's
# own interval could not be read (STAND_IN_SCOPE says what each was written for).
REGIONAL_GUIDELINES = frozenset({NEURAXIAL_GUIDELINE, EUROPEAN_GUIDELINE, UK_HANDBOOK})
GUIDELINE_NAMES = {
    PAIN_GUIDELINE: "ASRA pain-procedure guideline",
    NEURAXIAL_GUIDELINE: "ASRA regional-anaesthesia (neuraxial block) guideline",
    EUROPEAN_GUIDELINE: "European ESAIC/ESRA regional-anaesthesia guideline (neuraxial and deep blocks)",
    UK_HANDBOOK: "UK Clinical Pharmacy Association (UKCPA) perioperative medicines handbook",
}
# What each stand-in source was written for (shown with its interval).
STAND_IN_SCOPE = {
    NEURAXIAL_GUIDELINE: "it is written for neuraxial blocks such as an epidural injection",
    EUROPEAN_GUIDELINE: "it is written for neuraxial blocks such as an epidural injection",
    UK_HANDBOOK: (
        "it is a handbook on medicines around surgery, whose figures are for surgery (the note "
        "says which one is for neuraxial anaesthesia)"
    ),
}
# Studies whose interval disagrees with the guidelines': never chosen as the interval, shown beside
# it (same scope as the stand-in sources: a neuraxial procedure with the current edition).
BENZON_STUDY = "Benzon 2011 study (epidural injections)"
# Each: who, and the study's conclusion with {days} for its stored figure (in its authors' words).
STUDIES = {
    BENZON_STUDY: (
        "a 2011 study of patients having epidural injections (Benzon and colleagues)",
        "stopping clopidogrel {days} before a neuraxial injection might be adequate",
    )
}
# The regional-anaesthesia edition of the same year as a pain-procedure edition; its interval is
# shown only where the pain-procedure edition's interval for the drug could not be read.
NEURAXIAL_COMPANION = {"2018 (2nd edition)": "2018 (4th edition)"}
# Drugs whose interval is given per creatinine-clearance band (rows with crcl_low/high_ml_min):
# the caller must give the patient's creatinine clearance.
CRCL_DRUGS = frozenset({"dabigatran", "apixaban", "rivaroxaban", "edoxaban"})
# Procedures whose needle or device enters the epidural or intrathecal space (the course authors'
# grouping by `family` of procedures.csv, from what each procedure does): only for these can the
# regional-anaesthesia guideline's neuraxial-block interval stand in for the pain guideline's.
NEURAXIAL_FAMILIES = frozenset(
    {"epidural_steroid_injection", "spinal_cord_stimulation", "intrathecal_pump"}
)


class NotClassifiedError(LookupError):
    """The edition's classification, as read, does not name the procedure (the note says more)."""


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

    Raises LookupError when the dataset has no class for the procedure in that edition
    (NotClassifiedError, with the row's note, when a row says the guideline as read does not
    classify it), and ValueError when several regions differ and no ``detail`` was given.
    """
    rows = bleeding_risk(procedure_id, edition)
    if detail is not None:
        data.check_name("detail", detail, rows["detail"].astype("str"))
        rows = rows[rows["detail"] == detail]
    elif (rows["detail"] == "").any():  # the general row, not a special case such as a replacement
        rows = rows[rows["detail"] == ""]
    order = [*CLASS_ORDER, NOT_CLASSIFIED]
    classes = sorted(set(rows["risk_class"].astype("str")), key=order.index)
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
    if classes[0] == NOT_CLASSIFIED:
        raise NotClassifiedError(
            f"no {edition} bleeding-risk class for {procedure_id!r}: {rows['note'].iloc[0]}"
        )
    return classes[0]


def drugs() -> pd.DataFrame:
    """Drugs the dataset lists (one row per drug), with or without a sourced interval."""
    table = data.load("anticoagulants")
    return table.drop_duplicates("drug_id")[["drug_id", "drug", "drug_class"]].reset_index(
        drop=True
    )


def check_crcl(value: object, drug_id: str = "dabigatran") -> float:
    """A creatinine clearance in mL/min as a float, or ValueError saying what to enter."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(
            f"{drug_id}'s interval depends on kidney function: enter the creatinine clearance "
            "in mL/min"
        )
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValueError(
                f"creatinine clearance must be a number in mL/min, not {value!r}"
            ) from None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"creatinine clearance must be a number in mL/min, not {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"creatinine clearance must be a finite number in mL/min, not {value}")
    if value < 0:
        raise ValueError(f"creatinine clearance cannot be negative ({value:g} mL/min)")
    return value


def _days_text(days: float) -> str:
    if pd.isna(days):
        return "no fixed interval in the source (see the note)"
    if days == 0:
        return "do not stop"
    if days < 1:
        return f"stop {days * 24:g} hours before"
    return f"stop {days:g} day{'s' if days != 1 else ''} before"


def _hours_text(hours: float, high: float = float("nan")) -> str:
    if pd.isna(hours):
        return "restart interval not given in the source"
    if not pd.isna(high) and high != hours:
        return f"restart {hours:g}-{high:g} hours after"
    return f"restart {hours:g} hours after"


def is_neuraxial(procedure_id: str) -> bool:
    """Whether the procedure enters the epidural or intrathecal space (NEURAXIAL_FAMILIES)."""
    procedures = data.load("procedures").set_index("procedure_id")
    data.check_name("procedure", procedure_id, procedures.index)
    return procedures.at[procedure_id, "family"] in NEURAXIAL_FAMILIES


def _interval_tiers(
    drug_id: str, edition: str, neuraxial_procedure: bool
) -> list[tuple[pd.DataFrame, bool]]:
    """The drug's candidate rows, best first, each with whether it is the chosen edition's:
    read rows of the chosen pain-guideline edition; read rows of the reproduction whose edition is
    not stated; read rows of the same year's ASRA regional-anaesthesia guideline, then of the
    European (ESAIC/ESRA 2022) one, then of the UKCPA handbook (all three for a neuraxial
    procedure only, the last two with the current edition only); the chosen edition's
    rows marked 'not read' (shown as "no sourced interval")."""
    table = data.load("anticoagulants")
    data.check_name("drug", drug_id, table["drug_id"].unique())
    data.check_name("edition", edition, EDITIONS)
    rows = table[table["drug_id"] == drug_id]
    read = rows["interval_status"] == "read"
    pain = rows["guideline"] == PAIN_GUIDELINE
    neuraxial = (
        (rows["guideline"] == NEURAXIAL_GUIDELINE)
        & (rows["edition"] == NEURAXIAL_COMPANION.get(edition, ""))
        & neuraxial_procedure
    )
    # The European guideline is a later, different guideline: offered with the current edition only
    # (the 2015 toggle asks what that edition said).
    current = neuraxial_procedure & (edition == CURRENT_EDITION)
    european = (rows["guideline"] == EUROPEAN_GUIDELINE) & current
    handbook = (rows["guideline"] == UK_HANDBOOK) & current  # a current handbook: same rule
    return [
        (rows[pain & read & (rows["edition"] == edition)], True),
        (rows[pain & read & (rows["edition"] == UNSTATED_EDITION)], False),
        (rows[neuraxial & read], False),
        (rows[european & read], False),
        (rows[handbook & read], False),
        (rows[pain & ~read & (rows["edition"] == edition)], True),
    ]


def _in_band(rows: pd.DataFrame, crcl: float | None) -> pd.DataFrame:
    if crcl is None:
        return rows
    low, high = rows["crcl_low_ml_min"], rows["crcl_high_ml_min"]
    return rows[(low.isna() | (low <= crcl)) & (high.isna() | (crcl < high))]


def _pick(rows: pd.DataFrame, klass: str, crcl: float | None) -> pd.DataFrame:
    """Rows of the procedure's class (else those for any class) in the patient's clearance band."""
    chosen = rows[rows["bleeding_risk_class"] == klass]
    if chosen.empty:
        chosen = rows[rows["bleeding_risk_class"] == "any"]
    return _in_band(chosen, crcl)


def guidance(
    procedure_id: str,
    drug_id: str,
    edition: str = CURRENT_EDITION,
    detail: str | None = None,
    crcl_ml_min: object = None,
) -> dict:
    """What the stored guideline says for this drug before this procedure, with its provenance.

    ``crcl_ml_min`` (creatinine clearance) is required for the drugs in CRCL_DRUGS and checked
    whenever given. Raises LookupError when nothing is stored for the drug in that edition.
    """
    neuraxial = is_neuraxial(procedure_id)
    tiers = _interval_tiers(drug_id, edition, neuraxial)
    crcl = None
    if drug_id in CRCL_DRUGS or crcl_ml_min is not None:
        crcl = check_crcl(crcl_ml_min, drug_id)
    klass = risk_class(procedure_id, edition, detail)
    band = crcl if drug_id in CRCL_DRUGS else None
    picked = [(_pick(rows, klass, band), same) for rows, same in tiers]
    chosen, same_edition = next(((c, s) for c, s in picked if not c.empty), (None, False))
    if chosen is None:
        raise LookupError(
            f"{NO_SOURCED_INTERVAL} for {drug_id!r} before a {klass}-risk procedure in the "
            f"{edition}: the dataset holds none (it was not in the sources read)"
        )
    row = chosen.iloc[0]
    bleed = bleeding_risk(procedure_id, edition)
    read = row["interval_status"] == "read"
    stop, restart, restart_high = (
        row["stop_before_days"],
        row["restart_after_hours"],
        row["restart_after_hours_high"],
    )
    return {
        "procedure_id": procedure_id,
        "drug_id": drug_id,
        "drug": row["drug"],
        "risk_class": klass,
        "class_edition": edition,
        "class_source_id": bleed["source_id"].iloc[0],
        "sourced": bool(read),
        "stop_before_days": None if pd.isna(stop) else float(stop),
        "restart_after_hours": None if pd.isna(restart) else float(restart),
        "restart_after_hours_high": None if pd.isna(restart_high) else float(restart_high),
        "stop_text": _days_text(stop) if read else NO_SOURCED_INTERVAL,
        "restart_text": _hours_text(restart, restart_high) if read else NO_SOURCED_INTERVAL,
        "interval_guideline": str(row["guideline"]),
        "interval_guideline_name": GUIDELINE_NAMES[str(row["guideline"])],
        "interval_edition": str(row["edition"]),
        "interval_edition_matches": same_edition,
        "interval_source_id": row["source_id"],
        "crcl_ml_min": crcl,
        "note": row["note"],
        "disagreeing": _disagreeing(drug_id, edition, neuraxial),
        "education_only": True,
    }


def _disagreeing(drug_id: str, edition: str, neuraxial_procedure: bool) -> list[dict]:
    """Read intervals from STUDIES for the drug that apply here (a neuraxial procedure, the current
    edition), each with its words and source: shown beside the interval, never instead of it."""
    if edition != CURRENT_EDITION or not neuraxial_procedure:
        return []
    table = data.load("anticoagulants")
    rows = table[
        (table["drug_id"] == drug_id)
        & table["guideline"].isin(STUDIES)
        & (table["interval_status"] == "read")
    ]
    found = []
    for _, r in rows.iterrows():
        who, conclusion = STUDIES[str(r["guideline"])]
        days = float(r["stop_before_days"])
        span = f"{days:g} day{'s' if days != 1 else ''}"
        found.append(
            {
                "stop_before_days": days,
                "words": f"{who} concluded that {conclusion.format(days=span)}",
                "source_id": r["source_id"],
                "note": r["note"],
            }
        )
    return found


def interval_edition_text(g: dict) -> str:
    """Which guideline and edition the interval is from, saying so when it is not the chosen
    pain-guideline edition."""
    name = g["interval_guideline_name"]
    if g["interval_guideline"] in REGIONAL_GUIDELINES:
        return (
            f"{name}, {g['interval_edition']}, not the pain-procedure guideline (whose "
            f"{g['class_edition']} interval for this drug could not be read); "
            f"{STAND_IN_SCOPE[g['interval_guideline']]}, not for other procedures, and does "
            "not split by the pain guideline's risk classes"
        )
    if g["interval_edition_matches"]:
        return f"{name}, {g['interval_edition']}"
    return (
        f"{name}, edition not stated in the reproduction read (it may not be the "
        f"{g['class_edition']} value)"
    )


def summary(g: dict) -> str:
    """One plain sentence from a guidance() result."""
    if not g["sourced"]:
        action = f"{NO_SOURCED_INTERVAL} (the guideline's recommendation could not be read)"
    else:
        action = f"{g['stop_text']}; {g['restart_text']}"
    article = "an" if g["risk_class"][:1] in "aeiou" else "a"
    differs = "".join(f"Sources disagree: {o['words']}. " for o in g.get("disagreeing", []))
    return (
        f"{g['drug']} before {article} {g['risk_class']}-risk procedure: {action}. "
        f"Class: ASRA pain guideline {g['class_edition']}; interval: {interval_edition_text(g)}. "
        f"{differs}Education only: the prescriber and the reason for the drug decide."
    )
