"""Exercise checks: tolerant where a difference does not matter, strict where it does, and feedback
that says what is wrong. Expected values here come from the solutions (tests/test_course_tools.py
checks that each solution passes), never from the checker itself."""

from __future__ import annotations

import json
import runpy

import numpy as np
import pandas as pd
import pytest

from ipm_lib import data
from ipm_lib.course import exercises

from .conftest import ROOT


def solution(name: str):
    return runpy.run_path(str(ROOT / "notebooks" / "solutions" / f"{name}.py"))["answer"]


def verdict(name, answer):
    fb = exercises.check(name, answer)
    return fb.correct, fb.text


# ------------------------------------------------------------------ tolerant where harmless


def test_text_ignores_case_and_spaces():
    answer = solution("05_change")
    for variant in (answer.upper(), f"  {answer}  ", answer.replace(" ", "   "), answer.title()):
        assert exercises.check("05_change", variant).correct is True, variant


def test_text_that_is_another_category_or_none_says_so():
    answer = solution("05_change")
    other = "no improvement" if answer != "no improvement" else "substantial improvement"
    correct, text = verdict("05_change", other)
    assert correct is False and "one of the categories, but not" in text
    correct, text = verdict("05_change", "better")
    assert correct is False and "not one of the category names" in text and answer in text
    correct, text = verdict("05_change", 3)
    assert correct is False and "text, in quotes" in text


@pytest.mark.parametrize("kind", [list, tuple, frozenset, pd.Series, np.array])
def test_a_set_may_be_given_as_any_collection(kind):
    answer = sorted(solution("02_edition_changes"))
    assert exercises.check("02_edition_changes", kind(answer)).correct is True
    assert exercises.check("02_edition_changes", [a.upper() for a in answer] + answer).correct


def test_a_set_with_missing_extra_or_unknown_ids_says_how_many():
    answer = sorted(solution("02_edition_changes"))
    other = sorted(set(data.load("procedures")["procedure_id"]) - set(answer))[0]
    correct, text = verdict("02_edition_changes", set(answer[1:]))
    assert correct is False and "1 is missing" in text and "of yours" not in text
    correct, text = verdict("02_edition_changes", {*answer, other})
    assert correct is False and "1 of yours is not in the answer" in text and other not in text
    correct, text = verdict("02_edition_changes", {*answer, "medial_branch_block_x"})
    assert correct is False and "Not ids in the dataset" in text and "medial_branch_block_x" in text
    correct, text = verdict("02_edition_changes", answer[0])
    assert correct is False and "one text" in text


def test_numbers_within_one_percent_and_numpy_numbers_pass():
    answer = solution("01_cancer_pain")
    for variant in (answer, answer * 1.005, np.float64(answer), round(answer)):
        if abs(variant - answer) <= max(0.01 * abs(answer), 0.05):
            assert exercises.check("01_cancer_pain", variant).correct is True, variant
    assert exercises.check("04_nnt", np.int64(solution("04_nnt"))).correct is True
    assert exercises.check("04_nnt", float(solution("04_nnt"))).correct is True
    assert exercises.check("08_acenocoumarol", int(solution("08_acenocoumarol"))).correct is True


# ------------------------------------------------------------------ hints for the usual slips


def test_a_fraction_for_a_percentage_gets_a_hint():
    answer = solution("01_cancer_pain")
    correct, text = verdict("01_cancer_pain", answer / 100)
    assert correct is False and "looks like a fraction" in text and "multiply by 100" in text


def test_a_fall_given_as_a_rise_gets_a_hint():
    answer = solution("03_taper")
    assert answer < 0
    correct, text = verdict("03_taper", -answer)
    assert correct is False and "sign" in text


def test_a_number_needed_to_treat_rounded_down_or_unrounded_gets_a_hint():
    nnt = solution("04_nnt")
    correct, text = verdict("04_nnt", nnt - 1)
    assert correct is False and "round down" in text
    correct, text = verdict("04_nnt", nnt - 0.5)
    assert correct is False and "round it up" in text
    correct, text = verdict("04_nnt", -nnt)
    assert correct is False and "positive" in text


def test_wrong_numbers_say_which_way_and_roughly_how_far():
    answer = solution("06_policies")
    assert answer > 0
    cases = [(answer * 1.05, "too high", "within 10 %"), (answer * 0.7, "too low", "less than double"),
             (answer * 5, "too high", "factor of 2")]  # fmt: skip
    for given, way, size in cases:
        correct, text = verdict("06_policies", given)
        assert correct is False and way in text and size in text, text
        assert f"{answer:g}" not in text  # the expected value is not given away


def test_a_one_value_column_gets_a_hint_to_take_the_value():
    answer = solution("01_cancer_pain")
    correct, text = verdict("01_cancer_pain", pd.Series([answer]))
    assert correct is False and ".iloc[0]" in text
    correct, text = verdict("01_cancer_pain", pd.Series([answer, answer]))
    assert correct is False and "of 2 values" in text


# ------------------------------------------------------------------ strict where it matters


@pytest.mark.parametrize("answer", [1, 0, 1.0, "True", "true"])
def test_a_boolean_answer_must_be_a_boolean(answer):
    correct, text = verdict("07_mint", answer)
    assert correct is False
    assert "True or False" in text


def test_a_boolean_answer_accepts_python_and_numpy_booleans():
    answer = solution("07_mint")
    assert exercises.check("07_mint", answer).correct is True
    assert exercises.check("07_mint", np.bool_(answer)).correct is True
    correct, text = verdict("07_mint", not answer)
    assert correct is False and "is not right" in text


@pytest.mark.parametrize("name", ["01_cancer_pain", "04_nnt", "08_acenocoumarol"])
def test_a_number_must_not_be_a_boolean_or_text(name):
    correct, text = verdict(name, True)
    assert correct is False and "boolean" in text
    correct, text = verdict(name, str(solution(name)))
    assert correct is False and "remove the quotes" in text
    correct, text = verdict(name, float("nan"))
    assert correct is False and "NaN" in text


def test_feedback_is_escaped_html():
    correct, text = verdict("05_change", "<script>")
    assert correct is False and "<script>" not in text and "&lt;script&gt;" in text


# ------------------------------------------------------------------ results are saved


def test_checked_answers_are_saved_and_unanswered_ones_are_not(progress_file):
    exercises.check("04_nnt", None)
    assert not progress_file.exists()
    exercises.check("04_nnt", 1000)
    exercises.check("04_nnt", solution("04_nnt"))
    saved = json.loads(progress_file.read_text(encoding="utf-8"))["exercises"]["04_nnt"]
    assert saved["attempts"] == 2 and saved["solved"] is True and saved["correct"] is True
