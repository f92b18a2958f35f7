"""Slide metadata for every cell of the course notebooks, and the slides' style sheet.

    python -m tools.slides notebooks            # every notebook, in place
    python -m tools.slides notebooks/04_*.ipynb # some

jupyterlab-rise reads each cell's ``slideshow.slide_type`` and the notebook's ``rise`` settings, and
loads ``rise.css`` from the notebook's folder. It has no per-cell setting that hides code (its
``hide-input`` tag is ignored), so ``rise.css`` hides the code of every code cell on the slides.

Slides are cut so that each fits a 1280x720 screen: a ``##`` heading starts a slide, ``###`` a
sub-slide, and a cell whose estimated height would overflow the current (sub-)slide starts a new
sub-slide (with the short text that introduces it). The estimate uses the stored outputs (image sizes,
table rows, text lines), so ``tools/execute_notebooks.py`` applies it after executing. The setup cell
(the one holding the lecture-mode switch) is skipped. Only metadata changes: sources and outputs stay.
"""

from __future__ import annotations

import base64
import math
import re
import struct
import sys
from pathlib import Path

import nbformat

from ipm_lib.course.lecture import SLIDES_CSS, TABLE_ROWS

# notebook-level settings read by jupyterlab-rise (merged over its defaults)
RISE = {
    "autolaunch": False,
    "center": False,  # slides start at the top: nothing is pushed above the screen
    "scroll": True,  # a safety net only: every slide is cut to fit without it
    "transition": "none",
    "slideNumber": True,
    "enable_chalkboard": False,
}

SLIDE_HEIGHT = 620  # px of a 720 px screen left for content (slide margins, number, controls)
CHART_HEIGHT = 0.6 * 720  # rise.css: charts at most 60 % of the screen's height
CONTENT_WIDTH = 1150  # px
CHARS_PER_LINE = 115  # markdown at 20 px
TABLE_CHARS = 165  # characters across a table at 14 px
TABLE_MAX = 0.5 * 720  # rise.css: a taller table is cut at half the screen's height
LINE = 28  # px per markdown line
WIDGET = 520  # a widget (controls and chart) takes most of a slide


def is_setup(cell) -> bool:
    return cell.cell_type == "code" and "lecture_control()" in cell.source


def _png_size(b64: str) -> tuple[int, int]:
    head = base64.b64decode(b64[:64])
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _text_lines(text: str, chars: int = CHARS_PER_LINE) -> int:
    return sum(max(1, math.ceil(len(line) / chars)) for line in text.splitlines() or [""])


def markdown_height(source: str) -> float:
    height = 0.0
    for line in source.splitlines():
        if line.startswith("# "):
            height += 70
        elif line.startswith("## "):
            height += 60
        elif line.startswith("### "):
            height += 46
        elif not line.strip():
            height += 10
        elif line.lstrip().startswith("|"):
            height += 34 if not set(line) <= set("|-: ") else 0
        else:
            height += LINE * _text_lines(line)
    return height + 16


def _cells(row: str) -> list[str]:
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]


def _table_height(html: str) -> float:
    """Header and first rows of a pandas table as rise.css shows them: columns share the width in
    proportion to their longest text (the browser's automatic table layout), text wraps inside them."""
    head = [
        _cells(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("<tbody>", 1)[0], re.S)
    ]
    body = [
        _cells(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("<tbody>", 1)[-1], re.S)
    ]
    shown = [r for r in head + body[:TABLE_ROWS] if r]
    if not shown:
        return 0.0
    n = max(len(r) for r in shown)
    longest = [max((len(r[i]) for r in shown if i < len(r)), default=1) or 1 for i in range(n)]
    total = sum(longest)
    width = [max(min(L, 8), TABLE_CHARS * L / total) if total > TABLE_CHARS else L for L in longest]
    height = 12.0 + (30 if len(body) > TABLE_ROWS else 0)
    for row in shown:
        lines = max((math.ceil(len(c) / width[i]) for i, c in enumerate(row) if c), default=1)
        height += 8 + 18 * max(1, lines)
    return min(height, TABLE_MAX)


def output_height(output) -> float:
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return 20 * _text_lines(output.get("text", ""), 120) + 10
    if "application/vnd.jupyter.widget-view+json" in data:
        return WIDGET
    if "image/png" in data:
        width, height = _png_size(data["image/png"])
        scale = min(1.0, CONTENT_WIDTH / width, CHART_HEIGHT / height)
        return height * scale + 10
    if "text/html" in data:
        html = data["text/html"]
        html = "".join(html) if isinstance(html, list) else html
        if 'class="dataframe"' in html:
            return _table_height(html)
        if html.lstrip().startswith("<details"):
            return 40
        text = re.sub(r"<[^>]+>", "", html)
        return 24 * _text_lines(text, 110) + 20
    if "text/plain" in data:
        text = data["text/plain"]
        text = "".join(text) if isinstance(text, list) else text
        return 20 * _text_lines(text, 120) + 10
    return 0.0


def cell_height(cell) -> float:
    if cell.cell_type == "markdown":
        return markdown_height(cell.source)
    if cell.cell_type == "code":
        return sum(output_height(o) for o in cell.get("outputs", []))
    return 0.0


def slide_types(nb) -> list[str]:
    """The slide type of each cell: 'slide', 'subslide', '-' (same slide) or 'skip'."""
    types: list[str] = []
    used = 0.0
    intro: int | None = None  # index of the markdown cell that introduces what follows
    for i, cell in enumerate(nb.cells):
        height = cell_height(cell)
        source = cell.source.lstrip()
        if is_setup(cell) or (cell.cell_type == "raw"):
            types.append("skip")
            continue
        if i == 0 or (cell.cell_type == "markdown" and source.startswith("## ")):
            types.append("slide")
            used, intro = height, None
            continue
        if cell.cell_type == "markdown" and source.startswith("### "):
            types.append("subslide")
            used, intro = height, i
            continue
        if used + height > SLIDE_HEIGHT and used > 0:
            start = i
            # keep a short introduction on the same sub-slide as the output it introduces
            if cell.cell_type == "code" and intro == i - 1 and types[intro] == "-":
                start = intro
            if start == intro:
                types[intro] = "subslide"
                used = cell_height(nb.cells[intro]) + height
                types.append("-")
            else:
                types.append("subslide")
                used = height
        else:
            types.append("-")
            used += height
        intro = i if cell.cell_type == "markdown" else None
    return types


def apply(nb) -> bool:
    """Set the slide metadata of every cell and the notebook's rise settings; return whether it changed."""
    changed = False
    for cell, kind in zip(nb.cells, slide_types(nb), strict=True):
        if cell.metadata.get("slideshow") != {"slide_type": kind}:
            cell.metadata["slideshow"] = {"slide_type": kind}
            changed = True
    if nb.metadata.get("rise") != RISE:
        nb.metadata["rise"] = dict(RISE)
        changed = True
    return changed


def write_css(folder: Path) -> Path:
    path = folder / "rise.css"
    if not path.is_file() or path.read_text(encoding="utf-8") != SLIDES_CSS:
        path.write_text(SLIDES_CSS, encoding="utf-8")
    return path


def process(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    changed = apply(nb)
    if changed:
        nbformat.write(nb, path)
    write_css(path.parent)
    return changed


def main(argv: list[str]) -> int:
    targets: list[Path] = []
    for arg in argv or ["notebooks"]:
        p = Path(arg)
        targets.extend(sorted(p.glob("*.ipynb")) if p.is_dir() else [p])
    for path in targets:
        print(f"{'updated' if process(path) else 'unchanged'} {path}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
