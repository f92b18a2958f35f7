"""Every notebook in a real JupyterLab in Chromium: runs without an error, and its widgets respond."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, ROOT, screenshot

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDLE = "text=Python 3 (ipykernel) | Idle"


def run_all(page) -> None:
    """Run All Cells, then wait until every visible prompt shows an execution count and none is
    still queued ('[*]'). Prompts of cells whose code is collapsed (source_hidden) are empty, so
    they are not counted."""
    page.get_by_text("Run", exact=True).first.click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.wait_for_timeout(1000)
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                     .map(e => e.textContent.trim()).filter(t => t);
                   return p.length > 0 && p.every(t => /^\\[\\d+\\]:?$/.test(t)); }""",
        timeout=120_000,
    )


def open_and_run(page, base, token, name):
    page.set_default_timeout(60_000)
    page.goto(f"{base}/lab/tree/notebooks/{name}?reset&token={token}")
    page.wait_for_selector(IDLE, timeout=60_000)
    run_all(page)


def widget_state(page) -> str:
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-OutputArea .widget-html-content, .jp-OutputArea .widget-output .ipm-chart')]
                 .map(e => e.tagName === 'IMG' ? e.src.slice(-200) : e.innerText).join('|')"""
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_and_widgets_respond(lab, page, name):
    base, token, _ = lab
    open_and_run(page, base, token, name)
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, f"{name}: error output: {errors.first.inner_text()[:500]}"
    assert page.locator(".jp-OutputArea-output").count() > 0
    screenshot(page, name.removesuffix(".ipynb"))

    controls = page.locator(".jp-OutputArea .widget-dropdown select")
    if controls.count() == 0:
        buttons = page.locator(".jp-OutputArea .widget-button:not([disabled])")
        if buttons.count() == 0:
            return  # no widget in this notebook: running without errors is the test
        before = widget_state(page)
        buttons.first.click()
        page.wait_for_timeout(500)
        assert widget_state(page) != before, f"{name}: clicking a widget button changed nothing"
        return
    select = controls.first
    select.scroll_into_view_if_needed()
    before = widget_state(page)
    values = select.evaluate("s => [...s.options].map(o => o.value)")
    current = select.input_value()
    other = next(v for v in values if v != current)
    select.select_option(other)
    page.wait_for_function(
        """before => [...document.querySelectorAll('.jp-OutputArea .widget-html-content, .jp-OutputArea .widget-output .ipm-chart')]
                 .map(e => e.tagName === 'IMG' ? e.src.slice(-200) : e.innerText).join('|') !== before""",
        arg=before,
        timeout=20_000,
    )
    screenshot(page, name.removesuffix(".ipynb") + "_after_change")


def test_procedure_comparison_switches_views_in_jupyterlab(lab, page):
    base, token, _ = lab
    open_and_run(page, base, token, "02_techniques.ipynb")
    widget = page.locator(".jp-OutputArea .widget-vbox", has_text="Procedure comparison").first
    widget.scroll_into_view_if_needed()
    chart = widget.locator(".ipm-chart")
    assert "How long relief lasted" in chart.inner_text()
    widget.get_by_role("button", name="Complication rates").click()
    page.wait_for_function(
        """() => [...document.querySelectorAll('.ipm-chart')].some(c => c.innerText.includes('Complication rates reported'))""",
        timeout=20_000,
    )
    assert widget.locator("svg[role=img]").count() > 5
    widget.screenshot(path=str(ARTIFACTS / "procedure_comparison_in_jupyterlab.png"))


def test_quiz_pages_checks_and_scores_in_jupyterlab(lab, page):
    """A student answers the first self-check question, reads the feedback and moves on."""
    base, token, _ = lab
    open_and_run(page, base, token, "06_specialist_role.ipynb")
    quiz = page.locator(".jp-OutputArea .widget-vbox", has_text="Self-check").last
    quiz.scroll_into_view_if_needed()
    assert "Question 1 of" in quiz.inner_text()
    quiz.locator(".widget-checkbox input").first.check()
    quiz.get_by_role("button", name="Check").click()
    # the verdict and the score arrive as separate widget messages: wait for both
    page.wait_for_function(
        "() => /Correct\\.|Not quite\\./.test(document.body.innerText)"
        " && document.body.innerText.includes('(1 answered)')",
        timeout=20_000,
    )
    quiz.get_by_role("button", name="Next").click()
    page.wait_for_function(
        "() => document.body.innerText.includes('Question 2 of')", timeout=20_000
    )
    assert "(1 answered)" in quiz.inner_text(), "the answer was lost when moving on"
    screenshot(page, "quiz_in_jupyterlab")
