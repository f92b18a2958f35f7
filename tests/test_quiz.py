"""The question bank cannot be gamed, and the quiz widget shows it fairly.

A student who always ticks the first option (or always the longest) must not pass; the options are
shuffled per question with a seed that is the same in every run (nbval compares stored outputs).
"""

import collections
import json
import os
import random
import subprocess
import sys
import zlib

import ipywidgets
import pytest

from ipm_lib.course import bank as content
from ipm_lib.course import selfcheck as W

from .conftest import ROOT

BANK = json.loads((ROOT / "data" / "quiz.json").read_text(encoding="utf-8"))["questions"]
SINGLE = [q for q in BANK if q["kind"] == "single"]
PASS_MARK = 0.5  # a quiz is passed with at least half of its questions right


@pytest.fixture(autouse=True)
def close_widgets():
    yield
    ipywidgets.Widget.close_all()


def correct_index(q):
    return next(i for i, o in enumerate(q["options"]) if o["correct"])


def longest_index(q):
    lengths = [len(o["text"]) for o in q["options"]]
    return lengths.index(max(lengths))


# ------------------------------------------------------------------ the bank as stored


def test_no_position_holds_the_answer_in_more_than_35_percent_of_single_questions():
    positions = collections.Counter(correct_index(q) for q in SINGLE)
    assert len(positions) >= 4, f"the answer sits in only {len(positions)} positions"
    for position, count in positions.items():
        assert count / len(SINGLE) <= 0.35, f"position {position}: {count} of {len(SINGLE)}"


def test_the_answer_is_the_longest_option_in_at_most_40_percent_of_single_questions():
    longest = [q["id"] for q in SINGLE if longest_index(q) == correct_index(q)]
    assert len(longest) / len(SINGLE) <= 0.40, f"{len(longest)} of {len(SINGLE)}: {longest}"


def test_no_length_rank_gives_the_answer_away():
    """Neither 'the longest', 'the second longest' nor 'never the shortest' is a winning rule."""
    ranks = collections.Counter()
    for q in SINGLE:
        by_length = sorted(range(len(q["options"])), key=lambda i: -len(q["options"][i]["text"]))
        ranks[by_length.index(correct_index(q))] += 1
    for rank, count in ranks.items():
        assert count / len(SINGLE) <= 0.40, f"length rank {rank}: {count} of {len(SINGLE)}"
    assert ranks[3] / len(SINGLE) >= 0.10, "the shortest option is almost never the answer"


def test_distractors_are_about_as_long_as_the_answer():
    for q in SINGLE:
        answer = len(q["options"][correct_index(q)]["text"])
        others = [len(o["text"]) for o in q["options"] if not o["correct"]]
        assert answer <= 1.6 * max(others), (
            f"{q['id']}: answer {answer} chars, distractors {others}"
        )
        assert answer >= 0.4 * max(others), (
            f"{q['id']}: answer {answer} chars, distractors {others}"
        )


def test_answer_positions_are_not_a_learnable_rotation():
    by_topic = collections.defaultdict(list)
    for q in SINGLE:
        by_topic[q["topic"]].append(correct_index(q))
    for topic, seq in by_topic.items():
        if len(seq) < 3:
            continue
        steps = {(b - a) % 4 for a, b in zip(seq, seq[1:], strict=False)}
        assert len(steps) > 1, f"{topic}: answers follow a fixed step {steps}: {seq}"


def strategy_score(questions, pick) -> float:
    """Share of questions answered right by ticking only the option ``pick`` chooses."""
    right = sum(q["kind"] == "single" and q["options"][pick(q)]["correct"] for q in questions)
    return right / len(questions)


def test_first_and_longest_option_strategies_fail_on_the_raw_bank():
    assert strategy_score(BANK, lambda q: 0) <= 0.40
    assert strategy_score(BANK, longest_index) <= 0.40
    for topic in content.TOPICS:
        questions = [q for q in BANK if q["topic"] == topic]
        assert strategy_score(questions, lambda q: 0) < PASS_MARK, topic


# ------------------------------------------------------------------ the widget


def play(topic: str, pick_position) -> tuple[int, int]:
    """Answer every question of a topic's quiz by the position on screen ``pick_position`` returns
    (from the options as shown); return the score the quiz shows and the number of questions."""
    quiz = W.Quiz(topic)
    for item in quiz.items:
        if item.correct is not None:  # an answer restored from an earlier run: start afresh
            item.retry_button.click()
        shown = [item.question["options"][i]["text"] for i in item.order]
        item.select_shown(pick_position(shown))
        item.check_button.click()
    text = quiz.score.value
    right = int(text.split("<b>")[1].split("</b>")[0])
    assert f"of {len(quiz.questions)} ({len(quiz.questions)} answered)" in text
    return right, len(quiz.questions)


def test_first_option_strategy_fails_every_quiz_through_the_widget():
    total_right = total = 0
    for topic in content.TOPICS:
        right, n = play(topic, lambda shown: 0)
        assert right / n < PASS_MARK, f"{topic}: first option scores {right} of {n}"
        total_right, total = total_right + right, total + n
    assert total_right / total <= 0.40, f"first option scores {total_right} of {total}"


def test_longest_and_last_option_strategies_fail_through_the_widget():
    for pick in (lambda shown: shown.index(max(shown, key=len)), lambda shown: len(shown) - 1):
        scores = [play(topic, pick) for topic in content.TOPICS]
        assert sum(r for r, _ in scores) / sum(n for _, n in scores) <= 0.40


