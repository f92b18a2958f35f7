"""Course charts drawn once to PNG (ipm_lib.render), and chart objects that refuse a state their
layout cannot hold instead of clipping it."""

import io

import pytest
from PIL import Image

from ipm_lib import pathway, plots, style, trajectory
from ipm_lib.render import png_bytes


@pytest.fixture(autouse=True)
def clean():
    yield
    style.lecture_mode(False)


def pathway_results(rate: float, policy: str = "repeat_on_return"):
    params = pathway.PathwayParams(response_rate=rate, policy=policy, n_patients=300)
    result, times = pathway.simulate(params)
    return {pathway.POLICIES[policy]: (result, pathway.cumulative_procedures(times, 24))}


def trajectory_state(relief: float):
    curve = trajectory.pain_curve(7.0, relief)
    return {"expected course": curve}, 7.0, trajectory.pain_diary(curve)


def test_threshold_notes_sit_on_their_lines_after_an_update():
    chart = plots.PainTrajectory(["expected course"], (0, 210))
    chart.update({"expected course": trajectory.pain_curve(7.0, 50.0)}, 7.0)
    chart.update({"expected course": trajectory.pain_curve(4.0, 50.0)}, 4.0)
    for pct, line, note in chart.thresholds:
        level = 4.0 * (1 - pct / 100)
        assert line.get_ydata()[0] == pytest.approx(level)
        assert note.xyann[1] == pytest.approx(level) and note.xy[1] == pytest.approx(level)


def test_charts_refuse_states_their_layout_cannot_hold():
    small = plots.PathwayChart(["x"], 24, 2, 3.0)
    with pytest.raises(ValueError, match=r"0-2 procedures per patient, got \[3, "):
        small.update(pathway_results(0.1))  # repeats up to 8 procedures
    with pytest.raises(ValueError, match="without a diary"):
        plots.PainTrajectory(["expected course"], (0, 210)).update(*trajectory_state(50.0))


def test_png_bytes_is_deterministic_and_the_size_of_the_figure():
    fig = plots.relief_timeline()
    first, second = png_bytes(fig), png_bytes(plots.relief_timeline())
    assert first == second
    width, height = Image.open(io.BytesIO(first)).size
    assert (width, height) == (round(fig.get_figwidth() * 100), round(fig.get_figheight() * 100))


def test_png_bytes_keeps_text_that_reaches_past_the_edge():
    fig = plots.Figure(figsize=(3, 2), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title("a title far too long for a figure three inches wide, left-aligned", loc="left")
    width, _ = Image.open(io.BytesIO(png_bytes(fig))).size
    assert width > 300, "the title was cut off at the figure's edge"
