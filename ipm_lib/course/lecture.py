"""Lecture mode and slides: one switch at the top of every notebook, and the style sheet the slides use.

The switch (``lecture_control()``) is a toggle button. Switched on, it

* puts a style sheet on the page that enlarges text, tables and widget controls, fits every chart into
  a 1280x720 screen, and cuts long tables to their first rows with a note of how many rows are left out;
* hides the code of the notebook's own cells (marked once, when lecture mode is first switched on), but
  never the code of a cell added afterwards, of an empty cell or of an exercise cell (``# your code here``);
* makes charts drawn afterwards projector-sized.

``lecture_mode(on)`` (``style.lecture_mode``, the only one) switches from code: charts, and the latest
switch follows it, so code and button never disagree.

Switched off, the page is as before. The style sheet applies only to the notebook that holds the switch
(CSS ``:has``), so other open notebooks keep their normal look.

JupyterLab does not show cell tags or metadata on the page, so the cells to hide are marked by a small
script run when the switch is first turned on (JupyterLab runs scripts in outputs the kernel has just
produced). Where scripts do not run, the code simply stays visible; nothing else depends on it.

Slides (jupyterlab-rise) load ``notebooks/rise.css`` next to the notebooks: ``SLIDES_CSS`` below, written
by ``tools/slides.py``. It hides code on every slide and uses the same table and chart rules.
"""

from __future__ import annotations

import ipywidgets as w

from .. import style
from ..style import lecture_mode

__all__ = ["LectureControl", "lecture_control", "lecture_mode"]

# rows of a table shown in lecture mode and on slides; the rest are counted in a note
TABLE_ROWS = 6
# the page height a chart may take in lecture mode: the screen less JupyterLab's bars and a heading
CHART_MAX_HEIGHT = "calc(100vh - 210px)"
ON = "ipm-lecture-on"  # class of the switch while lecture mode is on
COURSE_CELL = "ipm-course-cell"  # class the script gives to the notebook's own code cells
EXERCISE_MARK = "your code here"  # exercise cells say this; their code always stays visible

SCOPE = f".jp-Notebook:has(.{ON})"


def _table_rules(scope: str, note: str, rows: int = TABLE_ROWS) -> str:
    """Long pandas tables cut to their first rows, with a note counting the rows left out (a CSS counter
    counts the collapsed rows, so the note is right for every table without changing its HTML)."""
    table = f"{scope} div:has(> table.dataframe)"
    return f"""
{table} {{ counter-reset: ipm-more; }}
{table} > table.dataframe > tbody > tr:nth-child(n+{rows + 1}) {{ visibility: collapse; counter-increment: ipm-more; }}
{table}:has(> table.dataframe > tbody > tr:nth-child({rows + 1}))::after {{
  content: counter(ipm-more) "{note}";
  display: block; font-style: italic; color: #555; margin-top: 0.3em;
}}
"""


def _chart_rules(scope: str, max_height: str) -> str:
    """Charts already drawn shrink to fit the screen; they are never cut."""
    return f"""
{scope} .jp-OutputArea-output img {{ max-height: {max_height}; max-width: 100%; width: auto; height: auto; object-fit: contain; }}
{scope} .ipm-chart {{ max-width: 100%; overflow-x: auto; }}
"""


LECTURE_CSS = (
    f"""
{SCOPE} {{
  --jp-content-font-size1: 20px; --jp-content-font-size2: 1.3em; --jp-content-font-size3: 1.6em;
  --jp-content-font-size4: 2em; --jp-content-font-size5: 2.4em; --jp-ui-font-size1: 17px;
  --jp-code-font-size: 17px; --jp-widgets-font-size: 17px; --jp-widgets-inline-height: 34px;
  --jp-widgets-inline-label-width: 140px; --jp-widgets-inline-width: 480px; --jp-cell-prompt-width: 96px;
}}
{SCOPE} .jp-RenderedHTMLCommon table {{ font-size: 15px; }}
{SCOPE} .jp-RenderedHTMLCommon td, {SCOPE} .jp-RenderedHTMLCommon th {{ overflow-wrap: anywhere; }}
{SCOPE} .widget-dropdown {{ width: auto !important; max-width: 100%; }}
{SCOPE} .widget-inline-hbox .widget-label {{ width: auto !important; min-width: var(--jp-widgets-inline-label-width);
  max-width: none; overflow: visible; text-overflow: clip; white-space: nowrap; }}
{SCOPE} .widget-html-content, {SCOPE} .widget-label-basic {{ font-size: 17px; line-height: 1.4; }}
{SCOPE} .jp-CodeCell.{COURSE_CELL} .jp-Cell-inputWrapper {{ display: none; }}
{SCOPE} .jp-CodeCell.{COURSE_CELL} .jp-OutputArea-prompt {{ visibility: hidden; }}
"""
    + _table_rules(SCOPE, " more rows in the notebook (switch lecture mode off to see them)")
    + _chart_rules(SCOPE, CHART_MAX_HEIGHT)
)

