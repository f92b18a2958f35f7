"""What a student sees in the stored notebooks: readable tables and whole people.

The scanners (``tools.stored_outputs``) take a folder of notebooks; they are tested here on small
synthetic notebooks, then run on the course's stored notebooks. The stored outputs pass once the
notebooks are re-executed with the current library.
"""

from __future__ import annotations

import json

import pytest

from tools.stored_outputs import (
    WIDGET_STATE,
    Finding,
    frequency_problems,
    readability_problems,
    table_problems,
)

from .conftest import ROOT

CLEAN = (
    '<table class="ipm-table"><thead><tr><th>Procedure</th><th>Rate (%)</th></tr></thead>'
    "<tbody><tr><td>Medial branch block</td><td>–</td></tr></tbody></table>"
)
RAW = (
    '<table class="dataframe"><thead><tr><th></th><th>procedure_id</th><th>rate_pct</th></tr></thead>'
    "<tbody><tr><th>0</th><td>mbb</td><td>NaN</td></tr>"
    "<tr><th>1</th><td>rfa</td><td>&lt;NA&gt;</td></tr></tbody></table>"
)


def notebook(outputs=(), widget_strings=()):
    nb = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": ["x"],
             "outputs": list(outputs)}
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    if widget_strings:
        nb["metadata"]["widgets"] = {
            WIDGET_STATE: {
                "state": {
                    f"m{i}": {"model_name": "HTMLModel", "state": {"_model_name": "HTMLModel",
                                                                  "value": text}}
                    for i, text in enumerate(widget_strings)
                },
                "version_major": 2, "version_minor": 0,
            }
        }  # fmt: skip
    return nb


def html_output(html):
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {"text/html": [html], "text/plain": ["<a frame>"]}}  # fmt: skip


def plain_output(text):
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {"text/plain": [text]}}  # fmt: skip


def write(folder, **notebooks):
    for name, nb in notebooks.items():
        (folder / f"{name}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return folder


# ------------------------------------------------------------------ the scanner on synthetic notebooks


def test_a_clean_reading_table_passes():
    assert table_problems(CLEAN) == []


def test_a_raw_frame_shows_snake_headings_missing_values_and_a_bare_index():
    problems = table_problems(RAW)
    assert "snake_case headings ['procedure_id', 'rate_pct']" in problems
    assert "2 missing values shown as ['<NA>', 'NaN']" in problems
    assert "a bare index 0..1" in problems


def test_readability_scans_each_notebook_and_names_the_cell(tmp_path):
    write(tmp_path, good=notebook([html_output(CLEAN)]), bad=notebook([html_output(RAW)]))
    found = readability_problems(tmp_path)
    assert {f.notebook for f in found} == {"bad.ipynb"}
    assert all(f.cell == 0 for f in found)
    assert str(found[0]).startswith("bad.ipynb, cell 0: ")


@pytest.mark.parametrize(
    "text",
    ["{'percent': 71.42857142857143}", "['dworkin2008_immpact', 'farrar2001_pain']",
     "np.float64(3.5)", "[1, 2, 3]", "{'patients': 100, 'procedures': 2.1}"],
)  # fmt: skip
def test_python_reprs_are_found_in_plain_and_html_outputs(tmp_path, text):
    write(tmp_path, a=notebook([plain_output(text)]), b=notebook([html_output(f"<p>{text}</p>")]))
    found = readability_problems(tmp_path)
    assert {f.notebook for f in found} == {"a.ipynb", "b.ipynb"}
    assert all("Python repr" in f.what for f in found)


def test_code_shown_as_code_and_ordinary_brackets_are_not_reprs(tmp_path):
    html = "<pre>rows = data['value']</pre><p>Relief (6 to 12 months) [see 05]</p><code>{'a': 1}</code>"
    write(tmp_path, a=notebook([html_output(html)]))
    assert readability_problems(tmp_path) == []


def test_the_text_twin_of_an_html_table_is_not_scanned(tmp_path):
    out = html_output(CLEAN)
    out["data"]["text/plain"] = ["   procedure_id  rate_pct\n0  mbb  NaN ['x']"]
    write(tmp_path, a=notebook([out]))
    assert readability_problems(tmp_path) == []


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="is not a folder of notebooks"):
        readability_problems(tmp_path / "nowhere")


def test_fractional_frequencies_are_found_in_outputs_and_widget_state(tmp_path):
    write(
        tmp_path,
        out=notebook([html_output("<td>7.1 in 1,000</td>")]),
        widget=notebook(widget_strings=["Infection: 3.8 in 100 patients", "in about fewer than 1 in 100"]),
        fine=notebook([plain_output("about 4 in 100 patients; fewer than 1 in 1,000; 1.5 mg")]),
    )  # fmt: skip
    found = frequency_problems(tmp_path)
    assert Finding("out.ipynb", 0, "a fraction of a person '7.1 in 1,000'") in found
    assert Finding("widget.ipynb", "widget state", "a fraction of a person '3.8 in 100'") in found
    assert Finding("widget.ipynb", "widget state", "a doubled hedge 'about fewer than'") in found
    assert not [f for f in found if f.notebook == "fine.ipynb"]


def test_widget_machinery_strings_are_not_read_as_text(tmp_path):
    nb = notebook(widget_strings=["ok"])
    state = nb["metadata"]["widgets"][WIDGET_STATE]["state"]["m0"]["state"]
    state["_view_name"] = "3.8 in 100"  # a key starting with _ is machinery, not text
    write(tmp_path, a=nb)
    assert frequency_problems(tmp_path) == []


# ------------------------------------------------------------------ the course's stored notebooks


def test_stored_notebooks_show_no_raw_dumps():
    found = readability_problems(ROOT / "notebooks")
    listing = "\n".join(map(str, found))
    assert not found, (
        f"raw dumps in the stored outputs (re-execute after fixing the cell):\n{listing}"
    )


def test_stored_outputs_and_widget_state_count_whole_people():
    found = frequency_problems(ROOT / "notebooks")
    listing = "\n".join(map(str, found))
    assert not found, f"natural frequencies that are not whole people:\n{listing}"
