"""Scan stored notebook outputs for what a student should never see.

``readability_problems(folder)``: tables with snake_case headings, NaN / ``<NA>`` / ``None`` cells, a
bare 0..n index, and raw Python reprs (``{'percent': 71.4}``, ``['a', 'b']``, ``np.float64(3)``).
``frequency_problems(folder)``: natural frequencies with a fraction of a person ("3.8 in 100") or
doubled hedges ("about fewer than 1 in 100"), in the outputs and in the stored widget state
(``application/vnd.jupyter.widget-state+json`` in the notebook metadata).

Both take a folder of ``.ipynb`` files (the course's ``notebooks/`` or executed copies in a temporary
folder) and return ``Finding`` rows naming the notebook, the cell and what was found. Run as
``python -m tools.stored_outputs FOLDER`` to print them.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
MISSING = {"nan", "<na>", "none", "nat"}
REPR = re.compile(
    r"\{'[^'\n]{1,80}':"  # a dict with string keys
    r"|\[(?:'[^'\n]*'|\"[^\"\n]*\"|-?\d+(?:\.\d+)?)(?:, (?:'[^'\n]*'|\"[^\"\n]*\"|-?\d+(?:\.\d+)?))*\]"
    r"|\bnp\.(?:float|int|str_|bool_)\w*\("  # numpy 2 scalar reprs
    r"|\(\s*'[^'\n]*',\s*-?\d"  # a tuple of a name and a number
)
FRACTION = re.compile(r"\b\d+\.\d+ in (?:10|100|1,?000|10,?000|100,?000)\b")
DOUBLED = re.compile(r"\babout (?:about|fewer than|more than)\b")
TAGS = re.compile(r"<[^>]+>")
# code shown as code (solutions), style sheets and scripts are not text a student reads
CODE = re.compile(r"<(pre|code|style|script)\b.*?</\1>", re.S | re.I)


@dataclass(frozen=True)
class Finding:
    notebook: str
    cell: int | str  # a cell's index, or "widget state"
    what: str

    def __str__(self) -> str:
        where = f"cell {self.cell}" if isinstance(self.cell, int) else self.cell
        return f"{self.notebook}, {where}: {self.what}"


def _notebooks(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of notebooks")
    return sorted(folder.glob("*.ipynb"))


def _join(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def outputs(nb: dict) -> Iterator[tuple[int, str, str]]:
    """(cell index, mime type, text) of every stored text output. Plain text is given only when an
    output has no HTML (a DataFrame's text/plain twin is not what the student sees)."""
    for index, cell in enumerate(nb.get("cells", [])):
        for out in cell.get("outputs", []) or []:
            if "text" in out:
                yield index, "stream", _join(out["text"])
            bundle = out.get("data", {}) or {}
            if "text/html" in bundle:
                yield index, "text/html", _join(bundle["text/html"])
            elif "text/markdown" in bundle:
                yield index, "text/markdown", _join(bundle["text/markdown"])
            elif "text/plain" in bundle:
                yield index, "text/plain", _join(bundle["text/plain"])


def widget_texts(nb: dict) -> Iterator[str]:
    """Every string held in the stored widget state (HTML values, labels, Output widgets' outputs)."""
    state = (nb.get("metadata", {}).get("widgets", {}) or {}).get(WIDGET_STATE, {}) or {}

    def strings(value) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for k, v in value.items():
                # _model_name, _view_module: machinery; image/png: pictures in an Output widget
                if not str(k).startswith(("_", "image/")):
                    yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    for model in (state.get("state", {}) or {}).values():
        yield from strings(model.get("state", {}))


def _cells(fragment: str, tag: str) -> list[str]:
    found = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", fragment, re.S | re.I)
    return [html.unescape(TAGS.sub("", c)).strip() for c in found]


def table_problems(fragment: str) -> list[str]:
    """What is wrong with the HTML tables in one output (empty if none or all readable)."""
    problems = []
    for table in re.findall(r"<table\b.*?</table>", fragment, re.S | re.I):
        head = re.search(r"<thead\b.*?</thead>", table, re.S | re.I)
        body = re.search(r"<tbody\b.*?</tbody>", table, re.S | re.I)
        headings = _cells(head.group(0), "th") if head else []
        snake = sorted({h for h in headings if SNAKE.fullmatch(h)})
        if snake:
            problems.append(f"snake_case headings {snake}")
        cells = _cells(body.group(0) if body else table, "td")
        missing = [c for c in cells if c.lower() in MISSING]
        if missing:
            problems.append(f"{len(missing)} missing values shown as {sorted(set(missing))}")
        if body:
            rows = re.findall(r"<tr\b[^>]*>\s*<th\b[^>]*>(.*?)</th>", body.group(0), re.S | re.I)
            labels = [TAGS.sub("", r).strip() for r in rows]
            if len(labels) >= 2 and labels == [str(i) for i in range(len(labels))]:
                problems.append(f"a bare index 0..{len(labels) - 1}")
    return problems


def readability_problems(folder: str | Path) -> list[Finding]:
    """Raw-dump symptoms in the stored outputs of every notebook in ``folder``."""
    found = []
    for path in _notebooks(folder):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, mime, text in outputs(nb):
            if mime == "text/html":
                found += [Finding(path.name, index, p) for p in table_problems(text)]
                text = html.unescape(TAGS.sub(" ", CODE.sub(" ", text)))
            for match in REPR.finditer(text):
                found.append(Finding(path.name, index, f"a Python repr {match.group(0)!r}"))
    return found


def _frequency_findings(name: str, where: int | str, text: str) -> list[Finding]:
    text = html.unescape(TAGS.sub(" ", text))
    return [
        Finding(name, where, f"{kind} {m.group(0)!r}")
        for pattern, kind in ((FRACTION, "a fraction of a person"), (DOUBLED, "a doubled hedge"))
        for m in pattern.finditer(text)
    ]


def frequency_problems(folder: str | Path) -> list[Finding]:
    """Natural frequencies that are not whole people, in outputs and stored widget state."""
    found = []
    for path in _notebooks(folder):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, _mime, text in outputs(nb):
            found += _frequency_findings(path.name, index, text)
        for text in widget_texts(nb):
            found += _frequency_findings(path.name, "widget state", text)
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tools.stored_outputs FOLDER", file=sys.stderr)
        return 2
    findings = readability_problems(argv[0]) + frequency_problems(argv[0])
    for f in findings:
        print(f)
    print(f"{len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
