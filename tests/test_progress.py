"""Progress storage: a temporary file per test (the conftest points IPM_PROGRESS_FILE at one), atomic
writes, and a damaged or foreign file set aside with a message and a fresh start, never a crash."""

from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path

import pytest

from ipm_lib.course import bank as content
from ipm_lib.course import exercises, progress

TOPIC = "04_risks"


def question(kind: str = "single", topic: str = TOPIC) -> dict:
    return next(q for q in content.questions(topic) if q["kind"] == kind)


def right(q: dict) -> list[int]:
    return [i for i, o in enumerate(q["options"]) if o["correct"]]


def wrong(q: dict) -> list[int]:
    return [next(i for i, o in enumerate(q["options"]) if not o["correct"])]


def stored(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_tests_never_use_the_home_folder(progress_file):
    assert os.environ[progress.ENV] == str(progress_file)
    assert progress.path() == progress_file
    assert Path.home() not in progress_file.parents


def test_default_place_is_in_the_home_folder(monkeypatch):
    monkeypatch.delenv(progress.ENV)
    assert progress.path() == Path.home() / ".ipm_course" / "progress.json"
    assert progress.where() == "in ~/.ipm_course/progress.json"


def test_nothing_is_written_by_reading(progress_file):
    assert progress.recorded_answer(TOPIC, question()["id"]) is None
    assert progress.summary()["Answered"].sum() == 0
    assert not progress_file.exists()


def test_an_answer_is_saved_and_read_back_by_a_fresh_reader(progress_file):
    q = question()
    progress.record_answer(TOPIC, q["id"], wrong(q), False)
    doc = stored(progress_file)
    assert doc["format"] == "ipm-course-progress" and doc["version"] == 1
    assert doc["answers"][TOPIC][q["id"]]["chosen"] == wrong(q)
    # a later answer to the same question replaces the earlier one
    progress.record_answer(TOPIC, q["id"], right(q), True)
    got = progress.recorded_answer(TOPIC, q["id"])
    assert got["chosen"] == right(q) and got["correct"] is True
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", got["at"])


def test_multiple_choice_answers_keep_every_option(progress_file):
    q = question("multiple")
    chosen = list(range(len(q["options"])))[::-1]
    progress.record_answer(TOPIC, q["id"], chosen, False)
    assert progress.recorded_answer(TOPIC, q["id"])["chosen"] == sorted(chosen)


def test_writes_are_atomic_and_leave_no_temporary_file(progress_file, monkeypatch):
    q = question()
    progress.record_answer(TOPIC, q["id"], right(q), True)
    before = progress_file.read_text(encoding="utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the kernel stopped halfway through writing

    monkeypatch.setattr(progress.json, "dump", crash)
    with pytest.raises(KeyboardInterrupt):
        progress.record_exercise("04_nnt", True)
    assert progress_file.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in progress_file.parent.iterdir()) == [
        "progress.json",
        "progress.json.lock",
    ]


@pytest.mark.parametrize(
    ("content_", "reason"),
    [
        (b'{"format": "ipm-course-progress", "version": 1, "answers": {', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not a text file"),
        (b'["a", "list"]', "JSON list"),
        (b"[" * 100_000, "not JSON that can be read"),
        (b'{"name": "another program\'s settings"}', "not a progress file of this course"),
        (b'{"format": "ipm-course-progress", "version": 99, "answers": {}, "exercises": {}}',
         "newer version"),
        (b'{"format": "ipm-course-progress", "version": 1, "answers": {"04_risks": {"q": '
         b'{"chosen": [true], "correct": true}}}, "exercises": {}}', "chosen option numbers"),
    ],
)  # fmt: skip
def test_a_damaged_or_foreign_file_is_set_aside_with_a_message(progress_file, content_, reason):
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.write_bytes(content_)
    q = question()
    with pytest.warns(progress.ProgressWarning, match=reason) as caught:
        assert progress.recorded_answer(TOPIC, q["id"]) is None
    message = str(caught[0].message)
    assert "starts afresh" in message and str(progress_file) in message
    kept = list(progress_file.parent.glob("progress.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content_
    assert kept[0].name in message
    # a fresh start: answering works and writes a valid file again
    progress.record_answer(TOPIC, q["id"], right(q), True)
    assert progress.problem(stored(progress_file)) is None
    assert "starts afresh" in progress.report()._repr_html_()


def test_an_unreadable_path_is_set_aside_too(progress_file):
    progress_file.mkdir(parents=True)  # a folder where the file should be
    with pytest.warns(progress.ProgressWarning, match="could not be read"):
        summary = progress.summary()
    assert summary["Answered"].sum() == 0
    assert len(list(progress_file.parent.glob("progress.json.corrupt-*"))) == 1


def test_a_folder_that_cannot_be_written_keeps_progress_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(progress.ENV, str(blocker / "progress.json"))
    q = question()
    with pytest.warns(progress.ProgressWarning, match="could not be saved"):
        progress.record_answer(TOPIC, q["id"], right(q), True)
    assert progress.recorded_answer(TOPIC, q["id"])["correct"] is True
    assert progress.where().startswith("in memory only")


def test_an_answer_to_a_changed_question_is_not_restored(progress_file, monkeypatch):
    q = question()
    progress.record_answer(TOPIC, q["id"], right(q), True)
    changed = {**q, "options": [{**o, "correct": not o["correct"]} for o in q["options"]]}
    bank = [changed if x["id"] == q["id"] else x for x in content.questions(TOPIC)]
    monkeypatch.setattr(content, "questions", lambda topic=None, path=None: bank)
    assert progress.recorded_answer(TOPIC, q["id"]) is None
    row = progress.summary().set_index("Notebook").loc["04 Risks and limits"]
    assert row["Answered"] == 0


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("05_risks", "x", [0], True), Exception, "topic"),
        ((TOPIC, "no_such_question", [0], True), Exception, "no_such_question"),
        ((TOPIC, None, [], True), ValueError, "at least one"),
        ((TOPIC, None, [99], True), ValueError, "from 0 to"),
        ((TOPIC, None, [True], True), ValueError, "option numbers"),
        ((TOPIC, None, "0", True), TypeError, "list of option numbers"),
        ((TOPIC, None, [0], 1), TypeError, "True or False"),
    ],
)
def test_bad_answers_are_refused_clearly(progress_file, args, error, match):
    topic, qid, chosen, correct = args
    with pytest.raises(error, match=match):
        progress.record_answer(topic, qid or question()["id"], chosen, correct)
    assert not progress_file.exists()


def test_a_single_choice_question_takes_one_option(progress_file):
    q = question("single")
    with pytest.raises(ValueError, match="single-choice"):
        progress.record_answer(TOPIC, q["id"], [0, 1], False)


def test_exercise_results_count_attempts_and_stay_solved(progress_file):
    progress.record_exercise("04_nnt", False)
    progress.record_exercise("04_nnt", True)
    progress.record_exercise("04_nnt", False)
    entry = stored(progress_file)["exercises"]["04_nnt"]
    assert entry["attempts"] == 3 and entry["solved"] is True and entry["correct"] is False
    with pytest.raises(Exception, match="04_nntt"):
        progress.record_exercise("04_nntt", True)
    with pytest.raises(TypeError):
        progress.record_exercise("04_nnt", "yes")


def test_summary_counts_per_notebook_with_human_headings(progress_file):
    qs = content.questions("06_specialist_role")
    progress.record_answer("06_specialist_role", qs[0]["id"], right(qs[0]), True)
    progress.record_answer("06_specialist_role", qs[1]["id"], wrong(qs[1]), False)
    progress.record_exercise("06_policies", True)
    table = progress.summary()
    assert list(table.columns) == [
        "Notebook", "Questions", "Answered", "Correct", "Exercises", "Exercises done",
    ]  # fmt: skip
    row = table.set_index("Notebook").loc["06 The specialist's role"]
    assert row.to_dict() == {
        "Questions": len(qs), "Answered": 2, "Correct": 1, "Exercises": 1, "Exercises done": 1,
    }  # fmt: skip
    total = table.iloc[-1]
    assert total["Notebook"] == "Total"
    assert total["Questions"] == len(content.questions())
    assert total["Exercises"] == len(exercises.EXERCISES)
    assert total["Answered"] == 2 and total["Exercises done"] == 1
    assert "<th>Notebook</th>" in progress.report()._repr_html_()
    assert "<th></th>" not in progress.report()._repr_html_()  # no index column


def test_download_link_holds_the_progress_as_a_json_file(progress_file):
    q = question()
    progress.record_answer(TOPIC, q["id"], right(q), True)
    link = progress.download_link()
    assert 'download="ipm_progress.json"' in link and ">Download my progress</a>" in link
    payload = re.search(r'href="data:application/json;base64,([^"]+)"', link).group(1)
    doc = json.loads(base64.b64decode(payload))
    assert doc["answers"][TOPIC][q["id"]]["correct"] is True
    assert {"Notebook": "04 Risks and limits"}.items() <= doc["summary"][3].items()


def test_report_is_the_same_on_every_machine_when_the_file_is_overridden(progress_file):
    html = progress.report()._repr_html_()
    assert str(progress_file) not in html and "IPM_PROGRESS_FILE" in html
    assert progress.report()._repr_html_() == html


def test_in_a_notebook_the_message_is_a_box_not_a_traceback(progress_file, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(progress, "_in_notebook", lambda: True)
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj.data))
    progress_file.parent.mkdir(parents=True)
    progress_file.write_text("{broken", encoding="utf-8")
    progress.load()
    assert len(shown) == 1 and "<b>Progress:</b>" in shown[0] and "starts afresh" in shown[0]
