"""What every explorer shares: the model base, the base view with its one render path and one
cache, the refusal result, small HTML helpers (CSS classes, no inline styles) and ``LazyTabs``.

An explorer is a model and a view. The model (a ``traitlets.HasTraits``) holds the inputs and, in
``@observe`` handlers, recomputes ``result``: a frozen dataclass of figures and words (no HTML), or
a ``Refusal`` saying what to change. The view builds its controls, links them to the model once,
and turns a result into HTML (``render``). Every redraw goes through ``ExplorerView.show_result``,
which keeps the drawn outputs in one cache keyed on the whole result (and lecture mode), so the
key cannot leave out anything the page shows; flipping back to an earlier state is instant.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import ipywidgets as w
import pandas as pd
import traitlets as t

from .. import data, style
from ..ui import STYLESHEET, escape, message_box

EDUCATION_ONLY = "Education only, not clinical advice."

# JupyterLab's MathJax typesets HTML outputs (an Output widget's chart too) and would read the text
# between two dollar signs ("$6,286, $17,142") as mathematics. MathJax 3, which JupyterLab 4 uses,
# skips an element of class mathjax_ignore; tex2jax_ignore is the MathJax 2 name (classic notebook).
PAGE_CLASS = "ipm-explorer mathjax_ignore tex2jax_ignore"
EXPLORER_CSS = (
    "<style>"
    ".ipm-table{border-collapse:collapse}"
    ".ipm-table th{text-align:left;padding:2px 8px}"
    ".ipm-table td{padding:2px 8px;vertical-align:top}"
    ".ipm-explorer .ipm-small{font-size:smaller}"
    "</style>"
)


@dataclass(frozen=True)
class Refusal:
    """A result that says why nothing can be shown and what to change (``kind``: error or info)."""

    message: str
    kind: str = "error"


# ------------------------------------------------------------------ HTML helpers


def page(*parts: str) -> str:
    """HTML parts in one block that MathJax leaves alone, with the shared stylesheet."""
    return f'{STYLESHEET}{EXPLORER_CSS}<div class="{PAGE_CLASS}">{"".join(parts)}</div>'


def para(text_html: str, small: bool = False) -> str:
    return f'<p class="ipm-small">{text_html}</p>' if small else f"<p>{text_html}</p>"


def bold(text: object) -> str:
    return f"<b>{escape(text)}</b>"


def items(lines_html: Iterable[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>{''.join(f'<li>{line}</li>' for line in lines_html)}</{tag}>"


def table(rows: Sequence[Sequence[object]], headings: Sequence[str]) -> str:
    """A small table of text cells with readable headings (every cell escaped)."""
    if not rows:
        return para("<em>No rows in the dataset for this choice.</em>")
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f'<table class="ipm-table"><tr>{head}</tr>{body}</table>'


def html_output(markup: str, summary: str) -> dict:
    """An Output-widget output holding an HTML chart (``webchart``), with a text summary."""
    return {
        "output_type": "display_data",
        "data": {"text/html": f'<div class="{PAGE_CLASS}">{markup}</div>', "text/plain": summary},
        "metadata": {},
    }


def options(frame: pd.DataFrame, label: str, value: str) -> list[tuple[str, str]]:
    """Dropdown options (shown name, id) from two columns of a table."""
    return [(str(a), str(b)) for a, b in zip(frame[label], frame[value], strict=True)]


def procedure_names() -> dict[str, str]:
    """Procedure id -> the name students read."""
    procs = data.load("procedures")
    return dict(zip(procs["procedure_id"], procs["name"], strict=True))


def course_text(explorer: str) -> dict[str, dict]:
    """The course text of one explorer (``data/explorer_text.csv``) by ``text_id``."""
    rows = data.load("explorer_text")
    rows = rows[rows["explorer"] == explorer]
    return {r["text_id"]: r.to_dict() for _, r in rows.iterrows()}


# ------------------------------------------------------------------ model and view


class ExplorerModel(t.HasTraits):
    """Inputs as traits; ``result`` recomputed from them (subclasses observe their inputs and call
    ``update``; ``compute`` returns a frozen result or a ``Refusal``)."""

    result = t.Any()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.update()

    def update(self, _change=None) -> None:
        self.result = self.compute()

    def compute(self):  # pragma: no cover - every model defines it
        raise NotImplementedError


class ExplorerView(w.VBox):
    """Base view: a title, the controls, a text area and a chart area, drawn from the model's result.

    ``show_result`` is the only way the page changes. ``renders`` counts page updates and ``draws``
    the results actually drawn (cache misses).
    """

    title = ""
    cache_size = 32

    def __init__(self, model: ExplorerModel, controls: Sequence[w.Widget], **kwargs):
        self.model = model
        self.out = w.Output(layout=w.Layout(min_height="120px"))
        self.text = w.HTML()
        self.renders = self.draws = 0
        self._cache: OrderedDict = OrderedDict()
        header = w.HTML(page(f"{bold(self.title)} <small>({EDUCATION_ONLY})</small>"))
        super().__init__([header, *controls, self.text, self.out], **kwargs)
        model.observe(lambda change: self.show_result(change["new"]), "result")
        self.show_result(model.result)

    def render(self, result) -> tuple[str, tuple[str, str] | None]:
        """The words (HTML) and the chart (HTML, text summary) or None, for one result."""
        raise NotImplementedError  # pragma: no cover

    def _draw(self, result) -> tuple[str, tuple]:
        if isinstance(result, Refusal):
            return page(message_box(escape(result.message), result.kind)), ()
        words, chart = self.render(result)
        return page(words), (html_output(*chart),) if chart else ()

    def show_result(self, result) -> None:
        key = (result, style.is_lecture())
        drawn = self._cache.get(key)
        if drawn is None:
            drawn = self._cache[key] = self._draw(result)
            self.draws += 1
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        self.text.value, self.out.outputs = drawn
        self.renders += 1

    def __repr__(self) -> str:
        # What a page without a live kernel (slides, static HTML) shows instead of the controls.
        return f"{self.title}: an interactive explorer (run the notebook to use it)"


class LazyTabs(w.Tab):
    """Tabs whose explorers are built the first time each tab is opened.

    Building all eight explorers of the dashboard at once draws eight charts before anything shows
    (3-4 s on a small machine); the first tab is built at once, each other one when it is chosen.
    """

    def __init__(self, panels: dict[str, Callable[[], w.Widget]]):
        self.makers = list(panels.values())
        self.built = [False] * len(self.makers)
        super().__init__(children=[w.VBox() for _ in self.makers])
        self.titles = tuple(panels)
        self.observe(lambda change: self.build_tab(change["new"]), "selected_index")
        self.build_tab(0)

    def build_tab(self, index) -> None:
        """Build the explorer of tab ``index`` if it has not been built yet."""
        if index is None or self.built[index]:
            return
        self.children[index].children = (self.makers[index](),)
        self.built[index] = True
