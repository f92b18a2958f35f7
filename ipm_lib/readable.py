"""Any frame, dict or list a notebook shows, made readable: human headings, names for ids, short
citations with the source id on hover, a dash for a missing value, no index and no Python reprs,
and long tables folded with a way to show them whole.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping

import pandas as pd

from . import data, glossary, ui

# ---------------------------------------------------------------- any frame, made readable

MISSING = "–"  # what a student sees where the dataset has no value
FOLD_AFTER = 12  # rows shown before a long table folds

#: Human headings for the dataset's column names (anything else: underscores become spaces).
HEADINGS = {
    "procedure_id": "Procedure",
    "condition_id": "Condition",
    "risk_id": "Harm",
    "source_id": "Source",
    "imaging_source_id": "Source (imaging)",
    "alternative_id": "Option",
    "threshold_id": "Threshold",
    "drug_id": "Drug",
    "outcome_id": "Result",
    "seed_risk": "Risk heading",
    "what_is_done": "What is done",
    "imaging_guidance": "Imaging guidance",
    "evidence_strength": "Strength of evidence",
    "evidence_summary": "Evidence",
    "if_present": "What to do if present",
    "timepoint_months": "Months after",
    "treatment_n": "Patients (procedure)",
    "treatment_value": "Procedure arm",
    "control_n": "Patients (comparator)",
    "control_value": "Comparator arm",
    "effect_low": "95% CI low",
    "effect_high": "95% CI high",
    "effect_measure": "Effect measure",
    "rate_pct": "Rate (%)",
    "rate_low_pct": "Lowest rate (%)",
    "rate_high_pct": "Highest rate (%)",
    "denominator_unit": "Counted per",
    "mme_factor": "MME factor",
    "max_sessions": "Most sessions",
    "per_months": "In months",
    "min_relief_pct": "Relief needed (%)",
    "min_interval_months": "Months between",
    "stop_before_days": "Stop before (days)",
    "restart_after_hours": "Restart after (hours)",
    "risk_class": "Bleeding-risk class",
    "per 1,000": "In 1,000",
    "per": "Counted per",
    "change_pct": "Change (%)",
    "responder_30pct": "Responder at 30% or more",
    "responder_50pct": "Responder at 50% or more",
    "clinically_important_2pt": "Clinically important (2 points or more)",
    "source_ids": "Sources",
}

_ID_NAMES = {
    "procedure_id": ("procedures", "procedure_id", "name"),
    "condition_id": ("conditions", "condition_id", "name"),
    "risk_id": ("risks", "risk_id", "name"),
    "alternative_id": ("alternatives", "alternative_id", "name"),
}
_SOURCE_COLUMNS = ("source_id", "imaging_source_id")
# columns whose values are course ids with no table of names: shown as words ("nerve_damage" ->
# "Nerve damage")
_WORDED_IDS = ("seed_risk",)
_SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")


def heading(name: object) -> str:
    """A column name as a human heading: 'procedure_id' -> 'Procedure', 'rate_pct' -> 'Rate (%)',
    'what_is_done' -> 'What is done'; a procedure or condition id -> its name."""
    name = str(name)
    if name in HEADINGS:
        return HEADINGS[name]
    for table, key, label in _ID_NAMES.values():
        names = data.load(table).set_index(key)[label]
        if name in names.index:
            return str(names[name])
    words = name.replace("_", " ").strip()
    words = re.sub(r" pct$", " (%)", words)
    return words[:1].upper() + words[1:]


def _value(v) -> str:
    """One cell as text: no NaN, no repr of a list, dict or numpy scalar."""
    if isinstance(v, Mapping):
        return "; ".join(f"{_value(k)}: {_value(x)}" for k, x in v.items()) or MISSING
    if isinstance(v, list | tuple | set | frozenset):
        return ", ".join(_value(x) for x in v) or MISSING
    if v is None or v is pd.NA or v is pd.NaT:
        return MISSING
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int | float) or hasattr(v, "item"):
        try:
            number = v.item() if hasattr(v, "item") else v
        except (TypeError, ValueError):
            return str(v)
        if isinstance(number, float):
            if math.isnan(number):
                return MISSING
            if math.isinf(number):
                return "infinite"
            if number.is_integer():
                number = int(number)
            elif abs(number) >= 1000:
                return f"{number:,.2f}".rstrip("0").rstrip(".")
            else:
                text = f"{number:.6g}"  # a figure as the source wrote it
                decimals = text.split(".")[1] if "." in text and "e" not in text else ""
                return f"{number:.4g}" if len(decimals) > 3 else text  # a computed 71.4285714...
        if isinstance(number, int):
            return f"{number:,}" if abs(number) >= 10000 else str(number)  # 2019 stays a year
        return str(number)
    text = str(v)
    if text.strip().lower() in {"nan", "<na>", "none", "nat"} or not text.strip():
        return MISSING
    return text.replace("_", " ") if _SNAKE.fullmatch(text) else text


def _from_mapping(mapping: Mapping) -> pd.DataFrame:
    """A dict as a frame: a dict of dicts is a table (outer keys are columns), a dict of equal-length
    lists is a table of those columns, any other dict is two columns (what, value)."""
    values = list(mapping.values())
    if values and all(isinstance(v, Mapping) for v in values):
        frame = pd.DataFrame({str(k): dict(v) for k, v in mapping.items()})
        frame.index = [heading(i) for i in frame.index]
        return frame.reset_index(names="")
    if (
        values
        and all(isinstance(v, list | tuple) for v in values)
        and len({len(v) for v in values}) == 1
    ):
        return pd.DataFrame({k: list(v) for k, v in mapping.items()})
    rows = []
    for key, value in mapping.items():
        if str(key) in ("source_id", "source_ids"):
            ids = [value] if isinstance(value, str) else list(value)
            value = "; ".join(data.short_citation(i) for i in ids)
        rows.append((heading(key), value))
    return pd.DataFrame(rows, columns=["What", "Value"])


def readable(frame: pd.DataFrame | pd.Series | Mapping) -> pd.DataFrame:
    """A copy of ``frame`` a student can read: a meaningful index becomes a column (an id index
    without a name to show is dropped), ids become names, headings become words, every cell is
    text (a dash for a missing value). The ``source_id`` column keeps the ids; ``show`` writes
    them as short citations with the id on hover. A dict is shown as a table too."""
    if isinstance(frame, Mapping):
        frame = _from_mapping(frame)
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"readable() needs a DataFrame, Series or dict, got {type(frame).__name__}")
    frame = frame.copy()
    if "Source" in frame.columns and "source_id" not in frame.columns:
        # a reading table's citations: back to their ids, which ``show`` cites with the id on hover
        ids = {cite: sid for sid, cite in data._short_citations(data.data_dir().resolve()).items()}
        cited = frame["Source"].astype(str)
        if cited.isin(ids).all():
            frame["Source"] = cited.map(ids)
            frame = frame.rename(columns={"Source": "source_id"})
    if not isinstance(frame.index, pd.RangeIndex):
        names = [n for n in frame.index.names if n is not None]
        if names:  # a named index means something, unless it is an internal id with no name to show
            drop = all(str(n).endswith("_id") and str(n) not in _ID_NAMES for n in names)
        else:  # row numbers left by a filter are dropped; text labels are kept
            drop = pd.api.types.is_numeric_dtype(frame.index)
        if not drop:
            frame = frame.reset_index(names=names or [""])
    frame = frame.reset_index(drop=True)
    for column, (table, key, label) in _ID_NAMES.items():
        if column in frame.columns:
            names = data.load(table).set_index(key)[label]
            frame[column] = frame[column].map(lambda v, n=names: n.get(v, v))
    for column in _WORDED_IDS:
        if column in frame.columns:
            frame[column] = (
                frame[column].astype(object).map(lambda v: heading(v) if isinstance(v, str) else v)
            )

    def column(i: int) -> list[str]:
        if str(frame.columns[i]) in _SOURCE_COLUMNS:  # ids stay ids: ``show`` cites them
            return [MISSING if _value(v) == MISSING else str(v) for v in frame.iloc[:, i]]
        return [_value(v) for v in frame.iloc[:, i]]

    out = pd.DataFrame({i: column(i) for i in range(frame.shape[1])})
    headings: list[str] = []
    for c in frame.columns:
        text = str(c) if str(c) in _SOURCE_COLUMNS else heading(c)
        n, base = 2, text
        while text in headings:  # two columns that read alike stay two columns
            text, n = f"{base} ({n})", n + 1
        headings.append(text)
    out.columns = headings
    return out


class Table:
    """A reading table: HTML with no index, a dash for missing values, short citations whose source
    id shows on hover, glossary terms defined on hover, and rows past ``fold_after`` folded under
    "Show all N rows". ``frame`` is the readable text (for tests and further use)."""

    def __init__(self, frame: pd.DataFrame, fold_after: int | None, glossary_hover: bool):
        self.frame = frame
        self.fold_after = fold_after
        self.glossary_hover = glossary_hover

    def _cell(self, column: str, value: str) -> str:
        if column in _SOURCE_COLUMNS:
            if value == MISSING:
                return MISSING
            cites = []
            for sid in [s.strip() for s in value.split(";")]:
                try:
                    text = data.short_citation(sid)
                except data.UnknownNameError:
                    text = sid
                cites.append(
                    f'<span title="source id: {html.escape(sid)}">{html.escape(text)}</span>'
                )
            return "; ".join(cites)
        return glossary.abbr(value) if self.glossary_hover else html.escape(value)

    def _html(self, frame: pd.DataFrame) -> str:
        shown = frame.rename(
            columns={"source_id": "Source", "imaging_source_id": "Source (imaging)"}
        )
        styler = shown.style.hide(axis="index").format(
            {
                new: (lambda v, c=old: self._cell(c, v))
                for old, new in zip(frame.columns, shown.columns, strict=True)
            },
            escape=None,
        )
        # class "dataframe": lecture mode and the slides cut and fit tables of that class, as
        # they do pandas' own; mathjax_ignore: a dollar amount is not mathematics
        table = styler.to_html(exclude_styles=True, doctype_html=False)
        # (with exclude_styles the Styler writes no table attributes, so the class goes in here)
        table = table.replace("<table>", '<table class="dataframe">', 1)
        return (
            f'<div class="ipm-table mathjax_ignore tex2jax_ignore">{table}</div>'  # ui.STYLESHEET
        )

    def _repr_html_(self) -> str:
        n = len(self.frame)
        if self.fold_after is None or n <= self.fold_after:
            return ui.STYLESHEET + self._html(self.frame)
        head = self._html(self.frame.head(self.fold_after))
        whole = self._html(self.frame)
        return (
            f"{ui.STYLESHEET}{head}<details><summary>Show all {n} rows "
            f"({n - self.fold_after} more)</summary>{whole}</details>"
        )

    def __repr__(self) -> str:
        return f"<reading table: {len(self.frame)} rows, columns {', '.join(map(str, self.frame.columns))}>"


def show(
    frame: pd.DataFrame | pd.Series,
    fold_after: int | None = FOLD_AFTER,
    glossary_hover: bool = True,
) -> Table:
    """Any frame as a reading table (``readable`` + HTML): the one call a notebook needs."""
    if fold_after is not None and (
        isinstance(fold_after, bool) or not isinstance(fold_after, int) or fold_after < 1
    ):
        raise ValueError(
            f"fold_after must be a positive whole number of rows or None, got {fold_after!r}"
        )
    return Table(readable(frame), fold_after, glossary_hover)
