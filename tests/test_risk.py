import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipm_lib import data, risk

pct = st.floats(min_value=0, max_value=100, allow_nan=False)
prob = st.floats(min_value=0, max_value=1, allow_nan=False)


def test_natural_frequency_examples():
    assert risk.natural_frequency(3.8) == "38 in 1,000"
    assert risk.natural_frequency(0.35) == "3.5 in 1,000"
    assert risk.natural_frequency(0.01) == "fewer than 1 in 1,000"
    assert risk.natural_frequency(0) == "0 in 1,000"
    assert risk.natural_frequency(12, 100) == "12 in 100"


@pytest.mark.parametrize("bad", [-1, 101, float("nan"), "3", None, True])
def test_rates_outside_0_100_are_refused(bad):
    with pytest.raises(ValueError, match="percentage from 0 to 100"):
        risk.per(bad)


@given(pct, pct)
def test_per_1000_is_ten_times_the_percentage_and_monotonic(a, b):
    assert math.isclose(risk.per(a), 10 * a)
    if a <= b:
        assert risk.per(a) <= risk.per(b)


@given(st.lists(prob, min_size=1, max_size=6))
def test_combined_risk_lies_between_the_largest_and_the_sum(ps):
    combined = risk.combine_independent(ps)
    assert max(ps) - 1e-12 <= combined <= min(1.0, sum(ps)) + 1e-12
    assert math.isclose(combined, risk.combine_independent(list(reversed(ps))), abs_tol=1e-12)


def test_combined_risk_of_two_known_values():
    assert math.isclose(risk.combine_independent([0.1, 0.2]), 1 - 0.9 * 0.8)


def test_comparison_framings():
    c = risk.Comparison(0.48, 0.09)
    assert math.isclose(c.risk_difference, 0.39)
    assert math.isclose(c.relative_risk, 0.48 / 0.09)
    assert math.isclose(c.number_needed, 1 / 0.39)
    assert risk.Comparison(0.2, 0.2).number_needed == math.inf
    assert risk.Comparison(0.1, 0.0).relative_risk == math.inf
    with pytest.raises(ValueError, match="fraction, not a percent"):
        risk.Comparison(48, 9)


@given(st.integers(1, 400), st.integers(1, 400), st.data())
def test_newcombe_interval_contains_the_difference_and_stays_in_range(n1, n2, draw):
    e1 = draw.draw(st.integers(0, n1))
    e2 = draw.draw(st.integers(0, n2))
    d, low, high = risk.risk_difference_ci(e1, n1, e2, n2)
    assert -1 <= low <= d <= high <= 1


def test_newcombe_is_close_to_wald_for_large_samples():
    d, low, high = risk.risk_difference_ci(4000, 10000, 3000, 10000)
    se = math.sqrt(0.4 * 0.6 / 10000 + 0.3 * 0.7 / 10000)
    assert math.isclose(low, d - 1.96 * se, abs_tol=0.001)
    assert math.isclose(high, d + 1.96 * se, abs_tol=0.001)


def test_wilson_interval_at_zero_events_is_not_degenerate():
    low, high = risk.wilson(0, 20)
    assert low == 0 and 0.1 < high < 0.2


def test_nnt_description_significant_and_not():
    clear = risk.number_needed(48, 100, 9, 100)
    assert clear.significant and clear.describe().startswith("NNT 3 (95% CI")
    unclear = risk.number_needed(12, 50, 10, 50)
    assert not unclear.significant
    assert "includes no effect" in unclear.describe() and "NNH" in unclear.describe()


@pytest.mark.parametrize("bad", [(-1, 10, 1, 10), (11, 10, 1, 10), (1, 0, 1, 10), (1.5, 10, 1, 10)])
def test_impossible_counts_are_refused(bad):
    with pytest.raises(ValueError):
        risk.number_needed(*bad)


def test_complication_rates_from_data_are_per_1000_and_named():
    rows = risk.complication_rates("scs_implant", "infection")
    assert len(rows) >= 2
    assert (rows["procedure"] == "Spinal cord stimulation, permanent implant").all()
    with_rate = rows.dropna(subset=["rate_pct"])
    assert (with_rate["per_1000"] == with_rate["rate_pct"] * 10).all()


def test_unknown_procedure_suggests_close_names():
    with pytest.raises(data.UnknownNameError, match="Did you mean 'scs_implant'"):
        risk.complication_rates("scs_implnt")
    with pytest.raises(data.UnknownNameError, match="risk"):
        risk.complication_rates(risk_id="infektion")


def test_outcome_comparison_of_process_matches_its_arms():
    result = risk.outcome_comparison("c_o03")  # PROCESS 24 months, with arm sizes
    row = data.load("outcomes").set_index("outcome_id").loc["c_o03"]
    assert math.isclose(
        result["risk_difference_pct"], row["treatment_value"] - row["control_value"]
    )
    e_t, n_t, e_c, n_c = result["counts_rebuilt"]
    assert (n_t, n_c) == (int(row["treatment_n"]), int(row["control_n"]))
    assert result["nnt_text"].startswith("NNT")


def test_outcome_comparison_refuses_means():
    with pytest.raises(ValueError, match="not a proportion"):
        risk.outcome_comparison("mint_facet_pain_3mo")
