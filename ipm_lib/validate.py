"""Check the whole dataset and report every problem at once, with file, line and column.

Two layers:
1. the Frictionless data package (``data/datapackage.json``): types, required fields, enumerations,
   patterns, minimum/maximum, primary keys and foreign keys (every ``source_id`` exists, ...);
2. the course's own rules, which a table schema cannot express: low <= value <= high, a rate agrees
   with its events and denominator, review dates not passed, no stray whitespace, sources used, and
   every figure appears in its row's quote (or the row's note says how it was derived).

``python -m ipm_lib validate [DATA_DIR]`` prints the problems and exits non-zero if there are any.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

from . import palette
from .data import DataError, Problem, data_dir, read_table, schema, table_names
from .quotes import quote_problems, quoted_numbers  # noqa: F401 - quoted_numbers for callers

# (table, value column, low column, high column) triples that must be ordered low <= value <= high
RANGES = [
    ("prevalence", "value", "low", "high"),
    ("procedure_facts", "value", "low", "high"),
    ("thresholds", "value", "low", "high"),
    ("costs", "amount", "low", "high"),
    ("complications", "rate_pct", "rate_low_pct", "rate_high_pct"),
    ("outcomes", "effect", "effect_low", "effect_high"),
    ("opioid_dose_risk", "value", "low", "high"),
    ("opioid_dose_risk", "dose_low", "dose_low", "dose_high"),
    ("anticoagulants", "restart_after_hours", "restart_after_hours", "restart_after_hours_high"),
    ("anticoagulants", "crcl_low_ml_min", "crcl_low_ml_min", "crcl_high_ml_min"),
]


# How a row is named in messages when its table has no single-column primary key.
ROW_KEYS = {
    "prevalence": ["condition_id", "measure", "year"],
    "procedure_facts": ["procedure_id", "attribute", "source_id"],
    "complications": ["procedure_id", "risk_id", "source_id"],
    "pain_burden": ["measure", "year", "source_id"],
}


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


def _dose_risk_problems(df: pd.DataFrame, file: str) -> list[Problem]:
    """A ratio needs a comparator band below its dose band; an annual rate has no comparator."""
    problems = []
    ratio = df["measure"].isin(["hazard_ratio", "odds_ratio"])
    has_comparator = (df["comparator_band"].fillna("") != "") | df["comparator_high"].notna()
    for idx in df.index[
        ratio & (df["comparator_band"].fillna("").eq("") | df["comparator_high"].isna())
    ]:
        problems.append(
            Problem(
                file,
                _line(idx),
                "comparator_high",
                "a ratio needs the band it is compared with: fill comparator_band and "
                "comparator_high (the comparator's upper end, MME/day)",
            )
        )
    above = ratio & (df["comparator_high"] > df["dose_low"]).fillna(False)
    for idx in df.index[above]:
        problems.append(
            Problem(
                file,
                _line(idx),
                "comparator_high",
                f"comparator band reaches {df.at[idx, 'comparator_high']:g} MME/day, above the "
                f"dose band's lower end {df.at[idx, 'dose_low']:g}: a ratio compares a higher band "
                "with a lower one; check which band is which",
            )
        )
    rate = df["measure"] == "annual_rate_pct"
    for idx in df.index[rate & has_comparator]:
        problems.append(
            Problem(
                file,
                _line(idx),
                "comparator_band",
                "an annual rate is not compared with another band: empty the comparator columns "
                "(or store the ratio as hazard_ratio or odds_ratio)",
            )
        )
    for idx in df.index[rate & (df["value"] > 100).fillna(False)]:
        problems.append(
            Problem(
                file, _line(idx), "value", f"annual rate {df.at[idx, 'value']:g}% is above 100%"
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
                Problem(
                    file,
                    _line(idx),
                    column,
                    "interval_status is 'not read': leave the interval empty or mark the row 'read'",
                )
            )
    pain = df["guideline"] == "ASRA pain procedures"
    for idx in df.index[~not_read & pain & (df["bleeding_risk_class"] == "any")]:
        problems.append(
            Problem(
                file,
                _line(idx),
                "bleeding_risk_class",
                "'any' is only for rows whose interval was not read (or rows of the "
                "regional-anaesthesia guideline, which has no pain-procedure classes): give the "
                "procedure's class",
            )
        )
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


def _primary_key(name: str, folder: Path) -> list[str]:
    key = schema(name, folder)["schema"].get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def _glossary_problems(df: pd.DataFrame, file: str) -> list[Problem]:
    """A term appears once whatever its case, and an abbreviation (two or more capitals, no space,
    such as LAST or CrCl) says what it stands for."""
    problems = []
    seen: dict[str, int] = {}
    for idx, term in df["term"].items():
        if pd.isna(term):
            continue
        key = str(term).strip().lower()
        if key in seen:
            problems.append(
                Problem(
                    file,
                    _line(idx),
                    "term",
                    f"{term!r} repeats the term on line {seen[key]} (case is ignored): merge them",
                )
            )
        else:
            seen[key] = _line(idx)
        text = str(term)
        expansion = df.at[idx, "expansion"]
        if (
            " " not in text
            and sum(c.isupper() for c in text) >= 2
            and (pd.isna(expansion) or not str(expansion).strip())
        ):
            problems.append(
                Problem(
                    file,
                    _line(idx),
                    "expansion",
                    f"{term!r} looks like an abbreviation: write what it stands for in expansion",
                )
            )
    return problems


def validate(path: str | os.PathLike | None = None, today: dt.date | None = None) -> list[Problem]:
    """Every problem in the tables at ``path`` (default: the course's data/). Empty list = valid.
    Quiz and cases are the course layer's: ``ipm_lib.course.bank.validate_all`` adds them."""
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
    for name, df in tables.items():
        key = ROW_KEYS.get(name) or _primary_key(name, folder)
        problems.extend(quote_problems(name, df, f"{folder.name}/{name}.csv", key))
    if "opioid_dose_risk" in tables:
        problems.extend(
            _dose_risk_problems(tables["opioid_dose_risk"], f"{folder.name}/opioid_dose_risk.csv")
        )
    if "anticoagulants" in tables:
        problems.extend(
            _anticoagulant_problems(tables["anticoagulants"], f"{folder.name}/anticoagulants.csv")
        )
    problems.extend(_source_problems(tables, folder, today))
    problems.extend(_position_problems(tables, folder))
    problems.extend(palette.problems(tables, f"{folder.name}/chart_styles.csv"))
    if "glossary" in tables:
        problems.extend(_glossary_problems(tables["glossary"], f"{folder.name}/glossary.csv"))
    if {"anatomy_targets", "anatomy", "procedures"} <= set(tables):
        from .anatomy_data import anatomy_problems

        problems.extend(
            anatomy_problems(
                tables["anatomy_targets"], tables["anatomy"], tables["procedures"], folder.name
            )
        )

    unique: dict[tuple, Problem] = {}
    for p in problems:  # the loader's wording comes first and wins over Frictionless's for a cell
        unique.setdefault((p.file, p.line, p.column, p.message), p)
    return sorted(unique.values(), key=lambda p: (p.file, p.line or 0, p.column or ""))
