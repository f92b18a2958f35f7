"""The map in notebook 00 links every notebook; a click opens it in JupyterLab."""

from __future__ import annotations

import pytest

from .conftest import screenshot
from .test_jupyterlab import open_and_run

pytestmark = pytest.mark.browser


def test_a_title_in_the_map_opens_its_notebook_in_jupyterlab(lab, page):
    base, token, _ = lab
    open_and_run(page, base, token, "00_start_here.ipynb")
    course_map = page.locator(".jp-OutputArea table.ipm-course-map")
    course_map.scroll_into_view_if_needed()
    assert "…" not in course_map.inner_text()
    screenshot(page, "00_course_map")
    course_map.locator("a", has_text="Risks and limits").click()
    # JupyterLab opens the notebook in a new tab of its own, which becomes the current one
    current = '.lm-DockPanel .lm-TabBar-tab.lm-mod-current:has-text("04_risks.ipynb")'
    page.wait_for_selector(current, timeout=60_000)
