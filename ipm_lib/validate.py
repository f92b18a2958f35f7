"""Check the whole dataset and report every problem at once, with file, line and column.

Two layers:
1. the Frictionless data package (``data/datapackage.json``): types, required fields, enumerations,
   patterns, minimum/maximum, primary keys and foreign keys (every ``source_id`` exists, ...);
2. the course's own rules, which a table schema cannot express: low <= value <= high, a rate agrees
   with its events and denominator, review dates not passed, no stray whitespace, sources used.

``python -m ipm_lib validate [DATA_DIR]`` prints the problems and exits non-zero if there are any.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

from .data import DataError, Problem, data_dir, read_table, table_names

# (table, value column, low column, high column) triples that must be ordered low <= value <= high
RANGES = [
    ("prevalence", "value", "low", "high"),
    ("procedure_facts", "value", "low", "high"),
    ("thresholds", "value", "low", "high"),
    ("costs", "amount", "low", "high"),
    ("complications", "rate_pct", "rate_low_pct", "rate_high_pct"),
    ("outcomes", "effect", "effect_low", "effect_high"),
    ("anticoagulants", "restart_after_hours", "restart_after_hours", "restart_after_hours_high"),
    ("anticoagulants", "crcl_low_ml_min", "crcl_low_ml_min", "crcl_high_ml_min"),
]


def _frictionless_problems(folder: Path) -> list[Problem]:
    from frictionless import Package, system  # heavy: imported only when validating

    problems = []
    with system.use_context(trusted=True):
        report = Package(str(folder / "datapackage.json")).validate()
    for task in report.tasks:
        file = f"{folder.name}/{Path(task.place).name}"
        for error in task.errors:
            line = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None) or getattr(error, "label", None)
            text = getattr(error, "note", "") or error.message
            problems.append(Problem(file, line, column, f"{error.title.lower()}: {text}"))
    for error in report.errors:
        problems.append(Problem(f"{folder.name}/datapackage.json", None, None, error.message))
    return problems


def _line(index) -> int:
    return int(index) + 2  # header is line 1


def _range_problems(name: str, df: pd.DataFrame, file: str, value, low, high) -> list[Problem]:
    problems = []
    v, lo, hi = df[value], df[low], df[high]
    for idx in df.index[(lo > hi).fillna(False)]:
        problems.append(
            Problem(file, _line(idx), low, f"{low} {lo[idx]} is above {high} {hi[idx]}")
        )
    for idx in df.index[(v < lo).fillna(False)]:
        problems.append(
            Problem(file, _line(idx), value, f"{value} {v[idx]} is below {low} {lo[idx]}")
        )
    for idx in df.index[(v > hi).fillna(False)]:
        problems.append(
            Problem(file, _line(idx), value, f"{value} {v[idx]} is above {high} {hi[idx]}")
        )
    return problems


def _complication_problems(df: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    numbers = df[["rate_pct", "rate_low_pct", "rate_high_pct", "events"]].notna().any(axis=1)
    for idx in df.index[~numbers]:
        problems.append(
            Problem(file, _line(idx), "rate_pct", "row has no rate, bound or event count")
        )
    over = (df["events"] > df["denominator"]).fillna(False)
    for idx in df.index[over]:
        problems.append(Problem(file, _line(idx), "events", "more events than the denominator"))
    full = df[["rate_pct", "events", "denominator"]].notna().all(axis=1)
    computed = 100 * df["events"].astype("float64") / df["denominator"].astype("float64")
    off = full & ((computed - df["rate_pct"]).abs() > (0.05 * df["rate_pct"]).clip(lower=0.06))
    for idx in df.index[off.fillna(False)]:
        problems.append(
            Problem(
                file,
                _line(idx),
                "rate_pct",
                f"rate {df.at[idx, 'rate_pct']}% disagrees with {df.at[idx, 'events']}/"
                f"{df.at[idx, 'denominator']} = {computed[idx]:.3g}%: if the rate is a pooled "
                "estimate, leave events empty and say so in the note",
            )
        )
    return problems


def _anticoagulant_problems(df: pd.DataFrame, file: str) -> list[Problem]:
    """An interval marked 'not read' holds no figure; a read one of the pain-procedure guideline
    holds a class, not 'any' (the regional-anaesthesia guideline does not split by that class)."""
    problems = []
    not_read = df["interval_status"] == "not read"
    for column in ("stop_before_days", "restart_after_hours", "restart_after_hours_high"):
        for idx in df.index[not_read & df[column].notna()]:
            problems.append(
                Problem(file, _line(idx), column,
                        "interval_status is 'not read': leave the interval empty or mark the row 'read'")
            )  # fmt: skip
    pain = df["guideline"] != "ASRA regional anaesthesia (neuraxial)"
    for idx in df.index[~not_read & pain & (df["bleeding_risk_class"] == "any")]:
        problems.append(
            Problem(file, _line(idx), "bleeding_risk_class",
                    "'any' is only for rows whose interval was not read (or rows of the "
                    "regional-anaesthesia guideline, which has no pain-procedure classes): give the "
                    "procedure's class")
        )  # fmt: skip
    return problems


def _whitespace_problems(df: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for column in df.columns:
        values = df[column]
        if not (
            pd.api.types.is_string_dtype(values) or isinstance(values.dtype, pd.CategoricalDtype)
        ):
            continue
        text = values.astype("str")
        stray = values.notna() & (text != text.str.strip())
        for idx in df.index[stray]:
            problems.append(
                Problem(file, _line(idx), column, "has leading or trailing spaces: remove them")
            )
    return problems


def _source_problems(
    tables: dict[str, pd.DataFrame], folder: Path, today: dt.date
) -> list[Problem]:
    problems = []
    src = tables.get("sources")
    if src is None:
        return problems
    file = f"{folder.name}/sources.csv"
    today_ts = pd.Timestamp(today)
    for idx in src.index[(src["review_by"] < today_ts).fillna(False)]:
        problems.append(
            Problem(
                file,
                _line(idx),
                "review_by",
                f"review date {src.at[idx, 'review_by'].date()} has passed for "
                f"{src.at[idx, 'source_id']}: re-read the source, update the figures that cite it, "
                "then set a new review_by and accessed date",
            )
        )
    for idx in src.index[(src["accessed"] > today_ts).fillna(False)]:
        problems.append(Problem(file, _line(idx), "accessed", "date lies in the future"))
    cited = set()
    for name, df in tables.items():
        if name == "sources":
            continue
        for column in df.columns:
            if column.endswith("source_id"):
                cited |= set(df[column].dropna().astype("str")) - {""}
    for idx in src.index[~src["source_id"].isin(cited)]:
        problems.append(
            Problem(
                file,
                _line(idx),
                "source_id",
                f"{src.at[idx, 'source_id']} is not cited by any table: cite it or remove it",
            )
        )
    return problems


def _position_problems(tables: dict[str, pd.DataFrame], folder: Path) -> list[Problem]:
    if "positions" not in tables or "procedures" not in tables:
        return []
    known = set(tables["procedures"]["procedure_id"])
    problems = []
    for idx, listed in tables["positions"]["procedures"].items():
        for pid in str(listed).split(";"):
            if pid and pid not in known:
                problems.append(
                    Problem(
                        f"{folder.name}/positions.csv",
                        _line(idx),
                        "procedures",
                        f"{pid!r} is not a procedure_id of procedures.csv",
                    )
                )
    return problems


def validate(path: str | os.PathLike | None = None, today: dt.date | None = None) -> list[Problem]:
    """Every problem in the dataset at ``path`` (default: the course's data/). Empty list = valid."""
    folder = data_dir(path)
    today = today or dt.date.today()
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    for name in table_names(folder):
        try:
            tables[name] = read_table(name, folder)
        except DataError as exc:
            problems.extend(exc.problems)
    problems.extend(_frictionless_problems(folder))
    for name, df in tables.items():
        problems.extend(_whitespace_problems(df, f"{folder.name}/{name}.csv"))
    for name, value, low, high in RANGES:
        if name in tables:
            problems.extend(
                _range_problems(name, tables[name], f"{folder.name}/{name}.csv", value, low, high)
            )
    if "complications" in tables:
        problems.extend(
            _complication_problems(tables["complications"], f"{folder.name}/complications.csv")
        )
    if "anticoagulants" in tables:
        problems.extend(
            _anticoagulant_problems(tables["anticoagulants"], f"{folder.name}/anticoagulants.csv")
        )
    problems.extend(_source_problems(tables, folder, today))
    problems.extend(_position_problems(tables, folder))
    if "sources" in tables:
        from .content import content_problems

        problems.extend(content_problems(folder, set(tables["sources"]["source_id"])))

    unique: dict[tuple, Problem] = {}
    for p in problems:  # the loader's wording comes first and wins over Frictionless's for a cell
        unique.setdefault((p.file, p.line, p.column), p)
    return sorted(unique.values(), key=lambda p: (p.file, p.line or 0, p.column or ""))
