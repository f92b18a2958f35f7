"""Load the course dataset: one loader for every table of ``data/``.

The schema lives in ``data/datapackage.json`` (a Frictionless data package): field names, types,
enumerations, keys. The loader reads each CSV as text, checks its header against that schema and
converts every column to the declared type. Anything that does not fit raises :class:`DataError`
naming the file, line and column and saying how to fix it; nothing is dropped, clamped or turned
into NaN. The full check (keys, foreign keys, ranges, review dates) is :func:`ipm_lib.validate.validate`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

DATA_ENV = "IPM_DATA_DIR"
# The repository's data/; a wheel install ships a copy inside the package (``ipm_lib/_data``, written
# by the build: see setup.py), which is used when it is there.
_SHIPPED_DATA = Path(__file__).resolve().parent / "_data"
DEFAULT_DATA_DIR = (
    _SHIPPED_DATA if _SHIPPED_DATA.is_dir() else Path(__file__).resolve().parent.parent / "data"
)
# Average month length, to put durations reported in hours, days, weeks or years on one axis.
MONTHS_PER = {
    "hours": 1 / 730.5,
    "days": 1 / 30.44,
    "weeks": 7 / 30.44,
    "months": 1.0,
    "years": 12.0,
}


@dataclass(frozen=True)
class Problem:
    """One problem in one place of the dataset."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataError(ValueError):
    """The dataset (or a request for part of it) is not usable; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        lines = [str(p) for p in self.problems]
        super().__init__("\n".join(lines))


class UnknownNameError(KeyError):
    """A name (procedure, drug, condition, ...) that is not in the data; suggests close matches."""

    def __init__(self, kind: str, name: object, known: list[str]):
        close = difflib.get_close_matches(str(name), known, n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        self.kind, self.name, self.suggestions = kind, name, close
        msg = f"Unknown {kind} {name!r}.{hint} Known {kind}s: {', '.join(sorted(known))}."
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0]


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The data folder: ``path`` if given, else ``$IPM_DATA_DIR``, else the course's ``data/`` (the
    repository's, or the copy a wheel install ships)."""
    chosen = Path(path) if path is not None else Path(os.environ.get(DATA_ENV, DEFAULT_DATA_DIR))
    if not (chosen / "datapackage.json").is_file():
        raise DataError(
            Problem(
                str(chosen),
                None,
                None,
                "no datapackage.json here: point to the course's data/ folder "
                f"(argument or ${DATA_ENV})",
            )
        )
    return chosen


@cache
def _package(folder: Path) -> dict:
    path = folder / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(Problem(str(path), exc.lineno, None, f"not valid JSON: {exc.msg}")) from exc


def table_names(path: str | os.PathLike | None = None) -> list[str]:
    """Names of the tables described by the data package."""
    return [r["name"] for r in _package(data_dir(path))["resources"]]


def schema(name: str, path: str | os.PathLike | None = None) -> dict:
    """The table schema (fields, keys) of one table."""
    resources = {r["name"]: r for r in _package(data_dir(path))["resources"]}
    if name not in resources:
        raise UnknownNameError("table", name, list(resources))
    return resources[name]


def _convert(raw: pd.Series, field: dict, file: str) -> tuple[pd.Series, list[Problem]]:
    """Convert one text column to its declared type; every cell that does not fit is a problem."""
    name, kind = field["name"], field.get("type", "string")
    constraints = field.get("constraints", {})
    empty = raw == ""
    problems: list[Problem] = []

    def bad(mask: pd.Series, what: str) -> None:
        for idx in raw.index[mask]:
            problems.append(Problem(file, idx + 2, name, f"{raw[idx]!r} is not {what}"))

    if constraints.get("required"):
        for idx in raw.index[empty]:
            problems.append(Problem(file, idx + 2, name, "is empty but required: fill it in"))
    if kind == "number":
        values = pd.to_numeric(raw.where(~empty), errors="coerce")
        bad(values.isna() & ~empty, "a number (use a dot for decimals, no units or commas)")
        out = values.astype("float64")
    elif kind == "integer":
        values = pd.to_numeric(raw.where(~empty), errors="coerce")
        fractional = values.notna() & (values % 1 != 0)
        bad((values.isna() & ~empty) | fractional, "a whole number")
        out = values.where(~fractional).astype("Int64")
    elif kind == "date":
        values = pd.to_datetime(raw.where(~empty), format="%Y-%m-%d", errors="coerce")
        bad(values.isna() & ~empty, "a date written YYYY-MM-DD")
        out = values
    else:
        enum = constraints.get("enum")
        if enum is not None:
            bad(
                ~raw.isin(enum) & ~(empty & ("" in enum or not constraints.get("required"))),
                f"one of {', '.join(repr(e) for e in enum if e)}",
            )
            categories = [e for e in enum if e]
            out = pd.Categorical(raw.where(raw != "", None), categories=categories)
            out = pd.Series(out, index=raw.index, name=name)
        else:
            out = raw.astype("str")
    return out, problems


