"""The self-check widgets: the quiz of each notebook and the branching virtual patients of 08.

They show what ``bank`` loads from ``data/quiz.json`` and ``data/cases.json`` and save each checked
answer with ``progress``. Messages are ``ui.message_box`` boxes (colours from the course palette).
"""

from __future__ import annotations

import html
import random
import zlib

import ipywidgets as w

from .. import data, ui
from . import bank, progress

EDUCATION_ONLY = "Education only, not clinical advice."


# ------------------------------------------------------------------ virtual patients


class VirtualPatient(w.VBox):
    """A branching synthetic case: read, choose, see what happens; restart any time."""

    def __repr__(self) -> str:
        # What a page without a live kernel (slides, static HTML) shows instead of the controls.
        return f"Virtual patient: {self.case['title']} (run the notebook to play the case)"

    def __init__(self, case_id: str):
        cases = bank.cases()
        data.check_name("case", case_id, cases)
        self.case = cases[case_id]
        self.node_id = self.case["start"]
        self.path: list[str] = [self.node_id]
        self.story = w.HTML()
        self.choices = w.VBox()
        self.restart_button = w.Button(description="Start again", icon="undo")
        self.restart_button.on_click(lambda _: self.restart())
        header = w.HTML(
            f"<b>{html.escape(self.case['title'])}</b> <small>(synthetic patient; {EDUCATION_ONLY})</small>"
        )
        super().__init__([header, self.story, self.choices, self.restart_button])
        self.render(None)

    @property
    def node(self) -> dict:
        return self.case["nodes"][self.node_id]

    def choose(self, index: int) -> None:
        target = bank.next_node(self.case, self.node_id, index)  # refuses a missing choice
        picked = self.node["choices"][index]
        self.node_id = target
        self.path.append(self.node_id)
        self.render(picked)

    def restart(self) -> None:
        self.node_id = self.case["start"]
        self.path = [self.node_id]
        self.render(None)

    def render(self, picked: dict | None) -> None:
        node = self.node
        parts = []
        if picked:
            parts.append(
                ui.message_box(
                    f"You chose: <b>{html.escape(picked['label'])}</b>. {html.escape(picked['feedback'])}"
                )
            )
        parts.append(f"<p>{html.escape(node['text'])}</p>")
        facts = node.get("facts", [])
        if facts:
            items = "".join(
                f"<li>{html.escape(f['text'])}"
                + (
                    f" <small>({html.escape(data.short_citation(f['source_id']))})</small>"
                    if f.get("source_id")
                    else ""
                )
                + "</li>"
                for f in facts
            )
            parts.append(f"<ul>{items}</ul>")
        if node.get("end"):
            kind = {"good": "ok", "acceptable": "info", "poor": "error"}[node["outcome"]]
            parts.append(
                ui.message_box(f"End of the case: outcome <b>{node['outcome']}</b>.", kind)
            )
        self.story.value = "".join(parts)
        buttons = []
        for i, choice in enumerate(node.get("choices", [])):
            b = w.Button(
                description=choice["label"][:60],
                tooltip=choice["label"],
                layout=w.Layout(width="auto"),
            )
            b.on_click(lambda _, i=i: self.choose(i))
            buttons.append(b)
        self.choices.children = buttons


# ------------------------------------------------------------------ quiz


# Radio labels of ipywidgets have a fixed one-line height; a long option must wrap and stay readable.
QUIZ_CSS = """<style>
.ipm-quiz-radio, .ipm-quiz-radio .widget-radio-box {width: 100%; max-width: 100%;}
.ipm-quiz-radio .widget-radio-box label {height: auto; line-height: 1.4; white-space: normal;
  display: flex; align-items: flex-start; margin: 2px 0 8px 0;}
.ipm-quiz-radio .widget-radio-box input {height: auto; flex: none; float: none; order: -1;
  margin: 3px 8px 0 1px;}
</style>"""


def shuffled_order(question_id: str, n: int) -> list[int]:
    """The order in which a question's ``n`` options are shown: bank indices, shuffled by a seed
    taken from the question's id (CRC-32, the same in every run, unlike Python's salted ``hash``),
    so a stored notebook shows the same order when nbval re-runs it."""
    order = list(range(n))
    random.Random(zlib.crc32(question_id.encode("utf-8"))).shuffle(order)
    return order


