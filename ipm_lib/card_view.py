"""The patient card as a printable HTML page (one A4 sheet) and a small card explorer.

``card_html(procedure_id)`` lays out ``cards.patient_card``: plain-language headings, the
educational-only notice, and a "Print this card" button that prints the card alone (or Ctrl+P, which
prints only the card too). ``CardExplorer`` is a dropdown of procedures by name and the card.
"""

from __future__ import annotations

import os

import ipywidgets as w

from . import cards, data, ui
from .safety import PrintableHTML

CARD_CSS = """
.ipm-card { font-family: Arial, Helvetica, sans-serif; font-size: 13px; line-height: 1.3; color: #000;
  background: #fff; max-width: 190mm; border: 1px solid #999; padding: 8px 12px; box-sizing: border-box; }
.ipm-card h1 { font-size: 19px; margin: 0 0 3px 0; }
.ipm-card h2 { font-size: 14px; margin: 6px 0 2px 0; border-bottom: 1px solid #000; }
.ipm-card ul { margin: 0; padding-left: 16px; }
.ipm-card li { margin: 0 0 1px 0; }
.ipm-card p { margin: 2px 0; }
.ipm-card-flow { columns: 2; column-gap: 14px; }
.ipm-card-flow h2 { break-after: avoid; }
.ipm-card li, .ipm-card p { break-inside: avoid; }
.ipm-card-checks ul { columns: 2; column-gap: 14px; }
.ipm-card-src { color: #333; font-size: 0.85em; }
.ipm-card-note { color: #333; font-size: 0.85em; font-style: italic; break-before: avoid; }
.ipm-card-missing { font-weight: bold; }
.ipm-card-notice { border: 1px solid #000; padding: 2px 6px; margin: 3px 0; }
.ipm-card-bar { margin: 0 0 6px 0; }
.ipm-card-print { font-size: 14px; padding: 3px 10px; cursor: pointer; }
@page { size: A4 portrait; margin: 7mm; }
@media print {
  body * { visibility: hidden; }
  .ipm-card, .ipm-card * { visibility: visible; }
  .ipm-card { position: absolute; left: 0; top: 0; border: none; padding: 0; max-width: none;
    width: 100%; font-size: 7.3pt; line-height: 1.15; }
  .ipm-card-checks ul { columns: 3; }
  .ipm-card h1 { font-size: 11pt; }
  .ipm-card h2 { font-size: 8pt; margin: 1.6mm 0 0.5mm 0; }
  .ipm-card-bar { display: none; }
}
"""

# Opens the card alone in a new window and prints it (the page around it is not printed); where
# pop-ups are blocked, window.print() prints the page, whose print style shows only the card.
_PRINT_JS = (
    "var w=window.open('','_blank');if(!w){window.print();return false;}"
    "w.document.write('<!DOCTYPE html><html><head><meta charset=utf-8><title>Patient card</title>"
    "</head><body>'+this.closest('.ipm-card').outerHTML+'</body></html>');"
    "w.document.close();w.focus();w.print();"
)

NOTICE = (
    "<b>Educational use only, not clinical advice.</b> A teaching card for medical students. The "
    "numbers are what studies found in groups of people; they cannot say what will happen to one "
    "person. Talk to your own doctor about your care."
)


def _line(line: cards.Line) -> str:
    source = (
        f' <span class="ipm-card-src">({ui.escape(line.citation)})</span>' if line.citation else ""
    )
    return f"<li>{ui.escape(line.text)}{source}</li>"


