"""Exercises are checked against values computed from the data; solutions produce them."""

import runpy

import pytest

from ipm_lib import course
from ipm_lib.course import exercises
from ipm_lib.ui import message_box

from .conftest import ROOT

SOLUTIONS = sorted((ROOT / "notebooks" / "solutions").glob("*.py"))


def test_every_exercise_has_a_solution_and_back():
    assert {p.stem for p in SOLUTIONS} == set(exercises.EXERCISES)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_passes_its_check(path):
    answer = runpy.run_path(str(path))["answer"]
    assert exercises.check(path.stem, answer).correct is True


@pytest.mark.parametrize("name", sorted(exercises.EXERCISES))
def test_unanswered_and_wrong_answers_are_not_accepted(name):
    assert exercises.check(name, None).correct is None
    assert exercises.check(name, "certainly wrong").correct is False


def test_solution_is_folded_html_and_unknown_names_fail_clearly():
    html = course.solution("04_nnt")._repr_html_()
    assert html.startswith("<details>") and "math.ceil" in html
    with pytest.raises(FileNotFoundError, match="04_nnt"):
        course.solution("04_nntt")


@pytest.mark.parametrize(
    ("answer", "kind"), [(None, "info"), ("certainly wrong", "error"), (4, None)]
)
def test_feedback_is_the_course_message_box_with_no_colour_of_its_own(answer, kind):
    feedback = exercises.check("04_nnt", answer)
    kind = kind or ("ok" if feedback.correct else "error")
    page = feedback._repr_html_()
    assert page == message_box(feedback.text, kind)
    assert "style=" not in page.split("</style>", 1)[1]
