"""Safety before any procedure: the checklist of ``data/safety_checklist.csv`` as a table and as a
print-friendly page (one A4 sheet for a lecture or a clinic wall).

The facts live in the data, each with its source; this module only selects and lays them out."""

from __future__ import annotations

import html
import os

import pandas as pd

from . import data

# Headings in the order the checklist is used, from the first consultation to discharge.
DOMAINS = {
    "red_flags": "Red flags: stop and investigate, do not inject",
    "contraindications": "Contraindications",
    "blood_thinners": "Blood thinners",
    "consent": "Consent",
    "imaging": "Imaging and technique",
    "sedation": "Sedation",
    "after_care": "After-care and discharge",
    "devices": "Implanted devices (stimulators, pumps)",
}


def checklist(domain: str | None = None, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The checklist rows, in the order of use; ``domain`` keeps one part (e.g. ``"red_flags"``)."""
    table = data.load("safety_checklist", path)
    if domain is not None:
        data.check_name("checklist domain", domain, list(DOMAINS))
        table = table[table["domain"] == domain]
    order = {name: i for i, name in enumerate(DOMAINS)}
    ranked = table.assign(_order=table["domain"].astype(str).map(order))
    return ranked.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


class PrintableHTML(str):
    """An HTML page as a string that a notebook shows rendered; ``save`` writes it to a file."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:  # the plain-text view: a summary, not the whole page source
        return f"<printable HTML page, {len(self):,} characters: display it, print it, or .save(filename)>"

    def document(self, title: str = "Safety before any procedure") -> str:
        """The page as a standalone HTML document (standards mode), ready to open and print."""
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body>{self}</body></html>\n"
        )

    def save(self, filename: str | os.PathLike) -> str:
        """Write the standalone document to ``filename`` and return the name."""
        with open(filename, "w", encoding="utf-8") as handle:
            handle.write(self.document())
        return str(filename)


_CSS = """
@page { size: A4 portrait; margin: 10mm; }
.ipm-checklist { font-family: Arial, Helvetica, sans-serif; font-size: 8pt; line-height: 1.2;
  color: #000; background: #fff; max-width: 190mm; }
.ipm-checklist h1 { font-size: 12pt; margin: 0 0 1mm 0; }
.ipm-checklist h2 { font-size: 8.5pt; margin: 1.6mm 0 0.6mm 0; border-bottom: 1px solid #000; }
.ipm-checklist table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 8pt; }
.ipm-checklist td { border: 1px solid #999; padding: 0.3mm 1mm; vertical-align: top; font-size: 8pt; }
.ipm-checklist td.box { width: 4mm; }
.ipm-checklist td.check { width: 55%; }
.ipm-checklist .src { color: #333; font-size: 6pt; }
.ipm-checklist .note { font-size: 7pt; margin-bottom: 1mm; }
"""


def checklist_html(path: str | os.PathLike | None = None) -> PrintableHTML:
    """The whole checklist as one self-contained, black-on-white HTML page sized for one A4 sheet.

    Each line has a tick box, the check, what to do if it is positive, and its short source."""
    table = checklist(path=path)
    parts = [
        f"<style>{_CSS}</style>",
        '<div class="ipm-checklist">',
        "<h1>Safety before any procedure</h1>",
        '<div class="note"><b>Educational use only, not clinical advice.</b> '
        "A teaching summary; follow local policy and the current guideline.</div>",
    ]
    for domain, heading in DOMAINS.items():
        rows = table[table["domain"] == domain]
        if rows.empty:
            continue
        parts.append(f"<h2>{html.escape(heading)}</h2><table>")
        for row in rows.itertuples(index=False):
            source = data.short_citation(row.source_id, path)
            parts.append(
                '<tr><td class="box">&#9744;</td>'
                f'<td class="check">{html.escape(row.check)}</td>'
                f"<td>{html.escape(row.if_present)} "
                f'<span class="src">({html.escape(source)})</span></td></tr>'
            )
        parts.append("</table>")
    parts.append("</div>")
    return PrintableHTML("".join(parts))