class QuizQuestion(w.VBox):
    """One question: choose, check, read the feedback for each option chosen, try again.

    Options are shown in a shuffled order (``self.order``: the bank index of each option shown),
    seeded by the question's id. Single-answer questions are radio buttons with nothing chosen at
    first; multiple-answer questions are checkboxes. Choices are reported and restored as bank
    indices (the order in ``data/quiz.json``): ``selected()`` and ``select_original(...)``;
    ``select_shown(...)`` chooses by position on screen, as a student does. ``on_answer`` (no
    arguments) is called after each Check and Try again.
    """

    def __init__(self, question: dict, on_answer=None, saved: dict | None = None):
        self.question = question
        self.on_answer = on_answer
        options = question["options"]
        self.order = shuffled_order(question["id"], len(options))
        self.single = question["kind"] == "single"
        if self.single:
            self.radio = w.RadioButtons(
                options=[(options[i]["text"], i) for i in self.order],
                value=None,
                layout=w.Layout(width="100%"),
            )
            self.radio.add_class("ipm-quiz-radio")
            self.boxes: list[w.Checkbox] = []
            self.picker = w.VBox([w.HTML(QUIZ_CSS), self.radio])
        else:
            self.radio = None
            # A checkbox and a wrapping label per option (long options must be readable in full).
            self.boxes = [
                w.Checkbox(value=False, indent=False, layout=w.Layout(width="28px"))
                for _ in self.order
            ]
            rows = [
                w.HBox(
                    [box, w.HTML(html.escape(options[i]["text"]), layout=w.Layout(width="auto"))]
                )
                for box, i in zip(self.boxes, self.order, strict=True)
            ]
            self.picker = w.VBox(rows)
        self.check_button = w.Button(description="Check", button_style="primary")
        self.retry_button = w.Button(description="Try again", disabled=True)
        self.feedback = w.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        kind = "Choose one." if self.single else "Choose all that apply."
        prompt = w.HTML(f"<p><b>{html.escape(question['prompt'])}</b> <small>{kind}</small></p>")
        super().__init__(
            [prompt, self.picker, w.HBox([self.check_button, self.retry_button]), self.feedback]
        )
        self.correct: bool | None = None
        if saved is None:  # a saved answer (ipm_lib.progress) comes back with its feedback
            saved = progress.recorded_answer(question["topic"], question["id"])
        if saved:
            self.select_original(*saved["chosen"])
            self.check(record=False)

    def _check_indices(self, indices, limit: int, what: str) -> None:
        for i in indices:
            if not isinstance(i, int) or not 0 <= i < limit:
                raise IndexError(
                    f"question {self.question['id']!r} has {what} 0 to {limit - 1}, not {i!r}"
                )
        if self.single and len(indices) > 1:
            raise ValueError(
                f"question {self.question['id']!r} takes one answer; got {len(indices)}: {indices}"
            )

    def select_original(self, *indices: int) -> None:
        """Choose these options by their bank index (and clear the others); no index clears all.
        This is how a saved answer is restored."""
        self._check_indices(indices, len(self.order), "options")
        if self.single:
            self.radio.value = indices[0] if indices else None
        else:
            for box, i in zip(self.boxes, self.order, strict=True):
                box.value = i in indices

    select = select_original

    def select_shown(self, *positions: int) -> None:
        """Choose the options shown at these positions on screen (0 = top), as a student would."""
        self._check_indices(positions, len(self.order), "positions")
        self.select_original(*(self.order[p] for p in positions))

    def selected(self) -> set[int]:
        """The chosen options, as bank indices."""
        if self.single:
            return set() if self.radio.value is None else {self.radio.value}
        return {i for box, i in zip(self.boxes, self.order, strict=True) if box.value}

    def check(self, record: bool = True) -> bool | None:
        """Show the verdict and the feedback of each option chosen; save the answer (``record``)."""
        chosen = self.selected()
        if not chosen:
            self.feedback.value = ui.message_box("Choose an answer first.")
            return None
        options = self.question["options"]
        right = {i for i, o in enumerate(options) if o["correct"]}
        self.correct = chosen == right
        if record:
            progress.record_answer(
                self.question["topic"], self.question["id"], sorted(chosen), self.correct
            )
        notes = "".join(
            f"<li>{html.escape(options[i]['text'])}: {html.escape(options[i]['feedback'])}</li>"
            for i in self.order
            if i in chosen
        )
        verdict = "Correct." if self.correct else "Not quite."
        if not self.correct and not self.single and chosen < right:
            verdict += " Some correct options are missing."
        self.feedback.value = ui.message_box(
            f"<b>{verdict}</b><ul>{notes}</ul>", "ok" if self.correct else "error"
        )
        self._lock(True)
        if self.on_answer:
            self.on_answer()
        return self.correct

    def _lock(self, checked: bool) -> None:
        """After Check the choice is frozen (the verdict shown belongs to it) until Try again."""
        for control in [self.radio] if self.single else self.boxes:
            control.disabled = checked
        self.check_button.disabled = checked
        self.retry_button.disabled = not checked

    def retry(self) -> None:
        self.select_original()
        self.correct = None
        self.feedback.value = ""
        self._lock(False)
        if self.on_answer:
            self.on_answer()


