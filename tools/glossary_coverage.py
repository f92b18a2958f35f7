"""Which abbreviations and trial names a student meets that the glossary does not define.

The texts scanned are what a student reads: notebook markdown and stored outputs (code shown as
code is left out), the stored widget state, ``data/quiz.json``, ``data/cases.json``, and the string
literals of the explorers (``ipm_lib/widgets.py``, ``ipm_lib/explorers/``), docstrings left out.

A candidate is a token of two or more capitals or digits that starts with a capital (``MBB``,
``NG59``, ``L5``, ``CrCl``, ``AoMRC``, ``SENZA-RCT``), or a trial name of ``outcomes.csv``.
Mixed-case names with more small letters than capitals (``McMaster``, ``UpToDate``) are words,
not abbreviations. A plural ``s`` is dropped (``RCTs`` -> ``RCT``); a hyphenated token is covered
when the whole or each part is in the glossary. ``ALLOWED`` lists the non-terms with a reason.

``python -m tools.glossary_coverage`` prints every uncovered term and where it appears.
"""

from __future__ import annotations

import ast
import html
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from tools.stored_outputs import CODE, TAGS, outputs, widget_texts

ROOT = Path(__file__).resolve().parents[1]

TOKEN = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w-])")
TRIAL = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w-])")

#: Tokens that are not course terms, each with the reason it needs no glossary entry.
ALLOWED = {
    "A4": "a paper size (the printable checklist), not a clinical term",
    "CI": "confidence interval: every table heading writes it as '95% CI' and 03 defines it",
    "DOI": "a citation identifier shown beside sources, not clinical vocabulary",
    "HTML": "a file format named in instructions for printing",
    "US": "the country (United States), not a clinical term",
    "USA": "the country (United States), not a clinical term",
    "UK": "the country (United Kingdom), not a clinical term",
    "USD": "a currency code beside an amount",
    "CAD": "a currency code beside an amount",
    "GBP": "a currency code beside an amount",
    "NaN": "pandas' missing-value marker; tests/test_stored_readability.py forbids it in tables",
    "NA": "pandas' missing-value marker ('<NA>'); tests/test_stored_readability.py forbids it",
    "II": "a Roman numeral (a trial phase or an edition)",
    "README": "a file name",
    "VBox": "a widget class name in an error message for developers",
    "PathwayParams": "a library class name shown to lecturers changing the simulator",
    "VirtualPatient": "a library class name (the case-study widget)",
    "LazyTabs": "a library class name in the dashboard's code",
}

#: Patterns of tokens that are not terms: a vertebral level (L4, C6-C7, L5-S1) names a place on the
#: spine, not an abbreviation to define; a PubMed Central id (PMC10391586) is a citation identifier.
NOT_TERMS = re.compile(r"(?:[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?|PMC\d+)")

#: Words in capitals that are emphasis or labels, not abbreviations.
EMPHASIS = {"NO", "NOT", "DISAGREES", "STRONG", "AXIAL", "RADICULAR", "EXTERNAL", "SECONDARY",
            "OR", "AND", "ALL", "ONLY", "BEFORE", "AFTER", "TRUE", "FALSE"}  # fmt: skip


# an author's initials in a short citation: "McGrath JM et al.", "Petersen EA (2021)", "Kreiner DS,",
# "Williams ACdeC et al."
INITIALS = re.compile(
    r"\b([A-Z][a-z'’]+(?:[A-Z][a-z'’]+)*(?:-[A-Z][a-z]+)?) (?:[A-Z][A-Za-z]{0,5}(?= et al\b)|[A-Z]{1,4}(?=,| \(\d{4}))"
)


def candidates(text: str) -> set[str]:
    """Abbreviation-like tokens of a text (see the module docstring)."""
    found = set()
    for token in TOKEN.findall(INITIALS.sub(r"\1", text)):
        letters = token.replace("-", "")
        upper = sum(c.isupper() or c.isdigit() for c in letters)
        lower = sum(c.islower() for c in letters)
        if upper >= 2 and lower <= upper:
            found.add(token)
    return found


def trial_names(root: Path = ROOT) -> set[str]:
    """Trial names as ``outcomes.csv`` writes them (the capitalised names: MINT, SENZA-RCT, ...)."""
    import csv

    with open(root / "data" / "outcomes.csv", encoding="utf-8") as f:
        trials = {row["trial"] for row in csv.DictReader(f)}
    return {name for t in trials for name in TRIAL.findall(t)}


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _reading(text: str) -> str:
    return html.unescape(TAGS.sub(" ", CODE.sub(" ", text)))


def python_texts(path: Path) -> Iterator[str]:
    """String literals of a module, docstrings left out (f-strings give their literal parts)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings and " " in node.value:
            yield node.value


def course_texts(root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a student reads."""
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{path.name} cell {index} (markdown)", _reading("".join(cell["source"]))
        for index, _mime, text in outputs(nb):
            yield f"{path.name} cell {index} (output)", _reading(text)
        for text in widget_texts(nb):
            yield f"{path.name} (widget state)", _reading(text)
    for name in ("quiz.json", "cases.json"):
        content = json.loads((root / "data" / name).read_text(encoding="utf-8"))
        for text in _strings(content):
            yield f"data/{name}", text
    modules = [
        root / "ipm_lib" / "widgets.py",
        *sorted((root / "ipm_lib" / "explorers").rglob("*.py")),
    ]
    for path in modules:
        if path.exists():
            for text in python_texts(path):
                yield str(path.relative_to(root)), _reading(text)


def glossary_terms(root: Path = ROOT) -> set[str]:
    import csv

    with open(root / "data" / "glossary.csv", encoding="utf-8") as f:
        return {row["term"].strip() for row in csv.DictReader(f)}


def covered(token: str, terms: set[str]) -> bool:
    """Whether a glossary (or the allow-lists) accounts for a token."""
    lower = {t.lower() for t in terms}

    def one(t: str) -> bool:
        if t in terms or t in ALLOWED or t in EMPHASIS or NOT_TERMS.fullmatch(t):
            return True
        if t.endswith("s") and t[:-1] in terms:
            return True
        if any(term.startswith(t + " ") for term in terms):  # "HPA" of "HPA axis"
            return True
        return t.isupper() is False and t.lower() in lower and sum(c.isupper() for c in t) < 2

    if one(token):
        return True
    parts = token.split("-")
    return len(parts) > 1 and all(one(p) or not candidates(p) for p in parts)


def uncovered(
    texts: Iterable[tuple[str, str]], terms: set[str], trials: set[str] = frozenset()
) -> dict[str, list[str]]:
    """Each uncovered term and where it appears (first few places)."""
    missing: dict[str, list[str]] = {}
    trial_pattern = (
        re.compile(
            r"(?<![\w-])(?:"
            + "|".join(map(re.escape, sorted(trials, key=len, reverse=True)))
            + r")(?![\w-])"
        )
        if trials
        else None
    )
    for where, text in texts:
        tokens = candidates(text)
        if trial_pattern:
            tokens |= set(trial_pattern.findall(text))
        for token in tokens:
            if not covered(token, terms):
                places = missing.setdefault(token, [])
                if where not in places and len(places) < 3:
                    places.append(where)
    return dict(sorted(missing.items()))


def main() -> int:
    missing = uncovered(course_texts(), glossary_terms(), trial_names())
    for term, places in missing.items():
        print(f"{term}\t{'; '.join(places)}")
    print(f"{len(missing)} terms not in data/glossary.csv")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
