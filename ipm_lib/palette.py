"""One colour and one second cue per procedure and per procedure family, from
``data/chart_styles.csv``: every chart and widget draws a procedure the same way.

Colours are names of Okabe and Ito's colour-blind-safe palette; the marker (dots, lines) or the
hatch (bars, areas) is the second cue, so a reader who cannot tell the colours apart still can.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import data

# Okabe & Ito's colour-blind-safe palette
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
# hatch names of the table -> matplotlib hatch patterns (the SVG renderer draws its own)
HATCHES = {
    "none": "",
    "diagonal": "//",
    "dots": "..",
    "cross": "xx",
    "backdiagonal": "\\\\",
    "plus": "++",
    "circles": "oo",
    "horizontal": "--",
}


@dataclass(frozen=True)
class Look:
    """How one series is drawn: a colour (hex) and its second cue."""

    colour: str
    marker: str = "o"
    hatch: str = "none"
    dash: str = "-"


def _table() -> pd.DataFrame:
    return data.load("chart_styles")


def look(style_id: str, applies_to: str = "procedure") -> Look:
    """The look of a procedure (by ``procedure_id``) or a family (by family id)."""
    table = _table()
    part = table[table["applies_to"] == applies_to].set_index("style_id")
    data.check_name(applies_to, style_id, part.index)
    row = part.loc[style_id]
    return Look(OKABE_ITO[row["colour"]], row["marker"], row["hatch"])


def problems(tables: dict[str, pd.DataFrame], file: str) -> list[data.Problem]:
    """Every procedure and family has exactly one look, no look is shared, no id is unknown."""
    if "chart_styles" not in tables or "procedures" not in tables:
        return []
    styles, procs = tables["chart_styles"], tables["procedures"]
    wanted = {
        "procedure": set(procs["procedure_id"]),
        "family": set(procs["family"].dropna()),
    }
    found: list[data.Problem] = []
    for kind, ids in wanted.items():
        part = styles[styles["applies_to"] == kind]
        have = set(part["style_id"])
        for missing in sorted(ids - have):
            found.append(
                data.Problem(file, None, "style_id", f"{kind} {missing!r} has no row: add one")
            )
        for idx in part.index[~part["style_id"].isin(ids)]:
            found.append(
                data.Problem(
                    file,
                    int(idx) + 2,
                    "style_id",
                    f"unknown {kind} {part.at[idx, 'style_id']!r}: use an id of procedures.csv",
                )
            )
        for cue in ("marker", "hatch"):
            same = part[part.duplicated(["colour", cue], keep="first")]
            for idx in same.index:
                found.append(
                    data.Problem(
                        file,
                        int(idx) + 2,
                        cue,
                        f"{kind} {part.at[idx, 'style_id']!r} has the same colour and {cue} as "
                        "another: give it a look of its own",
                    )
                )
    return found