def read_table(name: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read one table from disk (no cache), typed by its schema; raise DataError on any misfit."""
    folder = data_dir(path)
    resource = schema(name, folder)
    file = f"{folder.name}/{resource['path']}"
    csv_path = folder / resource["path"]
    if not csv_path.is_file():
        raise DataError(Problem(file, None, None, "file is missing: restore it from git"))
    try:
        raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError as exc:
        raise DataError(
            Problem(file, 1, None, "file is empty: it needs at least the header line")
        ) from exc
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(Problem(file, None, None, f"cannot be read as UTF-8 CSV: {exc}")) from exc

    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    header = list(raw.columns)
    problems = []
    with open(csv_path, "rb") as fh:
        if fh.read(3) == b"\xef\xbb\xbf":
            problems.append(
                Problem(file, 1, None, "starts with a byte-order mark: save as UTF-8 without BOM")
            )
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for c in missing:
        problems.append(Problem(file, 1, c, "column is missing from the header"))
    for c in extra:
        problems.append(
            Problem(
                file, 1, c, "column is not in datapackage.json: remove it or add it to the schema"
            )
        )
    if problems:
        raise DataError(problems)
    if header != expected:
        problems.append(
            Problem(file, 1, None, f"columns are out of order: expected {', '.join(expected)}")
        )
        raise DataError(problems)

    columns = {}
    for field in fields:
        columns[field["name"]], found = _convert(raw[field["name"]], field, file)
        problems.extend(found)
    if problems:
        raise DataError(problems)
    return pd.DataFrame(columns)


@cache
def _cached(name: str, folder: Path) -> pd.DataFrame:
    return read_table(name, folder)


def load(name: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """One table of the dataset, typed and checked (cached; each call returns an independent copy)."""
    return _cached(name, data_dir(path).resolve()).copy()


_DERIVED: list = []  # caches of tables worked out from the dataset (see derived_cache)


def derived_cache(function):
    """Cache a function of the data folder (its first argument) and names, like ``functools.cache``,
    and forget it with the loaded tables in ``clear_cache``. Callers get the cached object itself:
    return copies of mutable results to them."""
    cached = cache(function)
    _DERIVED.append(cached)
    return cached


def clear_cache() -> None:
    """Forget loaded tables (after editing a CSV in a running kernel)."""
    _cached.cache_clear()
    _package.cache_clear()
    _short_citations.cache_clear()
    for cached in _DERIVED:
        cached.cache_clear()


def sources(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The sources table indexed by source_id."""
    return load("sources", path).set_index("source_id")


def short_citation(source_id: str, path: str | os.PathLike | None = None) -> str:
    """A short citation for captions: 'Farrar JT et al. (2001)', or an organisation or title."""
    citations = _short_citations(data_dir(path).resolve())
    if source_id not in citations:
        raise UnknownNameError("source", source_id, list(citations))
    return citations[source_id]


@cache
def _short_citations(folder: Path) -> dict[str, str]:
    """Every short citation of a dataset, worked out once (captions ask for them many times)."""
    table = _cached("sources", folder)
    short = {
        sid: _short(citation, year)
        for sid, citation, year in zip(
            table["source_id"], table["citation"], table["year"], strict=True
        )
    }
    # two sources that would read alike get letters, as in a reference list: "(2017a)", "(2017b)"
    alike: dict[str, list[str]] = {}
    for sid in sorted(short):
        alike.setdefault(short[sid], []).append(sid)
    for text, ids in alike.items():
        if len(ids) > 1:
            for letter, sid in zip("abcdefghijklmnopqrstuvwxyz", ids, strict=False):
                year = re.search(r"\((\d{4})\)$", text)
                short[sid] = text[: year.end() - 1] + letter + ")" if year else f"{text} ({letter})"
    return short


def _short(citation: str, year) -> str:
    citation = citation.strip()
    year_text = "" if pd.isna(year) else f" ({year})"
    if citation.startswith("["):  # authors not shown in what was read: use the title
        citation = citation.split("]", 1)[-1].strip()
        head = citation.split(". ")[0]
    else:
        first = re.split(r"[,.;]", citation, maxsplit=1)[0].strip()
        several = len(first) < len(citation) and citation[len(first)] == ","
        # the first sentence; an abbreviation such as "U.S." does not end it
        sentence = re.split(r"(?<!\.[A-Z])\. ", citation, maxsplit=1)[0]
        head = f"{first} et al." if several and len(first) <= 30 else sentence
    if len(head) > 48:
        head = head[:45].rstrip(" ,;:") + "..."
    return head + (year_text if str(year) not in head else "")


def check_name(kind: str, name: object, known) -> str:
    """Return ``name`` if it is among ``known``; otherwise raise UnknownNameError with suggestions."""
    known = [str(k) for k in known]
    if not isinstance(name, str) or name not in known:
        raise UnknownNameError(kind, name, known)
    return name


def procedure_overview(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """One row per procedure with its sourced facts joined in: the bleeding-risk class of the
    current ASRA edition (2018; regions listed where the guideline splits them) and the range of
    relief durations reported, in months, with the sources of both."""
    procedures = load("procedures", path).set_index("procedure_id")
    bleed = load("bleeding_risk", path)
    bleed = bleed[bleed["edition"] == "2018 (2nd edition)"]
    label = bleed["risk_class"].astype("str") + bleed["detail"].map(
        lambda d: f" ({d})" if d else ""
    )
    classes = label.groupby(bleed["procedure_id"]).agg(lambda s: "; ".join(sorted(set(s))))
    class_sources = bleed.groupby("procedure_id")["source_id"].agg(
        lambda s: "; ".join(sorted(set(s)))
    )
    facts = load("procedure_facts", path)
    relief = facts[facts["attribute"] == "relief_duration"].copy()
    factor = relief["unit"].astype("str").map(MONTHS_PER)
    relief["lo"] = relief[["value", "low"]].min(axis=1) * factor
    relief["hi"] = relief[["value", "high"]].max(axis=1) * factor
    by = relief.groupby("procedure_id")
    overview = procedures[["name", "family", "purpose", "target", "invasiveness"]].assign(
        bleeding_risk_2018=classes,
        bleeding_risk_sources=class_sources,
        relief_months_low=by["lo"].min(),
        relief_months_high=by["hi"].max(),
        relief_sources=by["source_id"].agg(lambda s: "; ".join(sorted(set(s)))),
    )
    return overview.reset_index()


def repeat_rules(
    procedure_ids: list[str] | None = None, path: str | os.PathLike | None = None
) -> pd.DataFrame:
    """What guideline bodies, payers and commissioners say about repeating a procedure: session
    limits, the response a first procedure must have given, intervals and evidence gaps, each with
    its source. ``procedure_ids`` (default: all) must be procedure ids of procedures.csv."""
    rules = load("repeat_rules", path)
    if procedure_ids is not None:
        known = load("procedures", path)["procedure_id"]
        ids = [check_name("procedure", p, known) for p in procedure_ids]
        rules = rules[rules["procedure_id"].isin(ids)]
    columns = [
        "procedure_id",
        "organisation",
        "kind",
        "statement",
        "max_sessions",
        "per_months",
        "min_relief_pct",
        "min_interval_months",
        "source_id",
    ]
    return rules[columns].reset_index(drop=True)


def glossary(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The course glossary (``glossary.csv``), sorted by term regardless of case."""
    table = load("glossary", path)
    return table.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)


def define(term: str, path: str | os.PathLike | None = None) -> dict:
    """One glossary entry by term, case-insensitive (``define("last")`` finds LAST); an unknown
    term raises UnknownNameError with close matches."""
    table = glossary(path)
    by_lower = {str(t).lower(): t for t in table["term"]}
    if not isinstance(term, str) or term.lower() not in by_lower:
        raise UnknownNameError("glossary term", term, list(table["term"]))
    row = table[table["term"] == by_lower[term.lower()]].iloc[0]
    return {column: ("" if pd.isna(row[column]) else str(row[column])) for column in table.columns}
