"""A student who always ticks the first option does not pass a self-check quiz (JupyterLab, Chromium,
1280x720). Along the way: single-answer questions are radio buttons with nothing chosen, and their
long labels wrap inside the notebook instead of running off the screen."""

from __future__ import annotations

import re

import pytest

from .conftest import screenshot
from .test_jupyterlab import open_and_run

pytestmark = pytest.mark.browser

PASS_MARK = 0.5  # as in tests/test_quiz.py: a quiz is passed with at least half of it right


@pytest.fixture
def small_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    yield page
    context.close()


def test_first_option_strategy_does_not_pass_a_quiz(lab, small_page):
    page = small_page
    base, token, _ = lab
    open_and_run(page, base, token, "04_risks.ipynb")
    quiz = page.locator(".jp-OutputArea .widget-vbox", has_text="Self-check").last
    quiz.scroll_into_view_if_needed()
    total = int(re.search(r"Question 1 of (\d+)", quiz.inner_text()).group(1))
    radios_seen = 0
    for number in range(1, total + 1):
        page.wait_for_function(
            "n => document.body.innerText.includes(`Question ${n} of`)", arg=number
        )
        retry = quiz.get_by_role("button", name="Try again")
        if retry.is_enabled():  # an answer saved by an earlier session: start this question afresh
            retry.click()
            page.wait_for_timeout(300)
        radios = quiz.locator(".widget-radio-box input[type=radio]")
        if radios.count():
            radios_seen += 1
            assert quiz.locator(".widget-radio-box input:checked").count() == 0, (
                f"question {number}: an option is chosen before the student chose one"
            )
            assert "Choose one." in quiz.inner_text()
            overflow = quiz.locator(".widget-radio-box").evaluate(
                "e => [...e.querySelectorAll('label')].some(l => l.scrollWidth > l.clientWidth + 1)"
            )
            assert not overflow, f"question {number}: an option label runs past its box"
            button_first = quiz.locator(".widget-radio-box").evaluate(
                """e => [...e.querySelectorAll('label')].every(l =>
                       l.querySelector('input').getBoundingClientRect().left
                       - l.getBoundingClientRect().left < 20)"""
            )
            assert button_first, f"question {number}: a radio button is not before its label"
            if number == 2:
                screenshot(page, "quiz_radio_1280x720")
            radios.first.check()
        else:
            assert "Choose all that apply." in quiz.inner_text()
            quiz.locator(".widget-checkbox input").first.check()
        quiz.get_by_role("button", name="Check").click()
        quiz.get_by_text(re.compile(r"^(Correct|Not quite)\.")).first.wait_for()
        if number < total:
            quiz.get_by_role("button", name="Next").click()
    text = quiz.inner_text()
    right = int(re.search(r"Score: (\d+) of (\d+)", text).group(1))
    assert radios_seen > 0, "no single-answer question was shown as radio buttons"
    assert f"({total} answered)" in text
    assert right / total < PASS_MARK, f"ticking the first option scored {right} of {total}"
    screenshot(page, "quiz_first_option_score")
