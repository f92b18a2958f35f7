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
