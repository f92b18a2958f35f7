"""Security hygiene and inputs at their extremes."""

import ast
import re

import ipywidgets
import pytest

from ipm_lib import widgets as W
from ipm_lib.explorers import Refusal

from .conftest import ROOT

LIBRARY = sorted((ROOT / "ipm_lib").glob("*.py"))


@pytest.fixture(autouse=True)
def close_widgets():
    yield
    ipywidgets.Widget.close_all()


def test_course_command_binds_localhost_and_keeps_the_token():
    makefile = (ROOT / "Makefile").read_text()
    course = makefile.split("\ncourse:", 1)[1].split("\n\n", 1)[0]
    assert "--ServerApp.ip=127.0.0.1" in course
    assert not re.search(
        r"token\s*=\s*['\"]{0,1}['\"]|--no-token|disable_check_xsrf|password=''", course
    )


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_library_never_evaluates_text_or_opens_the_network(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert not calls & {"eval", "exec", "compile", "__import__"}
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    # urllib.parse only builds strings (the nbgitpuller link); every other urllib module can connect.
    network = {
        m
        for m in imported
        if m.split(".")[0] in {"urllib", "requests", "http", "socket", "httpx", "aiohttp"}
        and m != "urllib.parse"
    }
    assert not network


@pytest.mark.parametrize("baseline", [1.0, 9.0])
@pytest.mark.parametrize("relief", [0.0, 100.0])
def test_follow_up_simulator_at_its_extremes(baseline, relief):
    view = W.FollowUpSimulator(baseline=baseline, relief_pct=relief)
    # an error (a ValueError from the computation) would leave the chart area empty with a message
    assert view.out.outputs, view.text.value
    assert not isinstance(view.model.result, Refusal) and "counts as" in view.text.value


@pytest.mark.parametrize("response", [0.0, 1.0])
def test_pathway_simulator_at_its_extremes(response):
    view = W.PathwaySimulator()
    view.response.value = response
    view.median.value = view.median.min
    assert view.out.outputs and "procedures per patient" in view.text.value


def test_mme_calculator_with_all_lines_empty_says_so():
    view = W.MMECalculator()
    view.rows[0][0].value = ""
    assert "empty" in view.text.value and view.out.outputs == ()


def test_decision_aid_sliders_at_zero_ask_for_values():
    view = W.DecisionAid()
    for slider in view.sliders.values():
        slider.value = 0
    assert "move the sliders" in view.text.value
