"""Charts redrawn in part (ipm_lib.live): the picture a widget shows after updates is the picture a
full draw of the same state gives, and a layout that cannot hold new text is refused, not clipped."""

import base64
import io

import ipywidgets
import numpy as np
import pytest
from PIL import Image

from ipm_lib import pathway, plots, style, trajectory
from ipm_lib import widgets as W
from ipm_lib.live import LiveFigure, png_bytes

SOURCE = "blackburn2021_complications"


@pytest.fixture(autouse=True)
def clean():
    yield
    ipywidgets.Widget.close_all()
    style.lecture_mode(False)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def differing(a: bytes, b: bytes) -> float:
    """Share of pixels that differ (1.0 if the sizes differ)."""
    x, y = pixels(a), pixels(b)
    if x.shape != y.shape:
        return 1.0
    return float((np.abs(x - y).sum(axis=2) > 0).mean())


def full(chart) -> bytes:
    """A complete draw of a chart in its current state (changing artists included)."""
    buffer = io.BytesIO()
    chart.fig.savefig(buffer, format="png")
    return buffer.getvalue()


# Changing artists are drawn over the frame, so where a curve crosses an axis spine the pixel order
# differs from a full draw: a few hundred pixels out of 400,000. A wrong curve or a stale title
# differs by far more (checked below with a different state).
SAME = 0.005


def pathway_results(rate: float, policy: str = "repeat_on_return"):
    params = pathway.PathwayParams(response_rate=rate, policy=policy, n_patients=300)
    result, times = pathway.simulate(params)
    return {pathway.POLICIES[policy]: (result, pathway.cumulative_procedures(times, 24))}


def trajectory_state(relief: float):
    curve = trajectory.pain_curve(7.0, relief)
    return {"expected course": curve}, 7.0, trajectory.pain_diary(curve)


CASES = {
    # name: (build a chart, update it to state k)
    "trajectory": (
        lambda: plots.PainTrajectory(["expected course"], (0, 210), diary=True),
        lambda chart, k: chart.update(*trajectory_state([20.0, 50.0, 90.0][k])),
    ),
    "pathway": (
        lambda: plots.PathwayChart(["scenario"], 24, 8, 8.4, 105),
        lambda chart, k: chart.update(pathway_results([0.2, 0.5, 0.9][k], ["single", "repeat_on_return", "stop_after_failure"][k])),
    ),
    "icons": (
        lambda: plots.IconArray(1, title_lines=4, caption_lines=1),
        lambda chart, k: chart.update({["A", "B: a longer name", "C"][k]: [(3.0, 1.0, 6.0), 40.0, 0.0][k]},
                                      [[SOURCE], ["mcgrath2011_esicomplications"], []][k]),
    ),
}  # fmt: skip


def in_first_layout(build, update, k):
    """A chart laid out for state 0 (as a live figure is), then fully drawn in state k."""
    chart = build()
    update(chart, 0)
    png_bytes(chart.fig)
    chart.fig.set_layout_engine("none")
    update(chart, k)
    return chart


@pytest.mark.parametrize("name", CASES)
def test_partial_redraw_matches_a_full_draw_of_the_same_state(name):
    build, update = CASES[name]
    chart = build()
    update(chart, 0)
    live = LiveFigure(chart.fig, chart.changing)
    for k in (1, 2):
        update(chart, k)
        shown = live.png()
        assert differing(shown, full(in_first_layout(build, update, k))) < SAME, f"state {k}"
        # and the comparison can fail: the previous state looks different
        assert differing(shown, full(in_first_layout(build, update, k - 1))) > 2 * SAME


def test_threshold_notes_sit_on_their_lines_after_an_update():
    chart = plots.PainTrajectory(["expected course"], (0, 210))
    chart.update({"expected course": trajectory.pain_curve(7.0, 50.0)}, 7.0)
    chart.update({"expected course": trajectory.pain_curve(4.0, 50.0)}, 4.0)
    for pct, line, note in chart.thresholds:
        level = 4.0 * (1 - pct / 100)
        assert line.get_ydata()[0] == pytest.approx(level)
        assert note.xyann[1] == pytest.approx(level) and note.xy[1] == pytest.approx(level)


def test_charts_refuse_states_their_layout_cannot_hold():
    icons = plots.IconArray(1, title_lines=2)
    with pytest.raises(ValueError, match="more than 2 lines"):
        icons.update({"A": (3.0, 1.0, 6.0)})  # name, value and range: three lines
    with pytest.raises(ValueError, match="1 panels, got 2"):
        icons.update({"A": 1.0, "B": 2.0})
    with pytest.raises(ValueError, match="caption"):
        plots.IconArray(1, caption_lines=1).update(
            {"A": 1.0}, [SOURCE, "mcgrath2011_esicomplications", "kornick2004_rfacomplications"]
        )
    small = plots.PathwayChart(["x"], 24, 2, 3.0)
    with pytest.raises(ValueError, match="0-2 procedures"):
        small.update(pathway_results(0.1))  # repeats up to 8 procedures
    with pytest.raises(ValueError, match="without a diary"):
        plots.PainTrajectory(["expected course"], (0, 210)).update(*trajectory_state(50.0))


def test_png_bytes_is_deterministic_and_the_size_of_the_figure():
    fig = plots.relief_timeline()
    first, second = png_bytes(fig), png_bytes(plots.relief_timeline())
    assert first == second
    width, height = Image.open(io.BytesIO(first)).size
    assert (width, height) == (round(fig.get_figwidth() * 100), round(fig.get_figheight() * 100))


def widget_image(view) -> bytes:
    return base64.b64decode(view.out.outputs[0]["data"]["image/png"])


def test_lecture_mode_builds_a_new_frame():
    view = W.PathwaySimulator()
    normal = pixels(widget_image(view)).shape
    style.lecture_mode(True)
    view.response.value = 0.3
    assert pixels(widget_image(view)).shape[1] > normal[1]


def test_png_bytes_keeps_text_that_reaches_past_the_edge():
    fig = plots.Figure(figsize=(3, 2), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title("a title far too long for a figure three inches wide, left-aligned", loc="left")
    width, _ = Image.open(io.BytesIO(png_bytes(fig))).size
    assert width > 300, "the title was cut off at the figure's edge"
