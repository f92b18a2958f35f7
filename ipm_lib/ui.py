"""HTML building blocks shared by every view: one set of CSS classes and a message box.

Views build their HTML from these helpers instead of inline styles, so a colour changes in one place
(the palette in ``style``). ``STYLESHEET`` is a ``<style>`` element; a view includes it once in the
HTML it shows (repeating it is harmless: the rules are identical).
"""

from __future__ import annotations

import html

from .style import OKABE_ITO

KINDS = {"info": OKABE_ITO["blue"], "error": OKABE_ITO["vermillion"], "ok": OKABE_ITO["green"]}

STYLESHEET = (
    "<style>"
    ".ipm-msg{border-left:4px solid;padding:4px 10px;margin:4px 0}"
    + "".join(f".ipm-msg-{kind}{{border-left-color:{colour}}}" for kind, colour in KINDS.items())
    # reading tables (ipm_lib.tables): text reads left to right, rows top-aligned
    + ".ipm-table th,.ipm-table td{text-align:left;vertical-align:top}"
    + ".ipm-table abbr{text-decoration:underline dotted;cursor:help}"
    + "</style>"
)


def message_box(text: str, kind: str = "info") -> str:
    """A boxed message (``text`` is HTML, already escaped by the caller) of kind info, error or ok."""
    if kind not in KINDS:
        raise ValueError(f"message kind {kind!r} is not one of {sorted(KINDS)}")
    return f'{STYLESHEET}<div class="ipm-msg ipm-msg-{kind}">{text}</div>'


def escape(text: object) -> str:
    """Text for HTML (quotes escaped too)."""
    return html.escape(str(text))
