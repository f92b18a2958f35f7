import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipm_lib import opioids
from ipm_lib.opioids import RegimenError


def test_cdc_worked_examples():
    # The CDC 2022 table's own footnote: hydrocodone 5 mg four times a day = 20 MME;
    # extended-release oxycodone 10 mg twice a day = 30 MME.
    assert opioids.mme_per_day([("hydrocodone", 5, 4)]) == 20
    assert opioids.mme_per_day([("oxycodone", 10, 2)]) == 30


def test_fentanyl_patch_is_dosed_in_mcg_per_hour():
    table = opioids.breakdown([("fentanyl_transdermal", 25, 1)])
    assert table.loc[0, "unit"] == "mcg/hr"
    assert math.isclose(table.loc[0, "mme_per_day"], 25 * table.loc[0, "mme_factor"])
    with pytest.raises(RegimenError, match="patch"):
        opioids.breakdown([("fentanyl_transdermal", 25, 3)])


def test_breakdown_lists_every_line_with_its_source():
    table = opioids.breakdown(
        [("morphine", 10, 3), {"opioid": "tramadol", "dose": 50, "per_day": 4}]
    )
    assert list(table["opioid"]) == ["morphine", "tramadol"]
    assert (table["source_id"] == "dowell2022_cdc").all()
    assert math.isclose(
        table["mme_per_day"].sum(), opioids.mme_per_day([("morphine", 10, 3), ("tramadol", 50, 4)])
    )


@pytest.mark.parametrize(
    "regimen, message",
    [
        ([("morfine", 10, 2)], "Did you mean 'morphine'"),
        ([("morphine", -5, 2)], "above 0"),
        ([("morphine", 0, 2)], "above 0"),
        ([("morphine", float("nan"), 2)], "finite"),
        ([("morphine", "ten", 2)], "must be a number"),
        ([("morphine", 10, 0)], "from 1 to 24"),
        ([("morphine", 10, 2.5)], "whole number"),
        ([("morphine", 10, 100)], "from 1 to 24"),
        ([("morphine", 5000, 1)], "right unit"),
        ([], "empty"),
        (["morphine"], "expected"),
    ],
)
def test_bad_lines_get_a_clear_message(regimen, message):
    with pytest.raises(RegimenError, match=message):
        opioids.mme_per_day(regimen)


def test_error_names_the_line():
    with pytest.raises(RegimenError, match="line 2"):
        opioids.mme_per_day([("morphine", 10, 2), ("oxycodone", -1, 2)])


drugs = st.sampled_from(["codeine", "hydrocodone", "hydromorphone", "methadone", "morphine",
                         "oxycodone", "oxymorphone", "tapentadol", "tramadol"])  # fmt: skip
line = st.tuples(drugs, st.floats(0.5, 40), st.integers(1, 4))  # stays below the sanity check


@given(st.lists(line, min_size=1, max_size=4), st.lists(line, min_size=1, max_size=4))
def test_mme_is_additive_over_lines(a, b):
    assert math.isclose(opioids.mme_per_day(a + b), opioids.mme_per_day(a) + opioids.mme_per_day(b))


@given(line, st.floats(1.01, 1.5))
def test_mme_grows_with_the_dose(item, k):
    drug, dose, per_day = item
    assert opioids.mme_per_day([(drug, dose * k, per_day)]) > opioids.mme_per_day(
        [(drug, dose, per_day)]
    )


def test_taper_change():
    change = opioids.taper_change([("oxycodone", 10, 2)], [("oxycodone", 5, 2)])
    assert change == {"before": 30, "after": 15, "change": -15, "change_pct": -50}
    assert opioids.taper_change([("oxycodone", 10, 2)], None)["after"] == 0


def test_cdc_context_marks_2016_thresholds_as_superseded():
    context = opioids.cdc_context().set_index("threshold_id")
    assert "superseded" in context.loc["cdc2016_mme_90", "meaning"]
    assert context.loc["cdc2016_mme_90", "value"] == 90
    assert math.isnan(context.loc["cdc2022_rec4", "value"])


def test_breakdown_columns_and_values():
    table = opioids.breakdown([("hydromorphone", 2, 3)])
    row = table.iloc[0]
    assert list(table.columns) == [
        "opioid",
        "dose",
        "per_day",
        "daily_dose",
        "unit",
        "mme_factor",
        "mme_per_day",
        "source_id",
    ]
    assert (
        row["dose"] == 2
        and row["per_day"] == 3
        and row["daily_dose"] == 6
        and row["unit"] == "mg/day"
    )
    assert row["mme_factor"] == 5.0 and row["mme_per_day"] == 30
    assert opioids.breakdown([opioids.Dose("morphine", 10)]).loc[0, "per_day"] == 1


def test_line_at_the_sanity_limit_is_allowed_and_just_above_is_not():
    assert opioids.mme_per_day([("morphine", 1000, 2)]) == 2000
    with pytest.raises(RegimenError, match="2,000"):
        opioids.mme_per_day([("morphine", 1001, 2)])
    assert opioids.mme_per_day([("morphine", 1, 24)]) == 24
    with pytest.raises(RegimenError, match="got 25"):
        opioids.mme_per_day([("morphine", 1, 25)])


def test_bad_shapes_and_types_are_named():
    with pytest.raises(RegimenError, match="line 1: expected"):
        opioids.mme_per_day([("morphine", 1, 2, 3)])
    with pytest.raises(RegimenError, match="line 1: the dose must be a number in mg"):
        opioids.mme_per_day([("morphine", True, 2)])
    with pytest.raises(RegimenError, match="doses per day must be a whole number, got True"):
        opioids.mme_per_day([("morphine", 5, True)])
    with pytest.raises(RegimenError, match="line 1: Unknown opioid"):
        opioids.mme_per_day([("heroin", 5, 1)])
