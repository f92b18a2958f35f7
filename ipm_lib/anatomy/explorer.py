"""'Where does the needle go': choose a procedure, see its schematic with the target highlighted and
the needle route, and read the sourced statements under it.

The picture is a PNG drawn once per procedure (cached) and shown in an HTML widget with alt text;
the caption is HTML with a short citation after each statement.
"""

from __future__ import annotations

import base64

import ipywidgets as w

from .. import data, render, style
from ..ui import escape, message_box
from . import DISCLAIMER, _reason_figure, alt_text, procedure_names, procedure_sketch, resolve

EDUCATION_ONLY = "educational use only, not clinical advice"


def _png(procedure_id: str) -> tuple[bytes, str]:
    s, v = procedure_sketch(procedure_id, caption=False)
    fig = s.fig if s is not None else _reason_figure(v)
    with style.rc():
        return render.png_bytes(fig), alt_text(s, v)


def caption_html(v: dict) -> str:
    """The statements of one procedure's view, each with its short citation (source id on hover)."""
    parts = [f"<p><small>{escape(DISCLAIMER)}</small></p>"]
    if v["no_schematic_reason"]:
        parts.append(message_box(escape("No schematic: " + v["no_schematic_reason"]), "info"))
    if v["route_note"]:
        parts.append(message_box(escape("No needle route: " + v["route_note"]), "info"))
    items = []
    for _, row in v["statements"].iterrows():
        citation = data.short_citation(row["source_id"])
        items.append(
            f"<li>{escape(row['statement'])} "
            f"<span title='source id: {escape(row['source_id'])}'>({escape(citation)})</span></li>"
        )
    if items:
        parts.append(f"<ol>{''.join(items)}</ol>")
    return "".join(parts)


class NeedleExplorer(w.VBox):
    """A dropdown of procedures by name; the picture and its sourced caption follow the choice."""

    title = "Where does the needle go?"

    def __init__(self, procedure: str | None = None, **kwargs):
        names = procedure_names()
        start = resolve(procedure) if procedure is not None else next(iter(names.values()))
        self._cache: dict[str, tuple[bytes, str]] = {}
        self.dropdown = w.Dropdown(
            options=list(names.items()),
            value=start,
            description="Procedure",
            layout=w.Layout(width="640px"),
            style={"description_width": "80px"},
        )
        self.picture = w.HTML()
        self.caption = w.HTML()
        header = w.HTML(f"<b>{escape(self.title)}</b> <small>({EDUCATION_ONLY})</small>")
        super().__init__([header, self.dropdown, self.picture, self.caption], **kwargs)
        self.dropdown.observe(self._changed, names="value")
        self._show(start)

    def _changed(self, change) -> None:
        self._show(change["new"])

    def _show(self, procedure_id: str) -> None:
        from . import view

        if procedure_id not in self._cache:
            self._cache[procedure_id] = _png(procedure_id)
        png, alt = self._cache[procedure_id]
        encoded = base64.b64encode(png).decode("ascii")
        self.picture.value = (
            f'<img src="data:image/png;base64,{encoded}" alt="{escape(alt)}" '
            'style="max-width:100%;height:auto">'
        )
        self.caption.value = caption_html(view(procedure_id))
        self.alt = alt

    def select(self, procedure: str) -> None:
        """Show a procedure given by id or human name; an unknown one is refused with the list."""
        self.dropdown.value = resolve(procedure)

    def __repr__(self) -> str:
        # What a page without a live kernel (slides, static HTML) shows instead of the controls.
        return f"{self.title}: an interactive explorer (run the notebook to use it)"
