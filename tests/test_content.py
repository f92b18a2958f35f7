"""Quiz bank and virtual patients: well-formed, sourced, and their widgets behave."""

import copy
import json

import ipywidgets
import pytest

from ipm_lib import data
from ipm_lib.course import bank as content
from ipm_lib.course import selfcheck as W

from .conftest import ROOT

SOURCE_IDS = set(data.load("sources")["source_id"])


@pytest.fixture(autouse=True)
def close_widgets():
    yield
    ipywidgets.Widget.close_all()


def doc(name):
    return json.loads((ROOT / "data" / name).read_text(encoding="utf-8"))


def test_shipped_quiz_and_cases_have_no_problems():
    assert content.quiz_problems(doc("quiz.json"), "quiz.json", SOURCE_IDS) == []
    assert content.case_problems(doc("cases.json"), "cases.json", SOURCE_IDS) == []


@pytest.mark.parametrize("topic", content.TOPICS)
def test_every_notebook_topic_has_at_least_three_questions(topic):
    assert len(content.questions(topic)) >= 3


def test_the_four_required_cases_exist_and_are_synthetic():
    cases = content.cases()
    assert {
        "scs_on_anticoagulant",
        "diabetic_before_esi",
        "cancer_pain_intrathecal",
        "crps_leg",
    } <= set(cases)
    assert all(c["synthetic"] is True for c in cases.values())


def test_quiz_checker_catches_broken_questions():
    broken = copy.deepcopy(doc("quiz.json"))
    q = broken["questions"][0]
    for option in q["options"]:
        option["correct"] = False
    q["source_ids"] = ["nobody1999_nothing"]
    broken["questions"][1]["topic"] = "99_nowhere"
    problems = "\n".join(map(str, content.quiz_problems(broken, "quiz.json", SOURCE_IDS)))
    assert (
        "correct option" in problems
        and "nobody1999_nothing" in problems
        and "99_nowhere" in problems
    )


def test_case_checker_catches_dangling_and_unreachable_nodes():
    broken = copy.deepcopy(doc("cases.json"))
    case = broken["cases"][0]
    first = case["nodes"][case["start"]]
    first["choices"][0]["next"] = "nowhere"
    case["nodes"]["island"] = {"text": "alone", "end": True, "outcome": "good"}
    problems = "\n".join(map(str, content.case_problems(broken, "cases.json", SOURCE_IDS)))
    assert (
        "missing node 'nowhere'" in problems
        and "island" in problems
        and "cannot be reached" in problems
    )


def test_virtual_patient_walks_to_an_end_and_restarts():
    view = W.VirtualPatient("crps_leg")
    start = view.story.value
    steps = 0
    while not view.node.get("end"):
        view.choices.children[0].click()  # the button, as a student would
        steps += 1
        assert steps < 50, "no end reached"
    assert "End of the case" in view.story.value
    assert view.choices.children == ()
    view.restart_button.click()
    assert view.story.value == start and view.path == [view.case["start"]]
    with pytest.raises(IndexError):
        view.choose(99)


def test_quiz_question_feedback_score_and_retry():
    quiz = W.Quiz("04_risks")
    item = next(q for q in quiz.items if q.question["kind"] == "single")
    right = next(i for i, o in enumerate(item.question["options"]) if o["correct"])
    wrong = next(i for i, o in enumerate(item.question["options"]) if not o["correct"])
    item.check_button.click()
    assert "Choose an answer first" in item.feedback.value
    item.radio.value = wrong
    item.radio.value = right  # a single-choice question (radio buttons) keeps only the last choice
    assert item.selected() == {right}
    item.select(wrong)
    item.check_button.click()
    assert item.correct is False and "Not quite" in item.feedback.value
    assert (
        item.question["options"][wrong]["feedback"][:20].replace("'", "&#x27;")
        in item.feedback.value
    )
    assert "Score: <b>0</b>" in quiz.score.value
    item.retry_button.click()
    assert item.selected() == set()
    item.select(right)
    item.check_button.click()
    assert item.correct is True and "Score: <b>1</b>" in quiz.score.value


def test_quiz_shows_one_question_at_a_time_and_keeps_answers():
    quiz = W.Quiz("04_risks")
    total = len(content.questions("04_risks"))
    assert quiz._built.count(None) == total - 1, "only the first question is built at first"
    assert "Question 1 of" in quiz.position.value and quiz.previous.disabled
    first = quiz.holder.children[0]
    right = next(i for i, o in enumerate(first.question["options"]) if o["correct"])
    first.select(right)
    first.check_button.click()
    quiz.next.click()
    assert quiz.holder.children[0] is not first and "Question 2 of" in quiz.position.value
    assert "Score: <b>1</b>" in quiz.score.value and "(1 answered)" in quiz.score.value
    quiz.previous.click()
    assert quiz.holder.children[0] is first and first.selected() == {right}
    quiz.show(total - 1)
    assert quiz.next.disabled and not quiz.previous.disabled
    with pytest.raises(IndexError, match="not 99"):
        quiz.question(99)


def test_multiple_choice_needs_all_correct_options():
    topic = next(q["topic"] for q in content.questions() if q["kind"] == "multiple")
    quiz = W.Quiz(topic)
    item = next(q for q in quiz.items if q.question["kind"] == "multiple")
    right = [i for i, o in enumerate(item.question["options"]) if o["correct"]]
    item.boxes[item.order.index(right[0])].value = True  # boxes are in the order shown
    item.check_button.click()
    assert item.correct is False and "missing" in item.feedback.value
    item.retry_button.click()
    for i in right:
        item.boxes[item.order.index(i)].value = True
    item.check_button.click()
    assert item.correct is True


def test_unknown_topic_and_case_suggest():
    with pytest.raises(data.UnknownNameError, match="04_risks"):
        content.questions("04_risk")
    with pytest.raises(data.UnknownNameError, match="crps_leg"):
        W.VirtualPatient("crps_legs")


def test_the_command_line_checks_the_quiz_and_the_cases_too(tmp_path, capsys):
    """``python -m ipm_lib validate`` covers the course's JSON files as well as the tables."""
    from ipm_lib.__main__ import main

    copy = tmp_path / "data"
    copy.mkdir()
    for path in (ROOT / "data").iterdir():
        if path.is_file():
            (copy / path.name).write_bytes(path.read_bytes())
    broken = doc("quiz.json")
    broken["questions"][0]["topic"] = "99_nowhere"
    (copy / "quiz.json").write_text(json.dumps(broken), encoding="utf-8")
    assert main(["validate", str(copy)]) == 1
    assert "99_nowhere" in capsys.readouterr().err
