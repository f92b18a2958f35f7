"""Checks for the notebook exercises. Expected answers are computed from the dataset and the
library at run time, so a data update never leaves a stale answer key.

How answers are compared (see docs/exercises.md):

* tolerant where the difference does not matter: case, surrounding and repeated spaces in a text; a
  list, tuple or pandas column where a set is expected; a whole number given as 3.0; numbers within
  1 % (or 0.05) of the expected value; numpy numbers as well as Python ones;
* strict where it does: a True/False answer must be a boolean (``1`` is not ``True``), a number must
  not be a boolean, and text is not a number (``"66.4"`` gets "remove the quotes", not a pass);
* a hint for the usual slips: a fraction where a percentage is asked (0.664 for 66.4), a sign the
  wrong way round, a number needed to treat rounded down, a one-value pandas column instead of the
  value, an id that is not in the dataset.

Feedback says what is wrong without giving the answer away (too high or too low, and roughly by how
much). Every checked answer is saved with ``progress.record_exercise``.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import anticoagulation, data, opioids, pathway, risk, trajectory, ui
from . import progress


def _cancer_pain() -> float:
    prev = data.load("prevalence")
    row = prev[
        (prev["source_id"] == "vandenbeuken2016_cancer")
        & prev["population"].str.contains("advanced")
    ]
    return float(row["value"].iloc[0])


def _edition_changes() -> set[str]:
    bleed = data.load("bleeding_risk")
    # rows for the whole procedure that give a class ("not classified" says the edition is silent)
    bleed = bleed[(bleed["detail"] == "") & (bleed["risk_class"] != "not classified")]
    by = bleed.groupby(["procedure_id", "edition"], observed=True)["risk_class"].agg(
        lambda s: set(s.astype(str))
    )
    by = by.unstack("edition")
    both = by.dropna(subset=["2015 (1st edition)", "2018 (2nd edition)"])
    return {p for p, r in both.iterrows() if r["2015 (1st edition)"] != r["2018 (2nd edition)"]}


def _procedure_ids() -> set[str]:
    return set(data.load("procedures")["procedure_id"])


def _taper() -> float:
    change = opioids.taper_change(
        [("oxycodone", 20, 2), ("tramadol", 50, 2)], [("oxycodone", 10, 2)]
    )
    return change["change_pct"]


def _nnt() -> int:
    out = risk.outcome("c_o01")
    return math.ceil(
        risk.Comparison(out["treatment_value"] / 100, out["control_value"] / 100).number_needed
    )


def _change() -> str:
    return trajectory.change_category(8, 5)["category"]


def _categories() -> set[str]:
    return {trajectory.change_category(10, c / 2)["category"] for c in range(21)}


POLICIES_PARAMS = {"response_rate": 0.3, "relief_median_months": 6, "seed": 1}


def _policies() -> float:
    means = {}
    for policy in ("repeat_on_return", "stop_after_failure"):
        p = pathway.PathwayParams(**POLICIES_PARAMS, policy=policy)
        means[policy] = float(pathway.simulate(p)[0]["procedures"].mean())
    return means["repeat_on_return"] - means["stop_after_failure"]


def _mint() -> bool:
    out = risk.outcome("mint_facet_pain_3mo")
    two_points = trajectory.thresholds().loc["farrar_raw_2pt", "value"]
    return bool(abs(out["effect"]) < two_points)


def _acenocoumarol_scs_trial() -> float:
    return anticoagulation.guidance("scs_trial", "acenocoumarol")["stop_before_days"]


@dataclass(frozen=True)
class Exercise:
    """An exercise's answer key: how to compute it, what kind of answer it is, and its unit."""

    compute: Callable[[], object]
    kind: str  # what the answer is, in the student's words
    answer_type: str  # "number", "whole number", "text", "set" or "boolean"
    unit: str = ""  # "percent": a fraction gets a hint; "change": a sign the wrong way gets a hint
    known: Callable[[], set[str]] | None = None  # the valid texts or ids, for "text" and "set"


