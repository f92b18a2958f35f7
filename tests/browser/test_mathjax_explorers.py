"""Dollar amounts in explorer charts are not typeset as mathematics by JupyterLab's MathJax.

JupyterLab 4 typesets every HTML output, an Output widget's chart too: "$6,286, $17,142" became
mathematics. The class ``tex2jax_ignore`` (MathJax 2) did not stop it; ``mathjax_ignore`` (MathJax 3)
does. The same chart without the explorers' wrapper is the control, so the check can fail. (The value
of an ``ipywidgets.HTML`` was not typeset in this JupyterLab, wrapped or not: not checked here.)"""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import ROOT
from .test_jupyterlab import IDLE

pytestmark = pytest.mark.browser

CELL = """import ipywidgets as w
from IPython.display import HTML, display
from ipm_lib.explorers.base import html_output, page
display(HTML('<p class="bare-control">Payments $6,286, $17,142 each</p>'))
chart = w.Output()
chart.outputs = (html_output('<p class="wrapped-chart">Payments $6,286, $17,142 each</p>', 'chart'),)
bare_chart = w.Output()
bare_chart.outputs = ({"output_type": "display_data", "metadata": {},
                       "data": {"text/html": '<p class="bare-chart">Payments $6,286, $17,142 each</p>'}},)
w.VBox([w.HTML(page('<p>explorer text</p>')), chart, bare_chart])"""


def test_explorer_pages_are_not_typeset_as_mathematics(lab, page):
    base, token, _ = lab
    folder = ROOT / "notebooks" / "_mathjax_check"
    folder.mkdir(exist_ok=True)
    try:
        cell = {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": CELL,
        }
        kernel = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        nb = {
            "cells": [cell],
            "metadata": {"kernelspec": kernel},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        (folder / "check.ipynb").write_text(json.dumps(nb))
        page.set_default_timeout(60_000)
        page.goto(f"{base}/lab/tree/notebooks/_mathjax_check/check.ipynb?reset&token={token}")
        page.wait_for_selector(IDLE, timeout=60_000)
        page.get_by_text("Run", exact=True).first.click()
        page.get_by_text("Run All Cells", exact=True).click()
        page.wait_for_selector(".wrapped-chart", timeout=60_000)
        page.wait_for_timeout(3000)  # MathJax typesets asynchronously
        found = page.evaluate(
            """() => Object.fromEntries(['bare-control', 'bare-chart', 'wrapped-chart'].map(c => {
                 const e = document.querySelector('.' + c);
                 return [c, e ? e.querySelectorAll('mjx-container').length : -1]; }))"""
        )
        print("mjx-container elements per block:", found)
        assert found["bare-chart"] > 0, (
            found
        )  # an explorer chart without the class would be typeset
        assert found["wrapped-chart"] == 0, found
    finally:
        shutil.rmtree(folder, ignore_errors=True)
