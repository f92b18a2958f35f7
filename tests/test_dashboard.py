"""The dashboard's first view (ipm_lib.dashboard): a static HTML snapshot of the first explorer."""

from __future__ import annotations

import json
import re

import ipywidgets as w
import pytest

from ipm_lib import dashboard

from .conftest import ROOT

TEMPLATE = ROOT / "share" / "jupyter" / "voila" / "templates" / "ipm-dashboard"


@pytest.fixture(autouse=True)
def _close_widgets():
    yield
    w.Widget.close_all()


def _chart_output(html: str) -> dict:
    return {"output_type": "display_data", "data": {"text/html": html, "text/plain": "x"},
            "metadata": {}}  # fmt: skip


def test_snapshot_shows_controls_as_their_current_choice_in_order():
    out = w.Output()
    out.outputs = (_chart_output('<div class="ipm-chart">12 in 1,000</div>'),)
    view = w.VBox([
        w.HTML("<b>Title</b>"),
        w.Dropdown(options=[("First", 1), ("Second", 2)], value=2, description="Procedure"),
        w.ToggleButtons(options=["Absolute", "Relative"], value="Relative"),
        w.IntSlider(value=7, description="Dose"),
        w.Checkbox(value=True, description="Lecture"),
        w.Button(description="Start again"),
        out,
    ])  # fmt: skip
    html = dashboard.snapshot(view)
    assert "Procedure: <b>Second</b>" in html and "First" not in html
    assert "Absolute | <b>Relative</b>" in html
    assert "Dose: <b>7</b>" in html and "Lecture: <b>yes</b>" in html
    assert "Start again" not in html  # a button has nothing to read
    order = [
        html.index(s) for s in ("<b>Title</b>", "Procedure", "Relative", "Dose", "12 in 1,000")
    ]
    assert order == sorted(order)


def test_snapshot_escapes_control_text_but_keeps_html_widgets():
    view = w.VBox(
        [w.Dropdown(options=["<script>x</script>"], description="A&B"), w.HTML("<i>ok</i>")]
    )
    html = dashboard.snapshot(view)
    assert "<script>" not in html and "&lt;script&gt;" in html and "A&amp;B" in html
    assert "<i>ok</i>" in html


def test_snapshot_of_tabs_shows_titles_and_only_the_selected_tab():
    tabs = w.Tab(children=[w.HTML("first page"), w.HTML("second page")])
    tabs.titles = ("One", "Two")
    tabs.selected_index = 1
    html = dashboard.snapshot(tabs)
    assert "second page" in html and "first page" not in html
    assert re.search(r'ipm-fv-selected">Two<', html) and ">One<" in html


def test_snapshot_of_a_text_output_is_escaped_text():
    out = w.Output()
    out.outputs = ({"output_type": "stream", "name": "stdout", "text": "a < b"},)
    assert dashboard.snapshot(out) == "<pre>a &lt; b</pre>"


def test_first_view_builds_the_first_panel_only_and_closes_what_it_built():
    built = []

    def first():
        box = w.VBox([w.HTML('<div class="ipm-chart">21 in 1,000 affected</div>')])
        built.append(box)
        return box

    def second():
        raise AssertionError("only the first panel is built for the first view")

    html = dashboard.first_view_html({"Risk": first, "Pathway": second})
    assert "21 in 1,000 affected" in html
    assert 'ipm-fv-selected">Risk<' in html and ">Pathway<" in html
    assert 'class="ipm-first-view"' in html
    # hidden once the live tabs draw a chart
    assert "body:has(.widget-tab .ipm-chart) .ipm-first-view{display:none}" in html
    (box,) = built
    assert box.comm is None and box.children[0].comm is None, "the snapshot's widgets stay open"


def test_first_view_without_panels_is_refused():
    with pytest.raises(ValueError, match="at least one panel"):
        dashboard.first_view_html({})


def test_first_view_is_html_marked_for_the_dashboard_template():
    view = dashboard.first_view({"Risk": lambda: w.HTML("<p>chart</p>")})
    data, metadata = view._repr_mimebundle_()
    assert "<p>chart</p>" in data["text/html"] and data["text/plain"]
    assert metadata == {dashboard.STATIC_KEY: True}


def test_the_template_writes_marked_outputs_as_html_and_starts_after_the_first_paint():
    conf = json.loads((TEMPLATE / "conf.json").read_text())
    assert conf["base_template"] == "lab"
    source = (TEMPLATE / "index.html.j2").read_text()
    assert f"output.metadata.get('{dashboard.STATIC_KEY}')" in source
    assert "{%- extends 'lab/index.html.j2' -%}" in source
    # the front end's entry script is started from a frame callback, not parser-blocking
    assert "requestAnimationFrame" in source and "main_js" in source


def test_the_dashboard_shows_the_first_view_after_its_tabs():
    nb = json.loads((ROOT / "notebooks" / "dashboard.ipynb").read_text())
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    tabs = next(i for i, s in enumerate(code) if "LazyTabs(panels)" in s)
    view = next(i for i, s in enumerate(code) if "dashboard.first_view(panels)" in s)
    assert view > tabs


def test_the_risk_explorer_snapshot_holds_its_chart_and_sentence():
    from ipm_lib import widgets

    html = dashboard.first_view_html({"Risk": widgets.RiskExplorer})
    assert 'class="ipm-chart"' in html and "in 1,000" in html
    assert "Procedure: <b>" in html and "Risk: <b>" in html
