"""The sections of a patient card that put the procedure in context: how long relief lasts, cost,
strength of the evidence, open questions, having it again and the safety checks (the selection rules
are in ``card_sections``, whose helpers these share).
"""

from __future__ import annotations

import pandas as pd

from . import data, safety
from .card_sections import (
    COST_KINDS,
    MAX_COSTS,
    MAX_EVIDENCE,
    MAX_RELIEF,
    _label,
    _lower_first,
    _num,
    _related_ids,
    _section,
    cite,
)
from .cards import Line, Section, in_n

# ------------------------------------------------------------------ relief, cost, evidence


def relief(pid, procedures, path) -> Section:
    facts = data.load("procedure_facts", path)
    kinds = ["relief_duration", "benefit_shown_at_followup", "patients_with_lasting_relief"]
    rows = facts[
        facts["attribute"].isin(kinds) & facts["procedure_id"].isin(_related_ids(pid, procedures))
    ]
    lines = []
    for _, r in rows.head(MAX_RELIEF).iterrows():
        if r["attribute"] == "patients_with_lasting_relief":  # a percentage of patients
            low, high = (
                (in_n(r[c], 100).split(" in ")[0] for c in ("low", "high"))
                if pd.isna(r["value"])
                else (None, None)
            )
            count = f"{low} to {high} in 100" if low else in_n(r["value"], 100)
            measure = str(r["measure"]).removeprefix("% of patients ").lstrip("% ")
            text = f"{_label(r['procedure_id'], pid, procedures)}{count} patients {measure}"
            lines.append(Line(text, cite(r["source_id"], path), r["source_id"]))
            continue
        if r["attribute"] == "benefit_shown_at_followup":
            detail = str(r["measure"]).removeprefix(f"{r['unit']} ").strip("()")
            detail = "" if "benefit" in detail else f" ({detail})"
            text = (
                f"{_label(r['procedure_id'], pid, procedures)}benefit still shown at "
                f"{_num(r['value'])} {r['unit']} of follow-up{detail}"
            )
            lines.append(Line(text, cite(r["source_id"], path), r["source_id"]))
            continue
        if pd.notna(r["value"]):
            span = _num(r["value"])
            if pd.notna(r["low"]) and pd.notna(r["high"]):
                span += f" (95% CI {_num(r['low'])} to {_num(r['high'])})"
        else:
            span = f"{_num(r['low'])} to {_num(r['high'])}"
        text = f"{_label(r['procedure_id'], pid, procedures)}{span} {r['unit']}: {r['measure']}"
        lines.append(Line(text, cite(r["source_id"], path), r["source_id"]))
    more = len(rows) - len(lines)
    return _section(
        "relief",
        "How long the relief lasts",
        lines,
        f"{more} more {'figure' if more == 1 else 'figures'} in the course's data." if more else "",
    )


def costs(pid, path) -> Section:
    table = data.load("costs", path)
    rows = table[table["procedure_id"] == pid]
    rank = {kind: i for i, kind in enumerate(COST_KINDS)}
    chosen = rows.assign(_rank=rows["kind"].astype(str).map(rank).fillna(len(rank)))
    chosen = chosen.sort_values("_rank", kind="stable").drop_duplicates("kind").head(MAX_COSTS)
    lines = []
    for _, r in chosen.iterrows():
        amount = (
            _num(r["amount"]) if pd.notna(r["amount"]) else f"{_num(r['low'])} to {_num(r['high'])}"
        )
        year = f"{int(r['year'])} prices" if pd.notna(r["year"]) else "price year not stated"
        kind = COST_KINDS.get(str(r["kind"]), str(r["kind"]).replace("_", " "))
        lines.append(
            Line(
                f"{r['currency']} {amount} ({year}), {kind}; {r['setting']}",
                cite(r["source_id"], path),
                r["source_id"],
            )
        )
    more = len(rows) - len(lines)
    note = "Costs are never converted between currencies or years."
    if more:
        note += f" One figure per kind of cost; {more} more in the course's data (notebook 04)."
    return _section("cost", "What it costs", lines, note)


def evidence(pid, procedures, path) -> Section:
    table = data.load("indications", path)
    rows = table[table["procedure_id"].isin(_related_ids(pid, procedures))]
    names = data.load("conditions", path).set_index("condition_id")["name"]
    lines = [
        Line(
            f"{_label(r['procedure_id'], pid, procedures)}{names.get(r['condition_id'], r['condition_id'])}: "
            f"{r['evidence_strength']}",
            cite(r["source_id"], path),
            r["source_id"],
        )
        for _, r in rows.head(MAX_EVIDENCE).iterrows()
    ]
    more = len(rows) - len(lines)
    return _section(
        "evidence",
        "How sure are we? The strength of the evidence",
        lines,
        f"{more} more {'grading' if more == 1 else 'gradings'} in the course's data."
        if more
        else "",
    )


