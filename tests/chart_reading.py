"""Read what a chart shows, from a matplotlib figure (its artists) or from webchart's HTML (parsed),
as the same plain structure: title, axis labels, row labels, legend entries with their second cue,
and caption. The parity tests compare the two."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ipm_lib import palette

VOID = {"br", "img", "input", "hr", "meta", "col"}
MPL_HATCH = {v: k for k, v in palette.HATCHES.items()} | {"....": "dots", "////": "diagonal"}


def flat(text: str) -> str:
    """Text without line breaks or spacing (wrapping differs between renderers) or TeX escapes."""
    return re.sub(r"\s+", "", text.replace("\\$", "$"))


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append("\n")
            elif child.tag not in ("title", "style"):
                parts.append(child.text())
        return "".join(parts)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, cls: str) -> list[Node]:
        return [n for n in self.walk() if cls in n.classes]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(Node(tag, attrs, self.node))

    def handle_endtag(self, tag):
        node = self.node
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def parse(page: str) -> Node:
    parser = _Parser()
    parser.feed(page)
    parser.close()
    return parser.root


def _html_cue(key: Node) -> tuple:
    cues = []
    for n in key.walk():
        for attr in ("data-marker", "data-hatch", "data-dash"):
            if attr in n.attrs:
                cues.append((attr[5:], n.attrs[attr]))
    return tuple(sorted(set(cues) - {("hatch", "none")}))


def read_html(page: str) -> dict:
    root = parse(page)
    titles = [n.text() for n in root.find("ipm-chart-title")]
    keys = root.find("ipm-key")
    favours = [
        (n.find("ipm-favours-left")[0].text(), n.find("ipm-favours-right")[0].text())
        for n in root.find("ipm-favours")
    ]
    return {
        "title": flat(titles[0]) if titles else "",
        "xlabels": [flat(n.text()) for n in root.find("ipm-xlabel")],
        "ylabels": [flat(n.text()) for n in root.find("ipm-ylabel")],
        "rows": [flat(n.text()) for n in root.find("ipm-label")],
        "legend": [(flat(k.text()), _html_cue(k)) for k in keys],
        "favours": [(flat(a), flat(b)) for a, b in favours],
        "caption": "".join(flat(n.text()) for n in root.find("ipm-caption")),
        "all": flat(root.text()),
    }


def _mpl_cue(handle) -> tuple:
    cues = []
    parts = handle if isinstance(handle, tuple) else (handle,)
    for h in parts:
        if isinstance(h, Line2D):
            if h.get_marker() not in (None, "None", "", " "):
                cues.append(("marker", h.get_marker()))
            elif h.get_linestyle() not in ("None", ""):
                cues.append(("dash", h.get_linestyle()))
        elif isinstance(h, Patch) and h.get_hatch():
            cues.append(("hatch", MPL_HATCH[h.get_hatch()]))
    return tuple(sorted(set(cues)))


def read_figure(fig, handles=None) -> dict:
    """``handles`` (label -> handle) overrides the legend's drawn handles, for tuple handles."""
    titles = [fig._suptitle.get_text()] if fig._suptitle else []
    titles += [lg.get_title().get_text() for lg in fig.legends if lg.get_title().get_text()]
    for ax in fig.axes:
        titles += [ax.get_title(loc) for loc in ("left", "center") if ax.get_title(loc)]
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    legend = []
    for lg in legends:
        for text, handle in zip(lg.get_texts(), lg.legend_handles, strict=True):
            label = text.get_text()
            legend.append((flat(label), _mpl_cue((handles or {}).get(label, handle))))
    xlabels, favours = [], []
    for ax in fig.axes:
        label = ax.get_xlabel()
        if not label:
            continue
        first, *rest = label.split("\n")
        xlabels.append(flat(first))
        for line in rest:
            left, right = line.split("|")
            favours.append((flat(left), flat(right)))
    rows = [flat(t.get_text()) for ax in fig.axes for t in ax.get_yticklabels() if t.get_text()]
    texts = [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes for t in ax.texts]
    return {
        "titles": [flat(t) for t in titles],
        "xlabels": xlabels,
        "ylabels": [flat(ax.get_ylabel()) for ax in fig.axes if ax.get_ylabel()],
        "rows": rows,
        "legend": legend,
        "favours": favours,
        "caption": flat(fig._supxlabel.get_text()) if fig._supxlabel else "",
        "texts": [flat(t) for t in texts],
    }
