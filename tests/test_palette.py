"""One look per procedure and per family, from data/chart_styles.csv, checked by the validator."""

import shutil

import pandas as pd
import pytest

from ipm_lib import data, palette, validate


@pytest.fixture
def copy(tmp_path):
    """A fresh copy of the dataset for each change."""
    made = []

    def fresh():
        folder = tmp_path / f"data{len(made)}"
        shutil.copytree(data.data_dir(), folder)
        made.append(folder)
        return folder

    return fresh


def problems_after(copy, change) -> list[str]:
    folder = copy()
    path = folder / "chart_styles.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table = change(table)
    table.to_csv(path, index=False, lineterminator="\n")
    return [str(p) for p in validate.validate(folder) if "chart_styles" in p.file]


def test_the_course_table_is_valid_and_complete():
    problems = [p for p in validate.validate() if "chart_styles" in p.file]
    assert problems == []
    styles = data.load("chart_styles")
    procedures = data.load("procedures")
    assert set(styles.query("applies_to == 'procedure'")["style_id"]) == set(
        procedures["procedure_id"]
    )
    assert set(styles.query("applies_to == 'family'")["style_id"]) == set(procedures["family"])


def test_every_procedure_and_family_needs_one_look_of_its_own(copy):
    def drop(table):
        return table[table["style_id"] != "scs_trial"]

    assert any("procedure 'scs_trial' has no row" in p for p in problems_after(copy, drop))

    def misspell(table):
        table.loc[table["style_id"] == "scs_trial", "style_id"] = "scs_triall"
        return table

    found = problems_after(copy, misspell)
    assert any("unknown procedure 'scs_triall'" in p for p in found)

    def same(table):
        first = table.index[0]
        table.loc[table.index[2], ["colour", "marker"]] = table.loc[first, ["colour", "marker"]]
        return table

    found = problems_after(copy, same)
    assert any("has the same colour and marker as another" in p for p in found)

    def not_okabe_ito(table):
        table.loc[table.index[0], "colour"] = "red"
        return table

    assert any("colour" in p for p in problems_after(copy, not_okabe_ito))


def test_a_look_is_found_by_procedure_and_by_family():
    look = palette.look("scs_implant")
    row = (
        data.load("chart_styles")
        .set_index(["applies_to", "style_id"])
        .loc[("procedure", "scs_implant")]
    )
    assert (look.colour, look.marker) == (palette.OKABE_ITO[row["colour"]], row["marker"])
    assert palette.look("spinal_cord_stimulation", "family").hatch in palette.HATCHES
    with pytest.raises(data.UnknownNameError, match="scs_trial"):
        palette.look("scs_triall")
