"""Lecture mode: one switch, reversible, and what it changes; the slides' metadata and style sheet."""

from __future__ import annotations

import base64
import json
import struct
import zlib

import ipywidgets as w
import nbformat
import pytest

from ipm_lib import course, style
from ipm_lib.course import lecture
from tools import slides

from .conftest import NOTEBOOKS, ROOT

COURSE_NOTEBOOKS = [p for p in NOTEBOOKS if p.name[:2].isdigit()]


@pytest.fixture(autouse=True)
def _normal():
    style.lecture_mode(False)
    yield
    style.lecture_mode(False)
    w.Widget.close_all()


def test_the_switch_turns_lecture_mode_on_and_off_again():
    control = course.lecture_control()
    assert not control.on and not style.is_lecture() and control.css.value == ""
    control.button.value = True  # what a click does
    assert style.is_lecture()
    assert lecture.ON in control._dom_classes
    assert "<style>" in control.css.value and "max-height" in control.css.value
    assert control.script.outputs[0]["data"]["application/javascript"] == lecture.MARK_CELLS_JS
    control.button.value = False
    assert not style.is_lecture()
    assert lecture.ON not in control._dom_classes
    assert control.css.value == "" and control.script.outputs == ()


def test_lecture_mode_from_code_moves_the_latest_switch():
    control = course.lecture_control()
    course.lecture_mode(True)
    assert control.on and style.is_lecture()
    course.lecture_mode(False)
    assert not control.on and not style.is_lecture()


def test_there_is_one_lecture_mode_function_and_every_way_of_switching_agrees():
    assert course.lecture_mode is style.lecture_mode is lecture.lecture_mode
    older, latest = course.lecture_control(), course.lecture_control()
    style.lecture_mode(True)  # from code, as a chart test or a lecturer's cell does
    assert latest.on and lecture.ON in latest._dom_classes and "<style>" in latest.css.value
    style.lecture_mode(False)
    assert not latest.on and latest.css.value == ""
    older.button.value = True  # a click on an older switch further up the notebook
    assert style.is_lecture() and latest.on
    older.button.value = False
    assert not style.is_lecture() and not latest.on and latest.css.value == ""


def test_a_new_switch_starts_off_even_after_lecture_mode_was_on():
    course.lecture_control().button.value = True
    assert style.is_lecture()
    assert not course.lecture_control().on and not style.is_lecture()


def test_the_switch_shows_students_no_text_meant_for_the_lecturer():
    control = course.lecture_control()
    bundle = control._repr_mimebundle_()
    assert bundle["text/plain"] == "Lecture mode switch"
    assert control.button.description == "Lecture mode"
    shown = f"{control.button.description} {control.button.tooltip}"  # what a student can read
    for text in ("Reload", "Lecture mode off", "lecturers"):
        assert text not in shown


def test_lecture_css_is_scoped_to_the_notebook_holding_the_switch():
    rules = [r for r in lecture.LECTURE_CSS.split("}") if "{" in r]
    selectors = ",".join(r.split("{")[0] for r in rules)
    for selector in selectors.split(","):
        assert selector.strip().startswith(lecture.SCOPE), selector


