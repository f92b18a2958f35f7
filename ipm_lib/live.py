"""Charts that widgets redraw many times: draw the fixed parts once, then only what changes.

Drawing a whole captioned matplotlib figure takes 150-450 ms on a small machine (text layout, ticks,
constrained layout), too slow for a slider in a lecture. A ``LiveFigure`` draws the frame (axes,
ticks, labels, legend, caption) once and keeps that picture; each update restores it and draws only
the artists that changed (matplotlib's "blitting"), then encodes the PNG.

The chart classes in ``plots`` build the figure and say which artists change; their plain functions
(``plots.pain_trajectory_chart`` and so on) use the same classes, so a notebook's static chart and a
widget's picture come from one piece of code.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


def encode_png(canvas: FigureCanvasAgg) -> bytes:
    """What the canvas last drew, as PNG bytes (no metadata, so the same picture gives the same bytes)."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png", compress_level=3)
    return buffer.getvalue()


def png_bytes(fig: Figure) -> bytes:
    """A whole figure as PNG bytes, laid out and drawn once.

    ``savefig`` lays a constrained-layout figure out in a dry run and then draws it again; one draw
    is enough. When something reaches past the figure's edge (a long title, say), the picture is
    cropped to include it, as a notebook's inline display does, instead of cutting it off.
    """
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = fig.get_tightbbox(canvas.get_renderer())
    inside = fig.bbox_inches.padded(0.01)
    if not (
        inside.x0 <= drawn.x0
        and drawn.x1 <= inside.x1
        and inside.y0 <= drawn.y0
        and drawn.y1 <= inside.y1
    ):
        # something reaches past the edge (a long title, say): crop to what was drawn, as savefig does
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
        return buffer.getvalue()
    return encode_png(canvas)


class LiveFigure:
    """A figure whose ``changing`` artists are redrawn alone over a stored picture of the rest.

    The positions of everything are fixed by the first draw (constrained layout runs once), so the
    changing artists must stay within the space the frame gave them: the chart classes fix axis limits
    and keep the number of lines of changing text.
    """

    def __init__(self, fig: Figure, changing: Iterable[Artist]):
        self.fig = fig
        self.changing = sorted(changing, key=lambda a: a.get_zorder())
        self.canvas = FigureCanvasAgg(fig)
        for artist in self.changing:
            artist.set_animated(True)
        self.canvas.draw()  # lays the figure out and draws everything that is not animated
        fig.set_layout_engine("none")
        self.background = self.canvas.copy_from_bbox(fig.bbox)

    def png(self) -> bytes:
        """The figure as it now stands, as PNG bytes (the frame plus the changing artists)."""
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        for artist in self.changing:
            if artist.get_visible():
                artist.draw(renderer)
        return encode_png(self.canvas)