EXERCISES: dict[str, Exercise] = {
    "01_cancer_pain": Exercise(
        _cancer_pain,
        "a percentage: filter prevalence for source vandenbeuken2016_cancer",
        "number",
        "percent",
    ),
    "02_edition_changes": Exercise(
        _edition_changes, "a set of procedure_id values", "set", known=_procedure_ids
    ),
    "03_taper": Exercise(
        _taper, "a percentage change (negative for a fall)", "number", "percent change"
    ),
    "04_nnt": Exercise(_nnt, "a whole number: round up 1 / risk difference", "whole number"),
    "05_change": Exercise(
        _change,
        "the category name that trajectory.change_category returns",
        "text",
        known=_categories,
    ),
    "06_policies": Exercise(_policies, "a difference in mean procedures per patient", "number"),
    "07_mint": Exercise(_mint, "True or False", "boolean"),
    "08_acenocoumarol": Exercise(_acenocoumarol_scs_trial, "a number of days", "number"),
}


class Feedback:
    """The verdict on an answer: ``correct`` is True, False, or None (not answered yet)."""

    def __init__(self, text: str, correct: bool | None):
        self.text, self.correct = text, correct

    def _repr_html_(self) -> str:
        return ui.message_box(self.text, {True: "ok", False: "error", None: "info"}[self.correct])

    def __repr__(self) -> str:
        return self.text


class _Wrong(Exception):
    """The answer is not right; the message says why (already HTML-escaped where needed)."""


def _show(answer) -> str:
    text = repr(answer)
    return html.escape(text if len(text) <= 60 else text[:57] + "...")


_CONTAINERS = {
    pd.Series: "a pandas Series (a column)",
    pd.DataFrame: "a pandas DataFrame (a table)",
    pd.Index: "a pandas Index",
    np.ndarray: "a numpy array",
}


def _unwrap(answer):
    """A pandas column or array of one value stands for that value only with a hint."""
    if isinstance(answer, tuple(_CONTAINERS)):
        n = answer.size
        what = next(v for k, v in _CONTAINERS.items() if isinstance(answer, k))
        if n == 1:
            raise _Wrong(
                f"You gave {what} holding one value, not the value itself: take it out with "
                "<code>.iloc[0]</code> (or <code>.item()</code>)."
            )
        raise _Wrong(f"You gave {what} of {n} values; the answer is one value.")
    return answer


def _is_bool(x) -> bool:
    return isinstance(x, (bool, np.bool_))


def _number(answer) -> float:
    answer = _unwrap(answer)
    if _is_bool(answer):
        raise _Wrong(f"{answer} is a boolean (True or False), not a number.")
    if isinstance(answer, str):
        raise _Wrong(
            f"You gave text ({_show(answer)}), not a number: remove the quotes "
            "(and any % sign) so that Python can calculate with it."
        )
    if not isinstance(answer, numbers.Real):
        raise _Wrong(f"You gave {type(answer).__name__} {_show(answer)}, not a number.")
    value = float(answer)
    if math.isnan(value):
        raise _Wrong("Your answer is NaN (not a number): did a filter find no row?")
    if math.isinf(value):
        raise _Wrong("Your answer is infinite: did you divide by zero?")
    return value


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.01, abs_tol=0.05)


def _how_far(value: float, expected: float) -> str:
    """Too high or too low, and roughly by how much, without giving the expected value away."""
    way = "too high" if value > expected else "too low"
    if expected == 0 or (value < 0) != (expected < 0):
        return f"Your answer {value:g} is {way}."
    ratio = abs(value / expected)
    if 0.9 <= ratio <= 1.1:
        size = "but within 10 %: check your rounding and inputs"
    elif 0.5 <= ratio <= 2:
        size = "by more than 10 % but less than double"
    else:
        size = "by more than a factor of 2"
    return f"Your answer {value:g} is {way}, {size}."


def _check_number(ex: Exercise, answer, expected: float) -> None:
    value = _number(answer)
    if _close(value, expected):
        return
    if "percent" in ex.unit and not _close(value * 100, value) and _close(value * 100, expected):
        raise _Wrong(
            f"{value:g} looks like a fraction; the answer is a percentage (66.4, not 0.664): "
            "multiply by 100."
        )
    if ex.unit == "percent change" and _close(-value, expected):
        raise _Wrong("The size is right but the sign is not: a fall is negative, a rise positive.")
    raise _Wrong(_how_far(value, expected))


