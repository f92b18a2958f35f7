"""The dashboard's first view: its first tab as plain HTML, painted before the live widgets load.

In Voila, a widget is drawn only after the browser has fetched and run Voila's front end (about
5 MB of JavaScript) and connected to the kernel: 3-5 s on a small machine even when a preheated
kernel has already run the notebook. Plain HTML in the page is painted at once. ``first_view``
snapshots the first explorer as HTML (its title, the state of its controls, its chart and text);
the dashboard's Voila template (``share/jupyter/voila/templates/ipm-dashboard``) writes that HTML
straight into the page instead of leaving it to the front end, and a CSS rule hides it as soon as
the live tabs show a chart. Elsewhere (JupyterLab, nbconvert, a static notebook viewer) the view
is an ordinary HTML output: shown until the live tabs draw, or for good where widgets never load.

The snapshot reads only ipywidgets' public traits (``value``, ``label``, ``outputs``, ``children``),
so it follows any explorer without knowing how it is built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as w

from .ui import escape

# The metadata key that tells the dashboard's Voila template to write an output as plain HTML.
STATIC_KEY = "ipm_static_html"
# Hidden once the live tabs have drawn a chart. `:has()` is in every current browser; where it is
# not, the snapshot stays below the live tabs (nothing is lost).
STYLE = (
    "<style>"
    "body:has(.widget-tab .ipm-chart) .ipm-first-view{display:none}"
    ".ipm-first-view .ipm-fv-tabs{display:flex;flex-wrap:wrap;border-bottom:1px solid #bbb;"
    "margin-bottom:6px;font-size:13px}"
    ".ipm-first-view .ipm-fv-tab{padding:4px 10px;color:#555}"
    ".ipm-first-view .ipm-fv-tab.ipm-fv-selected{color:#000;border:1px solid #bbb;"
    "border-bottom:1px solid #fff;margin-bottom:-1px;background:#fff}"
    ".ipm-first-view .ipm-fv-control{margin:2px 0;font-size:13px}"
    ".ipm-first-view .ipm-fv-row{display:flex;gap:8px;flex-wrap:wrap}"
    ".ipm-first-view .ipm-fv-note{color:#555;font-size:12px;margin:4px 0}"
    "</style>"
)
LOADING_NOTE = "The controls are loading; this is the explorer's first view."


def _control(description: str, value: str) -> str:
    label = f"{escape(description)}: " if description else ""
    return f'<div class="ipm-fv-control">{label}<b>{escape(value)}</b></div>'


def _output_html(output: Mapping) -> str:
    bundle = output.get("data", {})
    if "text/html" in bundle:
        return str(bundle["text/html"])
    if "text/plain" in bundle:
        return f"<pre>{escape(bundle['text/plain'])}</pre>"
    if output.get("output_type") == "stream":
        return f"<pre>{escape(output.get('text', ''))}</pre>"
    return ""


def snapshot(widget: w.Widget) -> str:
    """The HTML of what ``widget`` shows now, with its controls as text (their current choice).

    Boxes keep their children's order; tabs show their titles and the selected tab; HTML widgets
    and Output widgets give their HTML; lists, toggles and sliders give their description and
    current value. Buttons and anything else with nothing to read are left out.
    """
    if isinstance(widget, w.Tab):
        index = widget.selected_index or 0
        titles = "".join(
            f'<span class="ipm-fv-tab{" ipm-fv-selected" if i == index else ""}">{escape(t)}</span>'
            for i, t in enumerate(widget.titles)
        )
        shown = snapshot(widget.children[index]) if widget.children else ""
        return f'<div class="ipm-fv-tabs">{titles}</div>{shown}'
    if isinstance(widget, w.Box):
        inner = "".join(snapshot(child) for child in widget.children)
        row = " ipm-fv-row" if isinstance(widget, w.HBox) else ""
        return f'<div class="ipm-fv-box{row}">{inner}</div>' if inner else ""
    if isinstance(widget, w.Output):
        return "".join(_output_html(o) for o in widget.outputs)
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        return str(widget.value)
    if isinstance(widget, w.Label):
        return f"<div>{escape(widget.value)}</div>"
    if isinstance(widget, (w.ToggleButtons, w.RadioButtons)):
        choices = " | ".join(
            f"<b>{escape(lab)}</b>" if lab == widget.label else escape(lab)
            for lab in widget._options_labels
        )
        label = f"{escape(widget.description)}: " if widget.description else ""
        return f'<div class="ipm-fv-control">{label}{choices}</div>'
    if isinstance(widget, (w.Dropdown, w.Select, w.SelectionSlider)):
        return _control(widget.description, "" if widget.label is None else widget.label)
    if isinstance(widget, (w.IntSlider, w.FloatSlider, w.BoundedIntText, w.BoundedFloatText)):
        return _control(widget.description, f"{widget.value:g}")
    if isinstance(widget, (w.Checkbox, w.ToggleButton)):
        return _control(widget.description, "yes" if widget.value else "no")
    return ""


def close_all(widget: w.Widget) -> None:
    """Close ``widget`` and every widget below it (children, tab pages), so none reaches the page."""
    for child in getattr(widget, "children", ()):
        close_all(child)
    widget.close()


def first_view_html(panels: Mapping[str, Callable[[], w.Widget]]) -> str:
    """The first view's HTML: the tab titles of ``panels`` and the first panel, built, snapshot
    and closed again (the live dashboard builds its own)."""
    if not panels:
        raise ValueError("first_view needs at least one panel (a title and a function building it)")
    titles = list(panels)
    first = next(iter(panels.values()))()
    try:
        body = snapshot(first)
    finally:
        close_all(first)
    tabs = "".join(
        f'<span class="ipm-fv-tab{" ipm-fv-selected" if i == 0 else ""}">{escape(t)}</span>'
        for i, t in enumerate(titles)
    )
    return (
        f'{STYLE}<div class="ipm-first-view" aria-busy="true">'
        f'<div class="ipm-fv-tabs">{tabs}</div>'
        f'<p class="ipm-fv-note">{escape(LOADING_NOTE)}</p>{body}</div>'
    )


class FirstView:
    """Displays as the first view's HTML, marked for the dashboard's Voila template."""

    def __init__(self, panels: Mapping[str, Callable[[], w.Widget]]):
        self.html = first_view_html(panels)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/html": self.html, "text/plain": "The dashboard's first view (HTML)."}
        return data, {STATIC_KEY: True}


def first_view(panels: Mapping[str, Callable[[], w.Widget]]) -> FirstView:
    """The dashboard's first tab as plain HTML, shown until the live tabs draw (see module doc)."""
    return FirstView(panels)
