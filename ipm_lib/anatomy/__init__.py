"""Labelled anatomical schematics, and where the needle goes for each procedure.

>>> from ipm_lib import anatomy
>>> anatomy.show_schematic("lumbar_axial")          # a picture, with its sourced caption
>>> anatomy.show("Medial branch block")              # the procedure's target and needle route
>>> anatomy.NeedleExplorer()                         # pick a procedure from a list

Which schematic, target and route belong to each procedure is data (``data/anatomy_targets.csv``);
the statements in captions are sourced rows of ``data/anatomy.csv``. Pictures are schematic and not
to scale: a needle route shows one common approach, not a technique guide.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from .. import data, render, style
from ..anatomy_data import statement_ids, statements, targets
from ..data import UnknownNameError
from . import body, devices, spine
from .canvas import FIG_INCHES, LABEL_PT, Sketch, scale

SCHEMATICS = {
    "lumbar_sagittal": spine.lumbar_sagittal,
    "lumbar_axial": spine.lumbar_axial,
    "cervical_axial": spine.cervical_axial,
    "knee": body.knee,
    "sacroiliac": body.sacroiliac,
    "abdomen_axial": body.abdomen_axial,
    "scs_system": devices.scs_system,
    "scs_trial": devices.scs_trial,
    "intrathecal_system": devices.intrathecal_system,
    "intrathecal_external": devices.intrathecal_external,
}
# variants of a schematic that share its caption statements
SAME_CAPTION = {"scs_trial": "scs_system", "intrathecal_external": "intrathecal_system"}
DISCLAIMER = (
    "Schematic, not to scale. A needle route shows one common approach, not a technique guide."
)


@dataclass(frozen=True)
class Picture:
    """A PNG with its alt text: notebooks show the picture, text-only pages the words."""

    png: bytes
    alt: str

    def _repr_png_(self) -> bytes:
        return self.png

    def __repr__(self) -> str:
        return self.alt


def sketch(name: str, target: str | None = None, route: str | None = None) -> Sketch:
    """Draw a schematic, with ``target`` highlighted and ``route``'s needles drawn if given."""
    name = data.check_name("schematic", name, SCHEMATICS)
    s = SCHEMATICS[name]()
    if target:
        if target not in s.parts:
            raise UnknownNameError(f"{name} part", target, [p for p in s.parts if p])
        s.highlight(target)
    if route:
        if route not in s.routes:
            raise UnknownNameError(f"{name} route", route, list(s.routes))
        s.draw_route(route)
    s.legend(with_route=bool(route), with_target=bool(target))
    return s


def _caption(fig: Figure, rows: pd.DataFrame, note: str = "") -> None:
    lines = [DISCLAIMER] + ([note] if note else [])
    lines += [f"{i}. {text}" for i, text in enumerate(rows["statement"], start=1)]
    text = style.caption_text(fig.get_figwidth(), rows["source_id"], " ".join(lines))
    # the caption takes room under the drawing: grow the figure so the drawing keeps its size
    fig.set_figheight(fig.get_figheight() + (text.count("\n") + 1) * 0.2 * scale())
    style.add_caption(fig, rows["source_id"], " ".join(lines))


def schematic_figure(name: str, target=None, route=None, caption: bool = True) -> Figure:
    """A schematic as a matplotlib Figure, with the sourced statements that belong to it."""
    with style.rc():
        s = sketch(name, target, route)
        if caption:
            table = statements().reset_index()
            _caption(s.fig, table[table["schematic"] == SAME_CAPTION.get(name, name)])
        return s.fig


def _png(fig: Figure) -> bytes:
    with style.rc():
        return render.png_bytes(fig)


def show_schematic(name: str) -> Picture:
    """A labelled schematic with its sourced caption, for a notebook cell."""
    fig = schematic_figure(name)
    return Picture(_png(fig), f"Schematic: {fig.axes[0].get_title(loc='left')}. {DISCLAIMER}")


# ---------------------------------------------------------------- procedures