class Quiz(w.VBox):
    """The self-check questions of one notebook topic, one at a time, with a running score.

    A question's controls are built when it is first shown (a quiz of ten questions built at once is
    over 500 widgets: 0.4 s in a kernel); answers are kept when moving back and forth.
    """

    def __repr__(self) -> str:
        # What a page without a live kernel (slides, static HTML) shows instead of the controls.
        n = len(self.questions)
        return f"Self-check: {n} question{'s' if n != 1 else ''} (run the notebook to answer them)"

    def __init__(self, topic: str, limit: int | None = None):
        self.questions = bank.questions(topic)[:limit]
        self._built: list[QuizQuestion | None] = [None] * len(self.questions)
        self._saved = progress.recorded_answers(topic)  # answers saved before (ipm_lib.progress)
        self.score = w.HTML()
        self.position = w.HTML()
        self.previous = w.Button(description="Previous", icon="arrow-left")
        self.next = w.Button(description="Next", icon="arrow-right")
        self.previous.on_click(lambda _: self.show(self.index - 1))
        self.next.on_click(lambda _: self.show(self.index + 1))
        self.holder = w.VBox()
        header = w.HTML(
            f"<b>Self-check</b> <small>({len(self.questions)} questions; your answers are saved, "
            "see notebook 00)</small>"
        )
        super().__init__(
            [header, self.position, self.holder, w.HBox([self.previous, self.next]), self.score]
        )
        self.index = 0
        self.show(0)

    def question(self, index: int) -> QuizQuestion:
        """Question number ``index`` (from 0), built on first use."""
        if not 0 <= index < len(self.questions):
            raise IndexError(f"this quiz has questions 0 to {len(self.questions) - 1}, not {index}")
        if self._built[index] is None:
            q = self.questions[index]
            self._built[index] = QuizQuestion(
                q, on_answer=self.update, saved=self._saved.get(q["id"], {})
            )
        return self._built[index]

    @property
    def items(self) -> list[QuizQuestion]:
        """Every question (building those not yet shown)."""
        return [self.question(i) for i in range(len(self.questions))]

    def show(self, index: int) -> None:
        if not self.questions:
            self.position.value = "<p><em>No questions for this topic.</em></p>"
            self.previous.disabled = self.next.disabled = True
            self.update()
            return
        self.index = index
        self.holder.children = (self.question(index),)
        self.position.value = f"<small>Question {index + 1} of {len(self.questions)}</small>"
        self.previous.disabled = index == 0
        self.next.disabled = index == len(self.questions) - 1
        self.update()

    def update(self) -> None:
        # a question not shown yet counts with its saved answer
        states = [
            (self._saved.get(d["id"]) or {}).get("correct") if q is None else q.correct
            for q, d in zip(self._built, self.questions, strict=True)
        ]
        answered = [s for s in states if s is not None]
        right = sum(answered)
        self.score.value = (
            f"<p>Score: <b>{right}</b> of {len(self.questions)} ({len(answered)} answered).</p>"
        )
