import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipm_lib import pathway
from ipm_lib.pathway import PathwayParams


def test_same_seed_same_cohort_other_seed_other_cohort():
    p = PathwayParams(n_patients=300, seed=7)
    a, ta = pathway.simulate(p)
    b, tb = pathway.simulate(p)
    assert a.equals(b) and np.array_equal(ta, tb, equal_nan=True)
    c, _ = pathway.simulate(PathwayParams(n_patients=300, seed=8))
    assert not a.equals(c)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(0, 1), st.floats(0.5, 24), st.sampled_from(list(pathway.POLICIES)),
    st.integers(1, 10), st.floats(1, 60), st.integers(0, 10_000),
)  # fmt: skip
def test_results_stay_within_their_bounds(rate, median, policy, k, horizon, seed):
    p = PathwayParams(response_rate=rate, relief_median_months=median, policy=policy,
                      max_procedures=k, horizon_months=horizon, n_patients=200, seed=seed)  # fmt: skip
    result, times = pathway.simulate(p)
    assert result["procedures"].between(1, k).all()
    assert (result["months_in_relief"] >= 0).all()
    assert (result["months_in_relief"] <= horizon + 1e-9).all()
    assert ((~np.isnan(times)).sum(axis=1) == result["procedures"]).all()
    assert (np.nan_to_num(times, nan=0) < horizon).all()


def test_single_policy_means_one_procedure_each():
    result, _ = pathway.simulate(PathwayParams(policy="single", n_patients=100))
    assert (result["procedures"] == 1).all()


def test_no_responders_means_no_relief():
    result, _ = pathway.simulate(PathwayParams(response_rate=0, n_patients=100))
    assert (result["months_in_relief"] == 0).all()


def test_everyone_responding_for_a_fixed_time_is_deterministic():
    p = PathwayParams(response_rate=1, relief_median_months=5, relief_spread=0, wait_months=1,
                      horizon_months=24, max_procedures=10, n_patients=10)  # fmt: skip
    result, _ = pathway.simulate(p)
    # procedures at months 0, 6, 12, 18 -> 4 procedures; relief 5+5+5+5 months
    assert (result["procedures"] == 4).all()
    assert np.allclose(result["months_in_relief"], 20)


def test_cost_is_procedures_times_price_and_summary_is_plain():
    p = PathwayParams(cost_per_procedure=1200, n_patients=100)
    result, times = pathway.simulate(p)
    assert (result["cost"] == result["procedures"] * 1200).all()
    s = pathway.summary(result, p)
    assert isinstance(s["mean_procedures"], float) and s["patients"] == 100
    cum = pathway.cumulative_procedures(times, p.horizon_months)
    assert cum["mean_procedures"].is_monotonic_increasing
    assert np.isclose(cum["mean_procedures"].iloc[-1], result["procedures"].mean())


@pytest.mark.parametrize("bad", [dict(response_rate=1.5), dict(relief_median_months=0), dict(policy="forever"),
                                 dict(n_patients=0), dict(cost_per_procedure=-1), dict(horizon_months=float("nan"))])  # fmt: skip
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValueError):
        PathwayParams(**bad)