def procedure_names(path: str | os.PathLike | None = None) -> dict[str, str]:
    """Human name -> procedure id, in the order of procedures.csv."""
    table = data.load("procedures", path)
    return dict(zip(table["name"], table["procedure_id"], strict=True))


def resolve(procedure: str, path: str | os.PathLike | None = None) -> str:
    """A procedure id from its id or its human name; an unknown one is refused with the list."""
    names = procedure_names(path)
    if procedure in names.values():
        return procedure
    if procedure in names:
        return names[procedure]
    raise UnknownNameError("procedure", procedure, list(names))


def view(procedure: str, path: str | os.PathLike | None = None) -> dict:
    """Everything the needle view of one procedure shows: schematic, target, route, statements."""
    pid = resolve(procedure, path)
    row = targets(path).set_index("procedure_id").loc[pid]
    table = statements(path)
    ids = statement_ids(row["statement_ids"])

    def text(column):
        value = row[column]
        return "" if pd.isna(value) else str(value)

    return {
        "procedure_id": pid,
        "name": {v: k for k, v in procedure_names(path).items()}[pid],
        "schematic": text("schematic"),
        "target": text("target"),
        "route": text("route"),
        "no_schematic_reason": text("no_schematic_reason"),
        "route_note": text("route_note"),
        "statements": table.loc[ids].reset_index(),
    }


def _target_label(s: Sketch, target: str) -> str:
    texts = [t.get_text().replace("Target: ", "") for t in s.labels.get(target, [])]
    return "; ".join(t.replace("\n", " ") for t in texts) or target.replace("_", " ")


def procedure_sketch(procedure: str, caption: bool = True) -> tuple[Sketch | None, dict]:
    """The drawn sketch of a procedure (None if no schematic fits) and its view."""
    v = view(procedure)
    if not v["schematic"]:
        return None, v
    with style.rc():
        s = sketch(v["schematic"], v["target"], v["route"] or None)
        s.ax.set_title(f"{v['name']}\n{s.title}", fontsize=s.ax.title.get_fontsize(), loc="left")
        if caption:
            _caption(s.fig, v["statements"], v["route_note"])
    return s, v


def alt_text(s: Sketch | None, v: dict) -> str:
    """What the picture of a procedure shows, in words (alt text and text-only pages)."""
    if s is None:
        return f"{v['name']}: no schematic. {v['no_schematic_reason']}"
    route = (
        "a needle route is drawn"
        if v["route"]
        else "no needle route: " + v["route_note"].rstrip(".")
    )
    return f"{v['name']}: {s.title}. Highlighted target: {_target_label(s, v['target'])}; {route}."


def _reason_figure(v: dict) -> Figure:
    with style.rc():
        fig = Figure(figsize=style.figsize(FIG_INCHES[0], 1.6), layout="constrained")
        ax = fig.add_subplot()
        ax.axis("off")
        ax.set_title(v["name"], loc="left", fontsize=14 * scale())
        ax.text(
            0,
            0.5,
            "No schematic: " + v["no_schematic_reason"],
            wrap=True,
            va="center",
            fontsize=LABEL_PT * scale(),
            transform=ax.transAxes,
        )
        return fig


def procedure_figure(procedure: str, caption: bool = True) -> Figure:
    """The schematic of a procedure with its target and needle route (or why there is none)."""
    s, v = procedure_sketch(procedure, caption)
    return s.fig if s is not None else _reason_figure(v)


def show(procedure: str) -> Picture:
    """The needle picture of a procedure (by id or human name), for a notebook cell."""
    s, v = procedure_sketch(procedure)
    fig = s.fig if s is not None else _reason_figure(v)
    return Picture(_png(fig), alt_text(s, v))


def __getattr__(name):  # the explorer imports ipywidgets: load it only when asked for
    if name == "NeedleExplorer":
        from .explorer import NeedleExplorer

        return NeedleExplorer
    raise AttributeError(name)


__all__ = [
    "SCHEMATICS",
    "NeedleExplorer",
    "Picture",
    "procedure_figure",
    "procedure_names",
    "schematic_figure",
    "show",
    "show_schematic",
    "view",
]