def _check_whole(answer, expected: int) -> None:
    value = _number(answer)
    if not value.is_integer():
        if math.ceil(value) == expected:
            raise _Wrong(f"{value:g} is not a whole number: round it up (<code>math.ceil</code>).")
        raise _Wrong(f"{value:g} is not a whole number, and rounding it would not give the answer.")
    if value == expected:
        return
    if value < 0:
        raise _Wrong(
            "A number needed to treat is positive when the treatment helps: "
            "1 / (treatment rate - control rate)."
        )
    if value == expected - 1:
        raise _Wrong(f"{value:g} is one too low: did you round down? Round up (math.ceil).")
    raise _Wrong(_how_far(value, expected))


def _norm(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def _check_text(ex: Exercise, answer, expected: str) -> None:
    answer = _unwrap(answer)
    if not isinstance(answer, str):
        raise _Wrong(
            f"You gave {type(answer).__name__} {_show(answer)}; the answer is a text, in quotes."
        )
    if _norm(answer) == _norm(expected):
        return
    known = {_norm(k) for k in ex.known()} if ex.known else set()
    if _norm(answer) in known:
        raise _Wrong(f"{_show(answer)} is one of the categories, but not the one for this change.")
    if known:
        raise _Wrong(
            f"{_show(answer)} is not one of the category names; they are: "
            + ", ".join(f"&quot;{html.escape(k)}&quot;" for k in sorted(known))
            + "."
        )
    raise _Wrong(f"{_show(answer)} is not the expected text.")


def _check_set(ex: Exercise, answer, expected: set[str]) -> None:
    if isinstance(answer, str):
        raise _Wrong(
            f"You gave one text ({_show(answer)}); the answer is a set of ids, such as "
            '<code>{"id_1", "id_2"}</code>.'
        )
    if isinstance(answer, dict) or not isinstance(
        answer, (set, frozenset, list, tuple, pd.Series, pd.Index, np.ndarray)
    ):
        raise _Wrong(f"You gave {type(answer).__name__}; the answer is a set of ids.")
    items = list(answer.ravel() if isinstance(answer, np.ndarray) else answer)
    not_text = [i for i in items if not isinstance(i, str)]
    if not_text:
        raise _Wrong(f"The ids are texts; {_show(not_text[0])} is not.")
    given = {i.strip().casefold() for i in items}
    want = {i.strip().casefold() for i in expected}
    if given == want:
        return
    if ex.known:
        valid = {k.casefold() for k in ex.known()}
        unknown = sorted({i.strip() for i in items if i.strip().casefold() not in valid})
        if unknown:
            raise _Wrong(
                "Not ids in the dataset: " + ", ".join(_show(u) for u in unknown[:5]) + "."
            )
    missing, extra = len(want - given), len(given - want)
    parts = []
    if extra:
        parts.append(f"{extra} of yours {'is' if extra == 1 else 'are'} not in the answer")
    if missing:
        parts.append(f"{missing} {'is' if missing == 1 else 'are'} missing")
    raise _Wrong(
        f"{len(given & want)} of your {len(given)} ids are right; " + "; ".join(parts) + "."
    )


def _check_bool(answer, expected: bool) -> None:
    answer = _unwrap(answer)
    if isinstance(answer, str):
        raise _Wrong(f"You gave text ({_show(answer)}): write True or False without quotes.")
    if not _is_bool(answer):
        raise _Wrong(
            f"{_show(answer)} is a {type(answer).__name__}, not a boolean: write True or False "
            "(in Python 1 == True, but this answer must say yes or no)."
        )
    if bool(answer) != expected:
        raise _Wrong(f"{bool(answer)} is not right: look again at the two numbers you compare.")


def check(name: str, answer) -> Feedback:
    """Compare an answer with the value computed from the current data, save the result, say why."""
    data.check_name("exercise", name, EXERCISES)
    ex = EXERCISES[name]
    if answer is None:
        return Feedback(
            f"Not answered yet: replace None with your answer ({html.escape(ex.kind)}).", None
        )
    expected = ex.compute()
    checker = {
        "number": lambda: _check_number(ex, answer, expected),
        "whole number": lambda: _check_whole(answer, expected),
        "text": lambda: _check_text(ex, answer, expected),
        "set": lambda: _check_set(ex, answer, expected),
        "boolean": lambda: _check_bool(answer, expected),
    }[ex.answer_type]
    try:
        checker()
    except _Wrong as wrong:
        progress.record_exercise(name, False)
        return Feedback(
            f"Not yet. {wrong} <small>(Expected {html.escape(ex.kind)}.)</small>", False
        )
    progress.record_exercise(name, True)
    return Feedback("Correct.", True)