def _checks(lines: tuple[cards.Line, ...]) -> str:
    """Checklist lines grouped by their heading ('Red flags: ...'), each group's sources once."""
    groups: dict[str, list[cards.Line]] = {}
    for line in lines:
        head, _, check = line.text.partition(": ")
        groups.setdefault(head, []).append(cards.Line(check, line.citation, line.source_id))
    items = []
    for head, group in groups.items():
        checks = " ".join(f"&#9744;&nbsp;{ui.escape(ln.text)}" for ln in group)
        cites = "; ".join(dict.fromkeys(ln.citation for ln in group if ln.citation))
        source = f' <span class="ipm-card-src">({ui.escape(cites)})</span>' if cites else ""
        items.append(f"<li><b>{ui.escape(head)}:</b> {checks}{source}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _section(section: cards.Section) -> str:
    classes = "ipm-card-section"
    if section.key == "safety":
        classes += " ipm-card-checks"
    parts = [f'<div class="{classes}"><h2>{ui.escape(section.heading)}</h2>']
    if section.missing:
        parts.append(f'<p class="ipm-card-missing">{ui.escape(section.note)}</p>')
    else:
        if section.key == "safety":
            parts.append(_checks(section.lines))
        else:
            parts.append("<ul>" + "".join(_line(ln) for ln in section.lines) + "</ul>")
        if section.note:
            parts.append(f'<p class="ipm-card-note">{ui.escape(section.note)}</p>')
    parts.append("</div>")
    return "".join(parts)


def card_html(procedure_id: str, path: str | os.PathLike | None = None) -> PrintableHTML:
    """The patient card of one procedure as an HTML fragment sized for one A4 page when printed;
    ``.save(filename)`` writes it as a standalone page. An unknown procedure raises UnknownNameError."""
    card = cards.patient_card(procedure_id, path)
    wide = {"open", "safety"}  # full width under the two columns of figures
    flow = "".join(_section(s) for s in card.sections if s.key not in wide)
    below = "".join(_section(s) for s in card.sections if s.key in wide)
    described = f' <span class="ipm-card-src">({ui.escape(card.description_citation)})</span>'
    markup = (
        f'<div class="ipm-card"><style>{CARD_CSS}</style>'
        f'<div class="ipm-card-bar"><button class="ipm-card-print" type="button" onclick="{ui.escape(_PRINT_JS)}">'
        "Print this card</button> or press Ctrl+P (Cmd+P on a Mac): only the card is printed, on one "
        "A4 page.</div>"
        f"<h1>{ui.escape(card.name)}: a card for patients</h1>"
        f'<p class="ipm-card-notice">{NOTICE}</p>'
        f"<p><b>What is done:</b> {ui.escape(card.what_is_done)}{described}</p>"
        f'<div class="ipm-card-flow">{flow}</div>{below}'
        '<p class="ipm-card-note">Sources: the short citations name rows of the course\'s '
        "sources.csv (full reference, link and the quoted words). Counts are whole numbers of people "
        "or of what the study counted, in natural frequencies.</p>"
        "</div>"
    )
    return PrintableHTML(markup)


class CardExplorer(w.VBox):
    """Choose a procedure by its name and read its patient card.

    Like the course's other explorers it never shows a traceback: an unknown procedure (by id or
    name) shows the refusal, with close matches by name, above the default procedure's card."""

    default = "scs_implant"

    def __init__(self, procedure: str = default):
        names = cards.procedure_names()
        self.notice = w.HTML()
        if procedure in names:  # a human name is fine too
            procedure = names[procedure]
        if procedure not in names.values():
            refusal = str(cards.UnknownProcedureError(procedure, names))
            self.notice.value = ui.message_box(
                ui.escape(refusal)
                + f" Showing {ui.escape(self._name(names, self.default))} instead.",
                "error",
            )
            procedure = self.default
        self.dropdown = w.Dropdown(
            options=list(names.items()),
            value=procedure,
            description="Procedure",
            layout=w.Layout(width="520px"),
        )
        self.card = w.HTML()
        self.dropdown.observe(self._chosen, "value")
        super().__init__([self.dropdown, self.notice, self.card])
        self.refresh()

    @staticmethod
    def _name(names: dict[str, str], procedure_id: str) -> str:
        return next(name for name, pid in names.items() if pid == procedure_id)

    def _chosen(self, _change) -> None:
        self.notice.value = ""  # a refusal belongs to the request it answered
        self.refresh()

    def refresh(self) -> None:
        try:
            self.card.value = str(card_html(self.dropdown.value))
        except data.UnknownNameError as exc:
            self.card.value = ui.message_box(ui.escape(str(exc)), "error")

    def __repr__(self) -> str:
        # What a page without a live kernel shows in place of the controls (see _repr_mimebundle_).
        return (
            f"Patient card of {self.dropdown.label} (run the notebook to choose another procedure)"
        )

    def _repr_mimebundle_(self, **kwargs):
        # A static page (GitHub, nbviewer, an HTML export) cannot draw the widget: it shows the card.
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/html"] = self.card.value
        return bundle
