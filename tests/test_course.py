from ipm_lib.course import NOTEBOOKS, course_map


def test_course_map_has_one_row_per_notebook_in_order():
    table = course_map()
    assert list(table.index) == [n.number for n in NOTEBOOKS]
    assert list(table.index) == sorted(table.index)
    assert (table["minutes"] > 0).all()
    assert table.loc["00", "file"] == "00_start_here.ipynb"
