"""The course glossary for readers: hover definitions and the glossary page.

``abbr(text)`` escapes a text for HTML and wraps each glossary term in it (first occurrence) in
``<abbr title="expansion: definition (source)">``, so a table cell or an explorer's sentence shows the
definition on hover. ``table()`` is the whole glossary as a reading table (short citations, the
source id in the hover title of the HTML page); ``page()`` renders it.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pandas as pd

from . import data

_WORD = r"[A-Za-z0-9]"


def _title(row) -> str:
    parts = []
    if isinstance(row["expansion"], str) and row["expansion"].strip():
        parts.append(row["expansion"].strip() + ":")
    parts.append(str(row["definition"]).strip())
    if isinstance(row["source_id"], str) and row["source_id"].strip():
        parts.append(f"({data.short_citation(row['source_id'])})")
    return " ".join(parts)


@cache
def _compiled(folder: Path) -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    table = data.glossary(folder)
    titles = {str(r["term"]): _title(r) for _, r in table.iterrows()}
    exact = {t: titles[t] for t in titles if any(c.isupper() for c in t)}  # abbreviations, names
    loose = {t.lower(): titles[t] for t in titles if t not in exact}  # plain words, any case
    terms = sorted(titles, key=len, reverse=True)  # longest first: "SENZA-RCT" before "SENZA"
    alternatives = "|".join(
        re.escape(t) if t in exact else "(?i:" + re.escape(t) + ")" for t in terms
    )
    pattern = re.compile(rf"(?<!{_WORD})(?<!-)(?:{alternatives})(?!{_WORD})(?!-{_WORD})")
    return pattern, exact, loose


def titles() -> dict[str, str]:
    """Every glossary term and the hover text ``abbr`` gives it."""
    _, exact, loose = _compiled(data.data_dir().resolve())
    table = data.glossary()
    out = {}
    for term in table["term"]:
        out[str(term)] = exact.get(str(term)) or loose[str(term).lower()]
    return out


def abbr(text: object) -> str:
    """``text`` as HTML with each glossary term, on its first occurrence, in an ``<abbr>`` whose
    title is the definition. Abbreviations match in their own case (``LAST``, not "last"); plain
    words match in any case. Everything else is escaped."""
    text = "" if text is None else str(text)
    pattern, exact, loose = _compiled(data.data_dir().resolve())
    seen: set[str] = set()
    out, last = [], 0
    for match in pattern.finditer(text):
        word = match.group(0)
        key = word if word in exact else word.lower()
        title = exact.get(word) or loose.get(word.lower())
        if title is None or key in seen:
            continue
        seen.add(key)
        out.append(html.escape(text[last : match.start()]))
        out.append(f'<abbr title="{html.escape(title, quote=True)}">{html.escape(word)}</abbr>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def table() -> pd.DataFrame:
    """The whole glossary, A to Z whatever the case: term, what it stands for, meaning, source."""
    g = data.glossary()
    return pd.DataFrame(
        {
            "Term": g["term"].astype(str),
            "Stands for": g["expansion"].fillna("").astype(str),
            "Meaning": g["definition"].astype(str),
            "source_id": g["source_id"].fillna("").astype(str),
        }
    ).reset_index(drop=True)


def page():
    """The glossary as one readable table (not folded: a page to read and search with Ctrl+F)."""
    from . import tables

    return tables.show(table(), fold_after=None, glossary_hover=False)