def test_shown_positions_of_answers_are_balanced():
    shown = collections.Counter(
        W.shuffled_order(q["id"], len(q["options"])).index(correct_index(q)) for q in SINGLE
    )
    for position, count in shown.items():
        assert count / len(SINGLE) <= 0.35, f"shown position {position}: {count} of {len(SINGLE)}"


def test_shuffle_is_a_permutation_seeded_by_the_id_not_by_python_hash():
    orders = {q["id"]: W.shuffled_order(q["id"], len(q["options"])) for q in BANK}
    for q in BANK:
        assert sorted(orders[q["id"]]) == list(range(len(q["options"])))
    assert sum(o != sorted(o) for o in orders.values()) > len(BANK) / 2, "options are not shuffled"
    assert W.shuffled_order("q04_zero_01", 4) == W.shuffled_order("q04_zero_01", 4)
    # the same orders in a fresh interpreter with a different string-hash salt
    code = (
        "import json, sys; from ipm_lib.course import selfcheck as W; "
        "print(json.dumps({i: W.shuffled_order(i, n) for i, n in json.loads(sys.argv[1])}))"
    )
    ids = json.dumps([[q["id"], len(q["options"])] for q in BANK])
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run(
        [sys.executable, "-c", code, ids], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == orders
    # the documented seed: random.Random(CRC-32 of the id)
    expected = list(range(4))
    random.Random(zlib.crc32(b"q04_zero_01")).shuffle(expected)
    assert W.shuffled_order("q04_zero_01", 4) == expected


def test_single_answer_is_radio_with_nothing_chosen_and_multiple_is_checkboxes():
    for topic in content.TOPICS:
        for item in W.Quiz(topic).items:
            n = len(item.question["options"])
            if item.question["kind"] == "single":
                assert isinstance(item.radio, ipywidgets.RadioButtons)
                assert item.radio.value is None and item.radio.index is None
                assert len(item.radio.options) == n and item.boxes == []
                assert "Choose one." in item.children[0].value
            else:
                assert item.radio is None and len(item.boxes) == n
                assert all(isinstance(b, ipywidgets.Checkbox) for b in item.boxes)
                assert "Choose all that apply." in item.children[0].value


def test_radio_labels_are_the_options_in_shuffled_order():
    q = next(q for q in SINGLE if W.shuffled_order(q["id"], len(q["options"]))[0] != 0)
    item = W.QuizQuestion(q)
    labels = [label for label, _ in item.radio.options]
    assert labels == [q["options"][i]["text"] for i in item.order]
    assert labels[0] != q["options"][0]["text"]


def test_choices_are_reported_and_restored_in_bank_order():
    single = next(q for q in SINGLE if W.shuffled_order(q["id"], len(q["options"]))[0] != 0)
    item = W.QuizQuestion(single)
    item.select_shown(0)
    assert item.selected() == {item.order[0]} and item.order[0] != 0
    restored = W.QuizQuestion(single)
    restored.select_original(*item.selected())
    assert restored.radio.value == item.radio.value and restored.selected() == item.selected()
    restored.select_original()
    assert restored.selected() == set() and restored.radio.value is None
    with pytest.raises(ValueError, match="takes one answer"):
        restored.select_original(0, 1)
    with pytest.raises(IndexError, match="not 9"):
        restored.select_original(9)

    multi = next(q for q in BANK if q["kind"] == "multiple")
    item = W.QuizQuestion(multi)
    right = [i for i, o in enumerate(multi["options"]) if o["correct"]]
    item.select_original(*right)
    assert item.selected() == set(right)
    ticked = [item.order[p] for p, box in enumerate(item.boxes) if box.value]
    assert sorted(ticked) == right
    assert item.check() is True


def test_on_answer_is_called_after_check_and_retry_and_choice_is_frozen_until_retry():
    calls = []
    q = SINGLE[0]
    item = W.QuizQuestion(q, on_answer=lambda: calls.append(item.correct))
    item.select_original(correct_index(q))
    item.check_button.click()
    assert calls == [True] and item.radio.disabled and not item.retry_button.disabled
    item.retry_button.click()
    assert calls == [True, None] and not item.radio.disabled and item.radio.value is None


def test_feedback_lists_chosen_options_in_the_order_shown():
    multi = next(q for q in BANK if q["kind"] == "multiple" and len(q["options"]) >= 4)
    item = W.QuizQuestion(multi)
    item.select_shown(0, 1, 2, 3)
    item.check()
    shown = [multi["options"][i]["feedback"][:15] for i in item.order[:4]]
    found = [item.feedback.value.find(f.replace("'", "&#x27;")) for f in shown]
    assert -1 not in found and found == sorted(found)


def test_a_page_without_a_kernel_shows_a_line_not_the_widget_tree():
    from ipm_lib.course import bank, selfcheck

    quiz = selfcheck.Quiz("05_informed_decision")
    assert (
        repr(quiz)
        == f"Self-check: {len(quiz.questions)} questions (run the notebook to answer them)"
    )
    case_id = next(iter(bank.cases()))
    patient = repr(selfcheck.VirtualPatient(case_id))
    assert "children=" not in patient and bank.cases()[case_id]["title"] in patient


def test_ticking_the_longest_options_fails_every_multiple_answer_question():
    """With k correct options, ticking the k longest must not give full marks."""
    for q in content.questions():
        if q["kind"] != "multiple":
            continue
        opts = q["options"]
        k = sum(o["correct"] for o in opts)
        longest = sorted(range(len(opts)), key=lambda i: -len(opts[i]["text"]))[:k]
        assert {i for i, o in enumerate(opts) if o["correct"]} != set(longest), q["id"]
