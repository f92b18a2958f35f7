"""Where the needle goes, as data: each procedure's schematic, target and route
(``data/anatomy_targets.csv``) and the sourced anatomical statements of the captions
(``data/anatomy.csv``). Loaded and checked here; ``ipm_lib.anatomy`` draws them.

The table schema (``datapackage.json``) checks types, the list of schematics and that each
procedure exists; ``anatomy_problems`` adds what a schema cannot say: every procedure has a row, a
row without a schematic says why, a schematic without a route says why, and every caption statement
exists.
"""

from __future__ import annotations

import os

import pandas as pd

from . import data
from .data import DataError, Problem


def _text(value) -> str:
    return "" if pd.isna(value) else str(value).strip()


def statement_ids(value) -> list[str]:
    """The statement ids of an ``anatomy_targets.csv`` cell ('a;b' gives ['a', 'b'])."""
    return [s for s in _text(value).split(";") if s]


def anatomy_problems(
    targets: pd.DataFrame, statements: pd.DataFrame, procedures: pd.DataFrame, folder_name: str
) -> list[Problem]:
    """Everything wrong with the needle-route table that its schema cannot catch."""
    file = f"{folder_name}/anatomy_targets.csv"
    problems = []
    covered = set(targets["procedure_id"])
    for pid in procedures["procedure_id"]:
        if pid not in covered:
            problems.append(
                Problem(
                    file,
                    None,
                    "procedure_id",
                    f"procedure {pid!r} of procedures.csv has no row: add one with its schematic, "
                    "target and route, or an empty schematic and a no_schematic_reason",
                )
            )
    known = set(statements["statement_id"])
    for idx in targets.index:
        line = int(idx) + 2
        pid = targets.at[idx, "procedure_id"]
        schematic = _text(targets.at[idx, "schematic"])
        reason = _text(targets.at[idx, "no_schematic_reason"])
        if not schematic and not reason:
            problems.append(
                Problem(
                    file,
                    line,
                    "no_schematic_reason",
                    f"row {pid}: no schematic and no reason: name a schematic or say why none fits",
                )
            )
        if schematic and reason:
            problems.append(
                Problem(
                    file,
                    line,
                    "no_schematic_reason",
                    f"row {pid}: has a schematic ({schematic}) and a reason for having none: "
                    "keep one",
                )
            )
        if schematic and not _text(targets.at[idx, "target"]):
            problems.append(
                Problem(
                    file, line, "target", f"row {pid}: name the part of {schematic} to highlight"
                )
            )
        if (
            schematic
            and not _text(targets.at[idx, "route"])
            and not _text(targets.at[idx, "route_note"])
        ):
            problems.append(
                Problem(
                    file,
                    line,
                    "route_note",
                    f"row {pid}: no route is drawn: name one, or say why not in route_note",
                )
            )
        for sid in statement_ids(targets.at[idx, "statement_ids"]):
            if sid not in known:
                problems.append(
                    Problem(
                        file,
                        line,
                        "statement_ids",
                        f"row {pid}: statement {sid!r} is not in anatomy.csv "
                        "(add it with its source and quote, or fix the id)",
                    )
                )
    return problems


def targets(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The needle-route table, checked; raises DataError naming every problem."""
    folder = data.data_dir(path)
    table = data.load("anatomy_targets", folder)
    problems = anatomy_problems(
        table, data.load("anatomy", folder), data.load("procedures", folder), folder.name
    )
    if problems:
        raise DataError(problems)
    return table


def statements(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The anatomical statements, indexed by statement_id."""
    return data.load("anatomy", path).set_index("statement_id")