# Marks the notebook's own code cells the first time lecture mode is switched on in this page; cells
# added later are never marked. JupyterLab evaluates it with ``element``, the output's DOM node.
MARK_CELLS_JS = f"""
(function mark(node, tries) {{
  const notebook = node && node.closest('.jp-Notebook');
  if (!notebook) {{  // the output is put on the page just after this runs
    if (node && tries > 0) setTimeout(() => mark(node, tries - 1), 100);
    return;
  }}
  if (notebook.dataset.ipmCourseCells) return;
  notebook.dataset.ipmCourseCells = 'marked';
  for (const cell of notebook.querySelectorAll('.jp-CodeCell')) {{
    const collapsed = cell.querySelector('.jp-InputPlaceholder') !== null;  // setup and widget cells
    const editor = cell.querySelector('.jp-InputArea-editor');
    const code = editor ? editor.textContent.trim() : '';
    if (collapsed || (code && !code.includes('{EXERCISE_MARK}'))) cell.classList.add('{COURSE_CELL}');
  }}
}})(typeof element === 'undefined' ? null : element, 50);
"""

SLIDES_CSS = (
    """/* Slides of the course notebooks (jupyterlab-rise loads rise.css next to a notebook).
   Written by tools/slides.py from ipm_lib/course/lecture.py: edit it there. */
.reveal .jp-CodeCell .jp-Cell-inputWrapper { display: none !important; }
.reveal .jp-OutputArea-prompt, .reveal .jp-InputPrompt { display: none !important; }
.reveal {
  --jp-content-font-size1: 20px; --jp-content-font-size2: 1.25em; --jp-content-font-size3: 1.5em;
  --jp-content-font-size4: 1.8em; --jp-content-font-size5: 2.1em; --jp-ui-font-size1: 15px;
  --jp-widgets-font-size: 16px; --jp-widgets-inline-label-width: 130px;
}
.reveal .jp-Cell { padding-top: 2px; padding-bottom: 2px; }
.reveal .jp-RenderedHTMLCommon { line-height: 1.4; }
.reveal .jp-RenderedHTMLCommon h1 { font-size: 44px; }
.reveal .jp-RenderedHTMLCommon h2 { font-size: 34px; }
.reveal .jp-RenderedHTMLCommon h3 { font-size: 27px; }
.reveal .jp-RenderedHTMLCommon blockquote { width: auto; font-style: normal; }
.reveal .jp-RenderedHTMLCommon table { font-size: 14px; max-width: 100%; }
.reveal .jp-RenderedHTMLCommon td, .reveal .jp-RenderedHTMLCommon th { overflow-wrap: anywhere; }
.reveal div:has(> table.dataframe) { max-height: 50vh; overflow: hidden; }
.reveal div:has(> table.dataframe)::after { position: sticky; bottom: 0; background: #fff; }
.reveal .jp-OutputArea-output { overflow: hidden; }
.reveal .widget-inline-hbox .widget-label { width: auto !important; min-width: var(--jp-widgets-inline-label-width);
  max-width: none; overflow: visible; text-overflow: clip; white-space: nowrap; }
.reveal .widget-dropdown { width: auto !important; max-width: 100%; }
"""
    + _table_rules(".reveal", " more rows in the notebook")
    + _chart_rules(".reveal", "60vh")
)


class LectureControl(w.HBox):
    """The lecture-mode switch: a toggle button; its style sheet and cell-marking script sit beside it."""

    def __init__(self):
        self.button = w.ToggleButton(
            value=False,
            description="Lecture mode",
            icon="desktop",
            tooltip="For a projector: larger text, tables and charts fitted to the screen, the course's "
            "code hidden. Click again to switch off.",
            layout=w.Layout(width="auto"),
        )
        self.css = w.HTML("")
        self.script = w.Output(layout=w.Layout(display="none"))
        super().__init__([self.button, self.css, self.script])
        self.add_class("ipm-lecture-control")
        self.button.observe(lambda change: self.apply(change["new"]), "value")

    def apply(self, on: bool) -> None:
        on = bool(on)
        style.lecture_mode(on)
        if on:
            self.add_class(ON)
            self.css.value = f"<style>{LECTURE_CSS}</style>"
            self.script.outputs = (
                {
                    "output_type": "display_data",
                    "data": {"application/javascript": MARK_CELLS_JS, "text/plain": ""},
                    "metadata": {},
                },
            )
        else:
            self.remove_class(ON)
            self.css.value = ""
            self.script.outputs = ()
        self.button.button_style = "info" if on else ""

    @property
    def on(self) -> bool:
        return self.button.value

    def __repr__(self) -> str:
        return "Lecture mode switch"


_controls: list[LectureControl] = []


def lecture_control() -> LectureControl:
    """The switch shown at the top of every notebook (lecture mode starts off). Being the notebooks'
    setup call, it also asks IPython to show course charts in one pass (``plots.show_in_one_pass``)."""
    from ..plots import show_in_one_pass

    show_in_one_pass()
    style.lecture_mode(False)
    control = LectureControl()
    _controls.append(control)
    del _controls[:-4]
    return control


def _follow(on: bool) -> None:
    """Lecture mode was switched (from code or a button): the latest switch shows it."""
    if _controls:
        _controls[
            -1
        ].button.value = on  # its observer applies the page style (once: no change, no call)


style.follow_lecture_mode(_follow)
