"""Course charts drawn once to PNG (ipm_lib.render): deterministic, the figure's size, nothing cut off."""

import io

import pytest
from PIL import Image

from ipm_lib import plots, style
from ipm_lib.render import png_bytes


@pytest.fixture(autouse=True)
def clean():
    yield
    style.lecture_mode(False)


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