def open_questions(pid, procedures, path) -> Section:
    """Open questions from sourced data only: guideline bodies that disagree about the procedure
    (``positions.csv``, notebook 07), sources that grade the same evidence differently
    (``indications.csv``), and evidence gaps named in ``repeat_rules.csv``."""
    lines: list[Line] = []
    positions = data.load("positions", path)
    mine = positions[positions["procedures"].str.split(";").map(lambda ps: pid in ps)]
    against = mine[mine["stance"] == "against"]
    other = mine[mine["stance"] != "against"]
    # statements, not rows: three rows report the one 34-society statement (notebook 07)
    n_against, n_other = against["statement_id"].nunique(), other["statement_id"].nunique()
    if n_against and n_other:

        def who(rows):
            return "; ".join(sorted({cite(s, path) for s in rows["source_id"]}))

        advise = "statement advises" if n_against == 1 else "statements advise"
        dispute = "disputes" if n_other == 1 else "dispute"
        text = (
            f"Should it be offered for chronic spine pain at all? {n_against} {advise} against "
            f"it; {n_other} {dispute} that advice, support it with conditions, or recommend it. "
            "Notebook 07 sets out both sides."
        )
        lines.append(Line(text, f"against: {who(against)}; other views: {who(other)}", ""))
    ind = data.load("indications", path)
    ind = ind[ind["procedure_id"].isin(_related_ids(pid, procedures))]
    names = data.load("conditions", path).set_index("condition_id")["name"]
    for (proc, cond), rows in ind.groupby(["procedure_id", "condition_id"], sort=False):
        if rows["source_id"].nunique() > 1 and rows["evidence_strength"].nunique() > 1:
            said = " ".join(
                f"{cite(r['source_id'], path)}: {r['statement']}" for _, r in rows.iterrows()
            )
            lines.append(
                Line(
                    f"{_label(proc, pid, procedures)}For {_lower_first(names.get(cond, cond))}, "
                    f"the sources differ. {said}",
                    "",
                    "",
                )
            )
    rules = data.repeat_rules(path=path)
    gaps = rules[
        (rules["kind"] == "evidence_gap")
        & rules["procedure_id"].isin(_related_ids(pid, procedures))
    ]
    for _, r in gaps.iterrows():
        lines.append(Line(r["statement"], cite(r["source_id"], path), r["source_id"]))
    return _section("open", "Questions that are still open", lines)


def repeats(pid, procedures, path) -> Section:
    rules = data.repeat_rules(path=path)
    rows = rules[
        (rules["kind"] != "evidence_gap")
        & rules["procedure_id"].isin(_related_ids(pid, procedures))
    ]
    lines = [
        Line(
            _label(r["procedure_id"], pid, procedures) + r["statement"],
            cite(r["source_id"], path),
            r["source_id"],
        )
        for _, r in rows.iterrows()
    ]
    return _section("repeat", "Having it again", lines)


# ------------------------------------------------------------------ safety checks

# Which checklist items a card shows. Items apply to every procedure unless their own wording limits
# them: the transforaminal and steroid-in-the-epidural-space items to epidural steroid injections, the
# device items to implanted stimulators and pumps, and refills and intrathecal opioids to pumps.
_SCOPE = {
    "im_test_contrast": {"epidural_steroid_injection"},
    "im_nonparticulate": {"epidural_steroid_injection"},
    "im_why_particulate": {"epidural_steroid_injection"},
    "cs_off_label": {"epidural_steroid_injection"},
    "dv_mri": {"spinal_cord_stimulation", "intrathecal_pump"},
    "dv_pocket_fill": {"intrathecal_pump"},
    "dv_naloxone": {"intrathecal_pump"},
}


def checks(pid, procedures, path) -> Section:
    family = procedures.loc[pid, "family"]
    table = safety.checklist(path=path)
    keep = table[table["item_id"].map(lambda i: family in _SCOPE.get(i, {family}))]
    lines = [
        Line(
            f"{safety.DOMAINS[str(r['domain'])].split(':')[0]}: {r['check']}",
            cite(r["source_id"], path),
            r["source_id"],
        )
        for _, r in keep.iterrows()
    ]
    left = len(table) - len(keep)
    note = "The whole checklist, with what to do if a check is positive: notebook 05."
    if left:
        note = f"{left} checks for other kinds of procedure are left out. " + note
    return _section("safety", "Safety checks before the procedure", lines, note)
