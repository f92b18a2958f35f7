"""The quiz saves each checked answer (ipm_lib.course.progress) and a quiz built again, as after a kernel
restart and a re-run, shows it again: the options chosen, the feedback, and the score."""

from __future__ import annotations

import json

import ipywidgets
import pytest

from ipm_lib.course import bank as content
from ipm_lib.course import progress
from ipm_lib.course import selfcheck as widgets

TOPIC = "06_specialist_role"


@pytest.fixture(autouse=True)
def close_widgets():
    yield
    ipywidgets.Widget.close_all()


def right(q: dict) -> set[int]:
    return {i for i, o in enumerate(q["options"]) if o["correct"]}


def test_a_checked_answer_is_saved_in_bank_order(progress_file):
    quiz = widgets.Quiz(TOPIC)
    first = quiz.question(0)
    first.select_shown(0)  # the option shown at the top, as a student clicks it
    first.check()
    bank_index = first.order[0]
    saved = json.loads(progress_file.read_text(encoding="utf-8"))["answers"][TOPIC]
    entry = saved[quiz.questions[0]["id"]]
    assert entry["chosen"] == [bank_index]
    assert entry["correct"] is (({bank_index}) == right(quiz.questions[0]))


def test_a_rebuilt_quiz_restores_answers_feedback_and_score(progress_file):
    quiz = widgets.Quiz(TOPIC)
    q0, q2 = quiz.questions[0], quiz.questions[2]
    quiz.question(0).select_original(*right(q0))
    quiz.question(0).check()
    wrong = sorted(set(range(len(q2["options"]))) - right(q2))[:1]
    quiz.question(2).select_original(*wrong)
    quiz.question(2).check()
    ipywidgets.Widget.close_all()

    again = widgets.Quiz(TOPIC)  # a new kernel runs the cell again
    # the score counts both saved answers before question 3 is shown
    assert again._built[2] is None
    assert "Score: <b>1</b>" in again.score.value and "(2 answered)" in again.score.value
    restored = again.question(0)
    assert restored.selected() == right(q0) and restored.correct is True
    assert "Correct." in restored.feedback.value
    assert restored.check_button.disabled and not restored.retry_button.disabled
    third = again.question(2)
    assert third.selected() == set(wrong) and third.correct is False
    assert "Not quite." in third.feedback.value
    assert "(2 answered)" in again.score.value
    unanswered = again.question(1)
    assert unanswered.selected() == set() and unanswered.correct is None


def test_restoring_does_not_write_and_a_new_answer_replaces_the_old(progress_file):
    quiz = widgets.Quiz(TOPIC)
    q0 = quiz.questions[0]
    quiz.question(0).select_original(*right(q0))
    quiz.question(0).check()
    before = progress_file.read_text(encoding="utf-8")
    again = widgets.Quiz(TOPIC)
    assert progress_file.read_text(encoding="utf-8") == before  # restoring saved nothing new
    again.question(0).retry()
    wrong = sorted(set(range(len(q0["options"]))) - right(q0))[:1]
    again.question(0).select_original(*wrong)
    again.question(0).check()
    assert progress.recorded_answer(TOPIC, q0["id"])["chosen"] == wrong
    assert widgets.Quiz(TOPIC).question(0).correct is False


def test_a_changed_question_starts_unanswered(progress_file, monkeypatch):
    quiz = widgets.Quiz(TOPIC)
    q0 = quiz.questions[0]
    quiz.question(0).select_original(*right(q0))
    quiz.question(0).check()
    reworded = {**q0, "prompt": q0["prompt"] + " (reworded)"}
    bank = [reworded if q["id"] == q0["id"] else q for q in content.questions(TOPIC)]
    monkeypatch.setattr(content, "questions", lambda topic=None, path=None: bank)
    again = widgets.Quiz(TOPIC)
    assert again.question(0).correct is None and "(0 answered)" in again.score.value


def test_a_damaged_file_still_gives_a_working_quiz(progress_file):
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text("{not json", encoding="utf-8")
    with pytest.warns(progress.ProgressWarning, match="not valid JSON"):
        quiz = widgets.Quiz(TOPIC)
    q0 = quiz.questions[0]
    quiz.question(0).select_original(*right(q0))
    assert quiz.question(0).check() is True
    assert progress.recorded_answer(TOPIC, q0["id"])["correct"] is True
