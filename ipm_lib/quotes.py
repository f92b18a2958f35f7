"""Every figure of a data row must appear in the source's own words (its ``quote``), or in its
note after "Derived:" saying how it was computed: the rule that keeps a figure tied to what was read.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from .data import Problem


def _line(index) -> int:
    return int(index) + 2  # header is line 1


# The columns that hold a row's figure(s), per table: each must appear in the row's quote. Arm sizes
# (outcomes treatment_n/control_n), time points and publication or price years are context, not the
# figure, and are not checked.
FIGURE_COLUMNS = {
    "prevalence": ["value", "low", "high"],
    "procedure_facts": ["value", "low", "high"],
    "thresholds": ["value", "low", "high"],
    "costs": ["amount", "low", "high"],
    "complications": ["rate_pct", "rate_low_pct", "rate_high_pct", "events", "denominator"],
    "outcomes": [
        "treatment_value",
        "control_value",
        "effect",
        "effect_low",
        "effect_high",
    ],
    "opioid_conversion": ["mme_factor"],
    "anticoagulants": ["stop_before_days", "restart_after_hours"],
    "repeat_rules": ["max_sessions", "per_months", "min_relief_pct", "min_interval_months"],
    "pain_burden": ["value", "low", "high"],
    "pain_definitions": ["low", "high"],
    "opioid_dose_risk": ["value", "low", "high"],
}
# A figure the source does not state in so many words (a rate computed from counts, a unit
# converted) is exempt when the row's note says how it was derived, naming the figure after
# "Derived:", e.g. "Derived: 0.0038 = 2/52,935 procedures." Only the figures named in that sentence
# (up to the next full stop that ends a sentence) are exempt.
DERIVED = re.compile(r"\bderived:(.*?)(?:\.(?:\s|$)|$)", re.IGNORECASE | re.DOTALL)
DERIVED_HINT = "Derived: <figure> = <how>"
# A number as written in prose: 1,857 or 1 857 (thousands), 2.4, 2·4, .15, 16638. Signs are ignored
# (a change of -1.2 is quoted as "a reduction of 1.2"); nothing is rounded.
_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:[,\u2009\u202f\u00a0 ]\d{3})+(?!\d)(?:\.\d+)?")
_PLAIN = re.compile(r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d*\.\d+|\d+)")
_SEPARATORS = re.compile(r"[,\u2009\u202f\u00a0 ]")
_WORDS = {
    "no": 0,
    "none": 0,
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.IGNORECASE)


def quoted_numbers(quote: str) -> set[Decimal]:
    """Every number written in ``quote``, as exact decimals (formatting removed, signs dropped).

    "1,857" and "100 000" give 1857 and 100000 ("100 000" also gives 100 and 0, in case the space
    was not a thousands separator), "2.40%" and "2·4" give 2.4, ".15" gives 0.15, "six" gives 6, and
    "no" or "none" give 0 (as in "no dural punctures occurred"). Nothing is rounded.
    """
    text = quote.replace("\u00b7", ".")
    found = set()
    for pattern in (_GROUPED, _PLAIN):
        for match in pattern.finditer(text):
            found.add(Decimal(_SEPARATORS.sub("", match.group(0))).normalize())
    for match in _WORD.finditer(text):
        found.add(Decimal(_WORDS[match.group(1).lower()]))
    return found


def _as_decimal(value) -> Decimal:
    return abs(Decimal(repr(float(value)))).normalize()


def _row_name(name: str, df: pd.DataFrame, idx, key: list[str]) -> str:
    parts = [str(df.at[idx, c]) for c in key if c in df.columns and pd.notna(df.at[idx, c])]
    return "/".join(parts)


def quote_problems(name: str, df: pd.DataFrame, file: str, key: list[str]) -> list[Problem]:
    """Each figure of a row must appear in its quote, or in its note after "Derived:" (how it was
    computed from what the source says)."""
    problems = []
    columns = [c for c in FIGURE_COLUMNS.get(name, []) if c in df.columns]
    if not columns or "quote" not in df.columns:
        return problems
    notes = df["note"] if "note" in df.columns else pd.Series("", index=df.index)
    for idx in df.index:
        note = str(notes[idx]) if pd.notna(notes[idx]) else ""
        quote = df.at[idx, "quote"]
        numbers = quoted_numbers(str(quote)) if pd.notna(quote) else set()
        for derived in DERIVED.finditer(note):
            numbers |= quoted_numbers(derived.group(1))
        for column in columns:
            figure = df.at[idx, column]
            if pd.isna(figure) or _as_decimal(figure) in numbers:
                continue
            shown = f"{float(figure):g}"
            how = (
                f"or, if the figure was computed, say how in note as '{DERIVED_HINT}'"
                if "note" in df.columns
                else "(this table has no note column, so the figure must be quoted)"
            )
            problems.append(
                Problem(
                    file,
                    _line(idx),
                    column,
                    f"row {_row_name(name, df, idx, key)}: figure {shown} is not in the quote: "
                    f"quote the source's own words that hold it, {how}",
                )
            )
    return problems
