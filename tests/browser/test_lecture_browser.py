"""A lecturer in JupyterLab at 1280x720: lecture mode on and off with one button; new cells and the
exercise cell stay editable; charts fit the screen; nothing meant for the lecturer is shown before."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ARTIFACTS, ROOT, screenshot
from .test_jupyterlab import IDLE, run_all

pytestmark = pytest.mark.browser

NOTEBOOK = "04_risks.ipynb"
SWITCH = ".jp-OutputArea .ipm-lecture-control .widget-toggle-button"


@pytest.fixture
def screen(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    yield page
    context.close()


def copy_of(name: str) -> str:
    """A copy of a course notebook under the git-ignored artifacts folder (with the slides' style sheet),
    so that nothing a test types, and no save JupyterLab makes, reaches the notebooks themselves."""
    folder = ARTIFACTS.parent / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "notebooks" / name, folder / name)
    shutil.copy(ROOT / "notebooks" / "rise.css", folder / "rise.css")
    return (folder / name).relative_to(ROOT).as_posix()


def open_notebook(page, base, token, path, run=True):
    page.set_default_timeout(60_000)
    page.goto(f"{base}/lab/tree/{path}?reset&token={token}")
    page.wait_for_selector(IDLE, timeout=60_000)
    if not run:
        return
    run_all(page)


def visible_code_cells(page) -> int:
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-Cell-inputWrapper')]
                 .filter(e => e.offsetParent !== null).length"""
    )


def type_into_new_cell(page, text: str):
    """Insert a cell below the last one (command mode 'b'), type into it and run it."""
    page.locator(".jp-Notebook .jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    editor = page.locator(".jp-Notebook .jp-Cell").last.locator(".cm-content")
    editor.wait_for(state="visible", timeout=10_000)
    editor.click()
    page.keyboard.type(text)
    page.keyboard.press("Shift+Enter")
    page.wait_for_selector(IDLE, timeout=60_000)


def test_lecture_mode_turns_on_and_off_and_never_traps_the_lecturer(lab, screen):
    base, token, _ = lab
    page = screen
    open_notebook(page, base, token, copy_of(NOTEBOOK))
    page.locator(".jp-Notebook .jp-Cell").first.scroll_into_view_if_needed()
    switch = page.locator(SWITCH)
    assert switch.count() == 1 and switch.inner_text().strip() == "Lecture mode"
    # the switch is near the top: visible without scrolling, on a 720-pixel screen
    assert switch.bounding_box()["y"] + switch.bounding_box()["height"] < 720
    body = page.locator(".jp-Notebook").inner_text()
    assert "Reload the page" not in body and "Lecture mode off" not in body
    code_before = visible_code_cells(page)
    assert code_before > 3

    switch.click()
    page.wait_for_function("() => document.querySelector('.jp-Notebook .ipm-lecture-on') !== null")
    page.wait_for_timeout(500)
    assert visible_code_cells(page) <= 2, "the notebook's own code is still shown in lecture mode"
    screenshot(page, "lecture_mode_on_top")

    # the exercise cell keeps its code, and a student can edit it
    exercise = page.locator(".jp-Notebook .jp-CodeCell", has_text="your code here")
    exercise.scroll_into_view_if_needed()
    assert exercise.locator(".jp-Cell-inputWrapper").is_visible()
    exercise.locator(".cm-content").click()
    page.keyboard.press("End")
    page.keyboard.type("  # edited")
    assert "# edited" in exercise.locator(".cm-content").inner_text()
    screenshot(page, "lecture_mode_exercise")

    # every chart already drawn fits the screen, with no horizontal overflow
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img')]
                 .map(i => [i.getBoundingClientRect().width, i.getBoundingClientRect().height])"""
    )
    assert sizes and all(h <= 720 - 200 and w <= 1280 for w, h in sizes), sizes
    # widget labels are not cut
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.jp-Notebook .widget-label')]
                 .filter(l => l.offsetParent !== null && l.scrollWidth > l.clientWidth + 1)
                 .map(l => l.textContent)"""
    )
    assert cut == [], f"widget labels cut in lecture mode: {cut}"
    # long tables are cut with a note that counts the rows left out
    notes = page.evaluate(
        """() => [...document.querySelectorAll('.jp-Notebook div')]
                 .map(d => getComputedStyle(d, '::after').content)
                 .filter(c => c.includes('more rows in the notebook'))"""
    )
    assert notes, "no long table was cut with a note"

    # a new cell: the lecturer can type into it and run it, and its code stays visible
    type_into_new_cell(page, "print(6 * 7)")
    new = page.locator(".jp-Notebook .jp-CodeCell", has_text="print(6 * 7)")
    assert new.locator(".jp-Cell-inputWrapper").is_visible()
    assert "print(6 * 7)" in new.locator(".cm-content").inner_text()
    assert "42" in new.locator(".jp-OutputArea").inner_text()
    screenshot(page, "lecture_mode_new_cell")

    # off again: every code cell is back
    page.locator(".jp-Notebook .jp-Cell").first.scroll_into_view_if_needed()
    page.locator(SWITCH).click()
    page.wait_for_function("() => document.querySelector('.jp-Notebook .ipm-lecture-on') === null")
    page.wait_for_timeout(300)
    assert visible_code_cells(page) >= code_before
    screenshot(page, "lecture_mode_off_again")
