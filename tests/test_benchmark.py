"""The benchmark's bookkeeping (its timings are measured by `make benchmark`, never asserted here)."""

import nbformat
import pytest

from benchmarks.run import WIDGET_VIEW, cell_kind, quantile


def code_cell(*outputs):
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data=data) for data in outputs]
    return cell


PNG = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}
VIEW = {WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "Widget"}
TABLE = {"text/html": "<table></table>", "text/plain": "table"}


@pytest.mark.parametrize(
    ("outputs", "kind"),
    [
        ((PNG,), "charts"),
        ((VIEW,), "widgets"),
        ((TABLE,), "other"),
        ((), "other"),
        ((TABLE, PNG), "charts"),  # a table and a chart: the chart's drawing is what costs
        ((VIEW, PNG), "charts"),
    ],
)
def test_cells_are_classed_by_what_they_show(outputs, kind):
    assert cell_kind(code_cell(*outputs), first_code=False) == kind


def test_the_first_code_cell_counts_as_imports_whatever_it_shows():
    assert cell_kind(code_cell(PNG), first_code=True) == "imports"


def test_stream_output_alone_is_other():
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    assert cell_kind(cell, first_code=False) == "other"


def test_quantile_interpolates_between_ordered_values():
    assert quantile([4.0, 1.0, 3.0, 2.0], 0.5) == pytest.approx(2.5)
    assert quantile([10.0, 0.0], 0.95) == pytest.approx(9.5)
    assert quantile([7.0], 0.95) == 7.0
