import numpy as np
import pytest

from ipm_lib import trajectory


def test_curve_shape():
    curve = trajectory.pain_curve(baseline=7, relief_pct=60, flare_rise=1, flare_days=3, onset_days=7,
                                  duration_days=120, return_days=30, days=200)  # fmt: skip
    pain = curve.set_index("day")["pain"]
    assert pain[0] == 8 and pain[2] == 8  # flare
    assert np.isclose(pain[60], 7 * 0.4)  # relief plateau
    assert pain[200] == 7  # back to baseline
    assert curve["pain"].between(0, 10).all()


@pytest.mark.parametrize("bad", [dict(baseline=11), dict(baseline=9.5, flare_rise=1), dict(relief_pct=120),
                                 dict(flare_days=10, onset_days=5), dict(days=-1)])  # fmt: skip
def test_out_of_scale_inputs_are_refused_not_clamped(bad):
    with pytest.raises(ValueError):
        trajectory.pain_curve(**bad)


def test_change_categories_follow_the_sourced_thresholds():
    assert trajectory.change_category(8, 4)["category"] == "substantial improvement"
    moderate = trajectory.change_category(10, 7)
    assert moderate["responder_30pct"] and not moderate["responder_50pct"]
    assert trajectory.change_category(5, 5)["category"] == "no improvement"
    small = trajectory.change_category(10, 9.5)
    assert small["category"] == "less than a minimally important change"
    assert trajectory.change_category(4, 2)["clinically_important_2pt"]
    with pytest.raises(ValueError):
        trajectory.change_category(0, 0)


def test_diary_is_reproducible_whole_numbers_on_the_scale():
    curve = trajectory.pain_curve()
    a = trajectory.pain_diary(curve, seed=3)
    assert a.equals(trajectory.pain_diary(curve, seed=3))
    assert a["score"].between(0, 10).all() and a["score"].dtype.kind == "i"


def test_curve_points_at_every_phase_boundary():
    curve = trajectory.pain_curve(baseline=6, relief_pct=50, flare_rise=2, flare_days=2, onset_days=6,
                                  duration_days=10, return_days=4, days=20)  # fmt: skip
    pain = curve.set_index("day")["pain"]
    assert list(curve.columns) == ["day", "pain"] and len(curve) == 21
    assert pain[1] == 8  # flare until flare_days
    assert pain[2] == 6  # the ramp starts at baseline
    assert np.isclose(pain[4], 4.5)  # half-way down the ramp to 3
    assert pain[6] == 3 and pain[10] == 3  # relief from onset to the end of its duration
    assert np.isclose(pain[12], 4.5)  # half-way back
    assert pain[14] == 6 and pain[20] == 6


def test_curve_without_a_ramp_drops_at_once():
    pain = trajectory.pain_curve(
        baseline=5, relief_pct=40, flare_days=3, onset_days=3, flare_rise=0
    ).set_index("day")["pain"]
    assert pain[2] == 5 and pain[3] == 3


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(baseline=-1), "baseline must be a pain score from 0 to 10"),
        (dict(relief_pct=-1), "relief_pct must be from 0 to 100, got -1"),
        (dict(relief_pct=101), "relief_pct must be from 0 to 100"),
        (dict(baseline=9.5, flare_rise=1), "baseline \\+ flare_rise must be a pain score"),
        (dict(flare_rise=-1), "flare_rise must not be negative, got -1"),
        (dict(flare_days=-1), "flare_days must be a whole number of days"),
        (dict(onset_days=2.5), "onset_days must be a whole number"),
        (dict(duration_days=-3), "duration_days must be a whole number"),
        (dict(return_days=-3), "return_days must be a whole number"),
        (dict(onset_days=200, duration_days=100), "flare_days <= onset_days <= duration_days"),
    ],
)
def test_each_bad_parameter_is_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        trajectory.pain_curve(**kwargs)


def test_boundary_values_are_accepted():
    assert trajectory.pain_curve(baseline=0, relief_pct=0, flare_rise=0)["pain"].max() == 0
    assert trajectory.pain_curve(baseline=9, relief_pct=100, flare_rise=1)["pain"].max() == 10
    assert trajectory.pain_curve(days=0).shape == (1, 2)


@pytest.mark.parametrize(
    "baseline, current, category",
    [
        (10, 5, "substantial improvement"),  # exactly 50%
        (10, 7, "moderately important improvement"),  # exactly 30%
        (10, 9, "minimally important improvement"),  # exactly 10%
        (10, 9.1, "less than a minimally important change"),
        (5, 6, "no improvement"),
    ],
)
def test_category_boundaries(baseline, current, category):
    assert trajectory.change_category(baseline, current)["category"] == category


def test_change_values_and_sources():
    result = trajectory.change_category(8, 5)
    assert result["points"] == 3 and np.isclose(result["percent"], 37.5)
    assert (
        result["responder_30pct"]
        and not result["responder_50pct"]
        and result["clinically_important_2pt"]
    )
    assert result["source_ids"] == ["dworkin2008_immpact", "farrar2001_pain"]
    assert not trajectory.change_category(8, 6.5)["clinically_important_2pt"]
    with pytest.raises(ValueError, match="current must be a pain score"):
        trajectory.change_category(5, 11)
    with pytest.raises(ValueError, match="baseline pain is 0"):
        trajectory.change_category(0, 0)


def test_diary_days_and_exact_values_without_noise():
    curve = trajectory.pain_curve(baseline=7, relief_pct=50)
    diary = trajectory.pain_diary(curve, noise_sd=0, every=7)
    assert list(diary.columns) == ["day", "score"]
    assert list(diary["day"][:3]) == [0, 7, 14]
    expected = np.rint(curve.set_index("day").loc[diary["day"], "pain"].to_numpy()).astype(int)
    assert (diary["score"].to_numpy() == expected).all()
    assert not trajectory.pain_diary(curve, seed=1).equals(trajectory.pain_diary(curve, seed=2))
    with pytest.raises(ValueError, match="noise_sd must not be negative"):
        trajectory.pain_diary(curve, noise_sd=-1)
    with pytest.raises(ValueError, match="every must be a whole number of days"):
        trajectory.pain_diary(curve, every=0)


def test_diary_response_is_judged_on_the_window_average_not_the_best_day():
    import pandas as pd

    diary = pd.DataFrame({"day": [0, 7, 14, 21, 28], "score": [8, 2, 5, 5, 5]})
    judged = trajectory.diary_response(diary, baseline=7, first_day=7, last_day=28)
    assert judged["mean_score"] == 4.25 and judged["entries"] == 4
    assert judged["percent"] == pytest.approx((7 - 4.25) / 7 * 100)
    best = trajectory.change_category(7, 2)  # the single best day would claim far more
    assert best["percent"] > judged["percent"]


def test_diary_response_refuses_an_empty_or_reversed_window():
    import pandas as pd

    diary = pd.DataFrame({"day": [0, 7], "score": [7, 5]})
    with pytest.raises(ValueError, match="no diary entry from day 30 to day 40"):
        trajectory.diary_response(diary, 7, 30, 40)
    with pytest.raises(ValueError, match="run forwards"):
        trajectory.diary_response(diary, 7, 14, 7)