def test_only_marked_cells_lose_their_code_and_exercises_and_empty_cells_are_never_marked():
    css = lecture.LECTURE_CSS
    hiding = [r for r in css.split("}") if "display: none" in r]
    assert hiding and all(f".{lecture.COURSE_CELL}" in r for r in hiding)
    js = lecture.MARK_CELLS_JS
    assert "dataset.ipmCourseCells" in js  # marked once per page: cells added later stay visible
    # collapsed (setup, widget) cells, or cells with code that is not an exercise
    assert f"(collapsed || (code && !code.includes('{lecture.EXERCISE_MARK}')))" in js


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_exercise_cells_carry_the_mark_that_keeps_them_visible(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "answer = None" in source:
            assert lecture.EXERCISE_MARK in source, f"{path.name}: exercise cell without the mark"


def test_long_tables_are_cut_with_a_count_and_charts_fit_the_screen():
    for css in (lecture.LECTURE_CSS, lecture.SLIDES_CSS):
        assert f"tr:nth-child(n+{lecture.TABLE_ROWS + 1})" in css
        assert "counter(ipm-more)" in css and "more rows in the notebook" in css
        assert "img { max-height:" in css and "max-width: 100%" in css
    assert "calc(100vh - 210px)" in lecture.LECTURE_CSS


def test_widget_labels_are_not_cut_in_lecture_mode_or_on_slides():
    for css in (lecture.LECTURE_CSS, lecture.SLIDES_CSS):
        assert ".widget-label { width: auto !important;" in css
        assert "text-overflow: clip" in css


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_the_switch_is_the_first_code_cell_right_below_the_title(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = nb["cells"][1]
    assert nb["cells"][0]["cell_type"] == "markdown" and nb["cells"][0]["source"][0].startswith(
        "# "
    )
    assert first["cell_type"] == "code"
    assert "".join(first["source"]).rstrip().splitlines()[-1].startswith("lecture_control()")
    text = json.dumps(nb)
    assert "Reload the page" not in text and "lecture_mode(" not in text


# ------------------------------------------------------------------ slides


def png(width: int, height: int) -> str:
    head = (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height)
    )
    return base64.b64encode(
        head + b"\x08\x02\x00\x00\x00" + struct.pack(">I", zlib.crc32(b""))
    ).decode()


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    for kind, source, outputs in cells:
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(source, outputs=outputs))
    return nb


def chart(height):
    return [nbformat.v4.new_output("display_data", data={"image/png": png(900, height)})]


def test_headings_start_slides_and_the_setup_cell_is_skipped():
    nb = notebook(
        ("md", "# Title\n\ntext", []),
        ("code", "import x\nlecture_control()", []),
        ("md", "## A section", []),
        ("code", "plots.small()", chart(200)),
        ("md", "### A part", []),
        ("md", "more text", []),
    )
    assert slides.slide_types(nb) == ["slide", "skip", "slide", "-", "subslide", "-"]


def test_a_second_chart_that_would_overflow_starts_a_subslide_with_its_introduction():
    nb = notebook(
        ("md", "## Charts", []),
        ("code", "plots.a()", chart(450)),
        ("md", "The next chart shows b:", []),
        ("code", "plots.b()", chart(450)),
    )
    assert slides.slide_types(nb) == ["slide", "-", "subslide", "-"]


def test_a_tall_chart_is_counted_at_the_height_the_slides_give_it():
    assert slides.output_height(chart(2000)[0]) == pytest.approx(0.6 * 720 + 10)
    assert slides.output_height(chart(300)[0]) == pytest.approx(310)


def test_apply_sets_rise_settings_and_every_cell_once():
    nb = notebook(("md", "# T", []), ("code", "1 + 1", []))
    assert slides.apply(nb) is True
    assert nb.metadata["rise"]["scroll"] is True and nb.metadata["rise"]["center"] is False
    assert all("slide_type" in c.metadata["slideshow"] for c in nb.cells)
    assert slides.apply(nb) is False


def test_the_slides_hide_every_code_input():
    assert (
        ".reveal .jp-CodeCell .jp-Cell-inputWrapper { display: none !important; }"
        in lecture.SLIDES_CSS
    )


def test_the_slides_style_sheet_next_to_the_notebooks_is_the_generated_one():
    assert (ROOT / "notebooks" / "rise.css").read_text(encoding="utf-8") == lecture.SLIDES_CSS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_carries_its_slide_metadata(path):
    """Fails after cells are added or outputs change until `make notebooks` (or `python -m tools.slides
    notebooks`) has been run."""
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("rise") == slides.RISE, (
        f"{path.name}: run `python -m tools.slides notebooks`"
    )
    expected = slides.slide_types(nb)
    actual = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert actual == expected, f"{path.name}: run `python -m tools.slides notebooks`"
