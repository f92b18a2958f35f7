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


@pytest.mark.parametrize(
    "bad, message",
    [
        (dict(response_rate=-0.01), "response_rate must be between 0 and 1"),
        (dict(response_rate=1.01), "response_rate must be between 0 and 1"),
        (dict(relief_median_months=-1), "relief_median_months must be above 0"),
        (dict(relief_spread=-0.1), "relief_spread must be from 0 to 3"),
        (dict(relief_spread=3.1), "relief_spread must be from 0 to 3"),
        (dict(max_procedures=0), "max_procedures must be from 1 to 100"),
        (dict(max_procedures=101), "max_procedures must be from 1 to 100"),
        (dict(wait_months=-0.5), "wait_months must not be negative"),
        (dict(cost_per_procedure=-1), "cost_per_procedure must not be negative"),
        (dict(horizon_months=0), "horizon_months must be above 0 and at most 600"),
        (dict(horizon_months=601), "horizon_months must be above 0 and at most 600"),
        (dict(n_patients=1_000_001), "n_patients must be from 1 to 1,000,000"),
        (dict(cost_per_procedure=float("inf")), "cost_per_procedure must be a finite number"),
        (dict(wait_months=float("inf")), "wait_months must be a finite number"),
    ],
)
def test_each_bad_parameter_is_named(bad, message):
    with pytest.raises(ValueError, match=message):
        PathwayParams(**bad)


def test_boundary_parameters_are_accepted():
    PathwayParams(
        response_rate=0,
        relief_spread=0,
        max_procedures=1,
        wait_months=0,
        horizon_months=600,
        n_patients=1,
    )
    PathwayParams(response_rate=1, relief_spread=3, max_procedures=100, n_patients=1_000_000)


def test_stop_after_failure_stops_at_the_first_failure():
    p = PathwayParams(response_rate=0, policy="stop_after_failure", n_patients=50)
    result, _ = pathway.simulate(p)
    assert (result["procedures"] == 1).all()
    repeat, _ = pathway.simulate(PathwayParams(response_rate=0, policy="repeat_on_return", wait_months=1,
                                               max_procedures=8, n_patients=50))  # fmt: skip
    assert (repeat["procedures"] == 8).all()  # a failure every month, capped at 8


def test_procedure_times_follow_relief_and_waiting():
    p = PathwayParams(response_rate=1, relief_median_months=3, relief_spread=0, wait_months=2,
                      horizon_months=12, max_procedures=10, n_patients=3)  # fmt: skip
    _, times = pathway.simulate(p)
    assert np.array_equal(times[0][:3], [0, 5, 10]) and np.isnan(times[0][3:]).all()


def test_relief_is_cut_at_the_horizon():
    p = PathwayParams(
        response_rate=1, relief_median_months=30, relief_spread=0, horizon_months=12, n_patients=5
    )
    result, _ = pathway.simulate(p)
    assert np.allclose(result["months_in_relief"], 12) and np.allclose(
        result["fraction_in_relief"], 1
    )


def test_summary_values_match_the_cohort():
    p = PathwayParams(n_patients=400, cost_per_procedure=100, seed=3)
    result, _ = pathway.simulate(p)
    s = pathway.summary(result, p)
    assert s["patients"] == 400 and s["horizon_months"] == 24
    assert np.isclose(s["mean_procedures"], result["procedures"].mean())
    assert np.isclose(s["share_3_or_more_pct"], (result["procedures"] >= 3).mean() * 100)
    assert np.isclose(s["mean_months_in_relief"], result["months_in_relief"].mean())
    assert np.isclose(s["mean_fraction_in_relief_pct"], result["fraction_in_relief"].mean() * 100)
    assert np.isclose(s["share_never_relieved_pct"], (result["months_in_relief"] == 0).mean() * 100)
    assert np.isclose(s["mean_cost"], result["cost"].mean())


def test_cumulative_procedures_on_a_known_array():
    times = np.array([[0.0, 2.0, np.nan], [1.0, np.nan, np.nan]])
    cum = pathway.cumulative_procedures(times, 3, step=1)
    assert list(cum["month"]) == [0, 1, 2, 3]
    assert list(cum["mean_procedures"]) == [0.5, 1.0, 1.5, 1.5]
