"""The drawing kit of the schematics: named parts, labels with leader lines, needle routes, and a
highlight with a second cue (colour, hatching, a thick outline and the word "Target").

Every schematic draws on a 100 x 62 grid (x to the right, y up) with labels in a left column (x < 22)
and a right column (x > 78). Text size grows with the figure in lecture mode, so a layout that reads
well at one size reads well at the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Patch, Polygon

from .. import style

WIDTH, HEIGHT = 100.0, 62.0
FIG_INCHES = (10.0, 6.6)
LABEL_PT = 11.0
TITLE_PT = 14.0

# Fill colours of tissue kinds: light tints so the Okabe-Ito highlight and needle stand out.
BONE = "#EDE6D6"
BONE_EDGE = "#6B5E4B"
DISC = "#BFE3F5"
CSF = "#D9EEF9"
DURA = style.OKABE_ITO["sky_blue"]
FAT = "#FFF6C8"
NERVE = style.OKABE_ITO["yellow"]
NERVE_EDGE = "#5C5500"
ARTERY = style.OKABE_ITO["purple"]
VEIN = style.OKABE_ITO["blue"]
MUSCLE = "#EAD3CB"
ORGAN = "#E9E4EF"
SKIN = "#F3E3D3"
DEVICE = "#8C8C8C"
LEAD = style.OKABE_ITO["green"]
HIGHLIGHT = style.OKABE_ITO["vermillion"]
NEEDLE = style.OKABE_ITO["black"]
TEXT = "#222222"


def scale() -> float:
    """How much larger figures and text are in lecture mode."""
    return style.figsize(1.0, 1.0)[0]


@dataclass
class Sketch:
    """One schematic being drawn: its axes, its parts by name, their labels, and its routes."""

    title: str
    fig: Figure = field(init=False)
    parts: dict[str, list] = field(default_factory=dict)
    labels: dict[str, list] = field(default_factory=dict)
    routes: dict[str, list[list[tuple[float, float]]]] = field(default_factory=dict)
    route_labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.fig = Figure(figsize=style.figsize(*FIG_INCHES), layout="constrained")
        ax = self.fig.add_subplot()
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(0, HEIGHT)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(self.title, fontsize=TITLE_PT * scale(), loc="left", color=TEXT)
        self.ax = ax

    # --- shapes -------------------------------------------------------------------------------
    def _keep(self, part: str | None, artist):
        if part:
            self.parts.setdefault(part, []).append(artist)
        return artist

    def poly(self, part, points, fc, ec=BONE_EDGE, lw=1.2, z=2, **kw):
        return self._keep(
            part,
            self.ax.add_patch(Polygon(points, closed=True, fc=fc, ec=ec, lw=lw, zorder=z, **kw)),
        )

    def ellipse(self, part, xy, w, h, fc, ec=BONE_EDGE, lw=1.2, z=2, angle=0.0, **kw):
        return self._keep(
            part,
            self.ax.add_patch(Ellipse(xy, w, h, angle=angle, fc=fc, ec=ec, lw=lw, zorder=z, **kw)),
        )

    def circle(self, part, xy, r, fc, ec=BONE_EDGE, lw=1.2, z=3, **kw):
        return self._keep(
            part, self.ax.add_patch(Circle(xy, r, fc=fc, ec=ec, lw=lw, zorder=z, **kw))
        )

    def box(self, part, x, y, w, h, fc, ec=BONE_EDGE, lw=1.2, z=2, pad=0.8):
        patch = FancyBboxPatch(
            (x, y), w, h, boxstyle=f"round,pad=0,rounding_size={pad}", fc=fc, ec=ec, lw=lw, zorder=z
        )
        return self._keep(part, self.ax.add_patch(patch))

    def line(self, part, points, color, lw=2.5, z=4, ls="-"):
        xs, ys = zip(*points, strict=True)
        (artist,) = self.ax.plot(
            xs, ys, color=color, lw=lw * scale(), zorder=z, ls=ls, solid_capstyle="round"
        )
        return self._keep(part, artist)

    def nerve(self, part, points, lw=2.2, z=5):
        """A nerve: yellow with a dark edge, so it reads on any background and in grey."""
        self.line(None, points, NERVE_EDGE, lw=lw + 1.6, z=z)
        return self.line(part, points, NERVE, lw=lw, z=z + 0.1)

    # --- words --------------------------------------------------------------------------------
    def label(self, part: str, text: str, anchor, at, ha: str | None = None):
        """Name a part: the text at ``at`` with a leader line to ``anchor`` on the part."""
        ha = ha or ("right" if at[0] < WIDTH / 2 else "left")
        annotation = self.ax.annotate(
            text,
            xy=anchor,
            xytext=at,
            ha=ha,
            va="center",
            fontsize=LABEL_PT * scale(),
            color=TEXT,
            zorder=10,
            arrowprops={
                "arrowstyle": "-",
                "color": "#555555",
                "lw": 0.9 * scale(),
                "shrinkA": 2,
                "shrinkB": 0,
            },
        )
        self.labels.setdefault(part, []).append(annotation)
        return annotation

    def note(self, text: str, at, ha="left", size=0.85, color="#444444", style_="italic"):
        """Small text that names nothing (orientation, 'not to scale')."""
        return self.ax.text(
            *at,
            text,
            ha=ha,
            va="center",
            fontsize=LABEL_PT * size * scale(),
            color=color,
            style=style_,
            zorder=10,
        )

    # --- routes -------------------------------------------------------------------------------
    def route(self, name: str, *needles, label: str = "needle"):
        """A needle route: one or more needles, each a list of points from the skin to the tip."""
        self.routes[name] = [list(n) for n in needles]
        self.route_labels[name] = label

    def draw_route(self, name: str) -> list:
        """Draw a route's needles as thick black lines ending in an arrowhead at the tip."""
        artists = []
        for needle in self.routes[name]:
            xs, ys = zip(*needle, strict=True)
            (shaft,) = self.ax.plot(
                xs[:-1] + (xs[-1],),
                ys[:-1] + (ys[-1],),
                color="white",
                lw=6 * scale(),
                zorder=11,
                solid_capstyle="round",
            )
            (core,) = self.ax.plot(xs, ys, color=NEEDLE, lw=3 * scale(), zorder=12)
            tip = self.ax.annotate(
                "",
                xy=needle[-1],
                xytext=needle[-2],
                zorder=13,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": NEEDLE,
                    "lw": 3 * scale(),
                    "mutation_scale": 18 * scale(),
                    "shrinkA": 0,
                    "shrinkB": 0,
                },
            )
            artists += [shaft, core, tip]
        start = self.routes[name][0][0]
        artists.append(
            self.ax.text(
                start[0],
                start[1] + 1.8,
                self.route_labels[name],
                ha="center",
                va="bottom",
                fontsize=LABEL_PT * scale(),
                weight="bold",
                color=NEEDLE,
                zorder=13,
                bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1},
            )
        )
        self.parts.setdefault(f"route:{name}", []).extend(artists)
        return artists

    def highlight(self, part: str) -> None:
        """Mark a part as the target: vermillion, hatched, thick outline, and 'Target:' in bold."""
        for artist in self.parts[part]:
            if isinstance(artist, Patch):
                artist.set_facecolor(HIGHLIGHT)
                artist.set_hatch("///")
                artist.set_edgecolor("black")
                artist.set_linewidth(2.4 * scale())
            elif isinstance(artist, Line2D):
                artist.set_color(HIGHLIGHT)
                artist.set_linewidth(artist.get_linewidth() * 1.8)
        for text in self.labels.get(part, []):
            text.set_text("Target: " + text.get_text())
            text.set_weight("bold")
            text.set_color("#8A2E00")
            text.arrow_patch.set_color(HIGHLIGHT)
            text.arrow_patch.set_linewidth(2.2 * scale())
        self.fig._ipm_target = part

    def legend(self, with_route: bool, with_target: bool) -> None:
        """Say what the highlight and the needle mean (a legend for the two cues)."""
        handles = []
        if with_target:
            handles.append(Patch(fc=HIGHLIGHT, ec="black", hatch="///", label="target"))
        if with_route:
            handles.append(Line2D([], [], color=NEEDLE, lw=3 * scale(), label="needle route"))
        if handles:
            self.ax.legend(
                handles=handles,
                loc="lower right",
                fontsize=LABEL_PT * 0.9 * scale(),
                frameon=True,
                framealpha=0.9,
                bbox_to_anchor=(1.0, -0.02),
            )
